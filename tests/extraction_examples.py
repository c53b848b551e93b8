"""Reading and checking tests/fixtures/extraction_examples.tsv (shared by the test and by rule authors).

Columns (tab-separated, '#' lines are comments): ``rule``, ``status`` (``ok``, or ``gap`` for a known
failure that must still fail), ``text``, ``facts`` (``;``-separated), ``note``.

A fact is ``[-]KIND:A[>B][{key=value,…}]``:
- ``Company:X`` / ``Institution:X`` / ``Industry:X`` / ``Program:X``: a node of that label named X (companies:
  name or alias equal; other labels: containment either way; negated node facts ``-Company:X``, ``-Industry:X``,
  ``-Program:X``: no node named exactly X);
- ``TYPE:A>B``: a relationship of TYPE from A to B (companies by name/alias equality, counties by name without
  市/县/区, industries/programs/institutions by containment either way, as ../shared/README.md scores); ``*`` matches any end; ``{level=…,year=…,status=…}``
  checks relationship or end-node properties, ``{rule=…}`` the rule of the evidence kept (the most confident);
  PARTNERS_WITH is symmetric;
- a leading ``-`` asserts the fact is absent.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from econgraph.graph.model import ArticleFacts
from econgraph.loaders.article import Article
from econgraph.loaders.extract import Extractor
from econgraph.loaders.script import convert_article

TSV = Path(__file__).parent / "fixtures" / "extraction_examples.tsv"
RELATION_TYPES = ("LOCATED_IN", "IN_INDUSTRY", "HAS_DESIGNATION", "RUNS", "HAS_INDUSTRY", "PARTNERS_WITH",
                  "INVESTS_IN", "INVESTS_IN_COUNTY", "SUPPLIES", "PART_OF")
_FACT = re.compile(r"^(-?)([A-Za-z_]+):([^>{]+)(?:>([^{]+))?(?:\{(.*)\})?$")


@dataclass
class Example:
    line: int
    rule: str
    status: str
    text: str
    facts: list[str]
    note: str

    @property
    def id(self) -> str:
        return f"L{self.line}-{self.rule}"


def read_examples(path: Path = TSV) -> list[Example]:
    out: list[Example] = []
    with path.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or row[0].startswith("#") or row[0] == "rule":
                continue
            row += [""] * (5 - len(row))
            rule, status, text, facts, note = row[:5]
            out.append(Example(n, rule.strip(), status.strip(), text.strip(),
                               [f.strip() for f in facts.split(";") if f.strip()], note.strip()))
    return out


def extract(text: str, extractor: Extractor | None = None) -> ArticleFacts:
    uid = "ex-" + hashlib.sha256(text.encode()).hexdigest()[:12]
    title, sep, body = text.partition("||")  # 标题||正文: a headline before the body
    title, body = (title, body) if sep else ("", text)
    article = convert_article(Article(uid, "examples.tsv", title, body))  # as the reader does: script, glosses
    return (extractor or Extractor()).extract(article)


def _bare_county(name: str) -> str:
    return re.sub(r"[市县区]$", "", name) if len(name) > 2 else name


def _names(node) -> set[str]:
    props = node.props
    names = {props.get("name", "")} | set(props.get("aliases") or ())
    if node.label == "County":
        names |= {_bare_county(n) for n in list(names)}
    return {n for n in names if n}


def _matches(node, want: str) -> bool:
    if want == "*":
        return True
    if node.label == "County":
        return _bare_county(want) in _names(node)
    if node.label in ("Industry", "Program", "Institution"):  # containment either way, as the scorer does
        return any(len(n) >= 2 and len(want) >= 2 and (want in n or n in want) for n in _names(node))
    return want in _names(node)


def check(facts: ArticleFacts, spec: str) -> bool:
    """Whether ``spec`` (one fact of the table) holds for the extracted facts."""
    m = _FACT.match(spec)
    if not m:
        raise ValueError(f"bad fact {spec!r}")
    neg, kind, a, b, props = m.groups()
    a, b = a.strip(), (b or "").strip()
    wanted_props = dict(kv.split("=", 1) for kv in props.split(",")) if props else {}
    nodes = {(n.label, n.uid): n for n in facts.nodes}

    def props_ok(*dicts: dict) -> bool:
        merged: dict = {}
        for d in dicts:
            merged.update({k: str(v) for k, v in d.items() if v is not None})
        return all(merged.get(k) == v for k, v in wanted_props.items())

    if kind in RELATION_TYPES:
        found = False
        for rel in facts.relationships:
            if rel.type != kind:
                continue
            start, end = nodes.get((rel.start.label, rel.start.uid)), nodes.get((rel.end.label, rel.end.uid))
            if start is None or end is None:
                continue
            if ((_matches(start, a) and _matches(end, b)) or (kind == "PARTNERS_WITH" and _matches(start, b)
                                                              and _matches(end, a))) and props_ok(end.props, rel.props,
                                                                                 {"rule": rel.evidence.rule}):
                found = True
                break
    elif neg and kind in ("Company", "Industry", "Program") and a != "*":  # no node of exactly that name
        found = any(n.label == kind and n.props.get("name") == a for n in facts.nodes)
    else:
        found = any(n.label == kind and _matches(n, a) and props_ok(n.props) for n in facts.nodes)
    return found != bool(neg)


def describe(facts: ArticleFacts) -> list[str]:
    """The facts in the table's notation (for a failing example's message and for rule authors)."""
    nodes = {(n.label, n.uid): n for n in facts.nodes}
    out = [f"{n.label}:{n.props.get('name')}" for n in facts.nodes if n.label in ("Company", "Institution")]
    for rel in facts.relationships:
        if rel.type in RELATION_TYPES and rel.type != "PART_OF":
            s, e = nodes.get((rel.start.label, rel.start.uid)), nodes.get((rel.end.label, rel.end.uid))
            extra = {k: v for k, v in {**(e.props if e else {}), **rel.props}.items()
                     if k in ("level", "year", "status")}
            tail = "{" + ",".join(f"{k}={v}" for k, v in sorted(extra.items())) + "}" if extra else ""
            out.append(f"{rel.type}:{s.props.get('name') if s else rel.start.uid}>"
                       f"{e.props.get('name') if e else rel.end.uid}{tail}")
    return sorted(out)


if __name__ == "__main__":  # print the facts of sentences given on the command line (or stdin lines)
    import sys

    for text in sys.argv[1:] or [line.strip() for line in sys.stdin if line.strip()]:
        print(text)
        for f in describe(extract(text)):
            print("   ", f)
