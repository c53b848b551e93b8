"""Tables derived at start-up (jieba's dictionary, …) kept in files between runs, keyed by what they come from.

``cached(name, inputs, build)`` returns ``build()``, read from a cache file when one was written for the same
inputs. The file's name holds a hash of everything the table is derived from: the bytes of each input file (data
files and the source of the code that derives the table), the cache format and Python's version; a changed input
gives another name, so a table is never served stale. A file that cannot be read back (truncated, corrupt) is
built again and rewritten. Files are written whole under a temporary name in the same folder and renamed, so a
process never reads half a file, and processes started together at most build the same table twice.

The folder is ``$ECONGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/econgraph``, else ``~/.cache/econgraph``;
``ECONGRAPH_CACHE_DIR=off`` turns the caches off, and a folder that cannot be written only costs the build.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
FORMAT = 1  # bump when the layout of a cache file changes
KEEP = 4  # cache files kept per table (other checkouts, other Pythons); older ones are removed when one is written


def cache_dir() -> Path | None:
    """The cache folder, or None when the caches are off."""
    given = os.environ.get("ECONGRAPH_CACHE_DIR")
    if given is not None:
        return None if given.strip().lower() in ("", "off", "0", "none") else Path(given)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder to be found: no cache
            return None
    return Path(base) / "econgraph"


def input_key(name: str, inputs: Sequence[Path | str]) -> str:
    """The hash of a table's inputs: each file's bytes (a string counts as itself), the format and Python."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{name}|{FORMAT}|{sys.version}|{marshal.version}".encode())
    for item in inputs:
        data = item.read_bytes() if isinstance(item, Path) else item.encode()
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def cached(name: str, inputs: Sequence[Path | str], build: Callable[[], T],
           dumps: Callable[[Any], bytes] = marshal.dumps, loads: Callable[[bytes], Any] = marshal.loads) -> T:
    """``build()``, or what a cache file holds for the same ``inputs`` (see the module docstring).

    ``dumps``/``loads`` (marshal by default: plain dicts, lists, strings and numbers) must round-trip the table;
    ``loads`` raising on a damaged file is enough: the table is built again."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{input_key(name, inputs)}.bin"
    try:
        return loads(path.read_bytes())
    except Exception:  # missing, unreadable, truncated, corrupt: build it again  # noqa: BLE001
        pass
    value = build()
    _write(path, name, dumps(value))
    return value


def _write(path: Path, name: str, data: bytes) -> None:
    """``data`` to ``path`` whole (a temporary file renamed over it), then the oldest files of the table beyond
    ``KEEP`` removed; any OS error only means the next run builds the table again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        others = sorted(path.parent.glob(f"{name}-{'?' * 32}.bin"), key=_mtime, reverse=True)
        for old in others[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


__all__ = ["cache_dir", "cached", "input_key"]
