"""Tests of simulator.models.tcp.
"""
