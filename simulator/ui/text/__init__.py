"""The interface's words: Qt's translators for the chosen language, the catalogue of the
models' sentences (one module per protocol) and the fonts. Imports only the pure models.
"""
