"""Writing an output file named by ``-o`` (export, viz): atomically, and only over a regular file.

- A symbolic link is written through: its target gets the new content and the link stays a link.
- A FIFO, device, socket or directory is refused with one line (as root, ``-o /dev/full`` would
  otherwise replace the device node with a plain file; a FIFO would block forever).
- The new content goes to a temporary file in the target's folder, is fsynced and renamed over
  the target, so a failure leaves the previous file whole.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from econgraph.errors import OutputError


def file_kind(mode: int) -> str:
    """What a path that is not a regular file is, for a one-line message."""
    for test, kind in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a regular file"


def check_regular(path: Path, what: str = "") -> Path:
    """Where writing ``path`` really writes (links resolved); ``OutputError`` when it exists and is
    not a regular file."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutputError(f"{what}{path} is {file_kind(st.st_mode)}, not a regular file: refusing to replace it",
                          "write to a file, or leave out -o for standard output")
    return Path(os.path.realpath(path))


def write_output(path: Path, text: str, what: str = "-o ") -> Path:
    """Replace the regular file at ``path`` (or its link's target) with ``text`` (UTF-8), atomically."""
    real = check_regular(path, what)
    tmp = None
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, real)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return real
