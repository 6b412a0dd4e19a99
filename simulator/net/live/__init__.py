"""A real request to a real Flask app on a real WSGI server on 127.0.0.1, its call chain
recorded as it runs (and CGI for comparison). Uses the pure models; never capture; no Qt.
"""
