"""Files and sockets, without any Qt: ``capture`` reads pcap/pcapng into a fast TCP index and
dissects one packet on demand; ``http`` finds a capture's HTTP above it; ``live`` serves a
real Flask app on 127.0.0.1 and records a request's call chain, apart from both. ``analyze``
puts a capture's connections, states and HTTP into one document for scripts.

Entry points: :func:`simulator.net.capture.index.build_index`,
:func:`simulator.net.analyze.analyze_capture`,
:func:`simulator.net.capture.packet_detail.dissect_packet` and
:func:`simulator.net.live.trace.trace_requests`.
"""
