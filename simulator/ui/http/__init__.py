"""HTTP's views: the message, the browser's cookie jar, the server's session store and
Flask's signed cookie. Uses common and text; no other room.
"""
