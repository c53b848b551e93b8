"""Places of all of China, found in text and resolved in the article's context.

The data (``regions/china/places.json.gz``, made by ``scripts/make_places.py``; sources and licences in
``regions/china/README.md``) lists every county-level division with its prefecture and province, short
and former names, the functional zones the statistics bureau codes, and the towns and streets of each
county. One table of every name and its prefixes finds them all in one pass; a name maps to all the places it may mean
(通州 → 北京市通州区, 南通市通州区), and :class:`Resolver` picks one from the article's context:

1. the prefecture (or province) named right before it in the same sentence (南通市通州区);
2. the article's prefecture, decided from the places it names unambiguously (title counted three times)
   or given by the user (``--region 潍坊市`` / a region pack);
3. the article's province;
4. the only candidate left. A *weak* name (a short name that is also a common word, a generic zone
   word such as 高新区 / 开发区) is used only inside the article's prefecture.

Prefecture-named zones without a code (``regions/china/zones.json``, made by ``scripts/make_zones.py``: 南昌高新技术产业
开发区 / 南昌高新区, 长沙经济技术开发区 / 长沙经开区) are county-level places without an adcode; a zone named after a
county (昆山开发区) stays that county's.

Region packs (``regions/<pack>/region.json``) add what a region knows beyond the national data: zones
the national data lacks, local aliases (经开区, 高新区) that mean the pack's own zones inside its prefecture.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from econgraph.graph import model
from econgraph.graph.model import entity_uid, plain_init
from econgraph.loaders.cache import cached
from econgraph.loaders.rules import rules
from econgraph.loaders.text import longest_leftmost

P = rules("places")  # described in loaders/rules/places.json
REGIONS_DIR = Path(__file__).resolve().parent / "regions"
CHINA_DATA = REGIONS_DIR / "china" / "places.json.gz"
CHINA_ZONES = REGIONS_DIR / "china" / "zones.json"  # prefecture-named zones without a code (scripts/make_zones.py)

# how a name names a place, strongest first
HOW_RANK = {"name": 0, "pack": 1, "former": 2, "short": 3, "town": 4, "weak": 5}
ZONE_WORDS = ("经济技术开发区", "高新技术产业开发区", "高新技术开发区", "经济开发区", "高新区", "经开区", "开发区",
              "综合保税区", "综保区", "工业园区", "产业园区", "度假区")


# national zones named by their prefecture and a name of their own (<city><name>高新区: a 火炬-like name, not a
# county's): (key, the full zone word, the other words the zone goes by); the official names of national
# high-tech zones take one of the first three words. Made on demand (``named_zone``).
NAMED_ZONE_SHAPES = (
    ("gx", "高新技术产业开发区", ("高技术产业开发区", "新技术产业开发区", "高新技术开发区", "新技术开发区", "高新区")),
)
_NAMED_ZONE_WORDS = sorted((w for _, full, others in NAMED_ZONE_SHAPES for w in (full, *others)), key=len, reverse=True)
_NAMED_ZONE = re.compile("([\u4e00-\u9fff]{2})(" + "|".join(_NAMED_ZONE_WORDS) + ")")


@dataclass(frozen=True)
class Place:
    """A county-level division (or functional zone) of China."""

    code: str  # adcode (6 digits; a pack's own zone: the pack name and its index)
    name: str
    kind: str  # 区, 县, 县级市, 旗, 自治县, 自治旗, 功能区, 不设区的市 …
    city: str  # prefecture (直辖市 and 省直辖 units: the province)
    province: str
    aliases: tuple[str, ...] = ()  # short and former names, pack aliases
    pack: str = ""  # the region pack that defines or extends it

    @property
    def uid(self) -> str:
        return entity_uid(self.name)

    @property
    def named_on_demand(self) -> bool:
        """A zone named by its prefecture and a name, made on demand from a text (``named_zone``: 350200-火炬-gx)."""
        return self.code.count("-") == 2

    @property
    def made_zone(self) -> bool:
        """A prefecture-named zone of ``regions/china/zones.json`` (no code: 430100-jk)."""
        return not self.pack and not self.code.isdigit()


class Candidate(NamedTuple):
    level: str  # County, City, Province
    key: str  # County: code; City/Province: its full name
    how: str  # name, pack, former, short, town, weak
    via: str = ""  # the town's name for how == town


_RawCandidate = tuple[str, str, str, str]


class CandidateIndex(Mapping[str, tuple[Candidate, ...]]):
    """Name → the places it may mean. Kept as plain tuples (what the start-up cache holds: 72,000 candidates
    made at every start cost more than reading the table) and made :class:`Candidate` when a name is asked."""

    __slots__ = ("raw", "_made")

    def __init__(self, raw: dict[str, tuple[_RawCandidate, ...]]) -> None:
        self.raw = raw
        self._made: dict[str, tuple[Candidate, ...]] = {}

    def __getitem__(self, key: str) -> tuple[Candidate, ...]:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = tuple(Candidate(*c) for c in self.raw[key])
        return made

    def __contains__(self, key: object) -> bool:
        return key in self.raw

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


@plain_init
@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    surface: str
    candidates: tuple[Candidate, ...]


@plain_init
@dataclass(frozen=True)
class Resolved:
    """A place mention decided in context: ``place`` is None when the name stays ambiguous or is a city."""

    start: int
    end: int
    surface: str
    level: str  # County, City, Province
    place: Place | None
    city: str  # the prefecture named (for City hits) or the place's
    how: str
    why: str
    candidates: tuple[Place, ...] = ()


@dataclass
class Gazetteer:
    counties: dict[str, Place]
    cities: dict[str, dict[str, str]]  # name -> code, short, province
    provinces: dict[str, dict[str, str]]  # name -> code, short
    sources: list[dict[str, str]]
    towns: int = 0
    packs: dict[str, str] = field(default_factory=dict)  # pack name -> its prefecture
    prefixes: dict[str, bool] = field(default_factory=dict, repr=False)  # every name's prefixes: True for a name
    shortest: int = 1  # the length of the shortest name: scan looks up no shorter prefix
    index: CandidateIndex = field(default_factory=lambda: CandidateIndex({}), repr=False)
    city_alias: dict[str, str] = field(default_factory=dict)  # 潍坊 / 潍坊市 -> 潍坊市
    node_names: dict[str, str] = field(default_factory=dict, repr=False)  # code -> County node name
    by_uid: dict[str, Place] = field(default_factory=dict, repr=False)  # County node uid -> place
    safe2: frozenset[str] = frozenset()  # two-character names that need no word check (冠县, 聊城, 山东)
    place_words: frozenset[str] = field(default=frozenset(), repr=False)  # see place_words()
    _head_set: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def _heads(self) -> frozenset[str]:
        """The names' first ``shortest`` characters: the set ``scan`` tests every position against (a fifth of
        the size of ``prefixes``, so more of it stays in the processor's cache). Made once, when first needed."""
        if self._head_set is None:
            self._head_set = frozenset(k for k in self.prefixes if len(k) == self.shortest)
        return self._head_set

    # -- finding ---------------------------------------------------------------------------------
    def scan(self, text: str, words: bool = True) -> list[Hit]:
        """Place names in ``text`` (normalised, quote-free), longest first, then leftmost, not overlapping.

        ``words``: a two-character name must be a word of its own in jieba's cut (提高平均 holds no 高平);
        one that is not leaves its characters to others (创建阳谷: 阳谷, not 建阳). Off for the start of a
        company name, where the place is glued to the 字号 (阳谷祥光…)."""
        found: list[tuple[int, int, str]] = []
        get, n, shortest = self.prefixes.get, len(text), self.shortest
        # the few positions some name starts at, in one pass (most start none); at each, every name that starts
        # there: extend while the text is some name's prefix
        heads = self._heads()
        for start in [k for k in range(n - shortest + 1) if text[k:k + shortest] in heads]:
            end = start + shortest
            whole = get(text[start:end])
            while whole is not None:
                if whole:
                    found.append((start, end, text[start:end]))
                end += 1
                if end > n:
                    break
                whole = get(text[start:end])

        def accept(start: int, end: int, key: str) -> bool:
            # a two-character county name (冠县) or prefecture/province (聊城, 山东): no need to ask jieba; jieba is
            # asked only about a name no longer one has covered (the answer would not matter)
            if (words and end - start == 2 and (key not in self.safe2 or _suffix_word_after(key, text, end))
                    and not _is_word(text, start, end) and not self._zone_after(key, text, end)):
                return False
            return not self._town_across(key, start, end, found)

        return [Hit(start, end, key, self.index[key]) for start, end, key in longest_leftmost(found, accept)]

    def _zone_after(self, key: str, text: str, end: int) -> bool:
        """A county's short name with a zone word right after it (X经开区, which jieba may cut X的末字+经 | 开 | 区):
        the name needs no word check, the zone word closes it on the right."""
        return text.startswith(ZONE_WORDS, end) and any(c.level == "County" and c.how in ("name", "short")
                                                         for c in self.index[key])

    def _town_across(self, key: str, start: int, end: int, found: list[tuple[int, int, str]]) -> bool:
        """A town's name that straddles the boundary of a province's or prefecture's name (河|南新乡|市 in
        河南新乡市: 河南 + 新乡市, not 南新乡): the larger places are read, the town is not."""
        if not all(c.how in ("town", "weak") for c in self.index[key]):
            return False
        return any((s < start < e < end or start < s < end < e)
                   and any(c.level in ("Province", "City") for c in self.index[k]) for s, e, k in found)

    def candidates(self, name: str) -> list[Candidate]:
        return list(self.index.get(entity_uid(name), ()))

    def city_of(self, text: str) -> str | None:
        """The prefecture a city or pack name names (潍坊, 潍坊市, liaocheng), or None."""
        text = text.strip()
        if text in self.packs:
            return self.packs[text]
        return self.city_alias.get(text)

    def place(self, c: Candidate) -> Place | None:
        return self.counties.get(c.key) if c.level == "County" else None

    def node_name(self, place: Place) -> str:
        """The County node's name: the division's name, with its prefecture in front when shared."""
        return self.node_names.get(place.code, place.name)

    def uid(self, place: Place) -> str:
        return entity_uid(self.node_name(place))

    def node_props(self, place: Place) -> dict[str, Any]:
        """Properties of the County node (docs/CONTRACTS.md): every name it goes by is in ``aliases``."""
        name = self.node_name(place)
        aliases = sorted({place.name, *place.aliases} - {name})
        return {"uid": entity_uid(name), "name": name, "kind": place.kind, "city": place.city,
                "province": place.province, "adcode": place.code if place.code.isdigit() else None,
                "aliases": aliases}

    def by_name(self, name: str) -> list[Place]:
        return [p for p in self.counties.values() if p.name == name or name in p.aliases]


