"""HTTP (RFC 9110/9112) and cookies (RFC 6265): messages written and parsed (one h11-based
stream parser, strict for the simulation and tolerant for captures), the browser's jar, the
server's session store and Flask's signed session; the problems a parser records, as templates
the window translates (``problems``). Pure: imports nothing of tcp, wsgi or timeline.
"""
