"""Pages in traditional script (loaders/script.py): read as their simplified twins, the page's wording kept.

Invented sentences only; each traditional text is the simplified one written in traditional characters."""

from __future__ import annotations

import json
from pathlib import Path

from econgraph.graph.model import ArticleFacts
from econgraph.loaders.documents import load_file, parse_page
from econgraph.loaders.extract import Extractor
from econgraph.loaders.rules import rules
from econgraph.loaders.script import drop_glosses, is_traditional, read_page, to_simplified

SIMPLIFIED = "临清市某某轴承有限公司在临清市投资建设轴承产业项目。该公司是莘县的重点企业。"
TRADITIONAL = "臨清市某某軸承有限公司在臨清市投資建設軸承產業項目。該公司是莘縣的重點企業。"
GLOSSED = "臨清市某某軸承有限公司在臨清市投資建設軸承產(chǎn)業項目。該公司是莘縣的重點企業。"

_EX = Extractor()


def _facts(text: str) -> list[ArticleFacts]:
    return [_EX.extract(a) for a in parse_page(text, "p.txt")]


def _shape(facts: list[ArticleFacts]) -> tuple[set[tuple[str, str]], set[tuple[str, str, str]]]:
    nodes = {(n.label, n.uid) for f in facts for n in f.nodes if n.label != "Article"}
    rels = {(r.type, r.start.uid, r.end.uid) for f in facts for r in f.relationships if r.type != "MENTIONS"}
    return nodes, rels


def test_rules_are_described() -> None:
    assert set(rules("script")) >= {"traditional_markers", "traditional_share", "min_markers", "pinyin_gloss"}


def test_conversion_keeps_length() -> None:
    from econgraph.loaders.script import _table

    assert len(_table()) > 2000 and all(len(v) == 1 for v in _table().values())
    assert to_simplified(TRADITIONAL) == SIMPLIFIED
    assert len(to_simplified(TRADITIONAL)) == len(TRADITIONAL)


def test_variant_forms_convert() -> None:
    # Taiwan / Hong Kong variant forms read as the standard traditional character; 著 (also simplified) stays
    assert to_simplified("衞生和敍述、枱面") == "卫生和叙述、台面"
    assert to_simplified("著名") == "著名"


def test_detection() -> None:
    assert is_traditional(TRADITIONAL)
    assert not is_traditional(SIMPLIFIED)
    assert not is_traditional("")
    # one traditional name quoted in a long simplified page does not make it traditional
    assert not is_traditional(SIMPLIFIED * 5 + "「臺灣某某電子」")


def test_pinyin_glosses_dropped() -> None:
    assert drop_glosses(GLOSSED) == TRADITIONAL
    assert drop_glosses("發(fā)展和會議（yì）") == "發展和會議"
    # parentheses that are not a toned syllable after a character stay
    kept = "某某(临清)有限公司(2025)和Linqing(lín)"
    assert drop_glosses(kept) == kept


def test_toneless_and_repeated_glosses_dropped() -> None:
    # toneless: dropped when the syllable is a reading of the character; repeated glosses go together
    assert drop_glosses("某某機(ji)械股份董(dong)事(shi)長") == "某某機械股份董事長"
    assert drop_glosses("會議(yi)(yi)期間產(chan)(chan)業") == "會議期間產業"
    assert drop_glosses("綠(lv)色和綠（lü）色") == "綠色和綠色"
    # a toneless word that is no reading of the character before it stays, and so does what follows it
    kept = "某某(a)有限公司、中國(china)、甲乙(si)科技、某某(2025)、Linqing(linqing)"
    assert drop_glosses(kept) == kept
    assert drop_glosses("冠(guan)(abc)公司") == "冠(abc)公司"


def test_word_glosses_and_tone_numbers_dropped() -> None:
    # a gloss may spell the last few characters, with spaces or apostrophes; tones as marks or numbers
    assert drop_glosses("中國(zhōngguó)和西安(xī'ān)") == "中國和西安"
    assert drop_glosses("東昌府(dong chang fu)區的產(chan3)業") == "東昌府區的產業"
    assert drop_glosses("某某(zhongguo)公司") == "某某(zhongguo)公司"  # spells no character before it


def test_traditional_page_gives_the_simplified_twin_facts() -> None:
    simple, trad = _facts(SIMPLIFIED + "\n"), _facts(GLOSSED + "\n")
    assert _shape(trad) == _shape(simple)
    nodes, rels = _shape(trad)
    assert ("Company", "临清市某某轴承有限公司") in nodes and ("County", "莘县") in nodes
    assert ("LOCATED_IN", "临清市某某轴承有限公司", "临清市") in rels


