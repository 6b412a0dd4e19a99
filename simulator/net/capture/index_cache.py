"""A cache of capture indexes in the user's cache folder, so reopening a capture is instant.

An entry is one file: a fixed preamble, a JSON header (format version, the capture it was
made from, the index's small fields, where each array lies) and the arrays' raw bytes,
checked by an Adler-32 sum. It is found by a key made of the capture's real path, size and
modification time and a hash of its first and last 64 KiB, so a capture changed in place
(even with its old size and time restored) is indexed again, and of a hash of the indexing
code itself, so another version of the app never reads an index it did not make. Anything
that does not read back exactly (another version, another capture, a damaged or foreign
file) is ignored, and the capture is indexed and the entry written again. Entries are
written whole or not at all (a temporary file renamed into place), and the folder is kept
under ``limit`` bytes by removing the entries used least recently (each use touches its
file).

The folder is ``platformdirs.user_cache_dir("protocol-simulator")/index`` unless the
``PROTOCOL_SIM_CACHE_DIR`` environment variable names another; ``--no-cache`` bypasses it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import struct
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from simulator.net.capture.connection_table import COUNT_NAMES, Connection, Counts
from simulator.net.capture.errors import LoadCancelled
from simulator.net.capture.index import CaptureIndex, build_index
from simulator.net.capture.packet_table import PACKET_DTYPE, PacketTable

#: Bump when the index or this layout changes: older entries are then ignored.
FORMAT_VERSION = 1
#: The folder's size limit by default.
DEFAULT_LIMIT = 2 << 30
ENV_FOLDER = "PROTOCOL_SIM_CACHE_DIR"

_PREAMBLE = b"protocol-sim index\n"
_SAMPLE = 64 << 10
_SUFFIX = ".index"
#: The connection table's number columns (strings are kept in the JSON header).
_CONNECTION_NUMBERS = ("ip_version", "client_port", "server_port", "first_packet")


def default_folder() -> Path:
    """Where entries go: ``$PROTOCOL_SIM_CACHE_DIR``, else the platform's user cache."""
    named = os.environ.get(ENV_FOLDER)
    if named:
        return Path(named)
    import platformdirs

    return Path(platformdirs.user_cache_dir("protocol-simulator", appauthor=False)) / "index"


@functools.cache
def code_fingerprint() -> str:
    """A hash of the code that makes an index (this package and the limits it reads): an
    entry written by other code (an upgrade, a fix in the analysis flags) is never read back
    as if this code had made it, even when ``FORMAT_VERSION`` was not bumped."""
    digest = hashlib.blake2b(digest_size=12)
    here = Path(__file__).resolve().parent
    sources = [*sorted(here.glob("*.py")), here.parent.parent / "models" / "limits.py"]
    for source in sources:
        digest.update(source.name.encode() + b"\0")
        with contextlib.suppress(OSError):  # (a build without sources: the names still count)
            digest.update(source.read_bytes())
    return digest.hexdigest()


def capture_key(path: str) -> str:
    """The capture's identity: real path, size, mtime and a hash of its head and tail, and
    the code that indexes it."""
    real = os.path.realpath(path)
    st = os.stat(real)
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{FORMAT_VERSION}\0{code_fingerprint()}\0{real}\0{st.st_size}\0"
                  f"{st.st_mtime_ns}\0".encode())
    with open(real, "rb") as f:
        digest.update(f.read(_SAMPLE))
        if st.st_size > _SAMPLE:
            f.seek(max(_SAMPLE, st.st_size - _SAMPLE))
            digest.update(f.read(_SAMPLE))
    return digest.hexdigest()


