"""HTTP (RFC 9110/9112) and cookies (RFC 6265): messages, the browser's jar, the server's
session store and Flask's signed session. Pure: imports nothing of tcp, wsgi or timeline.
"""
