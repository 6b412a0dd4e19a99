"""What the container readers hand to the index: packet records in batches of numpy arrays."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from simulator.net.capture.errors import LoadCancelled

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

#: Slack after each buffer so vectorised header reads never index past its end.
PAD = 1024


@dataclass
class RecordBatch:
    """Consecutive packet records; ``data[pos[i]:pos[i]+caplen[i]]`` is packet i's bytes."""

    data: NDArray[np.uint8]
    base: int  # file offset of data[0]
    first_number: int  # 1-based packet number of the first record in the batch
    pos: NDArray[np.int64]
    caplen: NDArray[np.int64]
    wirelen: NDArray[np.int64]
    ts: NDArray[np.float64]
    linktype: NDArray[np.int32]


@dataclass
class ReadReport:
    """What the container reader learnt besides the packets themselves."""

    fmt: str = ""
    size: int = 0
    packets: int = 0
    snaplen: int = 0
    nanosecond: bool = False
    big_endian: bool = False
    interfaces: list[int] = field(default_factory=list)  # link type per interface
    comments: dict[int, str] = field(default_factory=dict)  # packet number -> comment
    warnings: list[str] = field(default_factory=list)


def check_cancel(should_cancel: CancelFn | None) -> None:
    """Raise :class:`LoadCancelled` when the caller asked to stop."""
    if should_cancel is not None and should_cancel():
        raise LoadCancelled("Loading was cancelled.")
