"""Tests of simulator.ui.http.
"""
