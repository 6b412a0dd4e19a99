"""Tests of simulator.net.http.
"""
