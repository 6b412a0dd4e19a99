"""Tests of simulator.ui.app.
"""
