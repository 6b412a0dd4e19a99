"""Tests of simulator.net.live.
"""
