"""Layout independence: each seed page, re-printed as a column dump, gives the same articles.

The dump wraps every paragraph at a column width (15–24 characters), indents paragraph starts,
and drops blank lines into paragraphs where a line does not end a sentence — the layout of the
003/004 seed pages. Articles, titles, bylines and bodies must not change (spaces that fall on a
wrap point are lost, as in a real dump, so they are ignored in the comparison).
"""

from __future__ import annotations

import random

import pytest
from econgraph.loaders.documents import parse_page
from econgraph.loaders.layout import BODY, LEAD, ends_sentence, repair
from helpers import SEEDS

PAGES = sorted(p.name for p in SEEDS.glob("*.txt"))


def column_dump(text: str, width: int, seed: int, blank_rate: float = 0.2) -> str:
    rnd = random.Random(seed)
    out: list[str] = []
    for p in repair(text):
        if out:
            out += ["", "", ""] if p.hard_break else [""]
        if p.kind in (BODY, LEAD):
            chunks = [c.strip() for c in (p.text[i : i + width] for i in range(0, len(p.text), width)) if c.strip()]
            out.append("  " + chunks[0])
            for prev, chunk in zip(chunks, chunks[1:], strict=False):
                if rnd.random() < blank_rate and not ends_sentence(prev):
                    out.append("")
                out.append(chunk)
        else:
            out.append("#" * p.md + (" " if p.md else "") + p.text)
    return "\n".join(out) + "\n"


def key(article) -> tuple[str, str, str, str]:
    return (article.title, article.section, article.text.replace(" ", ""), article.byline.replace(" ", ""))


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("seed", range(4))
def test_column_dump_gives_the_same_articles(name: str, seed: int) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    expected = [key(a) for a in parse_page(text, name)]
    dump = column_dump(text, width=15 + 3 * seed, seed=seed)
    assert dump.count("\n  ") > 10  # really re-wrapped
    assert [key(a) for a in parse_page(dump, name)] == expected
