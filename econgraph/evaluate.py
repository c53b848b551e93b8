"""Score an extracted graph against hand-made gold files (the rules of shared/README.md).

The graph is in the export-JSON shape ``{"nodes": [{"id","labels","properties"}],
"relationships": [{"id","type","start","end","properties"}]}``, whether it was read from a store,
from an ``econgraph export --format json`` file, or built in memory from the gold's files, so every
path is scored by the same code. The rules are those of the reference scorer
(``shared/tools/score.py`` and ``score_triples.py``), which this module agrees with count for count:

- the companies of a file are the ``Company`` nodes an ``Article`` whose ``source`` has that file
  name ``MENTIONS``; a gold company is found when a company's name or alias equals its name or an
  alias; an extracted company matching no gold company and no optional one is a false positive.
  Precision is found / (found + false positives), recall found / gold (both as the reference counts);
- county link: a found gold company with a county has some matching company ``LOCATED_IN`` a node
  whose name or alias equals it (市/县/区 suffix ignored);
- institutions: recall over the gold list, by containment either way with a name (≥ 3 characters)
  of an ``Institution`` (or ``University``, ``ResearchInstitute``, ``Organization``) node the
  file's articles mention;
- typed relations (files whose gold has ``relations``): see :func:`_score_triples`.

Names are compared in :func:`econgraph.graph.model.normalise_name` form (NFKC, no white space, no
quote marks). A rate whose denominator is zero is ``None`` (shown as ``–``), not 0 or 1.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from econgraph.errors import InputError
from econgraph.graph.model import ArticleFacts, normalise_name

Graph = dict[str, list[dict[str, Any]]]

# The eight fact types scored as triples (MENTIONS and PART_OF are not scored).
TRIPLE_TYPES = ("LOCATED_IN", "IN_INDUSTRY", "HAS_DESIGNATION", "RUNS", "HAS_INDUSTRY", "PARTNERS_WITH",
                "INVESTS_IN", "SUPPLIES")
# Scored per type too but not pooled: not one of DESIGN's fact types (a company's project in a county; session 21).
EXTRA_TYPES = ("INVESTS_IN_COUNTY",)
SCORED_TYPES = TRIPLE_TYPES + EXTRA_TYPES
SYMMETRIC_TYPES = frozenset({"PARTNERS_WITH"})
INSTITUTION_LABELS = frozenset({"Institution", "University", "ResearchInstitute", "Organization"})
MIN_INSTITUTION_CHARS = 3  # an extracted institution name shorter than this matches nothing
MIN_CONTAINMENT_CHARS = 2  # industries, programs, institutions as triple ends: containment of at least this


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class PR:
    """Counts behind a precision and a recall.

    ``tp`` of ``extracted`` predicted items are right; ``found`` of ``gold`` items are found. For
    companies ``tp`` is the number of gold companies found and ``extracted`` is that plus the false
    positives (the reference scorer's precision); elsewhere both count predicted items.
    """

    tp: int = 0
    extracted: int = 0
    found: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return _rate(self.tp, self.extracted)

    @property
    def recall(self) -> float | None:
        return _rate(self.found, self.gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        p, r = p or 0.0, r or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PR) -> None:
        self.tp += other.tp
        self.extracted += other.extracted
        self.found += other.found
        self.gold += other.gold

    def as_dict(self) -> dict[str, Any]:
        def r4(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {"tp": self.tp, "extracted": self.extracted, "found": self.found, "gold": self.gold,
                "precision": r4(self.precision), "recall": r4(self.recall), "f1": r4(self.f1)}


@dataclass
class Fact:
    """A gold fact the graph misses, or a graph fact the gold does not hold, and the sentence that says it."""

    file: str
    kind: str  # company, institution, county link, or a relationship type
    fact: str
    sentence: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "kind": self.kind, "fact": self.fact, "sentence": self.sentence}


_CLASSES = ("companies", "county_links", "institutions", "counties", "programs", "industries")


@dataclass
class FileScore:
    file: str
    companies: PR = field(default_factory=PR)
    county_links: PR = field(default_factory=PR)  # found = correct, gold = found gold companies with a county
    institutions: PR = field(default_factory=PR)
    counties: PR = field(default_factory=PR)
    programs: PR = field(default_factory=PR)
    industries: PR = field(default_factory=PR)
    triples: dict[str, PR] = field(default_factory=lambda: {t: PR() for t in SCORED_TYPES})
    triples_scored: int = 0  # files whose gold has typed relations
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong_links: list[str] = field(default_factory=list)
    missed_facts: list[Fact] = field(default_factory=list)
    spurious_facts: list[Fact] = field(default_factory=list)
    # "TYPE rule" -> predicted triples that rule gave (extracted) and how many are right (tp); a triple
    # several rules gave counts for each, so a rule's precision says how far its word can be trusted
    by_rule: dict[str, PR] = field(default_factory=dict)
    # a triple's confidence (the highest of its evidence from this file, 2 decimals) -> predicted and right:
    # how precise the facts `--min-confidence X` keeps are, and whether a confidence means what it says
    by_confidence: dict[float, PR] = field(default_factory=dict)

    @property
    def link_accuracy(self) -> float | None:
        return self.county_links.recall

    @property
    def triples_pooled(self) -> PR:
        pooled = PR()
        for t in TRIPLE_TYPES:
            pooled.add(self.triples[t])
        return pooled

    def add(self, other: FileScore) -> None:
        for name in _CLASSES:
            getattr(self, name).add(getattr(other, name))
        for t in SCORED_TYPES:
            self.triples[t].add(other.triples[t])
        self.triples_scored += other.triples_scored
        self.false_positives += other.false_positives
        self.missed += other.missed
        self.wrong_links += other.wrong_links
        self.missed_facts += other.missed_facts
        self.spurious_facts += other.spurious_facts
        for key, pr in other.by_rule.items():
            self.by_rule.setdefault(key, PR()).add(pr)
        for conf, pr in other.by_confidence.items():
            self.by_confidence.setdefault(conf, PR()).add(pr)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file}
        for name in ("companies", "institutions", "counties", "programs", "industries"):
            out[name] = getattr(self, name).as_dict()
        acc = self.link_accuracy
        out["county_link_accuracy"] = None if acc is None else round(acc, 4)
        out["county_links"] = {"correct": self.county_links.found, "scored": self.county_links.gold}
        out["triples"] = {"files_scored": self.triples_scored, "pooled": self.triples_pooled.as_dict(),
                          "by_type": {t: pr.as_dict() for t, pr in self.triples.items()},
                          "by_rule": {k: {"tp": pr.tp, "extracted": pr.extracted,
                                          "precision": None if pr.precision is None else round(pr.precision, 4)}
                                      for k, pr in sorted(self.by_rule.items())},
                          "by_confidence": {f"{c:.2f}": {"tp": pr.tp, "extracted": pr.extracted}
                                            for c, pr in sorted(self.by_confidence.items(), reverse=True)}}
        out["false_positives"] = self.false_positives
        out["missed"] = self.missed
        out["wrong_links"] = self.wrong_links
        out["missed_facts"] = [f.as_dict() for f in self.missed_facts]
        out["spurious_facts"] = [f.as_dict() for f in self.spurious_facts]
        return out


@dataclass
class Report:
    files: list[FileScore]
    total: FileScore
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"files": [f.as_dict() for f in self.files], "total": self.total.as_dict(), "warnings": self.warnings}


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {what} file {path}: {exc}") from exc


def read_gold(path: Path) -> dict[str, Any]:
    gold = _read_json(path, "gold")
    if not isinstance(gold, dict) or not isinstance(gold.get("files"), dict):
        raise InputError(f"gold file {path} has no 'files' object", hint="see the 'about' field of seeds-dev.json")
    return gold


def read_export(path: Path) -> Graph:
    """An ``econgraph export --format json`` file (the reference scorer's input)."""
    graph = _read_json(path, "export")
    if not isinstance(graph, dict) or not isinstance(graph.get("nodes"), list):
        raise InputError(f"export file {path} has no 'nodes' list", hint="write it with econgraph export --format json")
    return graph


# ----------------------------------------------------------------------------------------- names


def _n(text: str) -> str:
    return normalise_name(text or "")


def _county_key(text: str) -> str:
    text = _n(text)
    return text[:-1] if len(text) > 2 and text[-1] in "市县区" else text


def _names(props: dict[str, Any]) -> set[str]:
    out = {_n(str(props.get("name", "")))} | {_n(str(a)) for a in props.get("aliases") or ()}
    return {x for x in out if x}


def _close(a: str, b: str) -> bool:
    return bool(a and b) and (a in b or b in a) and min(len(a), len(b)) >= MIN_CONTAINMENT_CHARS


def _end_match(pred: set[str], gold: set[str], label: str) -> bool:
    if label == "County":
        return bool({_county_key(p) for p in pred} & {_county_key(g) for g in gold})
    if label == "Company":
        return bool(pred & gold)
    return any(_close(p, g) for p in pred for g in gold)


def _basename(source: Any) -> str:
    return str(source or "").replace("\\", "/").rsplit("/", 1)[-1]


_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])")


