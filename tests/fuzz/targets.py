"""Stand-ins for the pipeline that the harness tests hand to the worker (``--target``).

Each takes the worker's ``Job``; none of them is product code except ``product_index_error``,
which asks the product for packet 0 (it says no with an ``IndexError``).
"""

from __future__ import annotations

import time
from pathlib import Path

from simulator.fuzz.pipeline import Job
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import build_index
from simulator.net.capture.packet_detail import read_packet_bytes


def spin_when_asked(job: Job) -> dict[str, int]:
    """Loops for ever on a file named ``*hang*``; returns at once otherwise."""
    while "hang" in Path(job.path).name:
        time.sleep(0.001)
    return {}


def boom(job: Job) -> dict[str, int]:
    """Raises a KeyError right here."""
    raise KeyError(job.path)


def unusable(job: Job) -> dict[str, int]:
    """Says the file is unusable, as the product would."""
    raise CaptureError("not a capture")


def grow(job: Job) -> dict[str, int]:
    """Holds ~1 GiB, page by page (each page touched)."""
    held = [b"x" * (1 << 20) for _ in range(1024)]
    return {"held": len(held)}


def product_index_error(job: Job) -> dict[str, int]:
    """Asks the product for packet 0 of a real capture: ``IndexError`` in packet_detail."""
    read_packet_bytes(build_index(job.path), 0)
    return {}


def dawdle(job: Job) -> dict[str, int]:
    """Takes a twentieth of a second over every file, so that a run is still going when stopped."""
    time.sleep(0.05)
    return {}
