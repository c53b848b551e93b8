"""The same article gives the same facts whatever the process extracted before it.

Extraction keeps per-process state: jieba's dictionary (``jieba.dt``), lru_caches (region packs, name finders,
words of short texts, the part-of-speech table, the gazetteer), the name-parts cache of each finder and the
character table of ``loaders/sentences.py``. None may carry anything from one article to the next: each text
below is extracted first in a fresh extractor, then again after the process has extracted every example row
(simplified and traditional) in reverse order, with a user-given prefecture, after a second region pack was
loaded and after jieba's part-of-speech module was imported, and the facts must be identical.

A slow twin runs the same texts in subprocesses with different hash seeds (set iteration order).
Invented sentences only (超纤皮革: a row once seen to pass alone and fail inside the whole suite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from econgraph.graph.model import ArticleFacts
from econgraph.loaders import region as region_mod
from econgraph.loaders.extract import Extractor
from econgraph.loaders.region import load_region
from extraction_examples import extract, read_examples
from helpers import write_second_pack

SENTENCES = [
    "泓岭纺织新材料有限公司是国内第一家专业从事汽车内饰用生态超纤皮革研发生产的企业。",
    "东阿县琨泓超纤皮革有限公司是当地的重点企业，主要生产超纤皮革。",
    "阳谷县泓岭超纤皮革科技有限公司与琨泓汽车内饰有限公司签订合作协议。",
    "茌平区琨岭超纤科技有限公司投资5亿元在茌平区建设超纤皮革项目。",
]
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _texts() -> list[str]:
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    rows = [e.text for e in read_examples()][::15]
    texts = SENTENCES + rows + [to_traditional.convert(t) for t in SENTENCES + rows]
    texts += [p.read_text(encoding="utf-8")[:2000] for p in sorted(SEEDS.glob("*.txt"))[:3]]
    return texts


def _shape(facts: ArticleFacts) -> list[list[str]]:
    nodes = sorted(json.dumps([n.label, n.uid, n.props], sort_keys=True, ensure_ascii=False, default=str)
                   for n in facts.nodes if n.label != "Article")
    rels = sorted(json.dumps([r.type, r.start.uid, r.end.uid, r.props], sort_keys=True, ensure_ascii=False,
                             default=str) for r in facts.relationships)
    return [nodes, rels]


def _extract_all(texts: list[str]) -> list[list[list[str]]]:
    ex = Extractor()
    return [_shape(extract(t, ex)) for t in texts]


def _second_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Load and use another region pack (as test_region does), then put the packs back."""
    regions = write_second_pack(tmp_path, "超纤皮革")
    with monkeypatch.context() as m:
        m.setattr(region_mod, "REGIONS_DIR", regions)
        load_region.cache_clear()
        try:
            other = Extractor("dezhou")
            for text in SENTENCES:
                extract(text, other)
        finally:
            load_region.cache_clear()


def test_facts_do_not_depend_on_what_was_extracted_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    first = _extract_all(texts)
    assert any("超纤皮革" in json.dumps(s, ensure_ascii=False) for s in first[:len(SENTENCES)])
    import jieba.posseg  # noqa: F401  (another user of jieba's dictionary in the process)

    _second_pack(tmp_path, monkeypatch)
    elsewhere = Extractor(prefecture="南通市")
    shared = Extractor()
    for e in reversed(read_examples()):
        extract(e.text, shared)
        extract(e.text, elsewhere)
    again = _extract_all(texts[::-1])[::-1]
    changed = [t for t, a, b in zip(texts, first, again, strict=True) if a != b]
    assert not changed, changed[:3]


_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from test_order_independence import _extract_all, _texts
print(json.dumps(_extract_all(_texts()), ensure_ascii=False))
"""


@pytest.mark.slow
def test_facts_do_not_depend_on_the_hash_seed() -> None:
    tests = str(Path(__file__).resolve().parent)
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", _CHILD, tests], env=env, capture_output=True, text=True,
                             check=True, timeout=600)
        outs.append(json.loads(run.stdout))
    assert outs[0] == outs[1]


def test_finder_follows_the_pack_read_now() -> None:
    """A region pack read again (load_region's cache cleared, as test_region does) gets a finder over that
    reading, not the finder cached over the old one (cache keyed by the pack's name only)."""
    ex = Extractor()
    before = ex.finder
    assert before.region is load_region("liaocheng")
    load_region.cache_clear()
    assert ex.finder.region is load_region("liaocheng") and ex.finder is not before
    assert ex.finder is ex.finder
