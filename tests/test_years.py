"""Years: from the file name or path when the page gives none; mentions counted per year-month, the rest apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.model import ArticleFacts
from econgraph.loaders.documents import load_file, year_from_path
from econgraph.queries.runner import run_query
from factsfactory import article, entity, mentions

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_6515147898e2fc90.txt"


@pytest.mark.parametrize(("path", "year"), [
    ("news/2025-04-15.txt", 2025), ("20250415_p3.txt", 2025), ("a_2025_04_15.html", 2025),
    ("archive/2024/04/page1.txt", 2024), ("x/2023/12/20250102.txt", 2025),
    ("seeds/000_6515147898e2fc90.txt", None), ("a/12345678.txt", None), ("2025.txt", None),
    ("p/ab20250415cd.txt", None),  # digits inside a hash are no date
])
def test_year_from_path(path: str, year: int | None) -> None:
    assert year_from_path(path) == year


def test_a_dated_file_name_gives_the_year(tmp_path: Path) -> None:
    undated = load_file(SEED)
    assert any(a.date.startswith("--") for a in undated)
    dated = tmp_path / "2024" / "04" / SEED.name
    dated.parent.mkdir(parents=True)
    dated.write_bytes(SEED.read_bytes())
    with_year = load_file(dated)
    assert [a.date.replace("2024", "-", 1) if a.date.startswith("2024") else a.date for a in with_year] == \
        [a.date for a in undated]
    assert not any(a.date.startswith("--") for a in with_year)


def test_mentions_over_time_by_year_month_and_without_a_year(tmp_path: Path) -> None:
    county = entity("County", "临清市")
    facts = []
    for i, date in enumerate(["2025-04-15", "2025-04-02", "2024-04-15", "--04-15", "", "2025"]):
        art = article(f"art-{i}", "临清市。", f"seeds/{i}.txt")
        art.props["date"] = date
        facts.append(ArticleFacts(art, [county], [mentions(art, county, "临清市。", count=i + 1)]))
    with EmbeddedStore(tmp_path / "g.sqlite") as store:
        store.load(facts)
        rows = run_query(store, "mentions-over-time", {"entity": "临清市"}).rows
    assert rows == [
        {"month": "2024-04", "articles": 1, "mentions": 3},
        {"month": "2025-04", "articles": 2, "mentions": 1 + 2},
        {"month": None, "articles": 3, "mentions": 4 + 5 + 6},  # no year-month: year-less, undated, year only
    ]