def named_zone(gaz: Gazetteer, city: str, stem: str, word: str) -> Place:
    """The zone ``city`` + ``stem`` + ``word`` (厦门 + 火炬 + 高新区): a county-level place without an adcode,
    like the prefecture-named zones of ``zones.json`` (it does not vote for the article's county), named by its
    prefecture's short name, the stem and its shape's full word, with every other form (the prefecture's full
    name or none in front, each zone word of the shape) as aliases."""
    key, full, others = next(sh for sh in NAMED_ZONE_SHAPES if word in (sh[1], *sh[2]))
    row = gaz.cities.get(city, {})
    code = f"{row.get('code', city)}-{stem}-{key}"
    if code in gaz.counties:
        return gaz.counties[code]
    short = str(row.get("short", "")) or city
    name = short + stem + full
    if entity_uid(name) in gaz.by_uid:
        return gaz.by_uid[entity_uid(name)]
    names = {f + stem + w for f in {"", city, short} for w in (full, *others)}
    place = Place(code, name, "功能区", city, str(row.get("province", "")), tuple(sorted(names - {name})))
    gaz.counties[code] = place
    gaz.node_names[code] = name
    gaz.by_uid[entity_uid(name)] = place
    return place


def _add(index: dict[str, list[Candidate]], surface: str, cand: Candidate, normalised: bool = False) -> None:
    """``surface`` names ``cand``; national names come normalised (scripts/make_places.py checks it)."""
    key = surface if normalised else entity_uid(surface)
    if not key:
        return
    bucket = index.setdefault(key, [])
    for k, old in enumerate(bucket):
        if old.level == cand.level and old.key == cand.key:
            if HOW_RANK[cand.how] < HOW_RANK[old.how]:
                bucket[k] = cand
            return
    bucket.append(cand)


