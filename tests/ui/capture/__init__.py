"""Tests of simulator.ui.capture.
"""
