"""Tests of simulator.ui.lessons.
"""
