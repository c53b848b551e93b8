#!/usr/bin/env python3
"""A synthetic corpus of Liaocheng-style newspaper pages, with its truth as a gold file.

Why: five seed pages cannot show how build cost grows with volume, nor how extraction holds up
on companies it has never seen. Every company here is assembled from parts (place + 字号 +
industry word + legal form) and written in the sentence patterns of the seed pages, with their
layout traits (headlines, ■ 本报记者 bylines, hard line breaks, dates without year, full- and
half-width punctuation mixed). The truth goes to ``gold.json`` in the format of
``seeds-dev.json``, so the same scorer measures extraction on seeds and on synthetic pages.

    python bench/synth.py --articles 1000 --seed 7 -o /tmp/synth-1k

Gold extensions (compatible: extra keys only): each company entry also has ``invests_in`` and
``supplies`` (names of the other companies, as in ``partners``); the top level has ``generator``
(seed, counts).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from econgraph.graph.model import normalise_name

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PARTS_FILE = HERE / "synth_parts.json"
REGION_DIR = ROOT / "loaders" / "regions" / "liaocheng"
SEEDS_DIR = ROOT / "seeds"

DEFAULT_SEED = 20250415
MAX_COMPANIES = 20000  # the news names a bounded set of companies; beyond this they recur

FULL_TO_ASCII = str.maketrans({"，": ",", "（": "(", "）": ")", "：": ":", "；": ";"})
norm = normalise_name  # the scorer's comparable form: NFKC, no white space, no quote marks


# --------------------------------------------------------------------------- the world


@dataclass
class County:
    name: str  # canonical (the gold's county), e.g. 临清市
    text: str  # the full form written in articles (聊城经济技术开发区 for 经济技术开发区)
    short: str  # 临清 ('' when the name is only ever written in full)
    kind: str
    towns: list[str]

    def mention(self, rng: random.Random) -> str:
        return self.short if self.short and rng.random() < 0.45 else self.text


@dataclass
class Company:
    full: str  # the fullest form (for companies without a legal form: the bare name)
    short: str  # 字号 + industry word: 鑫泰轴承 (== full for companies without a legal form)
    brand: str  # region + 字号: 山东鑫泰 ('' when not used)
    county: County
    town: str
    industry: str  # taxonomy industry the name's industry word belongs to
    product: str  # the industry word, used in sentences
    formless: bool  # known by its bare name only, never with a legal form
    county_in_name: bool  # the full name starts with the county (ties it by itself)

    def aliases(self) -> list[str]:
        return sorted({a for a in (self.full, self.short, self.brand) if a})


@dataclass
class World:
    counties: list[County]
    companies: list[Company]
    by_county: dict[str, list[Company]]
    industries: list[str]
    programs: list[dict[str, str]]
    county_programs: list[str]
    institutions: list[str]
    surnames: str
    given: str


def _load_parts() -> dict[str, Any]:
    """The private parts list, with counties, towns, industries and programs taken from the
    extractor's region pack when it is there, so the gold uses the pack's canonical names."""
    parts = json.loads(PARTS_FILE.read_text(encoding="utf-8"))
    pack = _region_pack()
    if pack.get("counties"):
        parts["counties"] = pack["counties"]
    if pack.get("industries"):
        known = pack["industries"]
        parts["industries"] = [i for i in parts["industries"] if i in known]
        parts["industry_words"] = [w for w in parts["industry_words"] if w[1] in known]
        parts["coop_words"] = [w for w in parts["coop_words"] if w[1] in known]
    if pack.get("programs"):
        known = pack["programs"]
        parts["programs"] = [p for p in parts["programs"] if p["name"] in known]
        parts["county_programs"] = [p for p in parts["county_programs"] if p in known]
    return parts


def _region_pack() -> dict[str, Any]:
    """Counties, towns, industry and program names from the region pack (loaders/regions/liaocheng/).

    Read as data, not through the extractor's code, so the generator does not depend on it; a pack
    that is missing or unreadable leaves the private list in synth_parts.json in use.
    """
    out: dict[str, Any] = {}
    try:
        region = json.loads((REGION_DIR / "region.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return out
    towns: dict[str, list[str]] = {}
    try:
        for line in (REGION_DIR / "towns.tsv").read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 2 and not line.startswith("#"):
                towns.setdefault(cols[1].strip(), []).append(cols[0].strip())
    except OSError:
        pass
    city = str(region.get("name", "聊城市"))
    city_short = city[:-1] if city.endswith("市") else city
    counties = []
    for c in region.get("counties", []):
        name, kind, aliases = c["name"], c.get("kind", ""), list(c.get("aliases", []))
        if kind == "功能区":  # written with the city in front: 聊城经济技术开发区 / 聊城经开区
            local = sorted((a for a in aliases if a.startswith(city_short)), key=lambda a: (len(a), a))
            text = local[-1] if local else name
            short = local[0] if len(local) > 1 else ""
        else:
            text = name
            prefixes = sorted((a for a in aliases if name.startswith(a)), key=lambda a: (len(a), a))
            short = prefixes[0] if prefixes else ""
        counties.append({"name": name, "text": text, "short": short, "kind": kind,
                         "towns": sorted(towns.get(name, []))})
    out["counties"] = counties
    for key in ("industries", "programs"):
        try:
            data = json.loads((REGION_DIR / f"{key}.json").read_text(encoding="utf-8"))
            out[key] = {item["name"] for item in data[key]}
        except (OSError, ValueError, KeyError, TypeError):
            pass
    return out


def fingerprint() -> str:
    """What a corpus depends on besides (articles, seed): this code, its parts, the region pack, the seeds."""
    h = hashlib.sha256()
    files = [Path(__file__), PARTS_FILE, *sorted(REGION_DIR.glob("*")), *sorted(SEEDS_DIR.glob("*.txt"))]
    for path in files:
        if path.is_file():
            h.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def _reserved_pairs(parts: dict[str, Any]) -> set[str]:
    """Character pairs a 字号 must not contain, from the seed pages (no seed company is regenerated) and the
    generator's own templates and word lists (a 字号 that is also a common word would be ambiguous)."""
    chunks = [Path(__file__).read_text(encoding="utf-8"), json.dumps(parts, ensure_ascii=False)]
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        chunks.append(path.read_text(encoding="utf-8", errors="replace"))
    text = norm("".join(chunks))
    return {text[i:i + 2] for i in range(len(text) - 1)}