def _sentence_with(texts: Iterable[str], names: Iterable[str]) -> str:
    """The first sentence of these texts that contains one of the names (compared in normal form)."""
    wanted = [x for x in names if x]
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            norm = _n(sentence)
            if any(w in norm for w in wanted):
                return sentence.strip()
    return ""


# ----------------------------------------------------------------------------------------- scoring


@dataclass
class _Index:
    """The graph indexed once: nodes, articles by file name, what they mention, county links, triples."""

    nodes: dict[str, dict[str, Any]]
    articles: dict[str, list[str]]  # file name -> article node ids
    mentions: dict[str, dict[str, str]]  # article id -> mentioned node id -> sentence
    located: dict[str, set[str]]  # company id -> ids of what it is LOCATED_IN
    triples: dict[str, list[tuple[str, str, str, str]]]  # file name -> (type, start, end, sentence)
    rules: dict[tuple[str, str, str, str], set[str]]  # (file name, type, start, end) -> the rules that gave it
    confidence: dict[tuple[str, str, str, str], float]  # (file name, type, start, end) -> its highest confidence

    @classmethod
    def of(cls, graph: Graph) -> _Index:
        nodes = {n["id"]: n for n in graph.get("nodes", [])}
        articles: dict[str, list[str]] = {}
        article_file: dict[str, str] = {}  # article uid -> file name
        for nid, n in nodes.items():
            if "Article" in (n.get("labels") or ()):
                fname = _basename(n["properties"].get("source"))
                articles.setdefault(fname, []).append(nid)
                uid = n["properties"].get("uid") or nid.split(":", 1)[-1]
                article_file[str(uid)] = fname
        mentions: dict[str, dict[str, str]] = {}
        located: dict[str, set[str]] = {}
        triples: dict[str, list[tuple[str, str, str, str]]] = {}
        rules: dict[tuple[str, str, str, str], set[str]] = {}
        confidence: dict[tuple[str, str, str, str], float] = {}
        for r in graph.get("relationships") or graph.get("edges") or []:
            s, e, t = r["start"], r["end"], r["type"]
            if s not in nodes or e not in nodes:
                continue
            props = r.get("properties") or {}
            if t == "MENTIONS" and "Article" in nodes[s]["labels"]:
                first = next((ev for ev in props.get("evidence") or () if isinstance(ev, dict)), {})
                mentions.setdefault(s, {}).setdefault(e, str(props.get("sentence") or first.get("sentence") or ""))
            if t == "LOCATED_IN":
                located.setdefault(s, set()).add(e)
            if t in SCORED_TYPES:
                by_file = _evidence_rules(props, article_file)
                for fname, sentence in _evidence_files(props, article_file).items():
                    key = (fname, t, s, e)
                    triples.setdefault(fname, []).append((t, s, e, sentence))
                    file_rules, file_conf = by_file.get(fname, (set(), None))
                    rules.setdefault(key, set()).update(file_rules or _rules_of(props))
                    conf = file_conf if file_conf is not None else _number(props.get("confidence"))
                    if conf is not None:
                        confidence[key] = max(conf, confidence.get(key, conf))
        return cls(nodes, articles, mentions, located, triples, rules, confidence)

    def label(self, nid: str) -> str:
        return (self.nodes[nid].get("labels") or [""])[0]

    def linked_counties(self, company: str) -> set[str]:
        """County keys (name and aliases, 市/县/区 dropped) of everything this company is LOCATED_IN."""
        return {_county_key(x) for e in self.located.get(company, ()) for x in _names(self.nodes[e]["properties"])}

    def texts(self, fname: str) -> list[str]:
        return [str(self.nodes[a]["properties"].get("text", "")) for a in self.articles.get(fname, [])]


