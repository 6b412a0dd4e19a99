"""Pure protocol models: no Qt, no scapy, no I/O, no clock (ARCHITECTURE.md, layer rule).

Everything a learner sees is computed here; views only draw it. One room per protocol —
``tcp``, ``http``, ``wsgi``, which never import each other — under the ``timeline`` core that
carries each layer's snapshot; ``simulation`` and ``replay`` make timelines (in virtual time,
or from captured segments); ``lessons`` sit on top. import-linter holds this order.
"""
