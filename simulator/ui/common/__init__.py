"""What every view shares: the palette and painters, the Player that owns the cursor and real
time, the worker thread, and the base classes of table models and cursor-following panels.
"""
