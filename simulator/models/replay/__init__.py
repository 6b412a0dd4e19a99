"""Timelines made from captured segments: a real connection replayed through the same RFC
9293 table. May use tcp and timeline; never simulation or lessons.
"""
