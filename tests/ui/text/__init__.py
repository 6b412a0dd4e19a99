"""Tests of simulator.ui.text.
"""
