"""The Timeline, the one currency between sources and views: steps that carry each layer's
snapshot (tcp, http, wsgi), its sequence numbers (each connection's ISNs: ``numbers``), and
its JSON and text forms. Imports only the protocol packages.
"""
