"""The application: the main window, its menus and sources (scenarios, captures, traces,
lessons), the transport bar, appearance, exports and the teacher's tools. Uses every room.
"""
