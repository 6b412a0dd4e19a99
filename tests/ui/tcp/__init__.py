"""Tests of simulator.ui.tcp.
"""