class IndexCache:
    """Index entries in ``folder``, kept under ``limit`` bytes."""

    def __init__(self, folder: Path | None = None, limit: int = DEFAULT_LIMIT) -> None:
        self.folder = default_folder() if folder is None else folder
        self.limit = limit

    def _entry(self, key: str) -> Path:
        return self.folder / (key + _SUFFIX)

    # ------------------------------------------------------------------ reading
    def load(self, path: str) -> CaptureIndex | None:
        """The cached index of ``path``, or None (not cached, stale, damaged or foreign)."""
        try:
            key = capture_key(path)
            entry = self._entry(key)
            with open(entry, "rb") as f:  # into one writable buffer: no second copy
                data = bytearray(os.fstat(f.fileno()).st_size)
                if f.readinto(data) != len(data):
                    raise OSError("the entry changed while it was read")
        except OSError:
            return None
        try:
            index = _decode(data, key, path)
        except (ValueError, KeyError, TypeError, IndexError, struct.error):
            index = None
        if index is None:
            with contextlib.suppress(OSError):
                entry.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # used now: the last to be evicted
        return index

    # ------------------------------------------------------------------ writing
    def store(self, path: str, index: CaptureIndex) -> None:
        """Write ``index`` as the entry of ``path`` (quietly not, if the folder is not
        writable), then evict the least recently used entries above the limit."""
        try:
            key = capture_key(path)
            self.folder.mkdir(parents=True, exist_ok=True)
            parts = _encode(index, key)
            if sum(len(p) for p in parts) > self.limit:
                return
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".writing-")
            try:
                with os.fdopen(fd, "wb") as f:
                    for part in parts:
                        f.write(part)
                os.replace(tmp, self._entry(key))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            self.evict()
        except OSError:
            return

    def evict(self) -> None:
        """Remove the least recently used entries until the folder is within the limit."""
        entries = []
        for p in self.folder.glob("*" + _SUFFIX):
            with contextlib.suppress(OSError):
                st = p.stat()
                entries.append((st.st_mtime_ns, st.st_size, p))
        total = sum(size for _, size, _ in entries)
        for _, size, p in sorted(entries, key=lambda e: e[0]):
            if total <= self.limit:
                break
            with contextlib.suppress(OSError):
                p.unlink()
                total -= size

    def clear(self) -> None:
        for p in self.folder.glob("*" + _SUFFIX):
            with contextlib.suppress(OSError):
                p.unlink()


_enabled = True


def use_cache(enabled: bool) -> None:
    """Whether :func:`open_index` uses the default cache in this process (``--no-cache``)."""
    global _enabled
    _enabled = enabled


def open_index(
    path: str,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    cache: IndexCache | bool = True,
) -> CaptureIndex:
    """The index of ``path``: from the cache when it holds it, else built (and stored).

    ``cache``: an :class:`IndexCache`, True for the default one (unless :func:`use_cache`
    turned it off), False for none.
    """
    if cache is True:
        cache = IndexCache() if _enabled else False
    if isinstance(cache, IndexCache):
        found = cache.load(path)
        if found is not None:
            if progress is not None:
                size = os.path.getsize(path)
                progress(size, size)
            return found
    index = build_index(path, progress, should_cancel)
    if should_cancel is not None and should_cancel():
        raise LoadCancelled("Loading was cancelled.")
    if isinstance(cache, IndexCache):
        cache.store(path, index)
    return index


# --------------------------------------------------------------------------- layout
def _encode(index: CaptureIndex, key: str) -> list[bytes]:
    conns = index.connections
    arrays: dict[str, NDArray[Any]] = {
        f"packets.{name}": np.ascontiguousarray(index.packets[name])
        for name in PACKET_DTYPE.names or ()
    }
    arrays["conn_rows"] = np.ascontiguousarray(index._conn_rows)
    arrays["conn_starts"] = np.ascontiguousarray(index._conn_starts)
    for name in _CONNECTION_NUMBERS:
        arrays[f"conn.{name}"] = np.array([getattr(c, name) for c in conns], dtype=np.int64)
    arrays["conn.times"] = np.array([(c.start, c.duration) for c in conns],
                                    dtype=np.float64).reshape(-1, 2)
    arrays["conn.sums"] = np.array([(*c.packets, *c.bytes) for c in conns],
                                   dtype=np.int64).reshape(-1, 4)
    arrays["conn.counts"] = np.array([[c.counts[n] for n in COUNT_NAMES] for c in conns],
                                     dtype=np.int64).reshape(-1, len(COUNT_NAMES))
    texts: dict[str, int] = {}

    def text_ids(values: list[str]) -> list[int]:
        return [texts.setdefault(v, len(texts)) for v in values]

    strings = {name: text_ids([getattr(c, name) for c in conns])
               for name in ("client_ip", "server_ip", "orientation", "orientation_reason",
                            "opened", "closed")}
    layout = []
    at = 0
    body = []
    for name, arr in arrays.items():
        raw = arr.tobytes()
        layout.append([name, arr.dtype.str, list(arr.shape), at, len(raw)])
        body.append(raw)
        at += len(raw)
    blob = b"".join(body)
    header = json.dumps({
        "version": FORMAT_VERSION, "key": key, "format": index.format,
        "link_types": index.link_types, "warnings": index.warnings,
        "comments": {str(k): v for k, v in index.comments.items()},
        "packets": len(index.packets), "connections": len(conns), "texts": list(texts),
        "strings": strings, "arrays": layout, "checksum": zlib.adler32(blob),
    }).encode()
    return [_PREAMBLE, struct.pack("<Q", len(header)), header, blob]


