"""Pure protocol models: no Qt, no scapy, no I/O, no clock (ARCHITECTURE.md, layer rule).

Everything a learner sees is computed here; views only draw it.
"""
