"""Tests of simulator.models.http.
"""
