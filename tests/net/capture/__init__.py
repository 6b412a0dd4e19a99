"""Tests of simulator.net.capture.
"""
