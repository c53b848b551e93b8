"""Reading input files: which files, and how their bytes become text.

Newspaper dumps arrive in whatever encoding the tool that saved them chose: UTF-8 with or
without a BOM, GB18030/GBK, UTF-16 with a BOM. The encoding is detected, never assumed, and
a file that is not text (binary, empty, undecodable) raises ``InputError`` with a one-line
reason so that the caller can skip it and go on with the rest.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from econgraph.errors import InputError

DEFAULT_PATTERNS: tuple[str, ...] = ("*.txt", "*.html", "*.htm", "*.jsonl")

# Magic numbers of common binary formats that might sit next to the text files.
_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "ELF executable",
}


@dataclass(frozen=True)
class Skipped:
    """An input that was not loaded, and why (one line)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}: {self.reason}"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufff9-\uffff]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _looks_like_text(text: str) -> bool:
    return _control_ratio(text) < 0.01 and "\x00" not in text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM shows NULs in every other byte for mostly-ASCII text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros.count(0) >= 0.3 * len(zeros):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return enc
    return None


def _wide_without_bom(data: bytes) -> str | None:
    """UTF-16/32 without BOM whose text is mostly CJK (few NUL bytes): charset-normalizer decides,
    among the wide encodings only (the BOM and UTF-8 fast paths come first)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]).best()
    if best is None:
        return None
    encoding = best.encoding.replace("_", "-")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding if _looks_like_text(text) and text.strip() else None


def _legacy_chinese(data: bytes) -> str:
    """GB18030 or Big5 for bytes that are not UTF-8: GB18030 decodes almost any byte pair, so Big5 text would come
    out as wrong characters without an error; charset-normalizer tells the two apart by what the text reads like."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    return "big5" if best is not None and best.encoding == "big5" else "gb18030"


def decode_bytes(data: bytes) -> Decoded:
    """Detect the encoding of ``data`` and decode it; raise ``InputError`` when it is not text."""
    if not data:
        raise InputError("empty file")
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, enc in boms:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable: starts with a {enc} byte-order mark but byte {exc.start} is invalid") from exc
            if not text.strip():
                raise InputError("empty file (only a byte-order mark and white space)")
            if not _looks_like_text(text):
                raise InputError(f"binary file (control characters after {enc} decoding)")
            return Decoded(text, enc)
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary file ({kind})")
    if b"\x00" in data:
        enc16 = _utf16_without_bom(data) or _wide_without_bom(data)
        if enc16:
            return Decoded(data.decode(enc16), enc16)
        raise InputError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = None
        # Mostly valid UTF-8 with a few broken bytes is a damaged UTF-8 file, not GB18030:
        # decoding it as GB18030 would silently produce wrong characters.
        lossy = data.decode("utf-8", errors="replace")
        good_multibyte = sum(1 for ch in lossy if ord(ch) > 0x7F and ch != "\ufffd")
        if good_multibyte >= 4 * lossy.count("\ufffd"):
            raise InputError(f"undecodable: invalid UTF-8 at byte {exc.start}") from exc
    if text is None:
        encoding = _legacy_chinese(data)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"undecodable: neither UTF-8 nor GB18030 (invalid byte at offset {exc.start})"
            ) from exc
    else:
        encoding = "utf-8"
    if not _looks_like_text(text):
        raise InputError("binary file (control characters)")
    if not text.strip():
        raise InputError("empty file (only white space)")
    return Decoded(text, encoding)


MAX_FILE_MB = 16  # a newspaper page is well under 1 MB; bigger input is not a page (override: env)


def max_file_bytes() -> int:
    """The size above which a file is refused unread: ``ECONGRAPH_MAX_FILE_MB`` or ``MAX_FILE_MB``."""
    raw = os.environ.get("ECONGRAPH_MAX_FILE_MB", "")
    try:
        mb = float(raw) if raw.strip() else MAX_FILE_MB
    except ValueError:
        mb = MAX_FILE_MB
    return int(mb * 2**20)


