"""Tests of simulator.models.replay.
"""
