"""A cheap first test for a costly pattern scanned over every sentence: the characters every match must hold.

Some patterns of the rules (a ranking, a published list, a market share, a place's industry list) are tried at
every position of every sentence, and most sentences hold none of the words they need. ``sieved(pattern)`` reads
from the pattern's own parse the characters any match needs (a literal outside an optional part, common to every
branch, or inside a positive lookaround: those stand somewhere in the text) and answers ``finditer``, ``search``
and ``match`` with nothing, without scanning, when the text lacks one of them. Read from the pattern, not written
by hand, so it stays right when the rules JSON changes; a pattern it cannot read (case-insensitive, or a parser
it does not know) needs nothing and is always scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any


def needed_characters(pattern: re.Pattern[str]) -> frozenset[str]:
    """Characters every match of ``pattern`` needs somewhere in the searched text (empty when unsure)."""
    if pattern.flags & re.IGNORECASE:
        return frozenset()
    try:
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]

        return frozenset(_needed(parser.parse(pattern.pattern, pattern.flags), sre))
    except Exception:  # noqa: BLE001 - another Python's parser: no sieve, the pattern is always scanned
        return frozenset()


def _needed(seq: Any, sre: Any) -> set[str]:
    out: set[str] = set()
    repeats = tuple(getattr(sre, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(sre, n))
    for op, av in seq:
        if op is sre.LITERAL:
            out.add(chr(av))
        elif op is sre.SUBPATTERN:
            if not av[1] & sre.SRE_FLAG_IGNORECASE:  # (?i:…) adds case folding: its literals may stand otherwise
                out |= _needed(av[3], sre)
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            out |= _needed(av, sre)
        elif op in repeats:
            if av[0] >= 1:  # at least once
                out |= _needed(av[2], sre)
        elif op is sre.BRANCH:
            branches = [_needed(b, sre) for b in av[1]]
            out |= set.intersection(*branches) if branches else set()
        elif op is sre.ASSERT:  # a positive lookahead or lookbehind: in the text, maybe outside the match
            out |= _needed(av[1], sre)
    return out


class Sieved:
    """``pattern`` with a first test: a text lacking a needed character has no match (see the module)."""

    __slots__ = ("needs", "pattern", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.needs = tuple(sorted(needed_characters(regex)))

    def _may(self, text: str) -> bool:
        for ch in self.needs:
            if ch not in text:
                return False
        return True

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text, *args) if self._may(text) else iter(())

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.search(text, *args) if self._may(text) else None

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.match(text, *args) if self._may(text) else None


def sieved(regex: re.Pattern[str]) -> Sieved:
    return Sieved(regex)


__all__ = ["Sieved", "needed_characters", "sieved"]