def _decode(data: bytearray, key: str, path: str) -> CaptureIndex | None:
    if not data.startswith(_PREAMBLE):
        return None
    at = len(_PREAMBLE)
    (size,) = struct.unpack_from("<Q", data, at)
    at += 8
    head = json.loads(bytes(data[at : at + size]))
    at += size
    if not isinstance(head, dict) or head.get("version") != FORMAT_VERSION or head.get(
            "key") != key:
        return None  # another format, another capture, or not an entry of ours at all
    body = memoryview(data)[at:]
    if zlib.adler32(body) != head["checksum"]:
        return None
    arrays: dict[str, NDArray[Any]] = {}
    for name, dtype, shape, start, length in head["arrays"]:
        if start < 0 or start + length > len(body):
            return None
        arr = np.frombuffer(body[start : start + length], dtype=np.dtype(dtype))
        arrays[name] = arr.reshape(shape)
    packets = head["packets"]
    columns = {n: arrays[f"packets.{n}"] for n in PACKET_DTYPE.names or ()}
    if any(len(c) != packets or c.dtype != PACKET_DTYPE[n] for n, c in columns.items()):
        return None
    count = head["connections"]
    starts, rows = arrays["conn_starts"], arrays["conn_rows"]
    if len(starts) != count + 1 or starts[0] != 0 or starts[-1] != len(rows) or (
            len(rows) and (rows.min() < 0 or rows.max() >= packets)) or np.any(
            np.diff(starts) < 0):
        return None
    return CaptureIndex(
        path=path, format=head["format"], link_types=list(head["link_types"]),
        packets=PacketTable(columns, packets),
        connections=_connections(head, arrays, count),
        warnings=list(head["warnings"]),
        comments={int(k): v for k, v in head["comments"].items()},
        _conn_rows=rows, _conn_starts=starts)


def _connections(head: dict[str, Any], arrays: dict[str, NDArray[Any]],
                 count: int) -> list[Connection]:
    texts: list[str] = head["texts"]
    strings = {name: [texts[i] for i in ids] for name, ids in head["strings"].items()}
    numbers = {name: arrays[f"conn.{name}"].tolist() for name in _CONNECTION_NUMBERS}
    times = arrays["conn.times"].tolist()
    sums = arrays["conn.sums"].tolist()
    shared: dict[tuple[int, ...], Counts] = {}
    out = []
    for i, counts in enumerate(arrays["conn.counts"].tolist()):
        values = tuple(counts)
        got = shared.get(values)
        if got is None:
            got = shared[values] = Counts(values)
        out.append(Connection(
            id=i, ip_version=numbers["ip_version"][i], client_ip=strings["client_ip"][i],
            client_port=numbers["client_port"][i], server_ip=strings["server_ip"][i],
            server_port=numbers["server_port"][i], orientation=strings["orientation"][i],
            orientation_reason=strings["orientation_reason"][i],
            first_packet=numbers["first_packet"][i], start=times[i][0],
            duration=times[i][1], packets=(sums[i][0], sums[i][1]),
            bytes=(sums[i][2], sums[i][3]), opened=strings["opened"][i],
            closed=strings["closed"][i], counts=got))
    if len(out) != count:
        raise ValueError("connection count")
    return out