def _evidence_files(props: dict[str, Any], article_file: dict[str, str]) -> dict[str, str]:
    """File name -> a sentence, for every article a relationship's evidence comes from.

    Both shapes: one relationship per article (``article``, ``sentence``) and one per fact
    (``evidence``: a list of {article, sentence, …}, and ``articles``: their count, or a list of uids).
    """
    out: dict[str, str] = {}

    def put(article: Any, sentence: Any) -> None:
        fname = article_file.get(str(article)) if article else None
        if fname is not None and (fname not in out or not out[fname]):
            out[fname] = str(sentence or "")

    put(props.get("article"), props.get("sentence"))
    for ev in props.get("evidence") or ():
        if isinstance(ev, dict):
            put(ev.get("article"), ev.get("sentence"))
    articles = props.get("articles")
    for article in articles if isinstance(articles, list) else ():  # a count in the stores' facts
        put(article, "")
    return out


def score(graph: Graph, gold: dict[str, Any] | Sequence[dict[str, Any]]) -> Report:
    """Score a graph against one gold annotation or several (their files are scored in turn)."""
    golds = [gold] if isinstance(gold, dict) else list(gold)
    index = _Index.of(graph)
    files: list[FileScore] = []
    total = FileScore("total")
    for g in golds:
        for fname, want in g["files"].items():
            fs = _score_file(fname, want, index)
            files.append(fs)
            total.add(fs)
    return Report(files, total)


