"""Tests of simulator.models.timeline.
"""
