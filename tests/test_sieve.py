"""``loaders.sieve``: the characters a pattern needs, read from its parse, and a sieved pattern finds what it does."""

from __future__ import annotations

import random
import re

import pytest
from econgraph.loaders.sieve import needed_characters, sieved

CASES = [
    ("ab", "ab"),
    ("a(?:b|bc)d", "abd"),
    ("a|b", ""),
    ("x?y*z+", "z"),
    ("(?:产业集群|产业)", "业产"),
    ("(?<=与)甲(?!乙)", "与甲"),
    ("(?:[^,、]{2,4}、)+丙", "、丙"),
    ("(?i:k)m", "m"),
    ("(?:a{0,3})b{2}", "b"),
]


@pytest.mark.parametrize(("pattern", "needs"), CASES)
def test_needed_characters(pattern: str, needs: str) -> None:
    assert needed_characters(re.compile(pattern)) == frozenset(needs)


def test_case_insensitive_needs_nothing() -> None:
    assert needed_characters(re.compile("ab", re.IGNORECASE)) == frozenset()


def test_sieved_finds_what_the_pattern_finds() -> None:
    rnd = random.Random(3)
    alphabet = "abkmxyz与甲乙丙产业集群、,KM"
    for pattern, _ in CASES:
        regex = re.compile(pattern)
        sieve = sieved(regex)
        for _ in range(400):
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 16)))
            assert [m.span() for m in sieve.finditer(text)] == [m.span() for m in regex.finditer(text)]
            got, want = sieve.match(text), regex.match(text)
            assert (got.span() if got else None) == (want.span() if want else None)
            got, want = sieve.search(text, 1), regex.search(text, 1)
            assert (got.span() if got else None) == (want.span() if want else None)


def test_rule_patterns_are_sieved() -> None:
    """The patterns scanned in (nearly) every sentence carry a sieve that needs something (else it buys nothing)."""
    from econgraph.loaders import classes, relations

    for p in (classes._RANKING, classes._ANNOUNCED, classes._MARKET_SHARE, relations._PORTFOLIO):
        assert p.needs, p.pattern