def _rules_of(props: dict[str, Any]) -> set[str]:
    """A relationship's rules when its evidence does not say which article each came from."""
    listed = props.get("rules")
    out = {str(x) for x in listed} if isinstance(listed, list) else set()
    if props.get("rule"):
        out.add(str(props["rule"]))
    return out or {"?"}


def _number(x: Any) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def _evidence_rules(props: dict[str, Any], article_file: dict[str, str]) -> dict[str, tuple[set[str], float | None]]:
    """File name -> the rules of the evidence a relationship has from that file's articles, and their
    highest confidence."""
    out: dict[str, tuple[set[str], float | None]] = {}
    for ev in props.get("evidence") or ():
        fname = article_file.get(str(ev.get("article"))) if isinstance(ev, dict) else None
        if fname is None:
            continue
        rules, conf = out.get(fname, (set(), None))
        if ev.get("rule"):
            rules.add(str(ev["rule"]))
        c = _number(ev.get("confidence"))
        out[fname] = rules, (c if conf is None or (c is not None and c > conf) else conf)
    return out


def _score_file(fname: str, g: dict[str, Any], ix: _Index) -> FileScore:
    fs = FileScore(fname)
    nodes = ix.nodes
    seen: dict[str, str] = {}  # mentioned node id -> sentence
    for a in ix.articles.get(fname, []):
        for nid, sentence in ix.mentions.get(a, {}).items():
            seen.setdefault(nid, sentence)
    by_label: dict[str, list[str]] = {}
    for nid in seen:
        by_label.setdefault(ix.label(nid), []).append(nid)
    texts = ix.texts(fname)

    # companies
    companies = {nid: _names(nodes[nid]["properties"]) for nid in seen if "Company" in nodes[nid]["labels"]}
    gold_sets = [({_n(c["name"])} | {_n(a) for a in c.get("aliases") or ()}, c) for c in g.get("companies", [])]
    optional = {_n(x) for x in g.get("optional_companies", [])}
    matched: set[str] = set()
    fs.companies.gold = len(gold_sets)
    for names, c in gold_sets:
        hit = [nid for nid, ns in companies.items() if ns & names]
        if not hit:
            fs.missed.append(c["name"])
            fs.missed_facts.append(Fact(fname, "company", c["name"], _sentence_with(texts, names)))
            continue
        fs.companies.found += 1
        matched.update(hit)
        if c.get("county"):
            fs.county_links.gold += 1
            if any(_county_key(c["county"]) in ix.linked_counties(nid) for nid in hit):
                fs.county_links.found += 1
            else:
                got = sorted({str(nodes[e]["properties"].get("name", e)) for nid in hit for e in ix.located.get(nid, ())})
                fs.wrong_links.append(f"{c['name']}: want {c['county']}, got {'/'.join(got) or 'none'}")
                fs.missed_facts.append(Fact(fname, "county link", f"{c['name']} -> {c['county']}"
                                            f" (graph: {'/'.join(got) or 'none'})", _sentence_with(texts, names)))
    fs.companies.tp = fs.companies.found
    fs.companies.extracted = fs.companies.found
    for nid, names in companies.items():
        if nid in matched or names & optional:  # optional companies are neither counted nor penalised
            continue
        fs.companies.extracted += 1
        name = nodes[nid]["properties"].get("name", nid)
        fs.false_positives.append(name)
        fs.spurious_facts.append(Fact(fname, "company", name, seen[nid]))

    # institutions: recall by containment (names of at least MIN_INSTITUTION_CHARS characters)
    inst_ids = [nid for nid in seen if set(nodes[nid]["labels"]) & INSTITUTION_LABELS]
    inst_names = {nid: {x for x in _names(nodes[nid]["properties"]) if len(x) >= MIN_INSTITUTION_CHARS}
                  for nid in inst_ids}
    every_inst = set().union(*inst_names.values()) if inst_names else set()
    gold_inst = [(_n(x), x) for x in g.get("institutions", [])]
    fs.institutions.gold = len(gold_inst)
    for key, raw in gold_inst:
        if any(key in y or y in key for y in every_inst):
            fs.institutions.found += 1
        else:
            fs.missed.append(f"institution {raw}")
            fs.missed_facts.append(Fact(fname, "institution", raw, _sentence_with(texts, [key])))
    fs.institutions.extracted = len(inst_ids)
    fs.institutions.tp = sum(1 for nid in inst_ids
                             if any(k in y or y in k for y in inst_names[nid] for k, _ in gold_inst))

    # closed classes: exact names (counties also by alias, suffix ignored) — not in the reference scorer
    closed: tuple[tuple[str, str, Callable[[str], str]], ...] = (
        ("counties", "County", _county_key), ("programs", "Program", _n), ("industries", "Industry", _n))
    for attr, lab, norm_fn in closed:
        pr: PR = getattr(fs, attr)
        named = [{norm_fn(x) for x in _names(nodes[nid]["properties"])} for nid in by_label.get(lab, [])]
        wanted = [norm_fn(x) for x in g.get(attr, [])]
        pr.extracted, pr.gold = len(named), len(wanted)
        pr.tp = sum(1 for names in named if names & set(wanted))
        pr.found = sum(1 for w in wanted if any(w in names for names in named))

    if "relations" in g:  # a gold file without typed relations is not scored on them
        fs.triples_scored = 1
        _score_triples(fname, g, ix, fs)
    return fs


