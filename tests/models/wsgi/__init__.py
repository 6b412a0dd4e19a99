"""Tests of simulator.models.wsgi.
"""
