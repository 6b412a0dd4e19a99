"""Tests of simulator.models.lessons.
"""
