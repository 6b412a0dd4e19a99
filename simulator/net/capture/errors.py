"""Errors raised while reading a capture file.

A :class:`CaptureError` means nothing usable could be read; partial problems are
reported as warnings on the index instead (see ``CaptureIndex.warnings``).
"""

from __future__ import annotations


class CaptureError(Exception):
    """The file cannot be used as a capture; the message is one learner-friendly line."""


class LoadCancelled(Exception):
    """Raised by ``build_index`` when its ``should_cancel`` callback returned True."""
