"""One writer at a time for a file-backed store: an advisory lock on a side file.

``writer_lock(path)`` takes an exclusive ``flock`` on ``.NAME.lock`` next to the store file (its
real location, symbolic links resolved). A second writer waits for it, saying once on stderr who
holds it, and gives up with a ``StoreError`` after ``ECONGRAPH_LOCK_WAIT_SECONDS`` (default 600;
0 refuses at once). The lock goes with the process: a killed writer never leaves a stale lock (the
kernel releases ``flock`` locks when the file descriptor closes), so the side file is never removed
(removing it would let two processes lock two different files).

Kept apart from the store format so that another file-backed store (e.g. SQLite) can reuse it.
Readers do not lock: the store file is replaced atomically, so a reader sees the old or the new file.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from econgraph.errors import StoreError

DEFAULT_WAIT_SECONDS = 600.0
_POLL = 0.1


def lock_path(path: Path) -> Path:
    """The side file that guards ``path`` (next to its real location)."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


def wait_seconds() -> float:
    raw = os.environ.get("ECONGRAPH_LOCK_WAIT_SECONDS", "").strip()
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_WAIT_SECONDS
    except ValueError:
        return DEFAULT_WAIT_SECONDS


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def writer_lock(path: Path, wait: float | None = None,
                on_wait: Callable[[str], None] | None = _say) -> Iterator[None]:
    """Hold the exclusive writer lock of ``path`` for the block (waiting up to ``wait`` seconds)."""
    wait = wait_seconds() if wait is None else wait
    side = lock_path(path)
    try:
        side.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(side, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot write the store {path}: cannot create its lock file {side}: "
                         f"{exc.strerror or exc}") from exc
    try:
        began = time.monotonic()
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise StoreError(f"cannot lock the store {path}: {exc.strerror or exc}") from exc
            holder = _holder(fd)
            waited = time.monotonic() - began
            if waited >= wait:
                raise StoreError(
                    f"another econgraph process{holder} is writing the store {path}; "
                    f"gave up after {waited:.0f}s",
                    "wait for it to finish, or set ECONGRAPH_LOCK_WAIT_SECONDS to wait longer",
                )
            if not told and on_wait is not None:
                on_wait(f"Waiting: another econgraph process{holder} is writing {path} "
                        f"(up to {wait:.0f}s; ECONGRAPH_LOCK_WAIT_SECONDS changes it)")
                told = True
            time.sleep(_POLL)
        try:  # who holds it, for the next one's message
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        except OSError:
            pass
        yield
    finally:
        os.close(fd)  # releases the lock


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""