def _count_rules(fs: FileScore, ix: _Index, key: tuple[str, str, str, str], right: bool) -> None:
    """A predicted triple in the per-rule and per-confidence counts (the latter for the pooled types only: its
    table reads as the pooled figure at each threshold)."""
    counts = [fs.by_rule.setdefault(f"{key[1]} {rule}", PR()) for rule in sorted(ix.rules.get(key) or {"?"})]
    if key in ix.confidence and key[1] in TRIPLE_TYPES:
        counts.append(fs.by_confidence.setdefault(round(ix.confidence[key], 2), PR()))
    for counted in counts:
        counted.extracted += 1
        counted.tp += right


def _score_triples(fname: str, g: dict[str, Any], ix: _Index, fs: FileScore) -> None:
    """Typed relations of one file, as ``score_triples.py``.

    A predicted triple is (type, start, end) of a relationship of one of the eight types whose
    evidence comes from an article of the file, counted once per file. It matches a gold triple of
    the same type when both ends match: companies by name/alias equality (the gold company's aliases
    count), counties by name without 市/县/区, industries, programs and institutions by containment
    either way (at least 2 characters); PARTNERS_WITH in either direction. Predicted triples touching
    an optional company are ignored. Precision is over predicted triples, recall over gold triples.
    """
    nodes = ix.nodes
    alias: dict[str, set[str]] = {}
    for c in g.get("companies", []):
        names = {_n(c["name"])} | {_n(a) for a in c.get("aliases") or ()}
        for x in names:
            alias[x] = names
    optional = {_n(x) for x in g.get("optional_companies", [])}

    def gnames(x: str) -> set[str]:
        return alias.get(_n(x), {_n(x)})

    gold = [(r["type"], gnames(r["from"]), gnames(r["to"]), r) for r in g.get("relations", [])
            if r.get("type") in SCORED_TYPES]
    pred: list[tuple[str, set[str], set[str], str, str, str, str, str]] = []
    keys: list[tuple[str, str, str, str]] = []  # each predicted triple's key into ``ix.rules``
    seen: set[tuple[str, str, str]] = set()
    for t, s, e, sentence in ix.triples.get(fname, []):
        if (t, s, e) in seen:
            continue
        seen.add((t, s, e))
        sn, en = _names(nodes[s]["properties"]), _names(nodes[e]["properties"])
        sl, el = ix.label(s), ix.label(e)
        if ("Company" in nodes[s]["labels"] and sn & optional) or ("Company" in nodes[e]["labels"] and en & optional):
            continue
        pred.append((t, sn, en, sl, el, nodes[s]["properties"].get("name", s), nodes[e]["properties"].get("name", e),
                     sentence))
        keys.append((fname, t, s, e))

    def match(p: tuple[str, set[str], set[str], str, str, str, str, str],
              gt: tuple[str, set[str], set[str], dict[str, Any]]) -> bool:
        t, sn, en, sl, el = p[:5]
        if t != gt[0]:
            return False
        if _end_match(sn, gt[1], sl) and _end_match(en, gt[2], el):
            return True
        return t in SYMMETRIC_TYPES and _end_match(en, gt[1], el) and _end_match(sn, gt[2], sl)

    for p, key in zip(pred, keys, strict=True):
        pr = fs.triples[p[0]]
        pr.extracted += 1
        right = any(match(p, gt) for gt in gold)
        _count_rules(fs, ix, key, right)
        if right:
            pr.tp += 1
        else:
            fs.spurious_facts.append(Fact(fname, p[0], f"{p[5]} -> {p[6]}", p[7]))
    for gt in gold:
        pr = fs.triples[gt[0]]
        pr.gold += 1
        if any(match(p, gt) for p in pred):
            pr.found += 1
        else:
            r = gt[3]
            fs.missed_facts.append(Fact(fname, gt[0], f"{r['from']} -> {r['to']}", str(r.get("evidence", ""))))


