"""The cache of capture indexes: a reopened capture gives the same index without reading the
capture again; a changed capture is indexed again; damaged, foreign and stale entries are
ignored and rebuilt; the folder stays under its limit, least recently used out first; the
commands' --no-cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from simulator.net.capture import index_cache
from simulator.net.capture.errors import CaptureError
from simulator.net.capture.index import CaptureIndex, build_index
from simulator.net.capture.index_cache import IndexCache, open_index
from simulator.net.capture.packet_table import PACKET_DTYPE
from tests.paths import CAPTURES, ROOT

ALL = sorted(p for p in CAPTURES.rglob("*") if p.suffix in (".pcap", ".pcapng"))
GET = CAPTURES / "http-get-basic--zeek--get.pcap"
OTHER = CAPTURES / "http-get-cookie-gzip--chrissanders--http_google.pcapng"


def same(a: CaptureIndex, b: CaptureIndex) -> bool:
    return (all(np.array_equal(a.packets[n], b.packets[n], equal_nan=True)
                for n in PACKET_DTYPE.names or ())
            and len(a.packets) == len(b.packets) and a.connections == b.connections
            and a.warnings == b.warnings and a.comments == b.comments
            and a.link_types == b.link_types and a.format == b.format
            and np.array_equal(a._conn_rows, b._conn_rows)
            and np.array_equal(a._conn_starts, b._conn_starts))


def copy(src: Path, folder: Path) -> Path:
    dst = folder / src.name
    shutil.copyfile(src, dst)
    return dst


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name[:40])
def test_a_cached_index_is_the_index(tmp_path: Path, path: Path) -> None:
    cache = IndexCache(tmp_path / "cache")
    try:
        built = build_index(str(path))
    except CaptureError:  # an unusable file: nothing to cache
        return
    cache.store(str(path), built)
    loaded = cache.load(str(path))
    assert loaded is not None and same(built, loaded)


def test_reopening_reads_the_cache_not_the_capture(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cache = IndexCache(tmp_path / "cache")
    first = open_index(str(GET), cache=cache)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the capture was indexed again")

    monkeypatch.setattr(index_cache, "build_index", no_reading)
    again = open_index(str(GET), cache=cache)
    assert same(first, again)
    assert again.packets["time"].flags.writeable


def test_a_changed_capture_is_indexed_again(tmp_path: Path) -> None:
    cache = IndexCache(tmp_path / "cache")
    path = copy(GET, tmp_path)
    stat = path.stat()
    open_index(str(path), cache=cache)
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # the last payload byte: same size...
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # ...and the old time
    assert cache.load(str(path)) is None
    path.write_bytes(OTHER.read_bytes())
    assert same(open_index(str(path), cache=cache), build_index(str(OTHER)))


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],                      # cut short
    lambda b: b[:-100] + bytes(100),                 # array bytes changed
    lambda b: b"not an index at all",                # foreign
    lambda b: b.replace(b'"version": 1', b'"version": 9'),  # another format version
    lambda b: b"",
    lambda b: b"protocol-sim index\n" + bytes([2, 0, 0, 0, 0, 0, 0, 0]) + b"[]",  # not an object
])
def test_a_damaged_or_foreign_entry_is_ignored_and_rebuilt(tmp_path: Path, damage) -> None:
    cache = IndexCache(tmp_path / "cache")
    built = open_index(str(GET), cache=cache)
    (entry,) = (tmp_path / "cache").iterdir()
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.load(str(GET)) is None
    assert not entry.exists()
    assert same(open_index(str(GET), cache=cache), built)
    assert cache.load(str(GET)) is not None


def test_the_folder_keeps_to_its_limit_least_recently_used_out(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    paths = [copy(p, tmp_path) for p in ALL[:6]]
    sizes = {}
    for p in paths:
        probe = IndexCache(tmp_path / "probe" / p.name)
        open_index(str(p), cache=probe)
        sizes[p] = sum(f.stat().st_size for f in probe.folder.iterdir())
    limit = sizes[paths[0]] + sizes[paths[1]] + sizes[paths[2]] + 10
    cache = IndexCache(folder, limit=limit)
    for i, p in enumerate(paths[:3]):
        open_index(str(p), cache=cache)
        for entry in folder.iterdir():  # clocks are coarse: make the order plain
            if entry.stat().st_mtime_ns > 10**18:
                os.utime(entry, ns=(i, i))
    assert cache.load(str(paths[0])) is not None  # now the most recently used
    open_index(str(paths[3]), cache=cache)
    assert sum(f.stat().st_size for f in folder.iterdir()) <= limit
    assert cache.load(str(paths[0])) is not None
    assert cache.load(str(paths[1])) is None  # the least recently used went first


def test_an_unwritable_folder_only_costs_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    cache = IndexCache(blocker / "cache")
    assert same(open_index(str(GET), cache=cache), build_index(str(GET)))


def test_analyze_uses_the_cache_and_no_cache_skips_it(tmp_path: Path) -> None:
    env = {**os.environ, "PROTOCOL_SIM_CACHE_DIR": str(tmp_path / "cache")}
    path = copy(GET, tmp_path)

    def analyze(*extra: str) -> str:
        result = subprocess.run([sys.executable, "main.py", "analyze", str(path), "--json",
                                 *extra], capture_output=True, text=True, cwd=ROOT, env=env,
                                timeout=300)
        assert result.returncode == 0, result.stderr
        return result.stdout

    fresh = analyze("--no-cache")
    assert not (tmp_path / "cache").exists()
    assert analyze() == fresh
    assert len(list((tmp_path / "cache").iterdir())) == 1
    assert analyze() == fresh  # from the cache


def test_a_change_in_the_last_64_kib_of_a_large_capture_is_seen(tmp_path: Path) -> None:
    """The key hashes the first and the last 64 KiB: a file larger than both changed near its
    end, with its size and time restored, is indexed again."""
    big = CAPTURES / "http-retrans-rst-keepalive--zeek--m57-long-49583-80.pcap"  # 218 KB
    path = copy(big, tmp_path)
    assert path.stat().st_size > 3 * 64 * 1024
    stat = path.stat()
    cache = IndexCache(tmp_path / "cache")
    open_index(str(path), cache=cache)
    data = bytearray(path.read_bytes())
    data[-(32 << 10)] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.load(str(path)) is None


def test_use_cache_false_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``main.py --no-cache`` turns the default cache off for the process."""
    monkeypatch.setenv(index_cache.ENV_FOLDER, str(tmp_path / "cache"))
    index_cache.use_cache(False)
    try:
        open_index(str(GET))
    finally:
        index_cache.use_cache(True)
    assert not (tmp_path / "cache").exists()
    open_index(str(GET))
    assert len(list((tmp_path / "cache").iterdir())) == 1


