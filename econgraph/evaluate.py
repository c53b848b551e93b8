"""Score an extracted graph against a hand-made gold file (the rules of shared/README.md).

The graph is in the export-JSON shape ``{"nodes": [{"id","labels","properties"}],
"relationships": [{"id","type","start","end","properties"}]}``, whether it was read from a store
or built in memory from the gold's files, so both paths are scored by the same code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from econgraph.errors import InputError
from econgraph.graph.model import ArticleFacts, normalise_name

Graph = dict[str, list[dict[str, Any]]]


@dataclass
class PR:
    tp: int = 0  # extracted items that match
    extracted: int = 0
    found: int = 0  # gold items found
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PR) -> None:
        self.tp += other.tp
        self.extracted += other.extracted
        self.found += other.found
        self.gold += other.gold

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class FileScore:
    file: str
    companies: PR = field(default_factory=PR)
    county_links: PR = field(default_factory=PR)  # found = correct, gold = found gold companies with a county
    institutions: PR = field(default_factory=PR)
    counties: PR = field(default_factory=PR)
    programs: PR = field(default_factory=PR)
    industries: PR = field(default_factory=PR)
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong_links: list[str] = field(default_factory=list)

    @property
    def link_accuracy(self) -> float:
        return self.county_links.recall

    def add(self, other: FileScore) -> None:
        for name in ("companies", "county_links", "institutions", "counties", "programs", "industries"):
            getattr(self, name).add(getattr(other, name))
        self.false_positives += other.false_positives
        self.missed += other.missed
        self.wrong_links += other.wrong_links

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file}
        for name in ("companies", "institutions", "counties", "programs", "industries"):
            out[name] = getattr(self, name).as_dict()
        out["county_link_accuracy"] = round(self.link_accuracy, 4)
        out["county_links"] = {"correct": self.county_links.found, "scored": self.county_links.gold}
        out["false_positives"] = self.false_positives
        out["missed"] = self.missed
        out["wrong_links"] = self.wrong_links
        return out


@dataclass
class Report:
    files: list[FileScore]
    total: FileScore

    def as_dict(self) -> dict[str, Any]:
        return {"files": [f.as_dict() for f in self.files], "total": self.total.as_dict()}


def read_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read gold file {path}: {exc}") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("files"), dict):
        raise InputError(f"gold file {path} has no 'files' object", hint="see the 'about' field of seeds-dev.json")
    return gold


def _n(text: str) -> str:
    return normalise_name(text)


def _county_key(text: str) -> str:
    text = _n(text)
    return text[:-1] if len(text) > 2 and text[-1] in "市县区" else text


def _names(props: dict[str, Any]) -> set[str]:
    return {_n(str(props.get("name", "")))} | {_n(str(a)) for a in props.get("aliases") or ()}


def score(graph: Graph, gold: dict[str, Any]) -> Report:
    nodes = {n["id"]: n for n in graph.get("nodes", [])}
    label = {nid: (n.get("labels") or [""])[0] for nid, n in nodes.items()}
    mentions: dict[str, set[str]] = {}  # article id -> mentioned node ids
    located: dict[str, set[str]] = {}  # company id -> county ids
    for r in graph.get("relationships", []):
        if r["type"] == "MENTIONS":
            mentions.setdefault(r["start"], set()).add(r["end"])
        elif r["type"] == "LOCATED_IN":
            located.setdefault(r["start"], set()).add(r["end"])
    files: list[FileScore] = []
    total = FileScore("total")
    for fname, g in gold["files"].items():
        articles = [nid for nid, n in nodes.items() if label[nid] == "Article"
                    and str(n["properties"].get("source", "")).replace("\\", "/").endswith(fname)]
        seen = set().union(*(mentions.get(a, set()) for a in articles)) if articles else set()
        by_label: dict[str, list[str]] = {}
        for nid in seen:
            if nid in nodes:
                by_label.setdefault(label[nid], []).append(nid)
        fs = _score_file(fname, g, nodes, by_label, located)
        files.append(fs)
        total.add(fs)
    return Report(files, total)


def _score_file(fname: str, g: dict[str, Any], nodes: dict[str, dict[str, Any]], by_label: dict[str, list[str]],
                located: dict[str, set[str]]) -> FileScore:
    fs = FileScore(fname)
    companies = {nid: _names(nodes[nid]["properties"]) for nid in by_label.get("Company", [])}
    gold_sets = [({_n(c["name"])} | {_n(a) for a in c.get("aliases") or ()}, c) for c in g.get("companies", [])]
    optional = {_n(x) for x in g.get("optional_companies", [])}
    every_gold = set().union(*(s for s, _ in gold_sets)) if gold_sets else set()
    # precision
    for nid, names in companies.items():
        if names & every_gold:
            fs.companies.tp += 1
            fs.companies.extracted += 1
        elif not names & optional:  # optional companies are neither counted nor penalised
            fs.companies.extracted += 1
            fs.false_positives.append(nodes[nid]["properties"].get("name", nid))
    # recall and county links
    fs.companies.gold = len(gold_sets)
    for names, c in gold_sets:
        matching = [nid for nid, ns in companies.items() if ns & names]
        if not matching:
            fs.missed.append(c["name"])
            continue
        fs.companies.found += 1
        if c.get("county"):
            fs.county_links.gold += 1
            want = _county_key(c["county"])
            linked = {cid for m in matching for cid in located.get(m, set())}
            if any(want in {_county_key(x) for x in _names(nodes[cid]["properties"])} for cid in linked if cid in nodes):
                fs.county_links.found += 1
            else:
                got = sorted(nodes[cid]["properties"].get("name", cid) for cid in linked if cid in nodes)
                fs.wrong_links.append(f"{c['name']}: want {c['county']}, got {'/'.join(got) or 'none'}")
    # institutions: recall by containment
    inst_names = [_n(nodes[nid]["properties"].get("name", "")) for nid in by_label.get("Institution", [])]
    gold_inst = [_n(x) for x in g.get("institutions", [])]
    fs.institutions.gold = len(gold_inst)
    fs.institutions.found = sum(1 for x in gold_inst if any(x in y or (y and y in x) for y in inst_names))
    fs.institutions.extracted = len(inst_names)
    fs.institutions.tp = sum(1 for y in inst_names if any(x in y or y in x for x in gold_inst))
    fs.missed += [f"institution {x}" for x in gold_inst if not any(x in y or (y and y in x) for y in inst_names)]
    # closed classes: exact names (counties also by alias, suffix ignored)
    for attr, lab, key in (("counties", "County", _county_key), ("programs", "Program", _n),
                           ("industries", "Industry", _n)):
        pr: PR = getattr(fs, attr)
        got = [{key(x) for x in _names(nodes[nid]["properties"])} for nid in by_label.get(lab, [])]
        want = [key(x) for x in g.get(attr, [])]
        pr.extracted, pr.gold = len(got), len(want)
        pr.tp = sum(1 for names in got if names & set(want))
        pr.found = sum(1 for w in want if any(w in names for names in got))
    return fs


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


def evaluate(gold_path: Path, seeds: Path | None = None, store: Any = None, region: str = "liaocheng") -> Report:
    """Score a store, or (without one) the gold's files extracted in memory from ``seeds``."""
    gold = read_gold(gold_path)
    if store is not None:
        return score(graph_from_store(store), gold)
    seeds = Path(seeds) if seeds is not None else Path("seeds")
    paths = [seeds / name for name in gold["files"]]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise InputError(f"gold file names files not in {seeds}: {', '.join(missing)}", hint="pass --seeds DIR")
    return score(graph_from_facts(extract_files(paths, region)), gold)
