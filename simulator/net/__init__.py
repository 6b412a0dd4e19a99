"""Reading real packet captures (pcap, pcapng) into a fast TCP index, without any Qt.

Entry points: :func:`simulator.net.capture.index.build_index`,
:func:`simulator.net.analyze.analyze_capture` and
:func:`simulator.net.capture.packet_detail.dissect_packet`.
"""
