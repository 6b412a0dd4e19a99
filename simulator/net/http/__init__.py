"""HTTP in captures: each direction's byte stream reassembled, parsed into messages, paired
into exchanges with each client's cookie jar. Uses capture and the pure models; no Qt.
"""