def build_world(seed: int, n_companies: int) -> World:
    rng = random.Random(f"{seed}:world")
    parts = _load_parts()
    counties = [County(c["name"], c.get("text", c["name"]), c.get("short", ""), c.get("kind", ""),
                       list(c.get("towns", []))) for c in parts["counties"]]
    reserved = _reserved_pairs(parts)
    county_chars = set("".join(c.text + c.short for c in counties)) | set(parts["city"]) | set("山东省市县区镇")
    chars = [ch for ch in dict.fromkeys(parts["zihao_chars"]) if ch not in county_chars]
    words = parts["industry_words"]
    coop_words = parts["coop_words"]
    taken: set[str] = set()
    companies: list[Company] = []
    attempts = 0
    while len(companies) < n_companies:
        attempts += 1
        if attempts > 50 * n_companies + 1000:
            raise ValueError(f"cannot make {n_companies} distinct 字号 from {len(chars)} characters")
        zihao = "".join(rng.sample(chars, 3 if rng.random() < 0.1 else 2))
        if zihao in taken or any(zihao[i:i + 2] in reserved for i in range(len(zihao) - 1)):
            continue
        taken.add(zihao)
        companies.append(_make_company(rng, zihao, counties, words, coop_words))
    by_county: dict[str, list[Company]] = {c.name: [] for c in counties}
    for co in companies:
        by_county[co.county.name].append(co)
    return World(
        counties=counties,
        companies=companies,
        by_county={k: v for k, v in by_county.items() if v},
        industries=list(parts["industries"]),
        programs=list(parts["programs"]),
        county_programs=list(parts["county_programs"]),
        institutions=[i["name"] for i in parts["institutions"]],
        surnames=parts["surnames"],
        given=parts["given_chars"],
    )