def test_company_keeps_the_traditional_form_as_alias() -> None:
    (facts,) = _facts(TRADITIONAL + "\n")
    company = next(n for n in facts.nodes if n.label == "Company")
    assert company.name == "临清市某某轴承有限公司"
    assert "臨清市某某軸承有限公司" in company.props["aliases"]
    assert facts.article.props["script"] == "traditional"
    (simple,) = _facts(SIMPLIFIED + "\n")
    assert "script" not in simple.article.props
    assert not any("軸" in a for n in simple.nodes for a in n.props.get("aliases") or ())


def test_company_keeps_the_glossed_form_as_alias() -> None:
    """A glossed page's company keeps the name as the page printed it, glosses and all, so a reader who copies the
    name from the page finds the node; a page without glosses adds no such alias."""
    glossed = "臨清市某(mǒu)某軸(zhóu)承有限公司(sī)今年產(chǎn)值突破5億元。\n"
    (facts,) = _facts(glossed)
    company = next(n for n in facts.nodes if n.label == "Company")
    assert company.name == "临清市某某轴承有限公司"
    assert {"臨清市某(mǒu)某軸(zhóu)承有限公司", "臨清市某(mǒu)某軸(zhóu)承有限公司(sī)",
            "臨清市某某軸承有限公司"} <= set(company.props["aliases"])
    (simple,) = _facts("鑫(xīn)河轴承有限公司位于临清市。\n")
    company = next(n for n in simple.nodes if n.label == "Company")
    assert company.name == "鑫河轴承有限公司" and "鑫(xīn)河轴承有限公司" in company.props["aliases"]
    (plain,) = _facts(TRADITIONAL + "\n")
    assert not any("(" in a for n in plain.nodes for a in n.props.get("aliases") or ())


def test_evidence_offsets_index_both_texts() -> None:
    (article,) = parse_page(GLOSSED + "\n", "p.txt")
    assert article.script == "traditional" and len(article.original) == len(article.text)
    assert article.original.startswith("臨清市某某軸承有限公司")
    facts = _EX.extract(article)
    assert facts.relationships
    for r in facts.relationships:
        e = r.evidence
        assert article.text[e.start:e.end] == e.sentence
        assert to_simplified(article.original[e.start:e.end]) == e.sentence


def test_simplified_text_untouched() -> None:
    page = read_page(SIMPLIFIED)
    assert page.text is SIMPLIFIED and not page.original
    (article,) = parse_page(SIMPLIFIED + "\n", "p.txt")
    assert article.script == "" and article.original == "" and article.text == SIMPLIFIED


def test_mixed_page() -> None:
    """A simplified box and a traditional box on one page: both read, the traditional name kept."""
    other = "东昌府区某某纺织有限公司在聊城市开发区投资建设项目。"
    page = f"{TRADITIONAL}\n\n\n{other}\n"
    facts = _facts(page)
    names = {n.name for f in facts for n in f.nodes if n.label == "Company"}
    assert {"临清市某某轴承有限公司", "东昌府区某某纺织有限公司"} <= names
    aliases = {a for f in facts for n in f.nodes if n.label == "Company" for a in n.props.get("aliases") or ()}
    assert "臨清市某某軸承有限公司" in aliases


def test_feed_and_web_page_converted(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"title": "某某軸承擴產", "text": GLOSSED}) + "\n"
                    + json.dumps({"title": "简体", "text": SIMPLIFIED}, ensure_ascii=False) + "\n", encoding="utf-8")
    trad, simple = load_file(feed)
    assert (trad.script, trad.text, trad.original, trad.title) == ("traditional", SIMPLIFIED, TRADITIONAL, "某某轴承扩产")
    assert (simple.script, simple.text) == ("", SIMPLIFIED)
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>某某軸承擴產</title></head><body><article><p>{TRADITIONAL}</p>"
                    f"<p>{TRADITIONAL}</p></article></body></html>", encoding="utf-8")
    (web,) = load_file(page)
    assert web.script == "traditional" and SIMPLIFIED in web.text and TRADITIONAL in web.original


def test_every_example_reads_the_same_in_traditional_script() -> None:
    """Each ``ok`` row of the examples table written in traditional characters (OpenCC's simplified →
    traditional, rows whose round trip is exact) gives the facts the row lists."""
    import opencc
    from extraction_examples import check, extract, read_examples

    to_traditional = opencc.OpenCC("s2t")
    twins = 0
    for example in read_examples():
        twin = to_traditional.convert(example.text)
        if example.status != "ok" or twin == example.text or to_simplified(twin) != example.text:
            continue
        twins += 1
        facts = extract(twin, _EX)
        failed = [spec for spec in example.facts if not check(facts, spec)]
        assert not failed, f"{twin}\nfailed: {failed}"
    assert twins >= 50
