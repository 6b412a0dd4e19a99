"""What every view shares: the palette and painters, the Player that owns the cursor and real
time, the worker thread, the base classes of table models and cursor-following panels, and the
small building blocks of panels (read-only table views, columns of widgets, a splitter keeping
its shares, rich-text headings).
"""
