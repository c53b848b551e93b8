"""The part-of-speech table the name rules read is jieba's own, whether parsed or taken from its cache file."""

from __future__ import annotations

import jieba.posseg
from econgraph.loaders.companies import _tag_table


def test_cached_tag_table_is_jiebas() -> None:
    _tag_table.cache_clear()
    first = _tag_table()  # parsed, or read from the cache file
    _tag_table.cache_clear()
    assert _tag_table() == first == jieba.posseg.dt.word_tag_tab
