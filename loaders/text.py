"""Character classes of the news text, written once for every loader.

``companies.py`` and ``relations.py`` still spell the clause-break class inline (``[,;:。!?]``) and
``companies.py`` has its own ideograph test; they are being rewritten on another branch and should
import these instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from econgraph.graph.model import QUOTES

QUOTE_CHARS = QUOTES  # quote marks: dropped from names (normalise_name) and skipped when matching them
NO_QUOTES = {ord(ch): None for ch in QUOTE_CHARS}  # str.translate table: s.translate(NO_QUOTES) drops the quote marks

# What ends a clause in the cleaned text (NFKC has made ，；：！？ ASCII). 、 is not one: it separates
# the items of a list inside a clause.
CLAUSE_BREAKS = ",;:。!?"
CLAUSE_BREAK = re.compile(f"[{re.escape(CLAUSE_BREAKS)}]")

# A dispatch lead: 本报讯, 本报X讯 (X a place of up to six ideographs) or 又讯 (a second dispatch).
DISPATCH_LEAD = r"本报(?:[\u4e00-\u9fff]{1,6})?讯|又讯"


def is_ideograph(ch: str) -> bool:
    """A CJK unified ideograph: the basic block, extension A, the compatibility block, extensions B and on."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF


T = TypeVar("T")


def longest_leftmost(found: list[tuple[int, int, T]],
                     accept: Callable[[int, int, T], bool] | None = None) -> list[tuple[int, int, T]]:
    """Non-overlapping spans, longest first then leftmost, in text order: the one selection the place scan and the
    closed-class automaton share. ``accept`` may refuse a span; a refused span leaves its characters to the others."""
    taken = bytearray(max((end for _, end, _ in found), default=0) + 1)
    out = []
    for start, end, value in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if taken.find(1, start, end) >= 0 or (accept is not None and not accept(start, end, value)):
            continue
        taken[start:end] = b"\x01" * (end - start)
        out.append((start, end, value))
    out.sort(key=lambda f: f[0])
    return out
