"""Tests of simulator.models.simulation.
"""