def _read_pack(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "region.json").read_text(encoding="utf-8"))


def _pack_towns(folder: Path) -> dict[str, str]:
    path = folder / "towns.tsv"
    out: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                town, _, county = line.partition("\t")
                out[town.strip()] = county.strip()
    return out


def available_packs() -> list[str]:
    return sorted(p.name for p in REGIONS_DIR.iterdir()
                  if p.is_dir() and not p.name.startswith("_") and (p / "region.json").exists())


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The national data with every region pack laid over it, and its name table (once per process; kept
    between runs in the start-up cache, ``loaders.cache``, keyed by the data files, the packs and this code)."""
    return _gazetteer_of(cached("gazetteer", _gazetteer_inputs(), _gazetteer_data))


def _gazetteer_inputs() -> list[Path | str]:
    """What the gazetteer is made of: the national data, every pack's files, and the code that reads them."""
    inputs: list[Path | str] = [CHINA_DATA, CHINA_ZONES, Path(__file__), Path(model.__file__)]
    for pack in available_packs():
        inputs.append(pack)
        inputs.extend(REGIONS_DIR / pack / f for f in ("region.json", "towns.tsv") if (REGIONS_DIR / pack / f).exists())
    return inputs


def _gazetteer_data() -> dict[str, Any]:
    """The gazetteer as plain data (``marshal``: dicts, tuples, strings), what ``_gazetteer_of`` reads back."""
    gaz = build_gazetteer()
    places = [(p.code, p.name, p.kind, p.city, p.province, p.aliases, p.pack) for p in gaz.counties.values()]
    return {
        "counties": places, "cities": gaz.cities, "provinces": gaz.provinces, "sources": gaz.sources,
        "towns": gaz.towns, "packs": gaz.packs, "prefixes": gaz.prefixes, "shortest": gaz.shortest,
        "index": gaz.index.raw, "city_alias": gaz.city_alias, "node_names": gaz.node_names,
        "by_uid": {uid: place.code for uid, place in gaz.by_uid.items()}, "safe2": sorted(gaz.safe2),
        "place_words": sorted(_place_words(gaz.index.raw)),
    }


def _gazetteer_of(data: dict[str, Any]) -> Gazetteer:
    counties = {row[0]: Place(*row) for row in data["counties"]}
    gaz = Gazetteer(counties, data["cities"], data["provinces"], data["sources"], data["towns"], data["packs"],
                    data["prefixes"], data["shortest"], CandidateIndex(data["index"]), data["city_alias"],
                    data["node_names"], {uid: counties[code] for uid, code in data["by_uid"].items()},
                    frozenset(data["safe2"]))
    gaz.place_words = frozenset(data["place_words"])
    return gaz


