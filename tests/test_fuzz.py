"""Property-based fuzzing of the loaders and the extractor on arbitrary text.

Why: the extractor meets pages nobody has read. Whatever the text — random Unicode, layout debris,
half-sentences built from the region's own vocabulary, Cypher-looking strings — no exception may
escape, and every fact must still point at its evidence: ``article.text[start:end] == sentence``
and each MENTIONS ``first_offset`` at the mentioned name, inside its evidence sentence.
"""

from __future__ import annotations

import codecs
import functools
import tempfile
from pathlib import Path

import pytest
from econgraph.graph.embedded import EmbeddedStore
from econgraph.graph.facts import fact_uid
from econgraph.graph.model import ArticleFacts, entity_uid
from econgraph.graph.schema import LABELS, REL_ENDPOINTS, REL_TYPES
from econgraph.loaders.aliases import resolve
from econgraph.loaders.article import Article
from econgraph.loaders.documents import parse_page
from econgraph.loaders.extract import Extractor
from econgraph.loaders.places import load_gazetteer
from econgraph.loaders.reading import decode_bytes
from econgraph.loaders.region import load_region
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from econgraph.errors import InputError

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REGION = load_region("liaocheng")


def _vocabulary() -> list[str]:
    """Fragments that make the rules fire: places, industries, programs, legal forms, cues."""
    v = REGION.vocab
    words: list[str] = []
    for key in ("legal_forms", "company_weak_forms", "institution_suffixes", "industry_words", "left_stop_words",
                "enumeration_heads", "subject_verbs", "subject_left_cues", "foreign_places", "provinces",
                "government_words"):
        words += list(v.get(key, []))[:12]
    words += [c.name for c in REGION.counties.values()]
    words += [a for c in REGION.counties.values() for a in c.aliases]
    words += list(REGION.towns)[:15]
    words += list(REGION.industries)[:15]
    words += list(REGION.programs)[:15]
    words += ["专精特新“小巨人”", "（山东）", "(山东)", "以下简称", "等龙头企业", "等“链主”企业", "本报讯", "■ 本报记者 ",
              "□ 记者 ", "4月15日", "2025年4月16日 星期三", "时政动态", "——", "“", "”", "（", "）", "、", "，", "。",
              ",", ".", "；", "！", "\n", "\n\n", "\n\n\n", "\r\n", "\r", " ", "\u3000", "\t", "'}) DETACH DELETE n //",
              "\\", "\"", "'", "😀", "👩‍👩‍👧", "㈱", "ﬁ", "e\u0301", "\ufeff", "聊城", "聊城市", "山东", "有限公司。",
              "与", "和", "在", "位于", "的", "合作", "投资", "供货商", "大学", "研究院"]
    return words


VOCAB = _vocabulary()
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PLACES = ["", *REGION.counties, *(a for c in REGION.counties.values() for a in c.aliases), "山东", "北京"]
# A company-shaped name: place + 字号 + industry word + legal form (the shape the rules look for).
COMPANYISH = st.tuples(
    st.sampled_from(PLACES), st.text(CJK, min_size=2, max_size=3),
    st.sampled_from(list(REGION.vocab.get("industry_words", [""]))[:30] + [""]),
    st.sampled_from(list(REGION.vocab.get("legal_forms", ["有限公司"])) + list(REGION.vocab.get("institution_suffixes", []))),
).map("".join)
# Pieces of a page: region words, company-shaped names, random Chinese runs, arbitrary Unicode.
FRAGMENT = st.one_of(
    st.sampled_from(VOCAB),
    COMPANYISH,
    st.text(CJK, min_size=1, max_size=6),
    st.text(max_size=8),
)
PAGE = st.lists(FRAGMENT, max_size=60).map("".join)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor("liaocheng")


@functools.lru_cache(maxsize=1)
def _county_forms() -> dict[str, set[str]]:
    """County uid -> every name the national gazetteer (and the packs over it) maps to it."""
    gaz = load_gazetteer()
    by_code: dict[str, set[str]] = {}
    for key, cands in gaz.index.items():
        for c in cands:
            if c.level == "County":
                by_code.setdefault(c.key, set()).add(key)
    return {gaz.uid(p): by_code.get(code, set()) | {p.name, *p.aliases} for code, p in gaz.counties.items()}


def _surfaces(label: str, uid: str, props: dict[str, object]) -> set[str]:
    """Every normalised form under which a node can be mentioned."""
    forms = {str(props.get("name") or "")} | {str(a) for a in props.get("aliases") or ()}
    if label == "County":
        forms |= _county_forms().get(uid, set())
    elif label in ("Industry", "Program") and (label, uid) in REGION.by_uid:  # open classes: the text's own word
        forms |= set(REGION.by_uid[(label, uid)].aliases)
    return {entity_uid(f) for f in forms if entity_uid(f)}


