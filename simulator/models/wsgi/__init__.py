"""The server's side (PEP 3333): a request's call chain through WSGI and Flask, environ, the
gateways, the classic Flask 1.x path. Pure: imports nothing of tcp, http or timeline.
"""