def build_gazetteer() -> Gazetteer:
    """The gazetteer made from the data files (what the cache keeps).

    The order of the passes matters: packs first (their counties replace or join the national ones, and the
    aliases they index are not indexed again as short names), then every place's own names, the towns, the
    packs' own towns (which win inside their prefecture), prefectures and provinces."""
    data = json.loads(gzip.decompress(CHINA_DATA.read_bytes()))
    index: dict[str, list[Candidate]] = {}
    zones = json.loads(CHINA_ZONES.read_text(encoding="utf-8"))["counties"] if CHINA_ZONES.exists() else []
    counties, weak_of = _national_counties([*data["counties"], *zones])
    provinces = {p["name"]: p for p in data["provinces"]}
    cities = {c["name"]: c for c in data["cities"]}
    gaz = Gazetteer(counties, cities, provinces, data["sources"])
    pack_towns, pack_aliases = _lay_packs(gaz, index, weak_of)
    _index_place_names(index, counties, weak_of, pack_aliases)
    gaz.towns = _index_towns(index, data["towns"], counties)
    _index_town_stems(index, data.get("town_stems", {}), counties)
    _index_pack_towns(index, pack_towns, counties)
    _index_cities(gaz, index)
    _index_provinces(gaz, index)
    raw = {k: tuple((c.level, c.key, c.how, c.via) for c in cands) for k, cands in index.items()}
    gaz.prefixes, gaz.index, gaz.counties = _prefixes(index), CandidateIndex(raw), counties
    gaz.shortest = max(1, min(map(len, index), default=1))
    gaz.safe2 = _safe_two_character_names(index)
    _name_county_nodes(gaz)
    gaz.place_words = frozenset(_place_words(raw))
    return gaz


def _national_counties(rows: list[dict[str, Any]]) -> tuple[dict[str, Place], dict[str, list[str]]]:
    """Every division of the national data by code (short and former names as its aliases), and its weak
    names apart: those are indexed as weak, used only inside the article's prefecture."""
    counties: dict[str, Place] = {}
    weak_of: dict[str, list[str]] = {}
    for row in rows:
        place = Place(row["code"], row["name"], row["kind"], row["city"], row["province"],
                      tuple(dict.fromkeys((*row["short"], *row["former"], *_banner_abbreviations(row)))))
        counties[place.code] = place
        weak_of[place.code] = row["weak"]
    return counties, weak_of


def _banner_abbreviations(row: dict[str, Any]) -> list[str]:
    """A directional banner's or county's news abbreviation (科尔沁左翼后旗 → 科左后旗, 喀喇沁左翼…自治县 → 喀左, 喀左县):
    the tribe name's first character and the direction words (places.json ``banner_abbreviation``)."""
    rule = P["banner_abbreviation"]
    kind = row.get("kind", "")
    banner, county = kind in rule["banner_kinds"], kind in rule["county_kinds"]
    if not (banner or county) or not row.get("short"):
        return []
    m = re.match(rule["pattern"], row["short"][0])
    if not m:
        return []
    abbr = m.group(1)[0] + m.group(2).replace(rule["drop"], "")
    return [abbr + kind] if banner else [abbr, abbr + "县"]


def _lay_packs(gaz: Gazetteer, index: dict[str, list[Candidate]],
               weak_of: dict[str, list[str]]) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Every region pack over the national data: its counties join (or extend) the national ones and their
    aliases are indexed. Returns the packs' towns (town -> county code), indexed after the national towns so
    that they win, and the (code, alias) pairs indexed here, which the name pass must not index again."""
    pack_towns: dict[str, str] = {}  # town -> county code
    pack_aliases: set[tuple[str, str]] = set()  # (code, alias) the packs added, already indexed
    for pack in available_packs():
        folder = REGIONS_DIR / pack
        meta = _read_pack(folder)
        gaz.packs[pack] = meta["name"]
        local = _lay_pack_counties(pack, meta, gaz.counties, index, weak_of, pack_aliases)
        for town, county in _pack_towns(folder).items():
            if county in local:
                pack_towns[town] = local[county]
    return pack_towns, pack_aliases


def _lay_pack_counties(pack: str, meta: dict[str, Any], counties: dict[str, Place], index: dict[str, list[Candidate]],
                       weak_of: dict[str, list[str]], pack_aliases: set[tuple[str, str]]) -> dict[str, str]:
    """One pack's counties into ``counties`` and their aliases into ``index``; returns name -> code, what the
    pack's town table names its counties by."""
    city, province = meta["name"], meta.get("province", "")
    local: dict[str, str] = {}
    for k, c in enumerate(meta.get("counties", ())):
        place = _pack_place(pack, k, c, counties, city, province)
        counties[place.code] = place
        local[place.name] = place.code
        pack_aliases.add((place.code, c["name"]))
        for a in c.get("aliases", ()):
            pack_aliases.add((place.code, a))
            how = "pack" if _strong_pack_alias(a, place, city, weak_of) else "weak"
            _add(index, a, Candidate("County", place.code, how))
    return local


def _pack_place(pack: str, k: int, c: dict[str, Any], counties: dict[str, Place], city: str, province: str) -> Place:
    """The ``k``-th county of a pack: the national division it names (by name or alias, in the pack's
    prefecture) under the pack's name and with the pack's aliases added, or, when there is none (a zone the
    national data lacks), a place of the pack's own."""
    same = [p for p in counties.values() if p.city == city and (p.name == c["name"] or p.name in c.get("aliases", ()))]
    aliases = tuple(c.get("aliases", ()))
    if same:
        old = same[0]
        return Place(old.code, c["name"], old.kind, old.city, old.province,
                     tuple(dict.fromkeys((*old.aliases, *aliases))), pack)
    return Place(f"{pack}-{k}", c["name"], c.get("kind", "功能区"), city, province, aliases, pack)


def _strong_pack_alias(alias: str, place: Place, city: str, weak_of: dict[str, list[str]]) -> bool:
    """An alias naming the city (聊城经开区) is strong; a bare zone word or a weak name only means the pack's
    zone at home."""
    return alias not in ZONE_WORDS and alias not in weak_of.get(place.code, ()) and (
        place.kind != "功能区" or any(alias.startswith(s) for s in (city, city[:-1])))


