"""Docs that restate the code are generated from it; these fail when a doc is stale."""

from __future__ import annotations

import gen_docs


def test_queries_md_reference_matches_the_catalog() -> None:
    text = gen_docs.QUERIES_MD.read_text(encoding="utf-8")
    assert gen_docs.with_reference(text) == text, "docs/QUERIES.md is stale: run python scripts/gen_docs.py"


def test_a_changed_query_makes_the_reference_stale(monkeypatch) -> None:
    from dataclasses import replace

    from econgraph.queries.catalog import CATALOG

    text = gen_docs.QUERIES_MD.read_text(encoding="utf-8")
    name, query = next(iter(CATALOG.items()))
    monkeypatch.setitem(CATALOG, name, replace(query, ordering=query.ordering + ", then something new"))
    assert gen_docs.with_reference(text) != text
