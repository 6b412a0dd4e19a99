"""Lessons in the window: the browser, the narration, predict mode and scores. Uses common
and text; no protocol room.
"""