def _index_place_names(index: dict[str, list[Candidate]], counties: dict[str, Place], weak_of: dict[str, list[str]],
                       pack_aliases: set[tuple[str, str]]) -> None:
    """Each place by its own name (a pack's zone named by a generic zone word: weak), by its short and former
    names (unless a pack indexed them already) and by its weak names."""
    for place in counties.values():
        generic = place.pack and (place.name in ZONE_WORDS or place.name in weak_of.get(place.code, ()))
        _add(index, place.name, Candidate("County", place.code, "weak" if generic else "name"), not place.pack)
        for a in place.aliases:
            if (place.code, a) not in pack_aliases:
                how = "former" if a.endswith(("县", "市", "区", "旗")) and len(a) > 2 else "short"
                _add(index, a, Candidate("County", place.code, how), True)
        for w in weak_of.get(place.code, ()):
            _add(index, w, Candidate("County", place.code, "weak"), True)


def _index_towns(index: dict[str, list[Candidate]], towns: dict[str, list[str]], counties: dict[str, Place]) -> int:
    """The towns and streets of every known county; returns how many (the count ``econgraph regions`` shows)."""
    n_towns = 0
    for code, names in towns.items():
        if code not in counties:
            continue
        for town in names:
            n_towns += 1
            _add(index, town, Candidate("County", code, "town", town), True)
    return n_towns


def _index_town_stems(index: dict[str, list[Candidate]], stems_of: dict[str, list[str]],
                      counties: dict[str, Place]) -> None:
    """Town stems (南丰 for 南丰镇) as weak names: a bare stem names the town only inside its prefecture."""
    for code, stems in stems_of.items():
        if code in counties:
            for stem in stems:
                _add(index, stem, Candidate("County", code, "weak", stem), True)


def _index_pack_towns(index: dict[str, list[Candidate]], pack_towns: dict[str, str], counties: dict[str, Place]) -> None:
    """A pack's own town table wins inside its prefecture: the national candidates of that name there go."""
    for town, code in pack_towns.items():
        key = entity_uid(town)
        city = counties[code].city
        index[key] = [c for c in index.get(key, []) if not (c.level == "County" and counties[c.key].city == city)]
        _add(index, town, Candidate("County", code, "town", town))


def _index_cities(gaz: Gazetteer, index: dict[str, list[Candidate]]) -> None:
    """Prefectures by full and short name (a one-character short is no name to find), and ``city_alias``;
    then by their former names (襄樊市, 襄樊 → 襄阳市), which the data keeps only where no current place has them."""
    for name, c in gaz.cities.items():
        gaz.city_alias[name] = gaz.city_alias[c["short"]] = name
        for surface in {name, c["short"]}:
            if len(surface) >= 2:
                _add(index, surface, Candidate("City", name, "name"), True)
    for name, c in gaz.cities.items():
        for former in c.get("former", ()):
            gaz.city_alias.setdefault(former, name)
            _add(index, former, Candidate("City", name, "former"), True)


def _index_provinces(gaz: Gazetteer, index: dict[str, list[Candidate]]) -> None:
    """Provinces by full and short name; a province-level city (北京市, 北京) is its own prefecture, unless a
    prefecture already took the name."""
    for name, p in gaz.provinces.items():
        for surface in {name, p["short"]}:
            if len(surface) >= 2:
                _add(index, surface, Candidate("Province", name, "name"), True)
        gaz.city_alias.setdefault(name, name)  # 北京市 is its own prefecture
        if name.endswith("市"):
            gaz.city_alias.setdefault(p["short"], name)


def _prefixes(index: dict[str, list[Candidate]]) -> dict[str, bool]:
    """Every name (True) and every shorter prefix of one (False): :meth:`Gazetteer.scan` reads a text in one pass,
    extending from each character while it reads some name's prefix (twice as fast as an Aho-Corasick automaton
    whose root has a child for nearly every ideograph)."""
    table: dict[str, bool] = {}
    for key in index:
        for i in range(1, len(key)):
            table.setdefault(key[:i], False)
    for key in index:
        table[key] = True
    return table


def _safe_two_character_names(index: dict[str, list[Candidate]]) -> frozenset[str]:
    """Two-character names that only ever name a county by its full name, a prefecture or a province (冠县,
    聊城, 山东): :meth:`Gazetteer.scan` takes them without asking jieba whether they are a word."""
    return frozenset(k for k, cands in index.items() if len(k) == 2 and all(
        (c.level == "County" and c.how == "name") or c.level in ("City", "Province") for c in cands))


def _name_county_nodes(gaz: Gazetteer) -> None:
    """The County node name of each place (node names must be unique) and the place of each node uid."""
    same_name = Counter(p.name for p in gaz.counties.values())
    for place in gaz.counties.values():
        # a name two divisions share (通州区, 朝阳区, 城区) gets its prefecture in front: 南通市通州区
        node_name = place.name if same_name[place.name] == 1 else place.city + place.name
        gaz.node_names[place.code] = node_name
        gaz.by_uid[entity_uid(node_name)] = place


# -- resolution -------------------------------------------------------------------------------------
@dataclass
class Context:
    """What the article says about where it is: its prefecture and province, and how they were decided."""

    city: str | None = None
    province: str | None = None
    why: str = ""
    named: frozenset[str] = frozenset()  # codes of the counties the article names by a full name


