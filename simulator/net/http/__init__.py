"""HTTP in captures: each direction's byte stream reassembled (``streams``), parsed by the
tolerant parser of ``models.http`` and paired into exchanges (``exchanges``), each client's
cookie jar replayed over them (``jars``); ``capture_http`` runs it all, ``replay_layer`` shows
it at a packet. Uses capture and the pure models; no Qt.
"""
