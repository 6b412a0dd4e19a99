"""The server's views: the call chain with its source, environ, Flask's contexts, CGI vs
FastCGI vs WSGI, and the live trace dialog. Uses common and text; no other room.
"""