_DECIDED_MAX = 50_000  # resolve_hit decisions kept (cleared when full)


class Resolver:
    """Decides the article's prefecture and what each place name in it means."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        # resolve_hit's decisions: (surface, ctx.city, ctx.province, before) -> (the hit's candidates, the Resolved);
        # the decision reads nothing else (a generic zone name has dozens of candidates: 开发区, 城关镇)
        self._votes: dict[str, tuple[tuple[Candidate, ...], tuple[tuple[str, ...], str | None, bool, bool]]] = {}
        self._decided: dict[tuple[str, str | None, str | None, str | None], tuple[tuple[Candidate, ...], Resolved]] = {}

    def _province_of_city(self, city: str) -> str:
        c = self.gaz.cities.get(city)
        return c["province"] if c else city

    def article_context(self, texts: Iterable[tuple[str | list[Hit], int]], region: str | None = None,
                        fallback: str | None = None) -> Context:
        """The prefecture most named without ambiguity (weight per text; a text may come scanned already),
        unless ``region`` fixes it; ``fallback`` (the default region pack) when the text decides nothing."""
        if region:
            city = self.gaz.city_of(region)
            if city:
                return Context(city, self._province_of_city(city), f"given: {region}")
        ctx = self._decide(texts)
        city = self.gaz.city_of(fallback) if fallback and ctx.city is None and ctx.province is None else None
        if city:
            return Context(city, self._province_of_city(city), f"default region pack {fallback}", ctx.named)
        return ctx

    def _decide(self, texts: Iterable[tuple[str | list[Hit], int]]) -> Context:
        votes: Counter[str] = Counter()
        pvotes: Counter[str] = Counter()
        named: set[str] = set()
        for text, weight in texts:
            for hit in (self.gaz.scan(text) if isinstance(text, str) else text):
                keys, city, full, province = self._vote(hit)
                named.update(keys)
                if city is not None:
                    w = weight * (P["full_name_weight"] if full else 1)
                    if province:
                        pvotes[city] += w
                    else:
                        votes[city] += w
                        pvotes[self._province_of_city(city)] += w
        if votes:
            (best, n), *rest = votes.most_common(2) + [("", 0)]
            runner_up = rest[0][1]
            if n > runner_up and n >= P["min_votes"]:
                return Context(best, self._province_of_city(best), f"named most ({n} vs {runner_up})",
                               frozenset(named))
        if pvotes:
            (best, n), *rest = pvotes.most_common(2) + [("", 0)]
            if n > rest[0][1] and n >= P["min_votes"]:
                return Context(None, best, f"province named most ({n})", frozenset(named))
        return Context(None, None, "no place decides it", frozenset(named))

    def _vote(self, hit: Hit) -> tuple[tuple[str, ...], str | None, bool, bool]:
        """What a hit tells ``_decide`` (read from its candidates alone, so kept per surface): the counties it names
        by a full name; the one prefecture (or province) its strong candidates share, if any, and not a two-character
        town; whether a full name says it; whether that is a province's vote only."""
        got = self._votes.get(hit.surface)
        if got is not None and got[0] is hit.candidates:
            return got[1]
        keys = tuple(c.key for c in hit.candidates if c.level == "County" and c.how in ("name", "former"))
        strong = [c for c in hit.candidates if c.how != "weak"]
        cities = {self._city(c) for c in strong}
        vote: tuple[tuple[str, ...], str | None, bool, bool] = (keys, None, False, False)
        if len(cities) == 1 and not (len(hit.surface) == 2 and strong[0].how == "town"):
            city = cities.pop()
            # a full name (诸城市) says more than a short one (福田, maybe a brand)
            full = any(c.how in ("name", "former", "pack", "town") for c in strong)
            province = city in self.gaz.provinces and not any(c.level != "Province" for c in strong)
            vote = (keys, city, full, province)
        if len(self._votes) >= _DECIDED_MAX:
            self._votes.clear()
        self._votes[hit.surface] = (hit.candidates, vote)
        return vote

    def _city(self, c: Candidate) -> str:
        if c.level == "County":
            return self.gaz.counties[c.key].city
        return c.key

    def resolve_hit(self, hit: Hit, ctx: Context, before: str | None = None) -> Resolved:
        """One hit in context; ``before`` is the prefecture or province named right before it. The decision is
        kept per surface and context (the same candidates give the same answer), at the hit's own offsets."""
        key = (hit.surface, ctx.city, ctx.province, before)
        got = self._decided.get(key)
        if got is not None and got[0] is hit.candidates:
            r = got[1]
            return Resolved(hit.start, hit.end, r.surface, r.level, r.place, r.city, r.how, r.why, r.candidates)
        r = self._resolve_hit(hit, ctx, before)
        if len(self._decided) >= _DECIDED_MAX:
            self._decided.clear()
        self._decided[key] = (hit.candidates, r)
        return r

    def _resolve_hit(self, hit: Hit, ctx: Context, before: str | None) -> Resolved:
        gaz = self.gaz
        cands = list(hit.candidates)
        cities = [c for c in cands if c.level == "City"]
        counties = [c for c in cands if c.level == "County"]
        provinces = [c for c in cands if c.level == "Province"]
        if not counties:
            if cities:
                city = cities[0].key if len(cities) == 1 else next(
                    (c.key for c in cities if c.key == ctx.city), cities[0].key)
                return Resolved(hit.start, hit.end, hit.surface, "City", None, city, "name", "a prefecture")
            p = provinces[0].key
            return Resolved(hit.start, hit.end, hit.surface, "Province", None, p, "name", "a province")
        places = [gaz.counties[c.key] for c in counties]
        how = {c.key: c.how for c in counties}

        def pick(ps: list[Place], why: str) -> Resolved | None:
            if len(ps) == 1:
                p = ps[0]
                return Resolved(hit.start, hit.end, hit.surface, "County", p, p.city, how[p.code], why, tuple(places))
            return None

        # a city name that is also a county's (吉林, 海南) or the name of a prefecture: the prefecture wins
        if cities and all(how[p.code] != "name" for p in places):
            city = cities[0].key
            return Resolved(hit.start, hit.end, hit.surface, "City", None, city, "name", "a prefecture",
                            tuple(places))
        strong = [p for p in places if how[p.code] != "weak"]
        home = [p for p in places if ctx.city and p.city == ctx.city]
        for group, why in (
            ([p for p in places if before and (p.city == before or p.province == before)], f"after {before}"),
            (home if len(home) == 1 else [p for p in home if how[p.code] in ("name", "pack")],
             f"in the article's prefecture {ctx.city}"),
            ([p for p in strong if ctx.province and p.province == ctx.province],
             f"in the article's province {ctx.province}"),
        ):
            r = pick(group, why)
            if r:
                return r
        best = min((HOW_RANK[how[p.code]] for p in strong), default=None)
        top = [p for p in strong if HOW_RANK[how[p.code]] == best]
        if len(top) == 1 and not (how[top[0].code] == "town" and len(strong) > 1):
            word = best_word(best)
            if word == "former" and top[0].kind == "功能区":
                word = "zone's short form"  # zones have no former names: 安顺经开区 is indexed like 茌平县
            why = (f"the only place of that name ({word})" if len(strong) == 1
                   else f"the only one named by its {word}")
            r = pick(top, why)
            if r:
                return r
        if provinces and not cities:
            return Resolved(hit.start, hit.end, hit.surface, "Province", None, provinces[0].key, "name",
                            "a province", tuple(places))
        why = ("a common word or generic zone name outside the article's prefecture" if not strong
               else f"ambiguous: {len(strong)} places")
        return Resolved(hit.start, hit.end, hit.surface, "County", None, "", "", why, tuple(places))

    def _named_zone_after(self, text: str, r: Resolved) -> Resolved | None:
        """A prefecture followed by a name of two characters and a zone word (厦门火炬高新区, 武汉东湖新技术开发区):
        that prefecture's zone of that name (``named_zone``). Not when the name is a place of that prefecture (a
        county's zone, read as the county) or a prefecture, starts a zone word (聊城经济开发区), or holds a division word (市区县省)."""
        m = _NAMED_ZONE.match(text, r.end)
        if m is None:
            return None
        stem = m.group(1)
        named = self.gaz.index[stem] if stem in self.gaz.index else ()
        if (any(ch in P["named_zone_stem_stop"] for ch in stem)
                or any(c.level != "County" or (c.how in ("name", "short", "former")
                                                 and self.gaz.counties[c.key].city == r.city) for c in named)
                or any(text.startswith(w, r.end) for w in (*ZONE_WORDS, *_NAMED_ZONE_WORDS))):
            return None
        place = named_zone(self.gaz, r.city, stem, m.group(2))
        return Resolved(r.start, m.end(), text[r.start:m.end()], "County", place, place.city, "name",
                        "a zone named by its prefecture and a name")

    @staticmethod
    def _far_short(text: str, hit: Hit, r: Resolved, ctx: Context) -> bool:
        """A two-character short name of a county outside the article's province, with no cue word right
        before it (or a township head right after it: 太平工业园区) and that county named by its full name nowhere
        in the article."""
        place = r.place
        if (place is None or len(hit.surface) != 2 or r.how != "short" or not ctx.province
                or place.province == ctx.province or place.code in ctx.named):
            return False
        if text.startswith(tuple(P["far_short_town_heads"]), hit.end):
            return True  # 在太平工业园区: a township's park, not a far county's
        head = text[max(0, hit.start - 2):hit.start]
        return not any(head.endswith(cue) for cue in P["far_short_cues"])

    def resolve_text(self, text: str, ctx: Context, words: bool = True, hits: list[Hit] | None = None) -> list[Resolved]:
        """Every place name of one sentence, resolved; a zone word right after a place is that place's zone.

        ``words``: see :meth:`Gazetteer.scan`; ``hits``: ``text`` scanned already (with the same ``words``)."""
        out: list[Resolved] = []
        before: str | None = None
        last_end = -10
        for hit in self.gaz.scan(text, words) if hits is None else hits:
            if hit.start - last_end > 0:
                before = before if hit.start - last_end <= 1 else None
            if hit.start < last_end:
                continue  # inside a named zone read before
            r = self.resolve_hit(hit, ctx, before)
            zone = self._named_zone_after(text, r) if r.level == "City" else None
            if zone is not None:
                out.append(zone)
                before, last_end = zone.city, zone.end
                continue
            if words and r.place is not None and self._far_short(text, hit, r, ctx):
                continue  # 业界同仁: a common word, not 同仁市 of 青海
            if (r.level == "County" and r.how == "weak" and out and out[-1].end == hit.start
                    and out[-1].place is not None and hit.surface in ZONE_WORDS):
                # 寿光经济开发区: the county's own zone
                prev = out[-1]
                out[-1] = Resolved(prev.start, hit.end, prev.surface + hit.surface, "County", prev.place,
                                   prev.city, prev.how, prev.why + "; its zone")
                last_end = hit.end
                continue
            out.append(r)
            if r.level in ("City", "Province"):
                before = r.city
            elif r.place is not None:
                before = r.place.city
            last_end = hit.end
        return out


