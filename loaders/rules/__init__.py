"""Described rule data: cue words, character classes, patterns and thresholds of the extraction stages.

Each file ``loaders/rules/<name>.json`` is ``{"about": str, "entries": {key: {"about": str, "value": …}}}``:
every entry says what it is for and which stage reads it, so a linguist can extend a cue list without
reading code. ``rules(name)`` gives ``{key: value}`` (cached per process); an entry without ``about``
is refused, so the files stay described.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from econgraph.errors import InputError

RULES_DIR = Path(__file__).resolve().parent


def read_described(path: Path) -> dict[str, Any]:
    """``{key: value}`` of a described data file (see the module docstring)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read rule file {path}: {exc}") from exc
    entries = data.get("entries")
    if not isinstance(entries, dict) or not data.get("about"):
        raise InputError(f"rule file {path} needs 'about' and 'entries'")
    out: dict[str, Any] = {}
    for key, entry in entries.items():
        if not isinstance(entry, dict) or not entry.get("about") or "value" not in entry:
            raise InputError(f"rule file {path}: entry {key!r} needs 'about' and 'value'")
        out[key] = entry["value"]
    return out


@lru_cache(maxsize=16)
def rules(name: str) -> dict[str, Any]:
    return read_described(RULES_DIR / f"{name}.json")


def alternation(words: list[str], longest_first: bool = False) -> str:
    """A regex alternation of literal words, in the file's order (the order decides ties) or longest first."""
    items = sorted(set(words), key=len, reverse=True) if longest_first else list(words)
    return "|".join(re.escape(w) for w in items)


__all__ = ["RULES_DIR", "alternation", "read_described", "rules"]
