"""The interface translations: ``protocol_sim_<lang>.ts`` (source, edited with Qt Linguist or
by hand) and the compiled ``.qm`` the app loads (``simulator.ui.text.i18n``).

``python -m simulator.i18n`` refreshes the .ts from the code (pyside6-lupdate) and compiles
the .qm (pyside6-lrelease); see ``__main__``.
"""
