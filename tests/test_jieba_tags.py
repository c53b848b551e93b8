"""The part-of-speech table the name rules read is jieba's own, whether parsed or taken from the cache file."""

from __future__ import annotations

import jieba.posseg
from econgraph.loaders.companies import _tag_table


def test_cached_tag_table_is_jiebas() -> None:
    assert _tag_table() == jieba.posseg.dt.word_tag_tab
