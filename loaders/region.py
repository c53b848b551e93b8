"""Region packs: a region's places, industries and programs, read from data files.

A pack is a folder under ``loaders/regions/<name>/`` (``region.json``, ``towns.tsv``,
``industries.json``, ``programs.json``); the generic word lists shared by all packs sit in
``regions/_zh/vocab.json``. Another region is a new folder, not new code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
from econgraph.graph.model import entity_uid, plain_init
from econgraph.loaders.rules import read_described
from econgraph.loaders.text import longest_leftmost

from econgraph.errors import InputError

REGIONS_DIR = Path(__file__).resolve().parent / "regions"


@dataclass(frozen=True)
class County:
    name: str
    kind: str
    city: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Industry:
    name: str
    aliases: tuple[str, ...]
    part_of: str | None


@dataclass(frozen=True)
class Program:
    name: str
    level: str | None
    kind: str
    aliases: tuple[str, ...]


@plain_init
@dataclass(frozen=True)
class Match:
    """A closed-class mention: ``kind`` is County, Town, City, Industry or Program."""

    start: int
    end: int
    kind: str
    canonical: str  # County/Industry/Program name; for a Town, its county
    surface: str


@dataclass
class Region:
    name: str  # the city, e.g. 聊城市
    city_aliases: tuple[str, ...]
    province: str
    counties: dict[str, County]
    towns: dict[str, str]  # town or street -> county name
    industries: dict[str, Industry]
    programs: dict[str, Program]
    vocab: dict[str, Any]
    automaton: Any = field(repr=False, default=None)
    places: frozenset[str] = frozenset()  # every place word usable as a name prefix
    by_uid: dict[tuple[str, str], Any] = field(default_factory=dict)  # (label, uid) -> County/Industry/Program

    def county_of(self, surface: str) -> str | None:
        """The county a place word names (a county, its alias, or a town in it)."""
        for county in self.counties.values():
            if surface == county.name or surface in county.aliases:
                return county.name
        return self.towns.get(surface)

    def industry_chain(self, name: str) -> list[str]:
        """The industry and its ancestors in the taxonomy, nearest first."""
        chain: list[str] = []
        while name and name in self.industries and name not in chain:
            chain.append(name)
            name = self.industries[name].part_of or ""
        return chain

    def matches(self, text: str) -> list[Match]:
        """Longest, non-overlapping closed-class matches in cleaned, quote-free text."""
        found: list[tuple[int, int, tuple[str, str, str]]] = []
        for end, value in self.automaton.iter(text):
            found.append((end - len(value[2]) + 1, end + 1, value))
        return [Match(start, end, kind, canonical, surface)
                for start, end, (kind, canonical, surface) in longest_leftmost(found)]


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read region file {path}: {exc}") from exc


def _read_towns(path: Path) -> dict[str, str]:
    towns: dict[str, str] = {}
    if not path.exists():
        return towns
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        town, _, county = line.partition("\t")
        towns[town.strip()] = county.strip()
    return towns


def available_regions() -> list[str]:
    return sorted(p.name for p in REGIONS_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))


@lru_cache(maxsize=8)
def load_region(name: str = "liaocheng") -> Region:
    """Read a region pack and build its Aho-Corasick automaton (cached per process)."""
    folder = REGIONS_DIR / name
    if not (folder / "region.json").exists():
        raise InputError(f"unknown region {name!r}", hint="available: " + ", ".join(available_regions()))
    meta = _read_json(folder / "region.json")
    vocab = read_described(REGIONS_DIR / meta.get("language", "_zh") / "vocab.json")
    city = meta["name"]
    counties = {
        c["name"]: County(c["name"], c["kind"], c.get("city", city), tuple(c.get("aliases", ())))
        for c in meta["counties"]
    }
    towns = {t: c for t, c in _read_towns(folder / "towns.tsv").items() if c in counties}
    industries = {
        i["name"]: Industry(i["name"], tuple(i.get("aliases", ())), i.get("part_of"))
        for i in _read_json(folder / "industries.json")["industries"]
    }
    programs = {
        p["name"]: Program(p["name"], p.get("level"), p.get("kind", "designation"), tuple(p.get("aliases", ())))
        for p in _read_json(folder / "programs.json")["programs"]
    }
    region = Region(
        name=city,
        city_aliases=tuple(meta.get("aliases", ())),
        province=meta.get("province", ""),
        counties=counties,
        towns=towns,
        industries=industries,
        programs=programs,
        vocab=vocab,
    )
    auto = ahocorasick.Automaton()

    def add(surface: str, kind: str, canonical: str) -> None:
        key = entity_uid(surface)
        if key and key not in auto:
            auto.add_word(key, (kind, canonical, key))

    for county in counties.values():
        add(county.name, "County", county.name)
    for town, county_name in towns.items():
        add(town, "Town", county_name)
    for county in counties.values():
        for alias in county.aliases:
            add(alias, "County", county.name)
    for surface in (city, *region.city_aliases):
        add(surface, "City", city)
    for ind in industries.values():
        for surface in (ind.name, *ind.aliases):
            add(surface, "Industry", ind.name)
    for prog in programs.values():
        for surface in (prog.name, *prog.aliases):
            add(surface, "Program", prog.name)
    auto.make_automaton()
    region.automaton = auto
    for label, table in (("County", counties), ("Industry", industries), ("Program", programs)):
        for item_name, item in table.items():
            region.by_uid[(label, entity_uid(item_name))] = item
    province_short = meta.get("province_aliases", ())
    region.places = frozenset(
        {city, *region.city_aliases, region.province, *province_short, *towns}
        | {s for c in counties.values() for s in (c.name, *c.aliases)}
        | set(vocab.get("provinces", ())) | set(vocab.get("cities", ())) | set(vocab.get("foreign_places", ()))
        | {p + suffix for p in vocab.get("provinces", ()) for suffix in ("省", "市")}
        | {p + "市" for p in vocab.get("cities", ())}
    )
    return region