@lru_cache(maxsize=1)
def resolver() -> Resolver:
    """The process's resolver over the national gazetteer (built once; worker processes build their own)."""
    return Resolver()


def place_words() -> frozenset[str]:
    """Every name that names a place on its own (not weak): county, zone and town names, short and former
    names, prefectures and provinces; a company name's leading places are read against these."""
    return load_gazetteer().place_words


def _place_words(raw: dict[str, tuple[_RawCandidate, ...]]) -> set[str]:
    return {k for k, cands in raw.items() if len(k) >= 2 and any(c[2] != "weak" for c in cands)}


def _suffix_word_after(key: str, text: str, end: int) -> bool:
    """A two-character name whose last character and the next one make a word of their own (代|县长, 和|县城:
    places.json ``suffix_words``): the name needs the word check after all (冠县|县委 passes, 代县长 does not)."""
    return key[-1:] + text[end:end + 1] in P["suffix_words"]


def _is_word(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a word of jieba's cut of a window around it (a window cuts as the sentence
    does but for its edges, and costs a fraction of cutting the sentence)."""
    from econgraph.loaders.wordcut import lcut  # jieba's cut (HMM off), imported when first needed

    window = P["word_window"]
    lo = max(0, start - window)
    pos, cuts = lo, {lo}
    for tok in lcut(text[lo:end + window]):
        pos += len(tok)
        cuts.add(pos)
        if pos >= end:
            break
    return start in cuts and end in cuts


def best_word(rank: int | None) -> str:
    return {v: k for k, v in HOW_RANK.items()}.get(rank if rank is not None else -1, "name")


def explain(name: str, region: str | None = None, context_text: str = "") -> tuple[Context, Resolved | None, list[Place]]:
    """How ``name`` resolves (for ``econgraph places``): the context, the decision, all candidates."""
    resolver = Resolver()
    ctx = resolver.article_context([(context_text, 1)] if context_text else [], region)
    hits = [h for h in resolver.gaz.scan(entity_uid(name)) if h.start == 0 and h.end == len(entity_uid(name))]
    if not hits:
        return ctx, None, []
    r = resolver.resolve_hit(hits[0], ctx)
    places = [resolver.gaz.counties[c.key] for c in hits[0].candidates if c.level == "County"]
    return ctx, r, places


def region_choice(region: str | None, default_pack: str = "liaocheng") -> tuple[str, str | None]:
    """(pack, prefecture) for ``--region``: a pack name (liaocheng) gives that pack and its prefecture; a
    prefecture (潍坊市, 潍坊) or province-level city (北京) fixes the prefecture and keeps the default pack
    (its industries and programs); None decides the prefecture per article from the text."""
    from econgraph.errors import InputError

    if region is None or not region.strip():
        return default_pack, None
    gaz = load_gazetteer()
    text = region.strip()
    if text in gaz.packs:
        return text, gaz.packs[text]
    city = gaz.city_of(text)
    if city is None:
        raise InputError(f"unknown region {region!r}: neither a region pack nor a prefecture",
                         hint="region packs: " + ", ".join(sorted(gaz.packs)) + "; or a prefecture such as 潍坊市")
    pack = next((p for p, c in gaz.packs.items() if c == city), default_pack)
    return pack, city


def regions_summary() -> dict[str, Any]:
    """What place data is in use: the national data (sources, counts) and each region pack."""
    gaz = load_gazetteer()
    national = [p for p in gaz.counties.values() if not p.code.startswith(tuple(gaz.packs)) and not p.named_on_demand]
    packs = []
    for pack, city in gaz.packs.items():
        folder = REGIONS_DIR / pack
        meta = _read_pack(folder)
        extra = {}
        for part in ("industries", "programs"):
            path = folder / f"{part}.json"
            extra[part] = len(json.loads(path.read_text(encoding="utf-8")).get(part, ())) if path.exists() else 0
        packs.append({"pack": pack, "city": city, "province": meta.get("province", ""),
                      "counties": len(meta.get("counties", ())), "towns": len(_pack_towns(folder)), **extra})
    return {
        "national": {
            "file": str(CHINA_DATA.relative_to(REGIONS_DIR.parent)),
            "sources": gaz.sources,
            "provinces": len(gaz.provinces),
            "prefectures": len(gaz.cities),
            "counties": sum(1 for p in national if p.kind != "功能区"),
            "zones": sum(1 for p in national if p.kind == "功能区" and not p.made_zone),
            "prefecture_zones": sum(1 for p in national if p.made_zone),
            "towns": gaz.towns,
            "names": len(gaz.index),
        },
        "packs": packs,
    }


__all__ = ["build_gazetteer", "region_choice", "CandidateIndex", "place_words", "resolver", "regions_summary", "Candidate", "Context", "Gazetteer", "Hit", "Place", "Resolved", "Resolver", "explain",
           "load_gazetteer"]
