"""The project's own real-kernel TCP corpus: the TCP scenarios run with real Linux sockets.

See README.md beside this file. Linux only, as root; run ``python -m tools.kernel_corpus``.
"""