# ----------------------------------------------------------------------------------------- graphs


def graph_from_facts(facts: Iterable[ArticleFacts]) -> Graph:
    """The export-JSON shape of facts held in memory (node properties merged as the stores do)."""
    nodes: dict[str, dict[str, Any]] = {}
    rels: dict[str, dict[str, Any]] = {}
    for f in facts:
        for n in [f.article, *f.nodes]:
            nid = n.ref.key()
            props = dict(n.props)
            old = nodes.get(nid)
            if old is not None:
                op = old["properties"]
                name = max((str(op.get("name", "")), str(props.get("name", ""))), key=lambda s: (len(s), s))
                aliases = sorted({*op.get("aliases", ()), *props.get("aliases", ())} - {name})
                props = {**op, **props, "name": name}
                if aliases or "aliases" in op:
                    props["aliases"] = aliases
            nodes[nid] = {"id": nid, "labels": [n.label], "properties": props}
        for r in f.relationships:
            rels[r.uid] = {"id": r.uid, "type": r.type, "start": r.start.key(), "end": r.end.key(),
                           "properties": r.properties()}
    return {"nodes": list(nodes.values()), "relationships": list(rels.values())}


def graph_from_store(store: Any) -> Graph:
    """The export-JSON shape of a store, through its ``iter_nodes``/``iter_relationships``."""
    nodes = [{"id": f"{n.label}:{n.uid}", "labels": [n.label], "properties": dict(n.properties)}
             for n in store.iter_nodes()]
    rels = [{"id": r.uid, "type": r.type, "start": f"{r.start[0]}:{r.start[1]}", "end": f"{r.end[0]}:{r.end[1]}",
             "properties": dict(r.properties)} for r in store.iter_relationships()]
    return {"nodes": nodes, "relationships": rels}