def _make_company(rng: random.Random, zihao: str, counties: list[County], words: list[list[str]],
                  coop_words: list[list[str]]) -> Company:
    # functional areas host fewer companies than counties
    weights = [0.35 if c.kind == "功能区" else 1.0 for c in counties]
    county = rng.choices(counties, weights)[0]
    town = rng.choice(county.towns) if county.towns else ""
    r = rng.random()
    if r < 0.06:  # 专业合作社, named after the county or town
        word, industry = rng.choice(coop_words)
        place = county.text if county.kind != "功能区" else "聊城市"
        full = f"{place}{zihao}{word}专业合作社"
        return Company(full, f"{zihao}合作社", "", county, town, industry, word, False, place == county.text)
    word, industry = rng.choice(words)
    short = zihao + word
    if r < 0.22:  # known by the bare name only (a 字号 + industry short form)
        return Company(short, short, "", county, town, industry, word, True, False)
    form = rng.choices(["有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "集团"],
                       [0.55, 0.15, 0.07, 0.13, 0.10])[0]
    p = rng.random()
    brand = ""
    county_in_name = False
    if p < 0.35:
        prefix = "山东"
        brand = "山东" + zihao
    elif p < 0.55:
        prefix = rng.choice(["聊城", "聊城市"])
    elif p < 0.75 and county.kind != "功能区":
        prefix = county.short or county.text
        county_in_name = True
    elif p < 0.82:
        return Company(f"{zihao}（山东）{word}{form}", short, "", county, town, industry, word, False, False)
    else:
        prefix = ""
    if form == "集团" and rng.random() < 0.5:
        short = zihao + "集团"
        full = f"{prefix}{zihao}集团"
    else:
        full = f"{prefix}{zihao}{word}{form}"
    return Company(full, short, brand, county, town, industry, word, False, county_in_name)


# --------------------------------------------------------------------------- gold per page


@dataclass
class GoldCompany:
    company: Company
    forms: set[str] = field(default_factory=set)
    county: str | None = None
    industries: set[str] = field(default_factory=set)
    programs: set[str] = field(default_factory=set)
    partners: set[str] = field(default_factory=set)
    invests_in: set[str] = field(default_factory=set)
    supplies: set[str] = field(default_factory=set)


class PageGold:
    def __init__(self) -> None:
        self.companies: dict[str, GoldCompany] = {}
        self.institutions: set[str] = set()
        self.counties: set[str] = set()
        self.programs: set[str] = set()
        self.industries: set[str] = set()

    def entry(self, co: Company) -> GoldCompany:
        got = self.companies.get(co.full)
        if got is None:
            got = self.companies[co.full] = GoldCompany(co)
        return got

    def to_json(self) -> dict[str, Any]:
        companies = []
        for g in self.companies.values():
            co = g.company
            name = co.full if co.full in g.forms else sorted(g.forms, key=lambda f: (-len(f), f))[0]
            companies.append({
                "name": norm(name),
                "aliases": [norm(a) for a in co.aliases() if a != name],
                "county": g.county,
                "industries": sorted(g.industries),
                "programs": sorted(g.programs),
                "partners": sorted(norm(p) for p in g.partners),
                "invests_in": sorted(norm(p) for p in g.invests_in),
                "supplies": sorted(norm(p) for p in g.supplies),
            })
        companies.sort(key=lambda c: c["name"])
        return {
            "companies": companies,
            "optional_companies": [],
            "institutions": sorted(self.institutions),
            "counties": sorted(self.counties),
            "programs": sorted(self.programs),
            "industries": sorted(self.industries),
        }


# --------------------------------------------------------------------------- writing


FILLER = [
    "产业升级，人才先行。",
    "核心技术买不来、求不来，必须依靠自主创新。",
    "人才竞争，归根结底是生态的竞争。",
    "改革一子落，源头活水来。",
    "“实”字当头促发展，“干”字为先走在前。",
    "创新是引领发展的第一动力，新质生产力在高质量发展中具有强劲的推动支撑作用。",
    "园区集中提供研发设计、检验检测、技术咨询等“一站式”服务，有效降低企业创新成本。",
    "坚持“请进来”和“走出去”相结合的方式，共组织开展产学研合作活动{n}余次。",
    "入园企业升规纳统速度加快，{y}年实现总产值{f}亿元，同比增长{p}%。",
    "截至目前，已吸引{n}家企业入驻，累计实现交易额{f}亿元。",
    "通过数字化改造，企业生产效率提升{p}%，产品不良率下降{q}%。",
    "规上工业企业累计完成工业总产值{f}亿元，同比增长{p}%。",
    "新的一年，新举措、新部署跃然纸上。",
    "近年来，我市通过建立梯度培育库，分层次提供技术创新、数字化转型等定制化服务。",
    "以产才融合擘画崭新图景，正奋力书写县域高质量发展的精彩答卷。",
    "面对转型压力，企业积极开展产学研合作，推动技术难题攻克与新产品开发。",
    "机器轰鸣声不绝于耳，工人们穿梭其间，加紧赶制订单。",
    "当前，全市正深入推进制造业强市战略，以高端化、智能化、绿色化、集群化为转型路径。",
    "成熟的产业链供应链已经铺好了产业升级的“路基”。",
    "产学研融合的关键在于人才，柔性引进的{n}名高层次人才深度参与企业研发。",
    "要聚焦主责主业，强化要素保障，推动项目早开工、早投产、早见效。",
    "政策落地“不漏一企、不少一人”，确保惠企政策直达快享。",
    "企业举荐直通高级工程师、评审突出创新导向，释放专业技术人才创新创造潜能。",
    "高能级平台为人才施展才华提供舞台，吸引{n}家企业入园集聚发展。",
    "通过实行寻榜、发榜、揭榜、履榜、评榜、续榜“六步工作法”，累计研发课题{n}项。",
    "申报国家发明专利{n}项、授权{q}项，研发新产品{q}款，其中{q}款实现进口替代。",
    "聚焦交通、水利、医疗、教育、城市更新、绿色低碳等核心领域，建立“政策库+项目库”动态匹配机制。",
    "针对企业技术瓶颈，推动{n}余个正式合作项目落地，累计争取扶持资金{n}万元。",
    "“数字化工厂”里，每块物料都有自己的“ID”，进厂、锻造、焊接、出厂可全链路跟踪。",
    "目前，已拥有创新型中小企业{n}家，形成了基础稳固、层级明显、引领效果较强的梯度培育体系。",
    "全社会研发投入占GDP的比重连续{q}年列全省前列，省级重点实验室达到{q}家。",
    "坚持以“用”为导向、以产业链为依托、以企业为主导，建成了“一链一院”协同创新体系。",
    "新能源汽车低温环境下的续航和安全问题，一直是行业亟待攻克的难点痛点。",
    "{y}年全年完成三批共计{n}家国家高新技术企业申报，新增两家省级企业技术中心。",
    "注重产业链靶向招商，招商引资工作稳步前行，一批优质项目争先入园。",
    "从智能化生产线到大数据分析系统，创新力量正直接驱动产品升级。",
    "绿色化工产业园区各项基础设施建设完成并通过验收，吸引众多项目争先入园。",
    "产品同质化、核心技术受制于人、长期处于价值链中低端等问题亟待破解。",
    "学校课堂直通企业生产线，人才培养规格与岗位用人标准高度匹配。",
    "校企合作研发的新产品，市场占有率达到{p}%。",
]

SECTIONS = ["经济新面孔", "重点工作 深解读", "作风深化 实干争先", "产业观察", "县域经济", "项目建设进行时",
            "高质量发展在聊城", "新春走基层"]
HEAD_VERBS = ["以产才融合破局升级", "跑出转型加速度", "链上发力谱新篇", "向“新”而行", "智造赋能强产业",
              "协调共进势头强劲", "激活发展新动能", "聚链成群促升级"]
SUB_TEMPLATES = ["——看{c}{i}产业的智慧动能", "——{c}{i}产业链发展观察", "——{y}年{c}重点工作深入解读",
                 "——{c}推动{i}产业高质量发展纪实"]
MEETINGS = ["全市城市文明建设常态长效工作会议召开", "全市安全生产工作会议召开", "市政府常务会议召开",
            "全市优化营商环境工作推进会召开", "全市“双招双引”工作调度会召开", "全市乡村振兴工作会议召开"]
ACTIONS = ["加工线路板", "对产品进行出厂检测", "调试智能生产线", "装配精密部件", "检查设备运行情况",
           "赶制出口订单", "对原料进行质量检验"]
GOV = ["科技局局长", "工业和信息化局局长", "发展改革局副局长", "商务局局长", "人社局副局长"]
BUREAUS = ["科技局", "工业和信息化局", "发展改革局", "商务局", "人社局"]


class ArticleWriter:
    """Writes one article's paragraphs (full-width punctuation) and records what it says in the gold."""

    def __init__(self, rng: random.Random, world: World, gold: PageGold) -> None:
        self.rng = rng
        self.world = world
        self.gold = gold
        self.seen: set[str] = set()  # companies already named in this article
        self.used: set[int] = set()  # filler sentences already used in this article

    # -- small pieces
    def person(self) -> str:
        r = self.rng
        return r.choice(self.world.surnames) + "".join(r.choice(self.world.given) for _ in range(r.choice((1, 2, 2))))

    def num(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def fnum(self) -> str:
        return f"{self.rng.uniform(0.5, 60):.1f}"

    def date(self) -> str:
        return f"{self.num(1, 12)}月{self.num(1, 28)}日"

    def fill(self, text: str) -> str:
        return text.format(n=self.num(3, 200), y=self.num(2021, 2025), f=self.fnum(), p=self.num(3, 60),
                           q=self.num(2, 30))

    def filler(self, k: int) -> str:
        """k generic sentences, none repeated within the article while the pool lasts."""
        fresh = [i for i in range(len(FILLER)) if i not in self.used]
        if len(fresh) < k:
            self.used.clear()
            fresh = list(range(len(FILLER)))
        picked = self.rng.sample(fresh, k)
        self.used.update(picked)
        return "".join(self.fill(FILLER[i]) for i in picked)

    def county(self, c: County) -> str:
        self.gold.counties.add(c.name)
        return c.mention(self.rng)

    def industry(self, name: str) -> str:
        self.gold.industries.add(name)
        return name

    def institution(self) -> str:
        name = self.rng.choice(self.world.institutions)
        self.gold.institutions.add(name)
        return name

    def pick(self, county: County | None = None, exclude: set[str] | frozenset[str] = frozenset()) -> Company:
        """A company, the popular ones more often (companies recur across articles)."""
        pool = self.world.by_county.get(county.name, []) if county else self.world.companies
        if not pool:
            pool = self.world.companies
        for attempt in range(40):
            if attempt == 20:  # a small county: look across the city
                pool = self.world.companies
            co = pool[int(len(pool) * self.rng.random() ** 2)]
            if co.full not in exclude:
                return co
        raise ValueError("company pool too small for the sentences asked of it")

    def co(self, c: Company, full: bool | None = None) -> str:
        """A mention: the full name the first time (mostly), the short form after."""
        entry = self.gold.entry(c)
        if c.formless:
            form = c.full
        elif full is None:
            form = c.full if c.full not in self.seen else (c.short if self.rng.random() < 0.7 else c.full)
        else:
            form = c.full if full else c.short
        if form == c.full and c.county_in_name:
            entry.county = c.county.name
            self.gold.counties.add(c.county.name)
        self.seen.add(c.full)
        entry.forms.add(form)
        return form

    def tie(self, c: Company) -> None:
        self.gold.entry(c).county = c.county.name
        self.gold.counties.add(c.county.name)

    def program(self, c: Company | None = None) -> str:
        prog = self.rng.choice(self.world.programs)
        self.gold.programs.add(prog["name"])
        if c is not None:
            self.gold.entry(c).programs.add(prog["name"])
        return prog["phrase"]

    # -- sentences about companies (each records its facts)
    def s_locate(self, c: Company) -> str:
        r = self.rng
        where = self.county(c.county) + (c.town if c.town and r.random() < 0.6 else "")
        self.tie(c)
        name = self.co(c, full=True)
        return r.choice([
            f"{self.date()}，位于{where}的{name}内，机器轰鸣声不绝于耳，工人们穿梭其间，加紧赶制订单。",
            f"{self.date()}，在位于{where}的{name}生产园区内，公司正开足马力生产{c.product}产品。",
            f"{name}坐落于{where}，是当地{c.product}行业的骨干企业。",
            f"走进{where}的{name}，智能化生产线高效运转。",
        ])

    def s_intro_short(self, c: Company) -> str:
        full = self.co(c, full=True)
        if c.formless or c.short == c.full:
            return f"{full}成立于{self.num(1995, 2020)}年，现有员工{self.num(50, 2000)}人。"
        self.gold.entry(c).forms.add(c.short)
        return f"{full}（以下简称“{c.short}”）成立于{self.num(1995, 2020)}年，现有员工{self.num(50, 2000)}人。"

    def s_industry(self, c: Company) -> str:
        ind = self.industry(c.industry)
        self.gold.entry(c).industries.add(c.industry)
        name = self.co(c)
        return self.rng.choice([
            f"作为{ind}产业链的链主企业，{name}先后投入{self.fnum()}亿元实施技改{self.num(5, 40)}余项。",
            f"{name}是{ind}行业的领军企业，产品远销{self.num(10, 60)}个国家和地区。",
            f"{name}深耕{ind}领域{self.num(5, 30)}年，市场占有率达到{self.num(5, 40)}%。",
        ])

    def s_program(self, c: Company) -> str:
        name = self.co(c)
        phrase = self.program(c)
        return self.rng.choice([
            f"{name}获评{phrase}。",
            f"{self.num(2021, 2025)}年，{name}被认定为{phrase}，实现新突破。",
            f"{name}入选{phrase}名单，研发投入强度超过{self.num(3, 9)}%。",
        ])

    def s_partner(self, c: Company) -> str:
        r = self.rng
        entry = self.gold.entry(c)
        a = self.institution()
        name = self.co(c)
        if r.random() < 0.5:
            b = self.institution()
            while b == a:
                b = self.institution()
            entry.partners.update((a, b))
            return r.choice([
                f"{name}与{a}、{b}联合申报项目，获批山东省重点研发计划。",
                f"{name}联合{a}、{b}共建省级重点实验室。",
                f"{name}先后与{a}、{b}等高校建立产学研合作关系。",
            ])
        entry.partners.add(a)
        return r.choice([
            f"同时，{name}与{a}合作，在公司挂牌成立了“{a}产学研基地”，加速了产品的自主研发进程。",
            f"{name}与{a}签订产学研合作协议，共同攻关关键核心技术。",
            f"{name}与{a}创立的联合创新研究中心正式启动。",
        ])

    def s_enum(self, county: County) -> str:
        cos = []
        seen: set[str] = set()
        for _ in range(self.num(2, 4)):
            c = self.pick(county, exclude=seen)
            seen.add(c.full)
            cos.append(c)
        names = "、".join(self.co(c, full=False) if not c.formless else self.co(c) for c in cos)
        cname = self.county(county)
        ind = self.industry(self.rng.choice(self.world.industries))
        return self.rng.choice([
            f"{cname}培育了{names}等龙头企业，{ind}产业集群初具规模。",
            f"其中{names}等{len(cos) + self.num(2, 8)}家企业的联合研发项目获市级以上科技计划支持。",
            f"{names}等企业纷纷加大研发投入，{ind}产业链条不断延伸。",
        ])

    def s_invest(self, c: Company, county: County | None) -> str:
        target = self.pick(county, exclude={c.full})
        name = self.co(c)
        tname = self.co(target)
        self.gold.entry(c).invests_in.add(target.full)
        return self.rng.choice([
            f"{name}投资{self.fnum()}亿元控股{tname}，进一步延伸产业链条。",
            f"{name}出资{self.fnum()}亿元入股{tname}，双方将在技术研发、市场开拓等方面深度合作。",
        ])

    def s_supply(self, c: Company, county: County | None) -> str:
        buyers = []
        seen = {c.full}
        for _ in range(self.num(1, 2)):
            b = self.pick(None if self.rng.random() < 0.5 else county, exclude=seen)
            seen.add(b.full)
            buyers.append(b)
        name = self.co(c)
        bnames = "、".join(self.co(b) for b in buyers)
        self.gold.entry(c).supplies.update(b.full for b in buyers)
        if len(buyers) > 1:
            return f"如今的{name}，已成为{bnames}等头部企业的稳定供货商。"
        return self.rng.choice([
            f"{name}为{bnames}配套供应{c.product}产品，年供货额超过{self.fnum()}亿元。",
            f"{name}已成为{bnames}的稳定供货商。",
        ])

    def s_quote(self, county: County | None) -> str:
        where = self.county(county) if county else "市"
        return (f"“我们将持续推动更多企业与高校院所精准对接，为产业高质量发展注入强劲动能。”"
                f"{where}{self.rng.choice(GOV)}{self.person()}说。")

    def s_manager(self, c: Company) -> str:
        return (f"“{self.filler(1)}”{self.co(c)}总经理{self.person()}介绍，"
                f"今年公司计划投入{self.fnum()}亿元扩大产能。")

    def s_county_program(self, county: County) -> str:
        prog = self.rng.choice(self.world.county_programs)
        self.gold.programs.add(prog)
        return f"{self.county(county)}全面推行{prog}，{self.filler(1)}"

    # -- articles: (headline lines, byline, paragraphs, byline_at_end)
    def feature(self) -> dict[str, Any]:
        r = self.rng
        county = r.choice([c for c in self.world.counties if c.name in self.world.by_county])
        ind = r.choice(self.world.industries)
        cname = county.short or county.text
        title = f"{cname}{ind}{r.choice(HEAD_VERBS)}"
        sub = r.choice(SUB_TEMPLATES).format(c=cname, i=ind, y=self.num(2023, 2025))
        self.gold.counties.add(county.name)
        self.gold.industries.add(ind)
        paras = []
        lead = self.pick(county)
        paras.append(self.s_locate(lead) + self.filler(1) + self.s_intro_short(lead))
        makers: list[Callable[[], str]] = [
            lambda: self.s_partner(self.pick(county)) + self.filler(self.num(1, 2)),
            lambda: self.filler(1) + self.s_program(self.pick(county)) + self.s_industry(self.pick(county)),
            lambda: self.filler(1) + self.s_enum(county) + self.filler(1),
            lambda: self.s_invest(self.pick(county), county) + self.filler(self.num(1, 2)),
            lambda: self.s_supply(self.pick(county), county) + self.filler(self.num(1, 2)),
            lambda: self.s_manager(self.pick(county)) + self.filler(1),
            lambda: self.s_county_program(county) + self.filler(1),
            lambda: self.filler(3),
        ]
        for _ in range(self.num(4, 8)):
            paras.append(r.choice(makers)())
        paras.append(self.s_quote(county))
        bylines = f"■ 本报记者 {self.person()}" + (f"\n本报通讯员 {self.person()}" if r.random() < 0.6 else "")
        return {"section": r.choice(SECTIONS), "title": title, "subtitle": sub, "byline": bylines,
                "paras": paras, "kind": "feature"}

    def news(self) -> dict[str, Any]:
        r = self.rng
        county = r.choice([c for c in self.world.counties if c.name in self.world.by_county])
        c = self.pick(county)
        cname = self.county(county)
        title = f"{cname}{r.choice(['强化要素保障', '推动项目建设提速', '培育壮大市场主体', '加快产业转型升级'])}"
        # choose the sentence maker first: a sentence records its facts when it is written
        say = r.choice([self.s_program, self.s_partner, self.s_industry])
        first = f"本报讯（记者 {self.person()}）{self.date()}，记者从{cname}{r.choice(BUREAUS)}获悉，" + say(c)
        more = r.choice([lambda: self.s_supply(self.pick(county), county), lambda: self.s_enum(county),
                         lambda: self.filler(2)])
        paras = [first + self.filler(1), more() + self.filler(1)]
        for _ in range(self.num(1, 3)):
            paras.append(self.filler(self.num(2, 3)))
        return {"title": title, "paras": paras, "kind": "news"}

    def photo(self) -> dict[str, Any]:
        c = self.pick()
        first = f"{self.date()}，在{self.co(c, full=True)}生产车间内，工作人员正{self.rng.choice(ACTIONS)}。"
        second = f"该公司主要生产{c.product}等产品，{self.filler(2)}"
        if self.rng.random() < 0.5:
            second += self.s_partner(c)
        return {"paras": [first + second], "byline": f"■ {self.person()}", "kind": "photo"}

    def meeting(self) -> dict[str, Any]:
        r = self.rng
        title = r.choice(MEETINGS)
        paras = [f"本报讯（记者 {self.person()}）{self.date()}，{title}，总结前阶段工作，对下步工作作出部署。"
                 f"市委常委{self.person()}出席会议并讲话。",
                 "会议强调，" + self.filler(3)] + [self.filler(self.num(2, 3)) for _ in range(self.num(1, 3))]
        return {"title": title, "paras": paras, "kind": "meeting"}


# --------------------------------------------------------------------------- layout


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def render_page(rng: random.Random, articles: list[dict[str, Any]]) -> str:
    """Lay out a page in one of the seed pages' styles."""
    style = rng.choices(["plain", "wrapped", "markdown"], [0.45, 0.35, 0.2])[0]
    width = rng.randint(16, 22)
    out: list[str] = []

    def punct(text: str) -> str:
        if style == "wrapped" or rng.random() < 0.15:
            return text
        return text.translate(FULL_TO_ASCII)

    for art in articles:
        kind = art["kind"]
        paras = [punct(p) for p in art["paras"]]
        if style == "wrapped":
            body = ["  " + _wrap(p, width) for p in paras]
            byline = art.get("byline", "").replace("■", "  □").replace("\n", " ")
            head = [art[k] for k in ("title",) if art.get(k)]
            if kind == "feature":
                head = [art["title"], art["subtitle"]]
            if kind == "photo":
                out.append("\n".join(body) + "\n\n" + byline)
            elif head and rng.random() < 0.12:  # headline printed after its body, as on seed 004
                out.append("\n".join(([byline] if byline else []) + body) + "\n\n" + "\n".join(head))
            else:
                out.append("\n".join(head + ([byline] if byline else []) + body))
            continue
        if style == "plain":
            split = []
            for p in paras:
                if len(p) > 60 and rng.random() < 0.08:  # a hard break inside a sentence
                    cut = rng.randint(20, len(p) - 20)
                    split += [p[:cut], p[cut:]]
                else:
                    split.append(p)
                if rng.random() < 0.02:  # a paragraph's tail printed twice
                    split.append(p[len(p) // 2:])
            paras = split
        md = style == "markdown"
        if kind == "feature":
            head = [art["section"], ("# " if md else "") + art["title"], ("## " if md else "") + art["subtitle"],
                    art["byline"].replace("\n", "  \n") if md else art["byline"]]
            out.append("\n\n".join(head + paras))
        elif kind == "photo":
            out.append("\n\n".join(paras + [art["byline"]]))
        else:
            out.append("\n\n".join([("# " if md else "") + art["title"]] + paras))
    return "\n\n" + "\n\n".join(out) + "\n"


# --------------------------------------------------------------------------- corpus


@dataclass
class Summary:
    articles: int
    pages: int
    companies: int
    chars: int
    seconds: float


def generate(n_articles: int, out_dir: Path, seed: int = DEFAULT_SEED, encodings: str = "utf-8") -> Summary:
    """Write the pages and gold.json into ``out_dir``; the same seed gives the same bytes."""
    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    world = build_world(seed, min(MAX_COMPANIES, max(40, int(n_articles * 0.35))))
    gold_files: dict[str, Any] = {}
    written = page_no = chars = 0
    while written < n_articles:
        rng = random.Random(f"{seed}:page:{page_no}")
        k = min(rng.randint(2, 6), n_articles - written)
        gold = PageGold()
        arts = []
        for _ in range(k):
            w = ArticleWriter(rng, world, gold)
            kind = rng.choices(["feature", "news", "photo", "meeting"], [0.3, 0.4, 0.15, 0.15])[0]
            arts.append(getattr(w, kind)())
        text = render_page(rng, arts)
        data, enc = _encode(text, rng, encodings)
        name = f"{page_no:06d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
        (out_dir / name).write_bytes(data)
        entry = gold.to_json()
        if enc != "utf-8":
            entry["encoding"] = enc
        gold_files[name] = entry
        written += k
        page_no += 1
        chars += len(text)
    gold_doc = {
        "about": ("Synthetic Liaocheng-style pages written by bench/synth.py, with the truth the generator "
                  "wrote into them, in the format of seeds-dev.json. companies: must be found (name or any "
                  "alias); name is the fullest form written on that page. county: the county the page ties "
                  "the company to (a locating sentence or the county at the start of its name), else null. "
                  "Extra keys: invests_in and supplies list the other companies' names, like partners."),
        "generator": {"seed": seed, "articles": n_articles, "pages": page_no, "companies": len(world.companies),
                      "fingerprint": fingerprint()},
        "files": gold_files,
    }
    with open(out_dir / "gold.json", "w", encoding="utf-8") as fh:  # streamed: 100k articles make a large gold
        json.dump(gold_doc, fh, ensure_ascii=False, indent=1)
    return Summary(n_articles, page_no, len(world.companies), chars, time.perf_counter() - t0)


def _encode(text: str, rng: random.Random, encodings: str) -> tuple[bytes, str]:
    """UTF-8 by default; with ``mixed`` a few pages come as UTF-8 with BOM, GB18030 or UTF-16."""
    if encodings == "mixed":
        r = rng.random()
        if r < 0.04:
            return text.encode("utf-8-sig"), "utf-8-sig"
        if r < 0.08:
            return text.encode("gb18030"), "gb18030"
        if r < 0.10:
            return text.encode("utf-16"), "utf-16"
    return text.encode("utf-8"), "utf-8"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", "-n", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("-o", "--out", type=Path, required=True, help="output directory (pages + gold.json)")
    ap.add_argument("--encodings", choices=["utf-8", "mixed"], default="utf-8",
                    help="mixed: a few pages in UTF-8 with BOM, GB18030 or UTF-16")
    args = ap.parse_args(argv)
    if args.articles < 1:
        ap.error("--articles must be at least 1")
    if args.out.exists() and any(args.out.glob("*.txt")):
        print(f"Error: {args.out} already holds .txt files; choose an empty directory", file=sys.stderr)
        return 2
    s = generate(args.articles, args.out, args.seed, args.encodings)
    print(f"{s.articles} articles on {s.pages} pages, {s.companies} companies in the pool, "
          f"{s.chars / 1e6:.1f}M characters, {s.seconds:.1f}s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
