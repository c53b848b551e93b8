#!/usr/bin/env python3
"""Gold facts that break docs/CORPUS.md's annotation rules, found mechanically (checked at intake and by a test).

Today one rule: an IN_INDUSTRY fact needs the text to say the industry outside the company's own name. A fact is
*name-only* when its industry word shares characters with the company's name (or an alias) and the evidence, with
those names removed, holds none of the word's characters — compared after OpenCC's traditional → simplified table,
and not counting the generic characters of a trade word (业产品行类制造工的) as support.

    python bench/gold_conventions.py tests/fixtures/gold/fresh22-a.json [...]   # lists them; exit 1 if any
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import opencc

_T2S = opencc.OpenCC("t2s")
GENERIC = frozenset("业产品行类制造工的")


def _names(article: dict[str, Any], name: str) -> set[str]:
    out = {name}
    for c in article.get("companies", []) + article.get("optional_companies", []):
        if isinstance(c, dict) and (c["name"] == name or name in c.get("aliases", [])):
            out |= {c["name"], *c.get("aliases", [])}
    return {_T2S.convert(n) for n in out}


def name_only(article: dict[str, Any], fact: dict[str, str]) -> bool:
    """True for an IN_INDUSTRY fact whose industry word stands in its evidence only inside the company's name."""
    if fact["type"] != "IN_INDUSTRY":
        return False
    names, word = _names(article, fact["from"]), _T2S.convert(fact["to"])
    pairs = {word[i:i + 2] for i in range(len(word) - 1)} or {word}
    in_name = any(p in n for p in pairs for n in names) or (len(word) <= 2 and any(ch in n for ch in word for n in names))
    if not in_name:
        return False
    evidence = _T2S.convert(fact["evidence"])
    for n in sorted(names, key=len, reverse=True):
        evidence = evidence.replace(n, "\0")
    support = set(word) - GENERIC
    return bool(support) and not any(ch in evidence for ch in support)


def name_only_facts(gold: dict[str, Any]) -> Iterator[tuple[str, dict[str, str]]]:
    for file, article in gold.get("files", {}).items():
        for fact in article.get("relations", []):
            if name_only(article, fact):
                yield file, fact


def main(argv: list[str] | None = None) -> int:
    found = 0
    for path in map(Path, argv if argv is not None else sys.argv[1:]):
        for file, fact in name_only_facts(json.loads(path.read_text(encoding="utf-8"))):
            found += 1
            print(f"{path.name} {file}: IN_INDUSTRY {fact['from']} -> {fact['to']} cites only the name: {fact['evidence']}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
