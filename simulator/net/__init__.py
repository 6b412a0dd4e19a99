"""Reading real packet captures (pcap, pcapng) into a fast TCP index, without any Qt.

Entry points: :func:`simulator.net.capture_index.build_index`,
:func:`simulator.net.analyze.analyze_capture` and
:func:`simulator.net.packet_detail.dissect_packet`.
"""