def test_an_entry_with_a_right_checksum_but_wrong_arrays_is_refused(tmp_path: Path) -> None:
    """A foreign writer that gets the checksum right is still checked: lengths, row numbers
    and connection offsets must fit the index."""
    import json
    import struct as st
    import zlib

    cache = IndexCache(tmp_path / "cache")
    built = open_index(str(GET), cache=cache)
    (entry,) = (tmp_path / "cache").iterdir()
    raw = entry.read_bytes()
    at = len(b"protocol-sim index\n")
    (size,) = st.unpack_from("<Q", raw, at)
    head = json.loads(raw[at + 8 : at + 8 + size])
    body = bytearray(raw[at + 8 + size :])
    for name, _dtype, _shape, start, _length in head["arrays"]:
        if name == "conn_rows":  # a row number past the last packet
            body[start : start + 4] = st.pack("<i", len(built.packets) + 5)
    head["checksum"] = zlib.adler32(bytes(body))
    text = json.dumps(head).encode()
    entry.write_bytes(raw[:at] + st.pack("<Q", len(text)) + text + bytes(body))
    assert cache.load(str(GET)) is None


def test_an_index_made_by_other_code_is_not_read(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The key holds a hash of the indexing code: after an upgrade or a fix in the analysis
    flags, the old entries are indexed again rather than read as if current."""
    cache = IndexCache(tmp_path / "cache")
    open_index(str(GET), cache=cache)
    assert cache.load(str(GET)) is not None
    monkeypatch.setattr(index_cache, "code_fingerprint", lambda: "other code")
    assert cache.load(str(GET)) is None


@pytest.mark.parametrize("changed", ["tcp_anomalies.py", "pcapng_records.py", "limits.py"])
def test_the_fingerprint_changes_with_the_capture_code_and_the_limits(
        monkeypatch: pytest.MonkeyPatch, changed: str) -> None:
    index_cache.code_fingerprint.cache_clear()
    before = index_cache.code_fingerprint()
    read = Path.read_bytes

    def edited(self: Path) -> bytes:
        return read(self) + (b"# edited" if self.name == changed else b"")

    monkeypatch.setattr(Path, "read_bytes", edited)
    index_cache.code_fingerprint.cache_clear()
    try:
        assert index_cache.code_fingerprint() != before
    finally:
        monkeypatch.undo()
        index_cache.code_fingerprint.cache_clear()
    assert index_cache.code_fingerprint() == before
