"""Reading capture files (pcap, pcapng) on scapy's raw readers into a numpy index of TCP
segments and connections; one packet dissected on demand; a connection replayed; what the
reader tells a learner, as templates the window translates (``messages``). No Qt.
"""
