"""``python -m tools.mutation``: mutation testing of the protocol core, run by hand.

Each mutant (``mutants.py``) is one small fault in one file. It is run against the tests that
execute its lines (``baseline.py`` records which test runs which line, with coverage's
per-test contexts) in a forked process that imports the mutated module instead of the file
(``runner.py``); a test failing, an import error or a time-out kills it. The score of a group
is killed / (mutants − mutants named equivalent in ``equivalent.toml``).
"""
