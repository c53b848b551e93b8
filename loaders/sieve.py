"""A cheap first test for a costly pattern scanned over every sentence: the characters every match must hold.

Many patterns of the rules (a ranking, a published list, a market share, a place's industry list, a clause's
cue words) are tried at every position of every sentence, and most sentences hold none of the words they need.
``sieved(pattern)`` reads from the pattern's own parse what any match needs and answers with nothing, without
scanning, when the text lacks it:

- characters every match holds (a literal outside an optional part, common to every branch, or inside a positive
  lookaround: those stand somewhere in the text), each tested with ``in``;
- sets of characters of which every match holds one (an alternation whose branches each need one of their own
  characters: 签约|落户|投资 needs one of 签落投; a class of a few characters: [、和及]), each tested with a search
  for the class.

Read from the pattern, not written by hand, so it stays right when the rules JSON changes; a pattern it cannot read
(case-insensitive, or a parser it does not know) needs nothing and is always scanned. The text tested is the whole
string handed over (also when ``pos``/``endpos`` narrow the scan): a string lacking a character lacks it in every
part, so the answer never changes. ``sieve_globals`` puts the sieve on a module's named patterns in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from typing import Any

_MAX_RANGE = 64  # a class range wider than this ([一-龥]) needs too much to test: no set
_MAX_SETS = 3  # sets of several characters tested per call, the smallest first (each a class search)


def needed_sets(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of characters of each of which every match of ``pattern`` needs one somewhere in the searched text
    (single characters first; none when unsure)."""
    if pattern.flags & re.IGNORECASE:
        return ()
    try:
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]

        found = _needed(parser.parse(pattern.pattern, pattern.flags), sre)
    except Exception:  # noqa: BLE001 - another Python's parser: no sieve, the pattern is always scanned
        return ()
    return _minimal(found)


def needed_characters(pattern: re.Pattern[str]) -> frozenset[str]:
    """Characters every match of ``pattern`` needs somewhere in the searched text (empty when unsure)."""
    return frozenset(next(iter(s)) for s in needed_sets(pattern) if len(s) == 1)


def _minimal(sets: Iterable[frozenset[str]]) -> tuple[frozenset[str], ...]:
    """The sets without those that hold another (needing one of 甲乙 says nothing more than needing 甲), smallest
    first."""
    out: list[frozenset[str]] = []
    for s in sorted(set(sets), key=lambda s: (len(s), sorted(s))):
        if not any(k <= s for k in out):
            out.append(s)
    return tuple(out)


def _needed(seq: Any, sre: Any) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    repeats = tuple(getattr(sre, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(sre, n))
    for op, av in seq:
        if op is sre.LITERAL:
            out.append(frozenset(chr(av)))
        elif op is sre.IN:
            chars = _class_chars(av, sre)
            if chars:
                out.append(chars)
        elif op is sre.SUBPATTERN:
            if not av[1] & sre.SRE_FLAG_IGNORECASE:  # (?i:…) adds case folding: its literals may stand otherwise
                out += _needed(av[3], sre)
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            out += _needed(av, sre)
        elif op in repeats:
            if av[0] >= 1:  # at least once
                out += _needed(av[2], sre)
        elif op is sre.BRANCH:
            branches = [_minimal(_needed(b, sre)) for b in av[1]]
            if branches and all(branches):
                out += set.intersection(*(set(b) for b in branches))  # what every branch needs
                out.append(frozenset().union(*(b[0] for b in branches)))  # one of what each branch needs
        elif op is sre.ASSERT:  # a positive lookahead or lookbehind: in the text, maybe outside the match
            out += _needed(av[1], sre)
    return out


def _class_chars(items: Any, sre: Any) -> frozenset[str]:
    """The characters of a class made only of literals and short ranges (empty for any other class)."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # a negated class, a category (\d, \s), a wide range: the class says nothing testable
            return frozenset()
    return frozenset(chars)


class Sieved:
    """``pattern`` with a first test: a text lacking what every match needs has no match (see the module).
    Answers ``search``, ``match``, ``fullmatch``, ``finditer``, ``findall``, ``sub``, ``subn`` and ``split`` as the
    pattern does, and holds its ``pattern``, ``flags``, ``groups`` and ``groupindex``."""

    __slots__ = ("any_of", "needs", "pattern", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        sets = needed_sets(regex)
        self.needs = tuple(sorted(next(iter(s)) for s in sets if len(s) == 1))
        self.any_of = tuple(re.compile("[" + "".join(re.escape(c) for c in sorted(s)) + "]")
                            for s in sets if len(s) > 1)[:_MAX_SETS]

    def _may(self, text: str) -> bool:
        for ch in self.needs:
            if ch not in text:
                return False
        for one in self.any_of:
            if one.search(text) is None:
                return False
        return True

    # each method tests inline (no call to _may): these run hundreds of thousands of times per build
    def search(self, text: str, *args: int) -> re.Match[str] | None:
        for ch in self.needs:
            if ch not in text:
                return None
        for one in self.any_of:
            if one.search(text) is None:
                return None
        return self.regex.search(text, *args)

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        for ch in self.needs:
            if ch not in text:
                return None
        for one in self.any_of:
            if one.search(text) is None:
                return None
        return self.regex.match(text, *args)

    def fullmatch(self, text: str, *args: int) -> re.Match[str] | None:
        return self.regex.fullmatch(text, *args) if self._may(text) else None

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        for ch in self.needs:
            if ch not in text:
                return iter(())
        for one in self.any_of:
            if one.search(text) is None:
                return iter(())
        return self.regex.finditer(text, *args)

    def findall(self, text: str, *args: int) -> list[Any]:
        return self.regex.findall(text, *args) if self._may(text) else []

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.regex.sub(repl, text, count) if self._may(text) else text

    def subn(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> tuple[str, int]:
        return self.regex.subn(repl, text, count) if self._may(text) else (text, 0)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return self.regex.split(text, maxsplit) if self._may(text) else [text]

    @property
    def flags(self) -> int:
        return self.regex.flags

    @property
    def groups(self) -> int:
        return self.regex.groups

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.regex.groupindex

    def __repr__(self) -> str:
        return f"sieved({self.regex!r})"


def sieved(regex: re.Pattern[str]) -> Sieved:
    return Sieved(regex)


def sieve_globals(namespace: MutableMapping[str, Any], names: Iterable[str]) -> None:
    """The module patterns ``names`` (compiled patterns in ``namespace``, a module's ``globals()``) sieved in place;
    a name that is missing or no pattern is an error (a renamed rule must not drop its sieve unnoticed)."""
    for name in names:
        regex = namespace[name]
        if isinstance(regex, Sieved):
            continue
        if not isinstance(regex, re.Pattern):
            raise TypeError(f"{name} is no compiled pattern")
        namespace[name] = Sieved(regex)


__all__ = ["Sieved", "needed_characters", "needed_sets", "sieve_globals", "sieved"]
