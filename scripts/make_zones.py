#!/usr/bin/env python3
"""Regenerate ``loaders/regions/china/zones.json``: development zones named after their prefecture that
have no statistical code, as county-level places without an adcode (``kind`` 功能区, as pack zones are).

News names a zone by its prefecture and a zone word (<city>高新技术产业开发区 / <city>高新区, <city>经济技术开发区
/ <city>经开区, a provincial <city>产业集聚区, <city>综合保税区) and annotators give such a zone as the
company's place. The NBS codes only 124 zones (in ``places.json.gz``); the national lists (国家级经开区 of
the 商务部, 国家高新区 of the 科技部) and the provincial catalogue could not be had under a licence this data
may carry (see README.md: "Zones named after a prefecture"), so the rows are made from the national data
itself, by name structure: for every prefecture (and 直辖市) and every zone shape below, one zone of that
prefecture. A row names a place only when a text writes its name, and a text that writes a prefecture's
name and one of these zone words names a zone of that prefecture (national or provincial).

Not made: a shape the prefecture already has as a coded zone or a pack zone (唐山高新技术产业开发区 has code
130273; 聊城经济技术开发区 is the Liaocheng pack's) and the cities without counties (东莞, 中山: their own
county level). A zone whose name begins with a county's own name (昆山开发区, 桐城经济技术开发区) is no row:
it resolves to that county, as before. A prefecture that shares its short name with a county (长沙市 and
长沙县, 南昌市 and 南昌县) gets its rows: news means the prefecture's zone by 长沙经开区, 南昌高新区.

usage::

    python scripts/make_zones.py            # reads places.json.gz beside the output; same input, same bytes
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

CHINA = Path(__file__).resolve().parents[1] / "loaders" / "regions" / "china"
PACKS = CHINA.parent

# zone shapes: (key, full name's zone word, the other zone words it goes by after the prefecture's name,
# the bare zone words that would name it inside its own prefecture). The bare words are not given to the
# rows (``weak`` stays empty): measured in session 14, a bare 高新区 read as the made zone of the article's
# prefecture took companies from the county the article is about (dev117 county links .879 → .874).
SHAPES = (
    ("gx", "高新技术产业开发区", ("高新区", "高新技术开发区", "高新技术产业园区"), ("高新区", "高新技术产业开发区")),
    ("jk", "经济技术开发区", ("经开区", "经济开发区", "开发区"), ("经开区", "经济技术开发区", "经济开发区", "开发区")),
    ("jj", "产业集聚区", (), ("产业集聚区",)),
    ("zb", "综合保税区", ("综保区",), ("综合保税区", "综保区")),
)
CITIES_WITHOUT_COUNTIES = "不设区的市"


def _pack_zone_names() -> set[tuple[str, str]]:
    """(prefecture, name) of every region pack's county and alias: a pack's zone wins over a made one."""
    out: set[tuple[str, str]] = set()
    for f in sorted(PACKS.glob("*/region.json")):
        meta = json.loads(f.read_text(encoding="utf-8"))
        for c in meta.get("counties", ()):
            for n in (c["name"], *c.get("aliases", ())):
                out.add((meta["name"], n))
    return out


def zones(data: dict) -> list[dict]:
    """The made zone rows, in the national data's order of prefectures and then ``SHAPES``."""
    counties = data["counties"]
    taken_by_city: dict[str, set[str]] = {}
    for c in counties:
        taken_by_city.setdefault(c["city"], set()).update((c["name"], *c["short"], *c["former"]))
    packs = _pack_zone_names()
    seats: list[tuple[str, str, str, str]] = []  # (code, city full name, its short, province)
    for p in data["provinces"]:
        if p["name"].endswith("市"):  # 直辖市: the province stands for the city
            seats.append((p["code"], p["name"], p["short"], p["name"]))
    no_counties = {c["city"] for c in counties if c["kind"] == CITIES_WITHOUT_COUNTIES}
    for c in data["cities"]:
        if c["name"] not in no_counties:
            seats.append((c["code"], c["name"], c["short"], c["province"]))
    rows: list[dict] = []
    for code, city, short, province in sorted(seats):
        if len(short) < 2:
            continue
        taken = taken_by_city.get(city, set())
        for key, word, others, _bare in SHAPES:
            name = short + word
            names = [name, *(short + o for o in others), *(city + w for w in (word, *others) if city != short)]
            if any(n in taken or (city, n) in packs for n in names):
                continue
            rows.append({"code": f"{code}-{key}", "name": name, "kind": "功能区", "city": city,
                         "province": province, "short": sorted(set(names) - {name}), "former": [],
                         "weak": []})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--places", type=Path, default=CHINA / "places.json.gz")
    ap.add_argument("--out", type=Path, default=CHINA / "zones.json")
    args = ap.parse_args()
    data = json.loads(gzip.decompress(args.places.read_bytes()))
    rows = zones(data)
    out = {
        "about": "Development zones named after their prefecture (no statistical code, no adcode), made from "
                 "places.json.gz by scripts/make_zones.py: one row per prefecture and zone shape; see README.md.",
        "shapes": [{"key": k, "zone_word": w, "other_words": list(o), "weak": list(b)} for k, w, o, b in SHAPES],
        "counties": rows,
    }
    args.out.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"{args.out}: {len(rows)} zones, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
