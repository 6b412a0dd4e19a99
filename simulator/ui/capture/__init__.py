"""Captures in the window: loading off the GUI thread, the connection table, the packet's
dissection and bytes. Uses common, text and the tcp room's layout.
"""