def check_facts(article: Article, facts: ArticleFacts) -> None:
    """The invariants every ArticleFacts must keep, whatever the text."""
    text = article.text
    assert facts.article.label == "Article" and facts.article.uid == article.uid
    nodes = {(n.label, n.uid): n for n in facts.nodes}
    nodes[("Article", article.uid)] = facts.article
    for node in facts.nodes:
        assert node.label in LABELS
        assert node.uid, f"empty uid on {node}"
        assert node.props.get("name"), f"node without a name: {node}"
    uids = [r.uid for r in facts.relationships]
    assert len(uids) == len(set(uids)), "one relationship per (type, start, end, article)"
    for rel in facts.relationships:
        ev = rel.evidence
        assert rel.type in REL_TYPES
        starts, ends = REL_ENDPOINTS[rel.type]
        assert rel.start.label in starts and rel.end.label in ends, (rel.type, rel.start, rel.end)
        assert ev.article == article.uid
        assert 0 <= ev.start < ev.end <= len(text), (rel.type, ev.start, ev.end, len(text))
        assert text[ev.start:ev.end] == ev.sentence, (rel.type, ev)
        assert 0.0 <= ev.confidence <= 1.0
        assert (rel.start.label, rel.start.uid) in nodes, f"{rel.type} starts at a node the facts lack: {rel.start}"
        assert (rel.end.label, rel.end.uid) in nodes, f"{rel.type} ends at a node the facts lack: {rel.end}"
        if rel.type != "MENTIONS":
            continue
        assert rel.start.label == "Article" and rel.start.uid == article.uid
        offset = rel.props["first_offset"]
        assert rel.props["count"] >= 1
        assert ev.start <= offset < ev.end, f"first_offset {offset} outside its evidence [{ev.start}, {ev.end})"
        target = nodes[(rel.end.label, rel.end.uid)]
        forms = _surfaces(target.label, target.uid, target.props)
        window = entity_uid(text[offset:offset + 4 * max(len(f) for f in forms) + 16])
        assert any(window.startswith(f) for f in forms), (
            f"MENTIONS of {target.label} {target.name!r} points at {text[offset:offset + 20]!r}")


def article_from(text: str, title: str = "标题") -> Article:
    return Article(uid="fuzz0001", source="fuzz.txt", title=title, text=text)


# -- loaders --------------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=400))
def test_decode_arbitrary_bytes_is_text_or_input_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc), "one-line reason"
        return
    assert isinstance(decoded.text, str) and decoded.text.strip()


TEXTLIKE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\r\t"), min_size=1, max_size=200
).filter(lambda t: t.strip() and not t.startswith("\ufeff"))


@FUZZ
@given(TEXTLIKE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom"]))
def test_decode_round_trips_unicode_encodings(text: str, encoding: str) -> None:
    if encoding == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    try:
        decoded = decode_bytes(data)
    except InputError:
        # only text that a reader would not take for text may be refused
        assert "\x00" in text or any(0xFFF9 <= ord(c) <= 0xFFFF for c in text), repr(text)
        return
    assert decoded.text == text


@FUZZ
@given(st.lists(st.sampled_from(VOCAB) | st.text(CJK, min_size=1, max_size=8), min_size=1, max_size=30).map("".join))
def test_decode_gb18030_never_raises_anything_else(text: str) -> None:
    try:
        decoded = decode_bytes(text.encode("gb18030"))
    except InputError:
        return
    assert decoded.text.strip()


@FUZZ
@given(PAGE)
def test_parse_page_never_raises_and_is_deterministic(text: str) -> None:
    first = parse_page(text, "fuzz.txt", year=2025)
    second = parse_page(text, "fuzz.txt", year=2025)
    assert [(a.uid, a.title, a.text) for a in first] == [(a.uid, a.title, a.text) for a in second]
    for art in first:
        assert art.source == "fuzz.txt"
        assert art.uid
        assert isinstance(art.text, str)


# -- extractor ------------------------------------------------------------------------------------


@FUZZ
@given(PAGE)
@example(text="一一轴承股份有限公司股份有限公司股份有限公司股份有限公司一一轴承股份有限公司聊城度假区项目轴承股份有限公司")  # an industry
# word composed past its span's end: MENTIONS points at the word itself
def test_extract_on_arbitrary_body_keeps_evidence_exact(extractor: Extractor, text: str) -> None:
    article = article_from(text)
    facts = extractor.extract(article)
    check_facts(article, facts)


@FUZZ
@given(PAGE)
@example(text="股份有限公司股份有限公司股份有限公司有限责任公司有限责任公司东昌府区投资")  # INVESTS_IN ends at a County
def test_extract_on_parsed_pages_keeps_evidence_exact(extractor: Extractor, text: str) -> None:
    for article in parse_page(text, "fuzz.txt", year=2025):
        check_facts(article, extractor.extract(article))


@FUZZ
@given(st.lists(PAGE, min_size=1, max_size=4))
@example(bodies=["一丂轴承股份有限公司一一轴承股份有限公司厂产业园"])  # a project product whose head phrase drops words
def test_alias_resolution_keeps_evidence_exact(extractor: Extractor, bodies: list[str]) -> None:
    articles = [Article(uid=f"fuzz{i:04d}", source="fuzz.txt", title="标题", text=t) for i, t in enumerate(bodies)]
    facts = [extractor.extract(a) for a in articles]
    resolved = resolve(facts)
    assert len(resolved) == len(articles)
    for article, item in zip(articles, resolved, strict=True):
        check_facts(article, item)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE)
def test_extracted_facts_load_into_the_embedded_store_verbatim(extractor: Extractor, text: str) -> None:
    article = article_from(text)
    facts = extractor.extract(article)
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "g.econgraph") as store:
        store.load([facts])
        store.load([facts])  # idempotent
        stored = {(n.label, n.uid): n.properties for n in store.iter_nodes()}
        assert stored[("Article", article.uid)]["text"] == text
        rels = list(store.iter_relationships())
    # one relationship per fact; region facts (PART_OF) carry no evidence
    assert sorted(r.uid for r in rels) == sorted({fact_uid(r.type, r.start.key(), r.end.key())
                                                  for r in facts.relationships})
    for rel in rels:
        for p in rel.properties["evidence"]:
            assert text[p["start"]:p["end"]] == p["sentence"]
