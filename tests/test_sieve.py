"""``loaders.sieve``: the characters a pattern needs, read from its parse, and a sieved pattern finds what it does."""

from __future__ import annotations

import random
import re

import pytest
from econgraph.loaders.sieve import Sieved, needed_characters, needed_sets, sieve_globals, sieved

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
    ("[甲]乙", "甲乙"),
]

# sets of which every match holds one character: alternations whose branches each need their own, small classes
SET_CASES = [
    ("签约|落户|投资", [frozenset("签户投")]),  # one need of each branch (its lowest code point: the same every run)
    ("x[、和及]y", [frozenset("x"), frozenset("y"), frozenset("、和及")]),
    ("a(?:b|cd)", [frozenset("a"), frozenset("bc")]),
    ("(?:甲乙|甲丙)丁", [frozenset("丁"), frozenset("甲"), frozenset("乙丙")]),  # the parser makes it 甲[乙丙]丁
    ("(?:ab|c?)d", [frozenset("d")]),  # a branch that may be empty: the alternation needs nothing
    ("[^、]x|[0-9]y", [frozenset("xy")]),  # negated classes need nothing; a range only when short
    ("[一-龥]+", []),  # a class too wide to test
]


@pytest.mark.parametrize(("pattern", "needs"), CASES)
def test_needed_characters(pattern: str, needs: str) -> None:
    assert needed_characters(re.compile(pattern)) == frozenset(needs)


@pytest.mark.parametrize(("pattern", "sets"), SET_CASES)
def test_needed_sets(pattern: str, sets: list[frozenset[str]]) -> None:
    assert sorted(needed_sets(re.compile(pattern)), key=sorted) == sorted(sets, key=sorted)


def test_case_insensitive_needs_nothing() -> None:
    assert needed_characters(re.compile("ab", re.IGNORECASE)) == frozenset()


def test_sieved_finds_what_the_pattern_finds() -> None:
    rnd = random.Random(3)
    alphabet = "abcdkmxyz与甲乙丙丁产业集群、,KM签约落户投资和及01"
    for pattern in [p for p, _ in CASES] + [p for p, _ in SET_CASES] + ["(签约|落户)", "(?<=[和及])产(业)?"]:
        regex = re.compile(pattern)
        sieve = sieved(regex)
        for _ in range(400):
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 16)))
            assert [m.span() for m in sieve.finditer(text)] == [m.span() for m in regex.finditer(text)]
            got, want = sieve.match(text), regex.match(text)
            assert (got.span() if got else None) == (want.span() if want else None)
            got, want = sieve.search(text, 1), regex.search(text, 1)
            assert (got.span() if got else None) == (want.span() if want else None)
            got, want = sieve.fullmatch(text), regex.fullmatch(text)
            assert (got.span() if got else None) == (want.span() if want else None)
            assert sieve.findall(text) == regex.findall(text)
            assert sieve.sub("#", text) == regex.sub("#", text) and sieve.subn("#", text) == regex.subn("#", text)
            assert sieve.split(text) == regex.split(text)


def test_rule_patterns_are_sieved() -> None:
    """The patterns scanned in (nearly) every sentence carry a sieve that needs something (else it buys nothing)."""
    from econgraph.loaders import classes, companies, extract, relations

    for p in (classes._RANKING, classes._ANNOUNCED, classes._MARKET_SHARE, relations._PORTFOLIO):
        assert p.needs, p.pattern
    sieved_ones = [v for m in (classes, companies, extract, relations) for v in vars(m).values() if isinstance(v, Sieved)]
    assert len(sieved_ones) > 20
    for p in sieved_ones:
        assert p.needs or p.any_of, p.pattern
    finder = extract.Extractor().finder
    for p in (finder.enum_re, finder.count_list_re, finder.short_re):
        assert isinstance(p, Sieved) and (p.needs or p.any_of), p.pattern


def test_sieve_globals() -> None:
    space: dict[str, object] = {"_A": re.compile("甲乙"), "_B": "甲乙"}
    sieve_globals(space, ("_A",))
    assert isinstance(space["_A"], Sieved) and space["_A"].needs == ("乙", "甲")
    sieve_globals(space, ("_A",))  # sieved once
    assert isinstance(space["_A"].regex, re.Pattern)
    with pytest.raises(TypeError):
        sieve_globals(space, ("_B",))
    with pytest.raises(KeyError):
        sieve_globals(space, ("_C",))
