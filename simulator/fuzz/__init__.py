"""A fuzz harness for everything that reads a capture: ``python -m simulator.fuzz``.

It makes variants of the test captures and of HTTP conversations and runs the whole
non-GUI pipeline on each, in a worker process with a time and a memory limit, then sorts
what went wrong by root cause.

* ``variants``: variant n of seed s is made by its own random generator, so it can be made
  again alone (``--seed s --only n``). Families: a corpus capture mutated (``mutators``:
  bit flips, byte and header-field edits with ``formats`` mapping the pcap/pcapng fields,
  truncation, splicing, duplicated/reordered/deleted records, made-up blocks); an HTTP
  conversation edited and put into TCP connections (``http_variants``, ``packets``,
  ``payloads``); a few large stress variants (floods, bombs, huge heads).
* ``pipeline``: the index, the analyze document as ``protocol-sim analyze --json`` builds
  and prints it, the detail pane for a few packets, and ``capture_http`` with its jars.
* ``worker`` and ``supervisor``: one worker process runs one file at a time; the supervisor
  kills it past the time limit (a ``hang``) or the memory limit (``memory``), asking it
  first where it was; a ``CaptureError`` (the file is unusable, said in one line) is clean.
* ``triage``: a failure's root cause is the exception type and the innermost frame inside
  ``simulator/``; the smallest reproducer of each is saved with how it was made.
* ``campaign`` and ``cli``: the loop and the command; it exits 1 when anything failed.
"""
