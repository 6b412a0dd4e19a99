"""Tests of simulator.ui.wsgi.
"""
