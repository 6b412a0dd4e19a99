"""Qt views: they draw the Timeline at a cursor and forward input to the Player.

One room per protocol (``tcp``, ``http``, ``wsgi``) and for captures and lessons in the
window, all on ``common`` (palette, Player, base classes) and ``text`` (translators, the
catalogue of the models' sentences); ``app`` puts them together in the main window.
"""