def read_text(path: Path) -> Decoded:
    """Read and decode one file; ``InputError`` names the file."""
    try:
        size = path.stat().st_size
        if size > max_file_bytes():
            raise InputError(
                f"{path}: too large ({size / 2**20:.1f} MB; the limit is {max_file_bytes() / 2**20:g} MB, "
                "set ECONGRAPH_MAX_FILE_MB to raise it)"
            )
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        return decode_bytes(data)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from exc


def _matches(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch(name, p) for p in patterns)


def display_path(path: str | Path) -> str:
    """A path as one printable line: control characters (a newline in a file name could split or
    forge a line), undecodable bytes and backslashes are escaped as in a Python string."""
    text = str(path)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
    return "".join(out)


def _walk(root: Path, patterns: tuple[str, ...]) -> tuple[list[Path], list[Skipped]]:
    """The matching files under ``root`` and what could not be looked at, without recursion.

    Symbolic links to directories are followed; a directory is entered once (by device and inode),
    and a link back to one of its own ancestors is reported as a loop. Folders that cannot be listed
    and entries that cannot be examined are reported, never left out in silence.
    """
    files: list[Path] = []
    skipped: list[Skipped] = []
    st = root.stat()
    visited: dict[tuple[int, int], Path] = {(st.st_dev, st.st_ino): root}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(str(folder), f"cannot read this folder ({exc.strerror or exc})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = folder / entry.name
            try:
                if entry.is_dir():  # follows symbolic links
                    est = entry.stat()
                    key = (est.st_dev, est.st_ino)
                    first = visited.get(key)
                    if first is None:
                        visited[key] = child
                        stack.append(child)
                    elif first == folder or first in child.parents:
                        skipped.append(Skipped(str(child), f"symbolic link loop (leads back to {display_path(first)})"))
                    continue  # else: a second way into a folder already read
                if entry.is_file():
                    if _matches(entry.name, patterns):
                        files.append(child)
                elif entry.is_symlink() and _matches(entry.name, patterns):
                    os.stat(child)  # raises: a broken link
                    skipped.append(Skipped(str(child), "not a regular file"))
                elif _matches(entry.name, patterns):
                    skipped.append(Skipped(str(child), "not a regular file"))
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    skipped.append(Skipped(str(child), "symbolic link loop"))
                elif entry.is_symlink() and isinstance(exc, FileNotFoundError):
                    if _matches(entry.name, patterns):
                        skipped.append(Skipped(str(child), "broken symbolic link"))
                else:
                    skipped.append(Skipped(str(child), f"cannot examine ({exc.strerror or exc})"))
    return sorted(files), skipped


def iter_input_files(
    paths: Iterable[str | Path], patterns: Iterable[str] = DEFAULT_PATTERNS
) -> Iterator[Path | Skipped]:
    """Expand files and directories (recursively, sorted) into the files to read.

    A file named explicitly is read whatever its name; inside directories only names matching
    ``patterns`` are taken, hidden files and directories are ignored. Missing paths, directories
    without a matching file, folders that cannot be read and symbolic link loops come out as
    ``Skipped``. Any depth of nesting is walked (iteratively).
    """
    patterns = tuple(patterns) or DEFAULT_PATTERNS
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        try:
            is_dir, is_file, exists = path.is_dir(), path.is_file(), os.path.lexists(path)
        except OSError as exc:  # e.g. a name too long
            yield Skipped(str(path), f"cannot examine ({exc.strerror or exc})")
            continue
        if is_dir:
            try:
                files, problems = _walk(path, patterns)
            except OSError as exc:
                yield Skipped(str(path), f"cannot read this folder ({exc.strerror or exc})")
                continue
            yield from problems
            for child in files:
                try:
                    key = child.resolve()
                except (OSError, RuntimeError):
                    key = child
                if key not in seen:
                    seen.add(key)
                    yield child
            if not files and not problems:
                yield Skipped(str(path), f"no files matching {', '.join(patterns)} in this directory")
        elif is_file:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path
        elif path.exists():
            yield Skipped(str(path), "not a regular file")
        elif exists:
            yield Skipped(str(path), "broken symbolic link or symbolic link loop")
        else:
            yield Skipped(str(path), "no such file or directory")