def extract_files(paths: list[Path], region: str = "liaocheng") -> list[ArticleFacts]:
    """Articles of these files, extracted and alias-resolved in memory (what ``build`` would store)."""
    from econgraph.loaders.aliases import resolve
    from econgraph.loaders.documents import load_articles
    from econgraph.loaders.extract import Extractor

    result = load_articles(paths)
    if not result.articles:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in result.skipped) or "no articles"
        raise InputError(f"nothing to evaluate: {reasons}")
    extractor = Extractor(region)
    return resolve([extractor.extract(a) for a in result.articles], region=region)


# ----------------------------------------------------------------------------------------- entry point


def gold_texts(gold_paths: Sequence[Path], texts: Sequence[Path]) -> tuple[list[dict[str, Any]], list[Path], list[str]]:
    """The gold files read, the text file of each of their files, and warnings about texts that differ.

    ``texts`` is one folder for every gold file, or one folder per gold file (in the same order). A
    missing text is an :class:`InputError` naming it; a text whose SHA-256 differs from the gold's
    ``sources`` entry is a warning (the figures are then not comparable with someone else's).
    """
    if len(texts) not in (1, len(gold_paths)):
        raise InputError(f"{len(texts)} text folders for {len(gold_paths)} gold files",
                         hint="pass one --texts for all, or one per --gold in the same order")
    golds = [read_gold(p) for p in gold_paths]
    folders = list(texts) * len(gold_paths) if len(texts) == 1 else list(texts)
    paths: list[Path] = []
    warnings: list[str] = []
    owner: dict[str, Path] = {}
    for gp, gold, folder in zip(gold_paths, golds, folders, strict=True):
        missing = []
        for name in gold["files"]:
            if name in owner:
                raise InputError(f"file {name} is in both {owner[name]} and {gp}",
                                 hint="score gold files whose file names overlap one at a time")
            owner[name] = gp
            path = Path(folder) / name
            if not path.is_file():
                missing.append(path)
                continue
            paths.append(path)
            want = (gold.get("sources") or {}).get(name) or {}
            if want.get("sha256") and hashlib.sha256(path.read_bytes()).hexdigest() != want["sha256"]:
                chars = len(path.read_text(encoding="utf-8", errors="replace"))
                warnings.append(f"{path}: text differs from the one {Path(gp).name} was annotated on "
                                f"(sha256; {chars} characters, the gold says {want.get('chars', '?')})")
        if missing:
            more = f", and {len(missing) - 1} more of its files" if len(missing) > 1 else ""
            raise InputError(f"text file {missing[0]} (named by {Path(gp).name}) is missing{more}",
                             hint="pass --texts DIR, the folder holding the gold's texts")
    return golds, paths, warnings


def evaluate(gold_path: Path | Sequence[Path], seeds: Path | None = None, store: Any = None,
             region: str = "liaocheng", texts: Path | Sequence[Path] | None = None,
             export: Path | None = None) -> Report:
    """Score against one or more gold files: a store, an export file, or (without either) the gold's
    files extracted in memory from ``texts`` (``seeds`` is the older name; default ``seeds/``) as one graph."""
    gold_paths = [Path(gold_path)] if isinstance(gold_path, (str, Path)) else [Path(p) for p in gold_path]
    if not gold_paths:
        raise InputError("no gold file", hint="pass --gold FILE")
    if store is not None or export is not None:
        golds = [read_gold(p) for p in gold_paths]
        graph = graph_from_store(store) if store is not None else read_export(Path(export))  # type: ignore[arg-type]
        return score(graph, golds)
    if texts is None:
        texts = seeds if seeds is not None else Path("seeds")
    folders = [Path(texts)] if isinstance(texts, (str, Path)) else [Path(t) for t in texts]
    golds, paths, warnings = gold_texts(gold_paths, folders or [Path("seeds")])
    report = score(graph_from_facts(extract_files(paths, region)), golds)
    report.warnings = warnings
    return report
