"""A helper thread that reads a capture in large chunks and finds its record boundaries.

Two buffers alternate: the thread fills and walks one (``readinto`` releases the GIL, and
numpy releases it in the caller's vectorised decoding) while the caller decodes the other.
A record cut by the chunk's end is carried to the start of the next buffer. The walk is the
one per-record Python loop of reading a capture; it is given by the format (classic pcap
records, pcapng blocks).
"""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from simulator.net.capture.record_batch import PAD

#: Bytes read at a time; each of the two buffers holds this much (plus ``PAD``).
CHUNK = 6 << 20

#: ``walk(data)`` -> (offsets of the complete records from 0, where the walk stopped, whether
#: it stopped at something it cannot pass: then no later chunk is read).
Walk = Callable[[memoryview], tuple[list[int], int, bool]]


@dataclass
class Chunk:
    """One buffer of records, as walked."""

    buf: NDArray[np.uint8]
    file_off: int  # file offset of buf[0]
    n: int  # valid bytes in buf
    offsets: list[int]  # complete records
    stop: int  # where the walk stopped
    eof: bool
    done: bool  # the reader thread has finished


class ChunkReader(threading.Thread):
    """Reads ``f`` from ``start`` and walks each chunk while the caller decodes the last one.

    The caller takes a :class:`Chunk` (or the exception the thread met) from ``full``, and
    gives its buffer back through ``free`` when done with it; ``close`` stops the thread.
    """

    def __init__(self, f: io.BufferedReader, walk: Walk, chunk: int, start: int) -> None:
        super().__init__(name="capture-reader", daemon=True)
        self.f = f
        self.walk = walk
        self.cap = chunk
        self.start_offset = start
        self.free: queue.Queue[NDArray[np.uint8]] = queue.Queue()
        self.full: queue.Queue[Chunk | BaseException] = queue.Queue()
        self.stopping = threading.Event()
        for _ in range(2):
            self.free.put(np.zeros(chunk + PAD, dtype=np.uint8))

    def _take(self) -> NDArray[np.uint8] | None:
        while not self.stopping.is_set():
            try:
                return self.free.get(timeout=0.05)
            except queue.Empty:
                continue
        return None

    def run(self) -> None:
        try:
            buf = self._take()
            carry = 0
            file_off = self.start_offset
            while buf is not None:
                got = self.f.readinto(buf.data[carry : self.cap])
                n = carry + (got or 0)
                offsets, stop, blocked = self.walk(buf.data[:n])
                rest = n - stop
                done = not got or blocked or (rest == n and n >= self.cap)
                nxt = None
                if not done:
                    nxt = self._take()
                    if nxt is None:
                        return
                    nxt[:rest] = buf[stop:n]
                self.full.put(Chunk(buf, file_off, n, offsets, stop, not got, done))
                buf, carry, file_off = nxt, rest, file_off + stop
        except BaseException as exc:  # handed to the caller, which re-raises it
            self.full.put(exc)

    def close(self) -> None:
        self.stopping.set()
        self.join()
