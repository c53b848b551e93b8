"""Sentence-level relation rules and the assembly of an article's facts.

Each rule names itself in the evidence (``rule``) with a confidence; the sentence is always
``article.text[start:end]``. One relationship per (type, start, end, article): the first,
most confident piece of evidence wins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from econgraph.graph.model import (
    ArticleFacts,
    Evidence,
    Node,
    NodeRef,
    Relationship,
    entity_uid,
    relationship_uid,
)
from econgraph.loaders.article import Article
from econgraph.loaders.classes import (
    COUNTED_PRODUCTS,
    ELIDED_PRODUCT,
    ITEM_JOINERS,
    MEASURE_CLASS,
    QUOTED_PROGRAM_PATTERN,
    STRONG_HELD_ANYWHERE,
    colon_list_verb,
    continued_list_verb,
    designation_status,
    sentence_honours,
    structure_lists,
)
from econgraph.loaders.companies import _tag_table, customer_close
from econgraph.loaders.extract import Group, Mention, make_evidence
from econgraph.loaders.learned_products import add_learned_products
from econgraph.loaders.places import ZONE_WORDS, load_gazetteer, place_words
from econgraph.loaders.places import Context as PlaceContext
from econgraph.loaders.places import resolver as place_resolver
from econgraph.loaders.region import Region
from econgraph.loaders.rules import alternation, rules
from econgraph.loaders.sentences import Sentence
from econgraph.loaders.sieve import sieve_globals, sieved
from econgraph.loaders.text import QUOTE_CHARS as QUOTE
from econgraph.loaders.wordcut import lcut

R = rules("relations")  # described in loaders/rules/relations.json
ORG = rules("organisations")  # branch_forms: shared with the name finder
CONF = R["confidence"]
_CLAUSE = re.compile("[" + re.escape(R["clause_breaks"]) + "]")
_LEVEL = re.compile("(?<![" + R["level_scope_prefixes"] + "])(" + alternation(R["level_words"]) + ")[^"
                    + re.escape(R["clause_breaks"]) + "]{0," + str(R["level_gap"]) + "}$")
_YEAR = re.compile(R["year_pattern"])
_PARTNER_CUE = re.compile(alternation(R["partner_cues"]))
_PARTNER_PREVIOUS = re.compile(alternation(R["partner_previous_cues"]))
_PARTNER_PREVIOUS_NOT_AFTER = re.compile(".{0,3}?(?:" + alternation(R["partner_previous_not_after"]) + ")")
_INVEST_CUE = re.compile(alternation(R["invest_cues"]))
_INVEST_CUE_WORDS = tuple(R["invest_cue_words"])
_SUPPLY_NOUN = re.compile(alternation(R["supply_nouns"]))  # X成为Y等企业的供货商 / 进入Y的供应链
_SUPPLY_VERB = re.compile(alternation(R["supply_verbs"]))  # X的产品供应Y
_SUPPLY_NOUNISH = tuple(R["supply_verb_not_followed_by"])  # 供应商, 配套项目: nouns
_SUPPLY_REVERSE = frozenset(R["supply_fallback"]["reverse"])
_SUPPLIER_NEXT_VERB = re.compile(alternation(R["supplier_named_next"]["verbs"]))
_SUPPLY_ANY = re.compile(alternation(R["supply_verbs"] + R["supply_fallback"]["forward"] + R["supply_fallback"]["reverse"]))
# a company only named as the customer of another (供应X、Y等龙头企业) is not located by context
_COUNTERPART_CUE = re.compile(alternation(R["counterpart_cues"]))
_SETTLE_CUE = re.compile(alternation(R["settle_cues"]))
_SETTLE_NOT_OWN = re.compile(alternation(R["settle_not_own_between"]))
_SETTLE_AGREED = re.compile(R["settle_agreed_after"])
_VISITOR = re.compile(R["visitor_delegation"])
_AFFILIATION = re.compile(R["affiliation_after"]["after"])
_JOINT_FOUNDERS = re.compile(R["joint_founders_after"])
_OWN_PLACE = re.compile(R["own_place_words"])
_DATELINE = re.compile(R["dateline"])
_NAME_BRACKET = re.compile(R["name_bracket_place"])
_SUBJECT_WORD = re.compile(alternation(R["subject_words"]))
_LEVELS = R["level_names"]
_GROUP = re.compile(R["group_subject"])
_MEMBERS = re.compile(R["designation_members"])
_INLINE_MEMBERS = re.compile(R["designation_members_inline"])
_INVESTOR = re.compile(alternation(R["article_county_not_after"]))
_RUNS_KINDS = frozenset(rules("classes")["runs_kinds"])
_POLICY_HEADS = tuple(rules("classes")["policy_heads"])
_LABELLED = re.compile(QUOTED_PROGRAM_PATTERN + "$")
_HELD_BEFORE = re.compile("(?:" + alternation(rules("classes")["held_verbs"], longest_first=True) + ")$")
_DES_TRAILERS = tuple(rules("classes")["designation_trailers"])


def _sentence_lead(*, reported: bool, subset: bool) -> str:
    """What may open a sentence before its subject (relations.json sentence_lead): time or linking words or
    dates, each with an optional comma, up to ``repeat`` of them (据了解,近年来,X…); ``reported`` adds 据了解-type
    words, ``subset`` adds 其中."""
    lead = R["sentence_lead"]
    words = (lead["reported"] if reported else []) + lead["words"] + (lead["subset"] if subset else [])
    return f"(?:(?:{alternation(words)}|{lead['date']})[,]?){{0,{lead['repeat']}}}"


_COUNTY_ANAPHOR = re.compile(R["runs_county_anaphor"].replace("LEAD", _sentence_lead(reported=False, subset=False)))
_COUNT_LIST = re.compile(R["designation_count_list"])
_BRACKETED_HOLDERS = re.compile(R["designation_bracketed_holders"])
_COUNTY_JOINERS = frozenset(R["county_list_joiners"])
_JOINER = re.compile(alternation(R["partner_joiners"]))
_STRONG_JOINERS = frozenset(R["partner_strong_joiners"])
_JOINT = re.compile(alternation(R["joint_cues"]))
_COUNTY_SIGNS = re.compile(R["county_signing"]["signs"])
_ADOPTED_BY = re.compile(R["adopted_by"])
_PARTY_COUNT = re.compile(R["partner_parties"]["count"])
_PARTY_JOINERS = frozenset(R["partner_parties"]["joiners"])
_PARTNER_ATTRIBUTIVE = re.compile(R["partner_parties"]["attributive"])
_BASE_BEFORE = re.compile(R["partner_base"]["before"])
_BASE_AFTER = re.compile(R["partner_base"]["after"])
_SIGN_PARTY_AFTER = re.compile(R["county_signing"]["party_after"])
_PASSIVE_MARKS = frozenset(R["passive_investment"]["marks"])
_PASSIVE_INVEST = re.compile(R["passive_investment"]["after"])
_FIRST_PERSON = re.compile("[" + "".join(QUOTE) + "]?(?:" + alternation(R["first_person_subjects"], longest_first=True) + ")")
_LIST_JOINERS = frozenset(R["list_joiners"])
_ITEM_BREAKS = R["item_breaks"]
_CUSTOMER = re.compile(R["customer_pattern"])
_CUSTOMER_LIST_CLOSE = re.compile(R["customer_list_close"])
_OWNS = re.compile(R["ownership_between"])
_OWNED_VERB = re.compile(R["owned_list"]["verb"])
_OWNED_CLOSE = re.compile(R["owned_list"]["close"])
_FOUND = re.compile(R["founding_cue"].replace("AMOUNT", R["amount_pattern"]))
_FOUNDED_GAP = re.compile(R["founded_gap"])
_ENUM_TAIL = re.compile(R["enumeration_tail"])
_ENUM_NOTE = re.compile(R["enumeration_note"])
_CLUSTER_LEAD = re.compile(R["cluster_supply"]["lead"])
_CLUSTER_SUPPLY = re.compile(R["cluster_supply"]["supply"])
_JOINT_JOINERS = frozenset(R["joint_investors"]["joiners"])
_JOINT_INVEST = re.compile(R["joint_investors"]["verb"])
_CO = R["co_investment"]
_CO_VERB = re.compile(_CO["verb"].replace("AMOUNT", R["amount_pattern"]))
_CO_BY = re.compile(_CO["by"])
_CO_FOUNDING = re.compile(_CO["founding"])
_CO_FOUNDED_NEXT = re.compile(_CO["founded_next"])
_CO_PROJECT_GAP = re.compile(_CO["project_gap"])
_CO_PROJECT_OPENING = re.compile(_CO["project_opening"])
_CO_PROJECT_LEAD = re.compile(_CO["project_lead"])
_CO_PARTIES = re.compile(_CO["parties"])
_CO_HEAD = re.compile(_CO["head"])
_CO_COPULA = re.compile(_CO["copula"])
_SIGN_GOV = re.compile(R["county_signing"]["gov"])
_SIGN_CUE = re.compile(R["county_signing"]["cue"])
_AGREEMENT = re.compile(R["county_signing"]["agreement"])
_SIGN_OFFICER = re.compile(R["county_signing"]["officer"])
_COMPANY_SIGNS_COMPANY = re.compile(R["county_signing"]["company_pair"])
_SIGN_WITNESS = re.compile(R["county_signing"]["witness"])
_SIGN_PROJECT = re.compile(R["county_signing"]["project"])
_PROJECT_LIST_CLOSE = re.compile(R["project_list_close"])
_PROJECT_LIST_SIGNED = re.compile(R["project_list_signed"])
_SIGNED_COMPANIES = re.compile(R["signed_company_list"])
_OUR_COUNTY = re.compile(R["county_signing"]["ours"] + R["county_signing"]["gov"])
_LIST_COUNT = re.compile(R["supply_list_count"])
_INVESTED_PROJECT = re.compile(R["invested_project_settles"])
_PROJECT_SETTLES = re.compile(R["project_settles_in"])
_SIGN_JOINERS = frozenset(R["county_signing"]["joiners"])
_SIGN_GOVERNMENT = tuple(R["county_signing"]["government"])
_RAW_MATERIAL = re.compile(R["raw_material_pattern"])
_BUILT_BEFORE = re.compile(R["project_built_by"]["before"])
_BUILT_AFTER = re.compile(R["project_built_by"]["after"])
_BUILT_FUNDED = re.compile(R["project_built_by"]["funded"].replace("AMOUNT", R["amount_pattern"]))
_PARTNER_ROLE = re.compile(R["partner_role"]["role"])
_ROLE_COPULA = tuple(R["partner_role"]["copulas"])
_SUBJECT_BACKREF = re.compile(alternation(R["subject_backrefs"]))
_SUPPLY_ADVERBIAL = frozenset(R["supply_adverbial_verbs"]["verbs"])
_BUY_FROM = re.compile("(?:" + alternation(R["buy_from"]) + ")[^,;:。!?]{2,40}?(?:" + alternation(R["buy_verbs"]) + ")")
_COUNTY_MODIFIES = re.compile(alternation(R["runs_county_modifier_after"], longest_first=True))
_NOT_A_TIE = re.compile(alternation(R["county_not_a_tie_after"]))  # 冠县人民政府, 县委: the body, not the place
_VISITING_PARTY = re.compile(alternation(R["has_industry_visiting_party"]))  # K代表团: visitors, not the holder
_TIE_BEFORE = re.compile(alternation(R["tie_cues_before_county"]))
_WISH = re.compile(alternation(R["wish_cues"]))
_ENUM_IND_GAP = re.compile(R["enumeration_industry_gap"])
_ENUM_IND_HEAD = re.compile(R["enumeration_industry_heads"])
_LEADERS = re.compile(R["leader_list_end"])
_TOPIC_LIST_END = re.compile(R["topic_list_end"])
_GATHERED_BEFORE = re.compile("(?:" + alternation(R["topic_list_gathered"]["before"]) + ")(?:了|出|起)?$")
_GATHERED_AFTER = re.compile(R["topic_list_gathered"]["after"])
_TRADE_PARK = re.compile(R["trade_park_of"])
_TOPIC_CLAUSE = R["topic_clause"]
_TOPIC_HEAD = re.compile(_TOPIC_CLAUSE["head"] + "[,;:。]?$")
_TOPIC_OPENS = re.compile(_TOPIC_CLAUSE["head"])
_EXAMPLES = re.compile(_TOPIC_CLAUSE["examples"])
_CLAUSE_GATHERED = re.compile("(?:" + alternation(R["topic_list_gathered"]["before"] + _TOPIC_CLAUSE["verbs"])
                              + ")(?:了|出|起)?$")
_BRACKETED = re.compile(R["bracketed_members"])
_FRAME = R["role_list_frame"]
_ROLE_CLOSE = re.compile(_FRAME["close"])
_ROLE_PAIRED = re.compile(_FRAME["paired"])
_CAPACITY_BEFORE = re.compile(R["capacity_before_product"].replace("MEASURES", MEASURE_CLASS))
_LIST_ITEMS = re.compile(R["list_items_between"])
_LIST_TAIL = re.compile(R["list_tail_items"])
_OPENERS = frozenset(R["subject_openers"])
_IN_TITLE = re.compile(R["industry_in_title"])
_TOPIC_FOLLOW = re.compile(R["topic_industry_follow"])
_SUBJECT_LEAD = re.compile(_sentence_lead(reported=True, subset=True))
_SETTLED_IN = re.compile("(?:" + alternation(R["settle_cues"]) + ")$")
_OWNED_GROUP = re.compile(R["owned_group_before"])
_PRODUCT_AFTER = re.compile(R["product_subject_adverbs"] + "(?:" + alternation(rules("classes")["product_verbs"],
                                                                              longest_first=True) + ")")
_NOT_PLACE_INDUSTRY = re.compile(R["has_industry_not_before"])
_BROAD_SECTOR = re.compile(R["has_industry_broad_sector"])
_COUNTED_LIST = re.compile(R["has_industry_counted_list"])
_PLACE_INDUSTRY_LIST = re.compile(R["place_industry_list"])
_PARK_AFTER = re.compile(R["park_industry_after"])
_NAME_BROAD = frozenset(R["name_broad_industries"])
_PRODUCT_CLAUSE = re.compile(R["has_industry_product_clause"])
_FIELD_LIST = re.compile(R["has_industry_field_list"])
_USE = re.compile(alternation(R["industry_use_cues"]))
_PLANNED = re.compile(alternation(R["industry_planned_cues"]))
_LIST_PREDICATE = re.compile(R["list_subject_predicate"])
_FUTURE_OF_ONE = re.compile(alternation(R["industry_future_cues"]))
_BASIS_BEFORE = re.compile(R["industry_company_as_basis"]["before"])
_BASIS_AFTER = re.compile(R["industry_company_as_basis"]["after"])
_WON = re.compile(alternation(R["industry_won_cues"]))
_FIELD_SCOPE = re.compile(alternation(R["has_industry_field_scope"]))
_PLACE_QUALIFIER = re.compile(R["industry_place_qualifiers"])
_RANK_AFTER = re.compile(R["industry_rank_after"])
_POSSESSED_HEAD = re.compile(R["possessed_company_head"])
_OWN_ITEM_JOIN = re.compile(R["county_own_item_joiner"])
_TARGET = re.compile(alternation(R["has_industry_target_cues"]))
_LIST_HEAD = re.compile(R["has_industry_list_head"])
_LIST_CLOSE = re.compile(R["has_industry_list_close"])
_BENEFICIARY = re.compile(R["industry_beneficiary"])
_BENEFICIARY_BEFORE = re.compile(alternation(R["industry_beneficiary_before"]))
_COPULA = re.compile(alternation(R["industry_copulas"], longest_first=True))
_COMPANY_HEAD = re.compile(alternation(R["apposed_company_heads"]))
_DESCRIPTOR_OPEN = re.compile(R["descriptor_clause"]["open"])
_DESCRIPTOR_HEAD = re.compile(R["descriptor_clause"]["head"])
_DESCRIPTOR_GAP = re.compile(R["descriptor_clause"]["gap"])
_DESCRIPTOR_MAKER = re.compile(R["descriptor_clause"]["maker"])
_HIGHER_SCOPE = re.compile(alternation(R["has_industry_higher_scopes"]))
_FUTURE = re.compile(alternation(R["has_industry_future_cues"]))
_SPEAKER = re.compile(R["speaker_after"])
_PORTFOLIO = sieved(re.compile(R["industry_portfolio"]))  # scanned in many sentences: see loaders.sieve
_LED_FRAME = re.compile(R["has_industry_led_cluster"]["frame"])
_TOWN_PARK = re.compile(R["has_industry_town_park"])
_LIST_OWNER_BETWEEN = re.compile(R["has_industry_owner_in_list_head"]["between"])
_LIST_OWNER_HEAD = re.compile(R["has_industry_owner_in_list_head"]["head"])
_LED_HEAD = re.compile(R["has_industry_led_cluster"]["head"])
_VENUE_SITE = re.compile("(?:" + R["has_industry_venue_site"]["site"] + ")[^,;:。!?]{0,8}?(?:"
                         + alternation(R["venue_verbs"]) + ")")
_LOCATIVE = re.compile(alternation(R["has_industry_venue_site"]["before"]))
_GUEST = re.compile(alternation(R["has_industry_guest_verbs"]))
_TOWN_WORD, _COUNTY_WORD = (re.compile(x) for x in R["town_anaphor"])
_COPULA_COUNTY = re.compile(R["has_industry_copula_county"])
_LEAD_ONLY = re.compile(_sentence_lead(reported=True, subset=True))
_COUNTY_WORD_ANAPHOR = re.compile(R["has_industry_county_anaphor"])
_CLAUSE_ANAPHOR = re.compile(R["clause_anaphor"].replace("LEAD", _sentence_lead(reported=False, subset=False)))
_COUNTED_GAP = re.compile(R["clause_anaphor_counted"])
_LEADERS_CLOSE = re.compile(R["local_leaders_close"])
_LOCAL_SUBJECT = re.compile(R["local_subject"].replace("LEAD", _sentence_lead(reported=False, subset=True)))
_TITLE_OPENER = re.compile(R["title_clause"]["opener"])
_TITLE_HEADS = re.compile(R["title_clause"]["heads"])
_TITLE_ANAPHOR = re.compile(R["title_clause"]["anaphor"])
_APPOSED_INDUSTRY = re.compile(R["industry_before_company_gap"])
_APPOSED_HEAD = re.compile(alternation(R["apposed_company_heads"]))
_RESPECTIVE = re.compile(R["respective"]["cue"])
_RESPECTIVE_GAP = re.compile(R["respective"]["gap"])
_CONTINUES = re.compile(R["subject_continuation"])
_OTHER_SUBJECT = re.compile(R["designation_other_subject"])
_CONFERS = re.compile(alternation(R["designation_conferring_cues"]))
_LOWER_SUBJECT = re.compile(R["runs_lower_subject"]["anaphor"])
_LOWER_PLACES = tuple(R["runs_lower_subject"]["place_ends"])
_LIST_AFTER = re.compile(R["designation_list_after"])
_SETTLES = re.compile(R["platform_settles"])
_PROJECT_ANAPHOR = re.compile(R["project_anaphor"])
_COMPLEMENT_END = re.compile("(?:" + alternation(R["platform_complement_verbs"], longest_first=True) + ")$")
_LIST_BEFORE = re.compile(R["designation_list_before"])
_ENUM_GAP = re.compile(r"、(?:[^,;:。!?、]{2,30}、){1,2}")  # up to two unread items of an enumeration
_THING_HONOURED = tuple(R["designation_thing_heads"])
_CUE_VERBS = ("有", "为", "是")  # the verbs closing a designation_list_before cue
_COUNTED_BACKREF = re.compile(R["designation_counted_group"]["backref"])
_COUNTED_GROUP = re.compile(R["designation_counted_group"]["group"])
_VENUE_AFTER = re.compile(r"[^,;:。!?]{0,12}?(?:" + alternation(R["venue_verbs"]) + ")")
# clause structure: what may open a clause before (or instead of) its subject
_ADVERBS = "(?:" + alternation(R["clause_adverbs"], longest_first=True) + "|" + R["clause_time"] + ")"
_PREPS = "(?:" + alternation(R["clause_prepositions"], longest_first=True) + ")"
_QUOTES = "[" + "".join(QUOTE) + "]"
_BEFORE_SUBJECT = re.compile(f"(?:{_QUOTES}|{_ADVERBS}|{alternation(R['subject_openers'])})*(?:{R['subject_descriptor']})?")
_VERB_OPENING = re.compile(f"{_ADVERBS}*")  # only adverbs (or nothing) before a clause's verb
_ELIDED = re.compile(f"{_QUOTES}*(?:{_ADVERBS}{_QUOTES}*)*{_PREPS}|{_QUOTES}*{_ADVERBS}")
_BENEFACTIVE = re.compile("(?:" + alternation(R["benefactive_prepositions"]) + ")[^,;:。!?]{2,40}?(?:"
                          + alternation(R["supply_for_verbs"]) + ")")
_OUTSOURCE = re.compile(alternation(R["outsource_cues"]))
_OUTSOURCE_VERB = re.compile(alternation(R["outsource_verbs"]))
_AMOUNT = R["amount_pattern"]
_PROJECT_BEFORE = re.compile(R["project_amount_before"].replace("AMOUNT", _AMOUNT))
_PROJECT_AFTER = re.compile(R["project_amount_after"].replace("AMOUNT", _AMOUNT))
_PROJECT_TAIL = re.compile(R["project_amount_tail"].replace("AMOUNT", _AMOUNT))
_LIST_SIGNING = re.compile(R["signed_project_list"]["signing"])
_PROJECT_HEAD = re.compile(alternation(R["project_heads"]))
_INVEST_PLACE = re.compile(alternation(R["invest_place_cues"]))
_INVEST_VERB = re.compile(R["invest_verb_follow"].replace("AMOUNT", _AMOUNT))
_INVEST_SITE = re.compile(R["invest_site_pattern"])
_PLACE_TIE = re.compile("(?:" + alternation(R["invest_place_ties"]) + ")$")
_BACKREF = re.compile(alternation(R["context_backrefs"]))
_VISIT = re.compile(alternation(R["visit_cues"]))
_DESTINATION = re.compile("(?:" + alternation(R["visit_destinations"]) + ")$")
_EVENT_VERB = re.compile(alternation(R["event_role_cues"]))
_EVENT_ROLE = re.compile("[^" + re.escape(R["clause_breaks"]) + "]{0,12}?(?:" + alternation(R["event_role_cues"]) + ")")
_NOT_YET = re.compile(alternation(R["runs_not_yet"]))
_HIGHER = re.compile(alternation(R["runs_higher_bodies"]) + "|" + R["runs_higher_pattern"])
_SUBSIDIARY_OF = re.compile("(?:" + alternation(R["subsidiary_copulas"]) + ")")
_SUBSIDIARY = re.compile(R["subsidiary_after_owner"])
_SPEECH = re.compile("[^,;:。!?" + "".join(QUOTE) + "]{0,8}?(?:" + alternation(R["speech_verbs"]) + ")")
_OBJECT_GAP_BREAK = re.compile(alternation(R["invest_object_breaks"]))
_ATTRACTION = re.compile(alternation(R["project_attraction_cues"]))
_SEAT = re.compile(R["seat_pattern"])
_PREFECTURE_SEAT = re.compile("(?:" + alternation(R["prefecture_seat_cues"]) + ")$")
_PLAN_AFTER = re.compile(R["plan_after_company"])
_WIDE_SCOPE = re.compile("(?:" + alternation(R["wider_scope_before_company"]["wide"]) + ")"
                         + R["wider_scope_before_company"]["count"])
_KIND_SCOPE = re.compile("(" + alternation(R["wider_scope_before_company"]["kind"]) + ")"
                         + R["wider_scope_before_company"]["count"])
_ORIGIN_AFTER = re.compile(R["origin_after_company"])
_ORIGIN_BEFORE = re.compile(R["origin_before_company"])
_ORIGIN_OPENER = re.compile(R["origin_place_before_company"]["opener"])
_ORIGIN_TO_COMPANY = re.compile(R["origin_place_before_company"]["to_company"])
_BASIS_BEFORE = re.compile(R["invest_event_basis"]["before"])
_BASIS_AFTER = re.compile(R["invest_event_basis"]["after"])
_COUNTY_PROJECT = R["county_project"]
_COUNTY_PROJECT_HEAD = re.compile(alternation(_COUNTY_PROJECT["heads"]))
_CJK_RUN = re.compile("[\u4e00-\u9fff]*")  # Han characters only: no punctuation (徐工·邳州… is two names)
_DEV_BEFORE = re.compile(R["project_developers"]["before"])
_DEV_AFTER = re.compile(R["project_developers"]["after"])
_CUSTOMER_OF = re.compile(R["customer_of_pattern"])
_CONTRACT = re.compile(alternation(R["supply_contract_pattern"].split("|")))
_CONTRACT_NOUN = re.compile("(?:" + alternation(R["supply_contract_nouns"]) + ")[^,;:。!?]{0,3}?(?:合同|协议|订单|关系)")
_SUPPLY_ROLE = re.compile(R["supply_role_pattern"])
_PASSIVE = re.compile(R["supply_passive"])
_ADOPT = re.compile(alternation(R["adoption_cues"]))
_ATTRACT = re.compile(alternation(R["attract_cues"]))
_ORDER = re.compile(R["order_pattern"])
_ORDER_NOUN = re.compile(alternation(R["order_noun"]))
_DESIGNATED = re.compile(R["supplier_designated"])
_HOLDS = re.compile("(?:" + alternation(R["shareholder_copulas"]) + ")?" + R["shareholding_pattern"]["pre"]
                    + "|" + alternation(R["shareholder_copulas"]))
_HOLDING = re.compile(R["shareholding_pattern"]["post"])
_INVEST_BUILD = re.compile(R["invest_build_pattern"].replace("AMOUNT", _AMOUNT))
_OWNER_PRONOUN = re.compile(R["owner_pronoun"])
_MODIFIED_TAGS = frozenset(R["industry_modifier_of_tags"])
_IND_HEADS = tuple(rules("classes")["industry_heads"] + rules("classes")["company_industry_heads"]
                   + R["industry_sector_heads"])
_BELONGS = re.compile(alternation(R["ownership_copulas"]))
_FUNDED = re.compile(R["funded_by"])
_FUNDED_GAPS = frozenset(R["funded_by_gaps"])
_FUNDED_DESCRIBED = re.compile(R["funded_by_described"])
_INVESTEE_PROJECT = re.compile(R["investee_project"])
_SUB_HEAD = re.compile(R["subsidiary_described"]["head"])
_SUB_GAP = re.compile(R["subsidiary_described"]["gap"])
_SUB_COPULA = re.compile(R["subsidiary_described"]["copula"])
_SUB_PRONOUN = re.compile(R["subsidiary_described"]["pronoun"])
_SUB_ELIDED = re.compile(R["subsidiary_described"]["elided"])
_BELONGS_ALL = re.compile(R["elided_belongs"]["all"])
_PARENT_BETWEEN = re.compile(R["parent_named"]["between"])
_PARENT_PRONOUN = re.compile(R["parent_named"]["pronoun"])
_LEAD_CLAUSE = re.compile(R["lead_clause"])
_LEAD_HEAD = re.compile(R["lead_clause_head"]["head"])
_LEAD_BACKREF = re.compile(R["lead_clause_backref"])
_BUILT_BY = re.compile(R["built_by_relaxed"])
_FOUNDER_ELIDED = re.compile(R["founder_elided"])
_INTRODUCED = re.compile(R["investor_introduced"]["between"])
_INVESTOR_ROLE = re.compile(R["investor_introduced"]["after"])
_INVEST_EVENT = re.compile(alternation(R["invest_event_cues"]))
_EVENT_NOT_BETWEEN = re.compile(alternation(R["invest_event_not_between"]) + "|" + R["invest_event_passive_between"])
_NAMED_PROJECT = R["named_project"]
_PROJECT_CLOSED = re.compile(_NAMED_PROJECT["closed"])
_EVENT_NOT_AFTER = re.compile(".{0,8}?(?:" + alternation(R["invest_event_not_after_cue"]) + ")")
_EVENT_NOUN = re.compile(alternation(R["invest_event_noun_after"]))
_EVENT_NOT_BEFORE = re.compile("(?:" + alternation(R["invest_event_not_before"]) + ")$")
_EVENT_NEEDS_COUNTY = frozenset(R["invest_event_county_cues"])
_BROUGHT = R["brought_in"]
_BROUGHT_SIGN = re.compile(_BROUGHT["counterpart"])
_OUR_COUNTER = re.compile(R["county_signing"]["ours"] + _BROUGHT["counterpart"])
_BROUGHT_BEFORE_PARTY = re.compile(_BROUGHT["before_party"])
_BROUGHT_PARTY = re.compile(_BROUGHT["party"])
_BROUGHT_PARTY_OPEN = re.compile("[^,;:。!?、与和同]{0,3}?(?:" + _BROUGHT["party"] + ")")
_ATTRACTED_INVESTS = re.compile(_BROUGHT["attracted_invests"].replace("AMOUNT", _AMOUNT))
_BROUGHT_AGENT = re.compile("(?:" + alternation(_BROUGHT["agent"]) + ")$")
_BROUGHT_BUILT = re.compile(_BROUGHT["built"].replace("AMOUNT", _AMOUNT))
_EVENT_BEFORE = re.compile("(?:" + alternation(R["invest_event_cues_before"]) + ")$")
_ATTRACTED = R["attracted_object"]
_OWN_SEAT = re.compile(alternation(R["county_counterpart"]["seat_cues"]))

Pairs = list[tuple[Mention, Mention]]  # (subject, object) of one relation in one sentence
Tie = tuple[str, int, str, float]  # county uid, sentence, rule, confidence
_HOME_TIE_RULES = frozenset({"article_county", "article_county_object"})  # LOCATED_IN from the article's county alone


@dataclass
class ArticleContext:
    article: Article
    sentences: list[Sentence]
    region: Region
    groups: list[Group]
    companies: list[Mention]
    institutions: list[Mention]
    inst_kinds: dict[str, tuple[str, str]]
    closed: list[list[Mention]]
    title: str = ""
    anaphora: list[Mention] = field(default_factory=list)  # 该公司 …: used by relation rules, not counted
    place_ctx: PlaceContext | None = None  # the article's prefecture and province (stage places)
    title_places: list[NodeRef] = field(default_factory=list)  # counties the title names
    rules: tuple = ()  # the sentence rules to run (default: SENTENCE_RULES)
    class_nodes: dict[NodeRef, Node] = field(default_factory=dict)  # open-class nodes of the classes stage
    class_parents: dict[NodeRef, str] = field(default_factory=dict)  # industry node -> taxonomy word
    named_industries: set[NodeRef] = field(default_factory=set)  # industries the text names outside names
    industry_mentions: Counter[NodeRef] = field(default_factory=Counter)  # how often, outside names
    name_pending: list[Relationship] = field(default_factory=list)  # name industries named once outside names
    customers: set[tuple[int, NodeRef]] = field(default_factory=set)  # (sentence, company) a SUPPLIES rule made a customer
    partners: set[tuple[int, NodeRef]] = field(default_factory=set)  # (sentence, company) joined to a company before it
    project_sites: dict[str, Tie] = field(default_factory=dict)  # company uid -> the county of a project it owns
    founded: set[tuple[int, NodeRef]] = field(default_factory=set)  # (sentence, company) founded by others named there
    signers: set[tuple[int, NodeRef]] = field(default_factory=set)  # (sentence, company) signing with a government
    owned_projects: list[tuple[int, NodeRef, NodeRef]] = field(default_factory=list)  # (sentence, owner, site): a
    # project phrase (总投资5亿元的X…项目) in a sentence that brings no project in (rule project_owner, after LOCATED_IN)
    home: str | None = None  # the uid of the article's county (``_article_county``), once decided
    sector_parents: frozenset[str] | None = None  # uids of the region's taxonomy parents (``_sector_of_region``)
    honour_holders: dict[int, list[NodeRef]] = field(default_factory=dict)  # sentence -> holders of its last honour
    _by_sent: dict[int, list[Mention]] | None = None
    _county_counts: Counter[NodeRef] | None = None  # county -> mentions in the article (``county_mentions``)
    _kind_counts: Counter[NodeRef] | None = None  # county -> 该县/全县… naming it (``_anaphor_counts``, once)
    _brought: dict[tuple[int, NodeRef], bool] = field(default_factory=dict)  # ``_brought_sentence``, computed once
    _heads_at_home: dict[str, bool | None] = field(default_factory=dict)  # ``_head_at_home`` per name, computed once

    def comps_of(self, i: int) -> list[Mention]:
        """The company mentions (anaphors included) of sentence ``i``, in order (indexed once)."""
        if self._by_sent is None:
            self._by_sent = {}
            for m in self.companies:
                self._by_sent.setdefault(m.sent, []).append(m)
        return self._by_sent.get(i, [])

    def county_mentions(self) -> Counter[NodeRef]:
        """How often the article names each county (its place mentions, counted once: rules ask per mention)."""
        if self._county_counts is None:
            self._county_counts = Counter(m.ref for sent in self.closed for m in sent if m.ref.label == "County")
        return self._county_counts

    def group(self, uid: str) -> Group | None:
        """The company group of a company uid (its fullest name, members, aliases)."""
        return next((g for g in self.groups if g.uid == uid), None)

    def program(self, ref: NodeRef) -> tuple[str, str | None]:
        """(kind, level) of a program node, from the region pack or the open-class node."""
        known = self.region.by_uid.get(("Program", ref.uid))
        if known is not None:
            return known.kind, known.level
        props = self.class_nodes[ref].props
        return props.get("kind", "designation"), props.get("level")
    rels: dict[str, Relationship] = field(default_factory=dict)

    def program_name(self, ref: NodeRef) -> str:
        """The name of a program node, from the region pack or the open-class node."""
        known = self.region.by_uid.get(("Program", ref.uid))
        if known is not None:
            return str(known.name)
        node = self.class_nodes.get(ref)
        return str(node.props.get("name", "")) if node is not None else ""

    def add(self, rel: Relationship) -> None:
        if rel.type == "HAS_DESIGNATION" and rel.end.label == "Program" and self.program_name(rel.end).endswith(
                _THING_HONOURED):
            return  # 名牌产品, …示范工程: the honour is a product's or a works', not the company's
        rel = _table_confidence(rel)
        old = self.rels.get(rel.uid)
        if old is None or rel.evidence.confidence > old.evidence.confidence:
            self.rels[rel.uid] = rel

    def evidence(self, sent: int, rule: str, confidence: float) -> Evidence:
        return make_evidence(self.article, self.sentences[sent], rule, confidence)


def build_facts(ctx: ArticleContext) -> ArticleFacts:
    region = ctx.region
    if not ctx.rules:
        ctx.rules = SENTENCE_RULES
    nodes: dict[NodeRef, Node] = {}
    for g in ctx.groups:
        ref = NodeRef("Company", g.uid)
        nodes[ref] = Node("Company", g.uid, {"uid": g.uid, "name": g.name, "aliases": sorted(g.aliases)})
    for uid, (name, kind) in ctx.inst_kinds.items():
        nodes[NodeRef("Institution", uid)] = Node("Institution", uid, {"uid": uid, "name": name, "kind": kind})
    closed = _closed_mentions(ctx)
    for m in closed:
        if m.ref not in nodes:
            nodes[m.ref] = ctx.class_nodes.get(m.ref) or _closed_node(region, m.ref)

    all_mentions = ctx.companies + ctx.institutions + closed
    _mentions(ctx, all_mentions)
    ctx.companies = sorted(ctx.companies + ctx.anaphora, key=lambda m: (m.sent, m.start))
    ctx._by_sent = None  # index the full list
    home = _article_county(ctx, closed)
    ctx.home = home[0].uid if home else None
    views = [sentence_view(ctx, i) for i in range(len(ctx.sentences))]
    ctx.named_industries = {c.ref for view in views for c in view.industries}
    ctx.industry_mentions = Counter(c.ref for view in views for c in view.industries)
    topic = _article_topic(ctx)
    for view in views:
        for rule in ctx.rules:
            rule(ctx, view, home)
        _topic_company(ctx, view, home, topic)
    _rare_name_industries(ctx)
    _located_in(ctx, home)  # after the sentence rules: a company they made a customer is not placed by context
    _brought_in_investors(ctx, home)  # after LOCATED_IN: a county the investor's own name holds is its own
    known = _known_by_investment(ctx, views)
    _owned_projects(ctx, known)  # after LOCATED_IN: the owner's own county is no investment
    _invest_events(ctx, views, home, known)  # after both: the fallback needs every rule's INVESTS_IN and LOCATED_IN
    _investing_subjects(ctx, home)  # after it: a placed company whose clause says it invests
    _named_project_owners(ctx, views, home)  # after it: owners the text names by their project alone
    _county_named_projects(ctx, views)  # after it: owners of a project named after a county
    _foreign_investors(ctx, views, home)
    _outside_party_investors(ctx, home)  # fallbacks: a company named only as what the place attracts, or its counterpart
    _signed_untied(ctx, views, home)  # after every other INVESTS_IN and LOCATED_IN rule: companies left untied
    _invested_not_seated(ctx)  # after every INVESTS_IN rule: a weak tie the same pair's investment explains
    _partners_of_previous(ctx, views)
    _county_investments(ctx)  # after every INVESTS_IN rule: an investment in a county is a type of its own
    add_learned_products(ctx, views, nodes)  # after every IN_INDUSTRY rule: products they left (a learned scorer)
    # taxonomy: the mentioned industries and their ancestors
    for m in closed:
        if m.ref.label != "Industry":
            continue
        known = region.by_uid.get(("Industry", m.ref.uid))
        if known is not None:
            chain = region.industry_chain(known.name)
        elif m.ref in ctx.class_parents:  # the text's word, mapped into the taxonomy
            chain = [nodes[m.ref].props["name"], *region.industry_chain(ctx.class_parents[m.ref])]
        else:
            continue
        for child, parent in zip(chain, chain[1:], strict=False):
            pref = NodeRef("Industry", entity_uid(parent))
            nodes.setdefault(pref, Node("Industry", pref.uid, {"uid": pref.uid, "name": parent}))
            ctx.add(Relationship("PART_OF", NodeRef("Industry", entity_uid(child)), pref,
                                 ctx.evidence(m.sent, "taxonomy", CONF["PART_OF"]["taxonomy"])))
    # a county read from a company's name (rule name_place) may be named nowhere else in the text
    counties = load_gazetteer().by_uid
    for rel in ctx.rels.values():
        if rel.end not in nodes and ((rel.end.label, rel.end.uid) in region.by_uid
                                     or (rel.end.label == "County" and rel.end.uid in counties)):
            nodes[rel.end] = _closed_node(region, rel.end)
    article_node = ctx.article.to_node()
    return ArticleFacts(article_node, list(nodes.values()), list(ctx.rels.values()))


def _signed_untied(ctx: ArticleContext, views: list[SentenceView], home: tuple[NodeRef, int] | None) -> None:
    """INVESTS_IN company -> county, a fallback (rule ``signed_untied``): a company that a signing sentence names
    (county_signing.cue, in its clause or after it, no witness word before it) and that no rule tied to any
    county, as seat or as investment, signed with the county's side: it invests in the county named last before it
    in the sentence, else the first after it, else the article's county — unless the sentence has a company sign
    with a company (county_signing.company_pair). No tie is given or taken (session 19, inv19). Not (session 20,
    inv20) a company with a witness word between it and the next signing (X副总经理某某…参加了…签约仪式: an
    onlooker), nor one listed with an institution in its clause (协会、研究所、X公司…与K政府签订合作协议: a
    cooperation of several parties, not an investment)."""
    tied = {rel.start for rel in ctx.rels.values()
            if rel.type in ("LOCATED_IN", "INVESTS_IN") and rel.end.label == "County"}
    conf = CONF["INVESTS_IN"]["signed_untied"]
    for v in views:
        if not v.comps or not _SIGN_CUE.search(v.text):
            continue
        names = _name_spans(ctx, v.i)
        counties = [c for c in v.counties if not any(x <= c.start < y for x, y in names)]
        marked = v.text
        for x in sorted(v.comps, key=lambda x: -x.start):  # each company name one mark
            marked = marked[:x.start] + "\x01" + marked[x.end:]
        if _COMPANY_SIGNS_COMPANY.search(marked):
            continue  # a company signing with a company (X与Y签订…协议): no county's side
        own_cues = [c.start() for c in _SIGN_CUE.finditer(v.text)
                    if not _SIGN_WITNESS.search(v.text, max(0, c.start() - 4), c.start())]  # no witness word before
        for m in v.comps:
            if m.ref in tied or m.rule == "anaphora":
                continue
            a, _ = _clause_of(v.text, m.start)
            if not any(c >= a for c in own_cues):
                continue  # 签约仪式后,…介绍了X / X…见证签约: the signing is not its own
            nxt = next((c for c in own_cues if c >= m.end), None)
            if nxt is not None and _SIGN_WITNESS.search(v.text, m.end, nxt):
                continue  # X董事长某某…参加了签约仪式: it attends the signing
            if any(_same_clause(v.text, x, m) for x in v.insts):
                continue  # 某协会、某研究所、X…与K政府签订协议: a cooperation of several parties
            before = [c for c in counties if c.end <= m.start]
            after = [c for c in counties if c.start >= m.end]
            site = before[-1].ref if before else after[0].ref if after else home[0] if home is not None else None
            if site is not None:
                ctx.add(Relationship("INVESTS_IN", m.ref, site, ctx.evidence(v.i, "signed_untied", conf)))
                tied.add(m.ref)


def _same_clause(text: str, x: Mention, y: Mention) -> bool:
    """Two mentions, one after the other, with no clause break between them."""
    first, second = (x, y) if x.start <= y.start else (y, x)
    return first.end <= second.start and not _CLAUSE.search(text, first.end, second.start)


def _county_investments(ctx: ArticleContext) -> None:
    """The INVESTS_IN rules read a company's stake in a company and its project in a county as one family (they share
    cues and fallbacks); the graph stores the second as ``INVESTS_IN_COUNTY``. DESIGN's data model and the issue
    authors' gold (shared/gold/real-dev.json) give INVESTS_IN between companies only — a company building or signing a
    project in a county is not an INVESTS_IN fact there (session 21, docs/RELATIONS.md)."""
    for uid, rel in list(ctx.rels.items()):
        if rel.type == "INVESTS_IN" and rel.end.label == "County":
            del ctx.rels[uid]
            moved = replace(rel, type="INVESTS_IN_COUNTY")
            ctx.rels[moved.uid] = moved


def _invested_not_seated(ctx: ArticleContext) -> None:
    """LOCATED_IN company -> county removed where an INVESTS_IN of the same pair explains it (relations.json
    ``invested_not_seated``): a tie by the article's county for a company named only as an object (引进X…,X投资…)
    whose sentence makes it invest there (invest_event); any tie but its own name's place for a company a sentence
    brings in from outside (brought_in: a signing counterpart, an attracted investor, a builder) — the company
    invests in the county; the text does not say it is seated there."""
    cfg = R["invested_not_seated"]
    inv: dict[tuple[NodeRef, NodeRef], set[str]] = {}
    for rel in ctx.rels.values():
        if rel.type == "INVESTS_IN":
            inv.setdefault((rel.start, rel.end), set()).add(rel.evidence.rule)
    for uid, rel in list(ctx.rels.items()):
        if rel.type != "LOCATED_IN":
            continue
        by = inv.get((rel.start, rel.end), set())
        if (any(rel.evidence.rule == tie and rule in by for tie, rule in cfg["pairs"])
                or (rel.evidence.rule not in cfg["own_ties"] and by & set(cfg["outside"]))):
            del ctx.rels[uid]


def _article_topic(ctx: ArticleContext) -> Mention | None:
    """The company an article is about (relations.json ``topic_company``): the only company it names
    (anaphors resolved), else — with ``dominant`` — the one named in its first sentences and mentioned at least
    ``dominance`` times as often as any other. Its first mention."""
    cfg = R["topic_company"]
    if not cfg["types"] or not ctx.companies:
        return None
    counts = Counter(m.ref for m in ctx.companies)
    ranked = counts.most_common(2)
    first = next(m for m in ctx.companies if m.ref == ranked[0][0])
    if len(ranked) == 1:
        return first
    if not cfg["dominant"] or ranked[0][1] < cfg["dominance"] * ranked[1][1] or first.sent >= cfg["opening_sentences"]:
        return None
    return first


def _topic_company(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None,
                   topic: Mention | None) -> None:
    """A sentence with no other subject to continue (``v.topic`` unset or the topic company) and not naming the
    article's topic company is read again, by the rules of the types in ``topic_company.types``, with that company
    as the subject it continues; what only this reading finds is said with rule topic_company at that type's
    lower confidence (session 14, topic16)."""
    cfg = R["topic_company"]
    if topic is None or v.topic is not None and v.topic.ref != topic.ref or topic.ref in v.company_refs or (
            v.comps and not cfg["with_companies"]):
        return
    before = set(ctx.rels)
    tv = replace(v, topic=topic)
    for rule in ctx.rules:
        if rule in TOPIC_RULES and TOPIC_RULES[rule] in cfg["types"]:
            rule(ctx, tv, home)
    for uid in [u for u in ctx.rels if u not in before]:
        rel = ctx.rels.pop(uid)
        if rel.type in cfg["types"] and topic.ref in (rel.start, rel.end):
            conf = min(rel.evidence.confidence, CONF[rel.type]["topic_company"])
            ctx.rels[uid] = replace(rel, evidence=replace(rel.evidence, rule="topic_company", confidence=conf))


def _closed_node(region: Region, ref: NodeRef) -> Node:
    """The node of a county (national data, with a pack's additions), industry or program (region pack)."""
    if ref.label == "County":
        gaz = load_gazetteer()
        props = gaz.node_props(gaz.by_uid[ref.uid])
    elif ref.label == "Industry":
        props = {"uid": ref.uid, "name": region.by_uid[("Industry", ref.uid)].name}
    else:
        p = region.by_uid[("Program", ref.uid)]
        props = {"uid": ref.uid, "name": p.name, "level": p.level, "kind": p.kind}
    return Node(ref.label, ref.uid, props)


def _mentions(ctx: ArticleContext, mentions: list[Mention]) -> None:
    by_ref: dict[NodeRef, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.sent, m.start)):
        by_ref.setdefault(m.ref, []).append(m)
    article_ref = NodeRef("Article", ctx.article.uid)
    for ref, ms in by_ref.items():
        first = ms[0]
        sent = ctx.sentences[first.sent]
        at = first.start
        if first.surface and not sent.clean.startswith(first.surface, at):
            # a span that keeps words before its surface, or a word composed from pieces further on: point at the
            # surface's first occurrence from the span on, else anywhere in the sentence
            found = sent.clean.find(first.surface, at)
            found = found if found >= 0 else sent.clean.find(first.surface)
            at = found if found >= 0 else at
        offset = sent.offsets[at]
        conf = max(m.confidence for m in ms)
        ctx.add(Relationship("MENTIONS", article_ref, ref, ctx.evidence(first.sent, first.rule, conf),
                             {"count": len(ms), "first_offset": offset}))


def _table_confidence(rel: Relationship) -> Relationship:
    """A rule with an entry of its own in the confidence table gets that value, whatever the code passed (rules
    that share a value pass another rule's entry): the table holds each rule's measured precision on news it was
    not written from (bench/calibrate.py), so `--min-confidence` keeps what is likely right."""
    conf = CONF.get(rel.type, {}).get(rel.evidence.rule)
    if conf is None or conf == rel.evidence.confidence:
        return rel
    return replace(rel, evidence=replace(rel.evidence, confidence=round(float(conf), 3)))


def _article_county(ctx: ArticleContext, closed: list[Mention]) -> tuple[NodeRef, int] | None:
    """The county an article is about: clearly the most named (the title counts three times)."""
    body: Counter[NodeRef] = Counter(m.ref for m in closed if m.ref.label == "County" and not _made_zone(m.ref))
    counts = body.copy()
    for ref in ctx.title_places:
        if not _made_zone(ref):
            counts[ref] += R["article_county_title_weight"]
    top = _dominant(counts)
    if top is None and R["home_anaphor_kinds"]:
        anaphors = _anaphor_counts(ctx)  # 阳谷县…。全县…,全县…: the county the page keeps calling by its kind
        counts += anaphors
        body += anaphors
        top = _dominant(counts)
    if top is None and _derived_title(ctx):
        top = _dominant(body)  # an untitled piece's first line (page chrome: 主办单位…地址) cannot veto the body
    if top is None and not counts:
        top = _dominant(_zone_counts(ctx, closed))  # 安顺经开区…该区: an article about a zone that names no county
    if top is not None:
        return top, min((m.sent for m in closed if m.ref == top), default=0)
    return (_home_from_names(ctx, counts) or _home_from_dateline(ctx, closed, counts)
            or _home_from_lone(ctx, closed, counts))


def _home_from_lone(ctx: ArticleContext, closed: list[Mention], counts: Counter[NodeRef]
                    ) -> tuple[NodeRef, int] | None:
    """The one county of the article's prefecture the page names, when nothing else decides (relations.json
    ``home_from_lone_county``): named at least once by its full name outside company and institution names (a
    bare zone word, a short name inside a company's name such as 阳谷X decide nothing), no other county or zone of
    the prefecture named, and a page that speaks of no wider unit — not in its headline (or the first line standing
    for it: ``_wider_headline``), not by the prefecture's kind word anywhere (全市, 我市), not in its dateline
    (本报聊城讯): a prefecture's page that names one of its counties in passing is no page of that county."""
    cfg = R["home_from_lone_county"]
    pc = ctx.place_ctx
    if not cfg or pc is None or not pc.city:
        return None
    gaz = load_gazetteer().by_uid
    named = {m.ref for m in closed if m.ref.label == "County"} | set(counts)
    inside = [ref for ref in named if ref.uid in gaz and gaz[ref.uid].city == pc.city]
    if len(inside) != 1 or _made_zone(inside[0]):
        return None
    ref = inside[0]
    full = [m for m in closed if m.ref == ref and m.surface == gaz[ref.uid].name
            and not any(a <= m.start < b for a, b in _name_spans(ctx, m.sent))]
    if not full or _wider_headline(ctx, ref, cfg["wider_words"]):
        return None
    if any(w in sent.clean for sent in ctx.sentences for w in cfg["wider_words"]) or _prefecture_dateline(ctx, ref):
        return None  # 全市…, 本报聊城讯: the page speaks of the prefecture
    return ref, min(m.sent for m in full)


def _title_names_wider(ctx: ArticleContext, title: str, home: NodeRef) -> bool:
    """``title`` names the prefecture or the province the county ``home`` lies in."""
    place = place_resolver().gaz.by_uid.get(home.uid)
    if place is None:
        return False
    for r in place_resolver().resolve_text(title, ctx.place_ctx or PlaceContext()):
        if r.level == "City" and r.city == place.city:
            return True
        if r.level == "Province" and place.province.startswith(r.surface[:2]):
            return True
    return False


def _wider_headline(ctx: ArticleContext, home: NodeRef, words: list[str]) -> bool:
    """The headline (or the page's first line standing for it) speaks of a wider unit than ``home``: it names the
    prefecture or province ``home`` lies in, or the prefecture by its kind (``words``: 全市, 我市)."""
    title = ctx.article.title
    if not title:
        return False
    if any(w in title for w in words):
        return True
    return _title_names_wider(ctx, title, home)


def _prefecture_dateline(ctx: ArticleContext, home: NodeRef) -> bool:
    """The dateline (``dateline_county``'s lines) names the prefecture ``home`` lies in (本报聊城讯): a prefecture's
    dispatch."""
    place = place_resolver().gaz.by_uid.get(home.uid)
    if place is None:
        return False
    article = ctx.article
    for line in ([article.dateline] if article.dateline else []) + article.text.split("\n", 3)[:3]:
        m = _DATELINE.match(line)
        if m is None:
            continue
        found = place_resolver().resolve_text(m.group("p"), ctx.place_ctx or PlaceContext())
        return any(r.level == "City" and r.city == place.city for r in found)
    return False


def _anaphor_counts(ctx: ArticleContext) -> Counter[NodeRef]:
    """Each 我县/本县/全县/该县 (relations.json ``has_industry_county_anaphor`` whose kind word, group 1, is one of
    ``home_anaphor_kinds``) outside organisation names counts once for the county named last before it whose kind ends with that word (a
    county-level place of that kind: a prefecture is never a 县)."""
    gaz = load_gazetteer().by_uid
    counts: Counter[NodeRef] = Counter()
    last: dict[str, NodeRef] = {}
    for i, sent in enumerate(ctx.sentences):
        text = sent.clean
        named = [(x.start, x.end) for x in ctx.comps_of(i)]
        events: list[tuple[int, NodeRef | str]] = [(c.start, c.ref) for c in ctx.closed[i]
                                                    if c.ref.label in ("County", "City")]
        events += [(a.start(), a.group(1)) for a in _COUNTY_WORD_ANAPHOR.finditer(text)
                   if a.group(1) in R["home_anaphor_kinds"] and not any(x <= a.start() < y for x, y in named)]
        for _, what in sorted(events, key=lambda e: e[0]):
            if isinstance(what, NodeRef) and what.label == "City":
                last.clear()  # 聊城市…全市: the prefecture named since; no county is meant
            elif isinstance(what, NodeRef):
                place = gaz.get(what.uid)
                if place is not None and not _made_zone(what):
                    for kind in R["home_anaphor_kinds"]:
                        if place.kind.endswith(kind):
                            last[kind] = what
            elif what in last:
                counts[last[what]] += 1
    return counts


def _closed_mentions(ctx: ArticleContext) -> list[Mention]:
    """The article's closed-class mentions but prefectures, a county article's bare zone words read as its own
    park (``_home_zones``)."""
    closed = [m for sent in ctx.closed for m in sent if m.ref.label != "City"]
    if _home_zones(ctx, closed):
        closed = [m for sent in ctx.closed for m in sent if m.ref.label != "City"]
    return closed


def _zone_counts(ctx: ArticleContext, closed: list[Mention]) -> Counter[NodeRef]:
    """How often each prefecture-named zone (``_made_zone``) is named, the title counting as for counties."""
    counts: Counter[NodeRef] = Counter(m.ref for m in closed if m.ref.label == "County" and _made_zone(m.ref))
    for ref in ctx.title_places:
        if _made_zone(ref):
            counts[ref] += R["article_county_title_weight"]
    return counts


def _home_zones(ctx: ArticleContext, closed: list[Mention]) -> bool:
    """A bare zone word (经济开发区, 开发区, 工业园区: places.py ``ZONE_WORDS``) in an article about one county (not a
    zone, no district) names that county's own zone: the county, not the prefecture's coded zone of that kind the resolver picks
    inside the prefecture (我县在经济开发区…: the county's park). Not when the article names that prefecture zone
    by a name of its own, nor for a region pack's own zone (named at home by its bare word). Rewrites ``ctx.closed``; returns whether any mention changed."""
    home = _article_county(ctx, closed)
    if home is None:
        return False
    gaz = place_resolver().gaz
    seat = gaz.by_uid.get(home[0].uid)
    if seat is None or seat.kind in R["home_zone_seat_skip"]:
        return False  # a district of the prefecture's city may hold the prefecture's zone itself
    named = {m.ref for m in closed if m.ref.label == "County" and m.surface not in ZONE_WORDS}
    changed = False
    for sent in ctx.closed:
        for k, m in enumerate(sent):
            if m.ref.label != "County" or m.surface not in ZONE_WORDS or m.ref in named:
                continue
            zone = gaz.by_uid.get(m.ref.uid)
            if zone is not None and zone.kind == "功能区" and not zone.pack and zone.city == seat.city:
                sent[k] = replace(m, ref=home[0])
                changed = True
    return changed


def _made_zone(ref: NodeRef) -> bool:
    """A prefecture-named zone without a code (``regions/china/zones.json``): it lies inside some county the
    article may be about (济宁经开区 in 嘉祥县), so it does not vote for the article's county."""
    place = place_resolver().gaz.by_uid.get(ref.uid)
    return place is not None and place.made_zone


def _dominant(counts: Counter[NodeRef]) -> NodeRef | None:
    """The county named at least article_county_min_count times and article_county_dominance times as often
    as the next."""
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    second = rest[0][1] if rest else 0
    if n >= R["article_county_min_count"] and n >= R["article_county_dominance"] * second:
        return top
    return None


def _derived_title(ctx: ArticleContext) -> bool:
    """The title is no headline but the text's own first words (an untitled page named by its first line)."""
    title = ctx.article.title
    return bool(title) and "".join(ctx.article.text.split()).startswith("".join(title.split()))


def dateline_county(article: Article, ctx: PlaceContext | None = None) -> str | None:
    """The uid of the county-level place an article's dateline names (本报K讯, K讯(记者…), 【K讯】, K3月1日电):
    the dispatch lead the reader took off the body, else one opening a line of the first three; the longest
    ending of the words before 讯/日电 that resolves, as a whole, to a county (a prefecture alone, an
    ambiguous name or a newspaper's name gives None)."""
    for line in ([article.dateline] if article.dateline else []) + article.text.split("\n", 3)[:3]:
        m = _DATELINE.match(line)
        if m is None:
            continue
        words = m.group("p")
        for k in range(len(words) - 1):
            tail = words[k:]
            found = place_resolver().resolve_text(tail, ctx or PlaceContext())
            whole = [r for r in found if r.start == 0 and r.end == len(tail)]
            if whole:
                r = whole[0]
                if r.level == "County" and r.place is not None:
                    return place_resolver().gaz.uid(r.place)
                return None  # 本报聊城讯: a prefecture (or an ambiguous name) is no county
        return None
    return None


def _home_from_dateline(ctx: ArticleContext, closed: list[Mention], counts: Counter[NodeRef]
                        ) -> tuple[NodeRef, int] | None:
    """The county the dateline names (``dateline_county``), a weak home signal like ``_home_from_names``:
    only when the text names no other county."""
    uid = dateline_county(ctx.article, ctx.place_ctx)
    if uid is None:
        return None
    ref = NodeRef("County", uid)
    if not set(counts) <= {ref}:
        return None
    return ref, min((m.sent for m in closed if m.ref == ref), default=0)


def _home_from_names(ctx: ArticleContext, counts: Counter[NodeRef]) -> tuple[NodeRef, int] | None:
    """An article naming too few counties to decide that speaks of its own place (我市, 我县): the county every
    company name carrying one names (<county>X有限公司 … 我市入选的3家企业), when they agree and the text names
    no other county."""
    first = next((i for i, sent in enumerate(ctx.sentences) if _OWN_PLACE.search(sent.clean)), None)
    if first is None:
        return None
    by_group: dict[str, list[Mention]] = {}
    for m in ctx.companies:
        by_group.setdefault(m.ref.uid, []).append(m)
    ties = {t[0] for g in ctx.groups if by_group.get(g.uid) for t in [_name_tie(ctx, g, by_group[g.uid])] if t}
    if len(ties) != 1:
        return None
    ref = NodeRef("County", ties.pop())
    return (ref, first) if set(counts) <= {ref} else None


def _foreign(ctx: ArticleContext, name: str) -> bool:
    """A name that starts with a place outside the article's prefecture and province (美国…, 北京…,
    深圳… in a Liaocheng article); without a decided prefecture, outside the region pack. Also a name whose
    bracketed place is such a place (琨宇(上海)公司) or whose legal form is a foreign one (X株式会社)."""
    if any(form in name for form in R["foreign_legal_forms"]):
        return True
    bracket = _NAME_BRACKET.search(name)
    if bracket is not None and not _country_bracket(bracket.group(1)) and _foreign_head(ctx, bracket.group(1)):
        return True
    return _foreign_head(ctx, name)


def _home_head(ctx: ArticleContext, name: str) -> bool:
    """``name`` starts with a place inside the article's prefecture or province (聊城市X…, 山东X… in a Liaocheng
    article): a company of the article's own region."""
    return _head_at_home(ctx, name) is True


def _foreign_head(ctx: ArticleContext, name: str) -> bool:
    """``name`` starts with a place outside the article's prefecture and province (see ``_foreign``)."""
    return _head_at_home(ctx, name) is False


def _head_at_home(ctx: ArticleContext, name: str) -> bool | None:
    """Whether the place ``name`` starts with lies inside the article's prefecture or province (without a decided
    prefecture: the region pack); None when it starts with no place (新源<industry>: a 字号, not a place). Asked per
    mention (a name many times an article): decided once per name (it reads nothing else of the article)."""
    known = ctx._heads_at_home
    if name not in known:
        known[name] = _find_head_at_home(ctx, name)
    return known[name]


def _find_head_at_home(ctx: ArticleContext, name: str) -> bool | None:
    region = ctx.region
    pc = ctx.place_ctx
    words = place_words()
    for n in range(min(4, len(name)), 1, -1):
        head = name[:n]
        if pc is not None and (pc.city or pc.province) and head in words:
            home = {pc.city, pc.province} - {None}
            for r in place_resolver().resolve_text(head, pc):
                if r.place is not None and _far_short(r, [], pc):
                    return None
                where = {r.place.city, r.place.province} if r.place is not None else {r.city}
                return bool(where & home)
        if head in region.places:
            return region.county_of(head) is not None or head in (region.name, *region.city_aliases,
                                                                  region.province, *R["home_region_names"])
    return None


def _country_bracket(words: str) -> bool:
    """The bracket of a name names the home country (X(中国)有限公司: a group's company in China; relations.json
    ``name_bracket_home_country``): no place outside the article's region, the bracket says nothing of where."""
    return words.startswith(tuple(R["name_bracket_home_country"]))


def _located_in(ctx: ArticleContext, home: tuple[NodeRef, int] | None) -> None:
    """LOCATED_IN, per company: a place in its name, else the nearest county in a sentence naming it,
    else the county named in the sentence before, else the article's county."""
    by_group: dict[str, list[Mention]] = {}
    tied: dict[str, str] = {}
    untied: list[str] = []
    for m in ctx.companies:
        by_group.setdefault(m.ref.uid, []).append(m)
    for g in ctx.groups:
        ms = by_group.get(g.uid, [])
        if not ms:
            continue
        county = _name_tie(ctx, g, ms, home[0].uid if home else None) or _origin_tie(ctx, ms)
        foreign = _foreign(ctx, g.name)
        local = _local_mentions(ctx, ms, foreign)
        outside = county is None and _outside_party(ctx, ms)  # 引进了X、Y、Z等一批项目: no seat but its name's
        county = county or _own_place_tie(ctx, local, outside)  # …,X位于K: unless a sentence of its own says so
        local = [] if outside else local
        site = None if outside else ctx.project_sites.get(g.uid)
        if county is None and not local and site is None:
            untied.append(g.uid)
            continue
        ms = local or ms
        county = county or (_near_tie(ctx, local, home) or _context_tie(ctx, local) if local else None) or site
        if county is None and not foreign:
            county = _home_tie(ctx, ms, home)
        elif county is not None and county[2] == "context" and _backref_to_home(ctx, ms, county, home):
            county = _home_tie(ctx, ms, home)  # 其中,X…: no more than the page's county, and no less checked
        if county and _prefecture_level(county[0]):
            county = None  # 中山市X公司: a prefecture without counties is no county-level place to tie to
        if county and county[2] != "name_place":  # a place in its own name says nothing of its list's others
            tied[g.uid] = county[0]
        elif county is None:
            untied.append(g.uid)
        if county:
            uid, sent, rule, conf = county
            ctx.add(Relationship("LOCATED_IN", NodeRef("Company", g.uid), NodeRef("County", uid),
                                 ctx.evidence(sent, rule, conf)))
    if R["list_peer_tie"]:
        for uid in untied:
            peer = _list_peer_tie(ctx, by_group[uid], tied)
            if peer is not None:
                county_uid, sent = peer
                ctx.add(Relationship("LOCATED_IN", NodeRef("Company", uid), NodeRef("County", county_uid),
                                     ctx.evidence(sent, "list_peer", CONF["LOCATED_IN"]["list_peer"])))


def _origin_tie(ctx: ArticleContext, ms: list[Mention]) -> Tie | None:
    """1'. a county named before the company as where it sits (由位于K的…X投资建设, 总部位于K的X; the origin
    pattern of invest_event, relations.json ``origin_place_before_company``; ``located_origin``): the company's
    place, whatever the sentence brings it in for — not a county inside another name, nor a name glued by a dash
    to another (位于K的X—Y…基地项目: K is the joint project's place)."""
    glue = R["located_origin"]
    if glue is None:
        return None
    for m in ms:
        text = ctx.sentences[m.sent].clean
        if text[m.end:m.end + 1] and text[m.end] in glue:
            continue
        a, _ = _clause_of(text, m.start)
        names = [(x.start, x.end) for x in ctx.comps_of(m.sent)]
        for c in ctx.closed[m.sent]:
            if (c.ref.label == "County" and a <= c.start and c.end <= m.start and _origin_place(text, a, c, m)
                    and not any(x <= c.start < y for x, y in names)):
                return c.ref.uid, m.sent, "origin_place", CONF["LOCATED_IN"]["origin_place"]
    return None


def _list_peer_tie(ctx: ArticleContext, ms: list[Mention], tied: dict[str, str]) -> tuple[str, int] | None:
    """5. an untied company named in a list of companies (joined by affiliation_after's joiners) whose other
    items are all tied to one county: a list of that county's companies (A、B、C等企业), the same county."""
    joiners = tuple(R["affiliation_after"]["joiners"])
    if _outside_party(ctx, ms):
        return None  # 引进了A、B、C等一批项目: attracted from outside, not a list of the county's companies
    for m in ms:
        text = ctx.sentences[m.sent].clean
        key = (m.sent, m.ref)
        if (key in ctx.signers or key in ctx.customers or _brought_sentence(ctx, m) or key in ctx.partners or key in ctx.founded
                or _counterpart(ctx, m) or _project_item(ctx, m) or _customer_listed(ctx, m)
                or _JOINT_FOUNDERS.match(text, _list_end(ctx, m)) or _AFFILIATION.match(text, _list_end(ctx, m))):
            continue  # 与A、B签约, A、B联合组建, A、B等公司负责人: not placed by their list (as in _home_tie)
        comps = sorted(ctx.comps_of(m.sent), key=lambda x: x.start)
        i = next((k for k, x in enumerate(comps) if x.start == m.start and x.ref == m.ref), None)
        if i is None:
            continue
        peers: list[Mention] = []
        k = i
        while k > 0 and text[comps[k - 1].end:comps[k].start] in joiners:
            k -= 1
            peers.append(comps[k])
        k = i
        while k + 1 < len(comps) and text[comps[k].end:comps[k + 1].start] in joiners:
            k += 1
            peers.append(comps[k])
        peers = [x for x in peers if x.ref.uid != m.ref.uid]
        if len(peers) < R["list_peer_tie_min"]:
            continue
        counties = {tied.get(x.ref.uid) for x in peers}
        if len(counties) == 1 and None not in counties:
            return counties.pop(), m.sent  # type: ignore[return-value]
    return None


def _name_spans(ctx: ArticleContext, i: int) -> list[tuple[int, int]]:
    """The spans of the company and institution names of sentence ``i``, in order."""
    return sorted({(x.start, x.end) for x in ctx.comps_of(i)} | set(_inst_spans(ctx, i)))


def _enumeration_span(ctx: ArticleContext, m: Mention) -> tuple[int, int]:
    """Where the enumeration of organisation names ``m`` stands in begins and ends (A、B、X大学和Y: A's start,
    Y's end; names joined by list_joiners, institutions among them)."""
    text = ctx.sentences[m.sent].clean
    spans = _name_spans(ctx, m.sent)
    start, end = m.start, m.end
    moved = True
    while moved:
        moved = False
        for x, y in spans:
            if y <= start and x < start and text[y:start] in _LIST_JOINERS:
                start, moved = x, True
            if x >= end and y > end and text[end:x] in _LIST_JOINERS:
                end, moved = y, True
    return start, end


def _brought_in(ctx: ArticleContext, m: Mention) -> tuple[str, int, int] | None:
    """(kind, start, end of its list) when the text brings the mention's company in (relations.json
    ``brought_in``): 'signing' — the counterpart list after a county (or 我县), its government or zone and a
    signing joiner, the sentence signing after the list (K与X、Y大学等机构达成签约); 'built' — the agent list after
    由 of an investing verb (由X投资5000万元兴建的…)."""
    if m.rule == "anaphora":
        return None
    text = ctx.sentences[m.sent].clean
    a, _ = _clause_of(text, m.start)
    s, e = _enumeration_span(ctx, m)
    if _SIGN_CUE.search(text, e):
        names = _name_spans(ctx, m.sent)
        if _county_side_before(ctx, m, a, s):
            return "signing", s, e
        if _signs_with_county(ctx, m, e, names):
            return "signed_with", s, e  # X、Y等N家企业代表分别与副县长某某…签订…协议
    if _ATTRACTED_INVESTS.match(text, m.end):
        cue = list(_ATTRACT.finditer(text, a, s))
        if cue and not any(a <= x.start < cue[-1].end() for x in ctx.comps_of(m.sent)):
            return "signing", s, e  # K成功引进了X投资50亿元…项目、Y投资…: an attracted investor
    built = _BROUGHT_BUILT.match(text, e)
    if built is not None and built.end() > e and _built_agent(ctx, text, a, s):
        return "built", s, e
    return None


def _county_side_before(ctx: ArticleContext, m: Mention, a: int, s: int) -> bool:
    """Right before the list starting at ``s`` (in the clause from ``a``) stands a county — not inside a name — or
    我县, then its government, zone or bureau, an adverb and a joiner (brought_in counterpart: K与, 冠县人民政府分别与,
    我县同): the list is the county's counterpart."""
    text = ctx.sentences[m.sent].clean
    names = _name_spans(ctx, m.sent)
    if any(c.ref.label == "County" and a <= c.start and c.end < s and not any(x <= c.start < y for x, y in names)
           and _BROUGHT_SIGN.fullmatch(text, c.end, s) for c in ctx.closed[m.sent]):
        return True
    ours = _OUR_COUNTER.search(text, a, s)
    return ours is not None and ours.end() == s


def _county_counterpart(ctx: ArticleContext, m: Mention) -> tuple[str, int, int] | None:
    """('signing', start, end of its list) when the mention's list is the county's counterpart
    (``_county_side_before``: K与X、Y的合作, 芒市政府与X…牵手), whatever the clause then says — a party from outside
    the county meets it (relations.json ``county_counterpart``); with a signing after the list ``_brought_in``
    reads it already."""
    if m.rule == "anaphora" or not R["county_counterpart"]["enabled"]:
        return None
    text = ctx.sentences[m.sent].clean
    if not any(c.ref.label == "County" and c.end < m.start for c in ctx.closed[m.sent]) and not _OUR_COUNTER.search(
            text, 0, m.start):
        return None  # no county (nor 我县) before it: no counterpart (a cheap test first)
    a, _ = _clause_of(text, m.start)
    s, e = _enumeration_span(ctx, m)
    return ("signing", s, e) if _county_side_before(ctx, m, a, s) else None


def _outside_party(ctx: ArticleContext, ms: list[Mention]) -> bool:
    """The company is named as a party from outside the county: only as an object the place attracts
    (``_attracted_only``), or — in any mention — as the county's counterpart (``_county_counterpart``). No tie but
    its own name's place or an origin clause."""
    return _attracted_only(ctx, ms) or any(_county_counterpart(ctx, m) is not None for m in ms)


def _local_mentions(ctx: ArticleContext, ms: list[Mention], foreign: bool) -> list[Mention]:
    """The mentions that may place the company by their sentence or context: not as another's customer, supplier or
    signer, not brought in; for a name from elsewhere (北京X公司…在阳谷扎根) only where it settles or a county stands
    right before it."""
    local = [m for m in ms if not _counterpart(ctx, m) and (m.sent, m.ref) not in ctx.customers
             and (m.sent, m.ref) not in ctx.signers and not _brought_sentence(ctx, m)]
    if foreign:
        local = [m for m in local if _settles(ctx, m) or _locator_before(ctx, m)]
    return local


def _own_place_tie(ctx: ArticleContext, ms: list[Mention], outside: bool) -> Tie | None:
    """An outside party (``_outside_party``) keeps only a seat a clause states of the company itself (X位于K清水镇,
    X落户K: relations.json ``county_counterpart`` seat_cues between the mention and the county, no company between),
    in a mention that is neither the county's counterpart nor attracted."""
    if not outside:
        return None
    for m in ms:
        if _county_counterpart(ctx, m) is not None or _attracted_object(ctx, m) is not None:
            continue
        text = ctx.sentences[m.sent].clean
        _, b = _clause_of(text, m.start)
        for c in ctx.closed[m.sent]:
            if (c.ref.label == "County" and m.end <= c.start < b and _OWN_SEAT.search(text, m.end, c.start)
                    and not any(m.end <= x.start < c.start for x in ctx.comps_of(m.sent))):
                return c.ref.uid, m.sent, "same_sentence", CONF["LOCATED_IN"]["same_sentence"]
    return None


def _attracted_object(ctx: ArticleContext, m: Mention) -> tuple[str, int, int] | None:
    """('signing', start, end of its list) when the mention's list is an object the place attracts (relations.json
    ``attracted_object``: K引进了X、Y等一批项目): after an attract cue in its clause, near it, no company before the
    cue in the clause or between, no first-person subject before it in the sentence (我们公司…先后引进A、B), not
    the attributive 引进的X (X is the subject described), and no settle cue in the clause (引进X落户K: seated)."""
    if m.rule == "anaphora":
        return None
    text = ctx.sentences[m.sent].clean
    if _ATTRACT.search(text, 0, m.start) is None:
        return None  # no attract cue before it (a cheap test first)
    a, b = _clause_of(text, m.start)
    s, e = _enumeration_span(ctx, m)
    cues = list(_ATTRACT.finditer(text, a, s))
    cue = cues[-1] if cues else None
    if cue is None or cue.end() > s:
        return None
    gap = text[cue.end():s]
    if len(gap) > _ATTRACTED["gap_max"] or gap in _ATTRACTED["attributive"]:
        return None
    if any(a <= x.start < cue.start() or cue.end() <= x.start < s for x in ctx.comps_of(m.sent)):
        return None  # X引进…: the company attracts; 引进X投资建成Y: Y is what X built
    if _FIRST_PERSON.search(text, 0, cue.start()) or _SETTLE_CUE.search(text, a, b):
        return None
    if len({x.ref for x in ctx.comps_of(m.sent) if s <= x.start < e}) < _ATTRACTED["min_items"]:
        return None  # 引进X…项目: one company brought in, as often the page's own (the golds disagree)
    return "signing", s, e


def _attracted_only(ctx: ArticleContext, ms: list[Mention]) -> bool:
    """Every mention of the company is an object the place attracts (``_attracted_object``)."""
    return bool(ms) and all(_attracted_object(ctx, m) is not None for m in ms)


def _outside_party_investors(ctx: ArticleContext, home: tuple[NodeRef, int] | None) -> None:
    """INVESTS_IN company -> county, fallbacks (rules ``attracted_object``, ``county_counterpart``): a company the text
    names only as an object the place attracts (``_attracted_only``), or as the county's counterpart
    (``_county_counterpart``), invests in the county named before its list, else the article's — unless some rule
    made it invest already or its name opens with a place of the article's region."""
    by: dict[NodeRef, list[Mention]] = {}
    for x in ctx.companies:
        by.setdefault(x.ref, []).append(x)
    only = {ref for ref, ms in by.items() if _attracted_only(ctx, ms)}

    def attracted(c: ArticleContext, m: Mention) -> tuple[str, int, int] | None:
        return _attracted_object(c, m) if m.ref in only else None

    def counterpart(c: ArticleContext, m: Mention) -> tuple[str, int, int] | None:
        text = c.sentences[m.sent].clean
        if not (_AGREEMENT.search(text) or _INVEST_CUE.search(text)):
            return None  # K政府与X代表座谈: a talk, no investment
        return _county_counterpart(c, m)

    _list_investors(ctx, home, "attracted_object", attracted, fallback=True)
    _list_investors(ctx, home, "county_counterpart", counterpart, fallback=True)


def _built_agent(ctx: ArticleContext, text: str, a: int, s: int) -> bool:
    """The agent word (由) stands right before the list at ``s``, or before the builder's place of origin and 的
    (由四川遂宁的X投资建设: places only, read whole, at most ``brought_in_origin_max`` characters)."""
    if _BROUGHT_AGENT.search(text, a, s) is not None:
        return True
    if not text.startswith("的", s - 1):
        return False
    for n in range(2, R["brought_in_origin_max"] + 1):
        start = s - 1 - n
        if start < a:
            return False
        if _BROUGHT_AGENT.search(text, a, start) is not None and _places_only(ctx, text[start:s - 1]):
            return True
    return False


def _places_only(ctx: ArticleContext, words: str) -> bool:
    """``words`` is a run of place names and nothing else (四川遂宁), none of them the article's own prefecture or
    a county in it (由冠县的X投资…: a local builder)."""
    at = 0
    home = ctx.place_ctx.city if ctx.place_ctx is not None else None
    for r in place_resolver().resolve_text(words, ctx.place_ctx or PlaceContext(), words=False):
        if r.start != at or (home and r.level in ("County", "City") and r.city == home):
            return False
        at = r.end
    return at == len(words) > 0


def _signs_with_county(ctx: ArticleContext, m: Mention, e: int, names: list[tuple[int, int]]) -> bool:
    """X、Y等N家企业(代表)(分别)与K人民政府 / 与副县长某某、K开发区管委会主任某某签订…协议: the list before a
    joiner signs with the county's side — right after the joiner an official's or a government body's word, or the
    county followed by its government or zone (or by the signing itself) — and no name stands between the joiner
    and the signing (county_signing cue; relations.json ``brought_in`` before_party, party)."""
    text = ctx.sentences[m.sent].clean
    j = _BROUGHT_BEFORE_PARTY.match(text, e)
    if j is None:
        return False
    _, b = _clause_of(text, j.end())
    cue = _SIGN_CUE.search(text, j.end(), b)
    if cue is None or any(j.end() <= x < cue.start() for x, _ in names):
        return False
    if _BROUGHT_PARTY_OPEN.match(text, j.end(), cue.start()):
        return True  # …与副县长某某、K开发区管委会主任某某签订: officials of the county's side
    for c in ctx.closed[m.sent]:
        if c.ref.label == "County" and c.start == j.end() and not any(x <= c.start < y for x, y in names):
            gov = _SIGN_PARTY_AFTER.match(text, c.end, cue.start())
            return gov is not None and (gov.end() > c.end and _BROUGHT_PARTY.search(text, c.end, gov.end()) is not None
                                        or gov.end() == cue.start())
    return False


def _investing_subject(ctx: ArticleContext, m: Mention) -> tuple[str, int, int] | None:
    """('invests', start, end of its list) when the mention's list opens its clause and an investing verb with
    its amount or object follows it there, no other company between (X、Y投资5亿元…, X计划投资…建设): the company
    invests (whether from elsewhere or at home the clause does not say, so no tie is taken away)."""
    if m.rule == "anaphora":
        return None
    text = ctx.sentences[m.sent].clean
    a, _ = _clause_of(text, m.start)
    s, e = _enumeration_span(ctx, m)
    opener = _BEFORE_SUBJECT.match(text, a, s)
    if opener is None or opener.end() != s:
        return None
    _, b = _clause_of(text, e)
    cue = _INVEST_PLACE.search(text, e, b)
    if (cue is None or cue.start() - e > _BROUGHT["invest_gap"] or not _INVEST_VERB.match(text, cue.end())
            or any(e <= x.start < cue.start() for x in ctx.comps_of(m.sent))):
        return None
    return "invests", s, e


def _brought_sentence(ctx: ArticleContext, m: Mention) -> bool:
    """The sentence of ``m`` brings its company in (``_brought_in``, at this mention or another of it there:
    由X投资兴建的K·X厂): no mention of it there ties it to a county."""
    key = (m.sent, m.ref)
    if key not in ctx._brought:
        ctx._brought[key] = any(x.ref == m.ref and _brought_in(ctx, x) is not None for x in ctx.comps_of(m.sent))
    return ctx._brought[key]


def _brought_site(ctx: ArticleContext, m: Mention, kind: str, s: int, e: int,
                  home: tuple[NodeRef, int] | None) -> NodeRef | None:
    """The county a brought-in or investing company invests in: for 'built' and 'invests' the first one named
    after its list in its clause or the next (兴建的K…厂), else (and for 'signing') the last one named before
    its list outside names, else the article's county."""
    text = ctx.sentences[m.sent].clean
    _, b = _clause_of(text, m.start)
    counties = [c for c in ctx.closed[m.sent] if c.ref.label == "County"]
    if kind != "signing":
        nb = _clause_of(text, b + 1)[1] if b < len(text) else b
        after = [c for c in counties if e <= c.start < nb]
        if after:
            return after[0].ref
    names = _name_spans(ctx, m.sent)
    before = [c for c in counties if c.end <= s and not any(x <= c.start < y for x, y in names)]
    if before:
        return before[-1].ref
    return home[0] if home is not None else None


def _brought_in_investors(ctx: ArticleContext, home: tuple[NodeRef, int] | None) -> None:
    """INVESTS_IN company -> county (rule ``brought_in``): a company the text brings in (``_brought_in``) invests
    in the county of its list (``_brought_site``) — not where its own name places it (name_place: the county's
    own company)."""
    _list_investors(ctx, home, "brought_in", _brought_in, fallback=False)


def _investing_subjects(ctx: ArticleContext, home: tuple[NodeRef, int] | None) -> None:
    """INVESTS_IN company -> county, a fallback after invest_event (rule ``investing_subject``): a company named as
    an investing subject (``_investing_subject``: X、Y投资2亿元建设…) that no rule gave a county to invest in
    invests in the county of its list (``_brought_site``) even where the text places it there (invest_event does
    not: 在K,X、Y投资2亿元… places and invests) — not where its own name places it (name_place), nor a company of
    the article's own prefecture (聊城市X公司投资…: its own county's investment)."""
    _list_investors(ctx, home, "investing_subject", _investing_subject, fallback=True)


def _county_investors(ctx: ArticleContext) -> set[NodeRef]:
    """The companies some rule already made invest in a county (a fallback rule leaves them alone)."""
    return {rel.start for rel in ctx.rels.values() if rel.type == "INVESTS_IN" and rel.end.label == "County"}


def _list_investors(ctx: ArticleContext, home: tuple[NodeRef, int] | None, rule: str,
                    find: Callable[[ArticleContext, Mention], tuple[str, int, int] | None], fallback: bool) -> None:
    """INVESTS_IN from a list the text makes investors (``find``) to the county of the list; a ``fallback`` rule
    only for companies no rule gave a county to invest in, and not for a company of the article's own region."""
    invested = _county_investors(ctx)
    named = {(rel.start, rel.end) for rel in ctx.rels.values()
             if rel.type == "LOCATED_IN" and rel.evidence.rule == "name_place"}
    conf = CONF["INVESTS_IN"][rule]
    for m in ctx.companies:
        if fallback and (m.ref in invested or _home_head(ctx, _group_name(ctx, m))):
            continue
        found = find(ctx, m)
        if found is None:
            continue
        site = _brought_site(ctx, m, *found, home)
        if site is None or (m.ref, site) in named:
            continue
        ctx.add(Relationship("INVESTS_IN", m.ref, site, ctx.evidence(m.sent, rule, conf)))
        invested.add(m.ref)


def _prefecture_level(uid: str) -> bool:
    """The place is a prefecture-level city without counties (不设区的市: 中山市, 东莞市), not a county-level one."""
    place = load_gazetteer().by_uid.get(uid)
    return place is not None and place.kind in R["located_in_not_kinds"]


def _settles(ctx: ArticleContext, m: Mention) -> bool:
    """The company itself settles: a settle cue after the mention, with no other company between and no project
    in a later clause (…X公司董事长…,…项目落户K的共识: the project settles, X came to talk; X生产基地项目…落户 is
    X's own project)."""
    text = ctx.sentences[m.sent].clean
    cue = _SETTLE_CUE.search(text, m.end)
    if cue is None or _SETTLE_AGREED.match(text, cue.end()):
        return False  # …项目落户K的共识: agreed, not settled
    brk = _CLAUSE.search(text, m.end, cue.start())
    if brk is not None and _SETTLE_NOT_OWN.search(text, brk.end(), cue.start()):
        return False
    return not any(
        m.end <= x.start < cue.start() for x in ctx.comps_of(m.sent))


def _locator_before(ctx: ArticleContext, m: Mention) -> bool:
    """A county written right before the name (安居区|四川X有限公司): the company's locator."""
    text = ctx.sentences[m.sent].clean
    return any(c.ref.label == "County" and c.end == m.start and not _NOT_A_TIE.match(text, c.end)
               for c in ctx.closed[m.sent])


def _name_tie(ctx: ArticleContext, g: Group, ms: list[Mention], home: str | None = None) -> Tie | None:
    """1. the name itself: 临清X…, 阳谷X…; a weak place (a town's or county's short name, 烟店|铜业) that differs
    from the article's county ``home`` is read as a 字号, not a tie; a branch (X公司|青冈|分公司) is where its name
    says the branch is."""
    for name in sorted({g.name, *g.members}, key=len, reverse=True):
        branch = _branch_tie(ctx, name)
        if branch is not None:
            return branch, ms[0].sent, "name_place", CONF["LOCATED_IN"]["name_place"]
    for name in sorted({g.name, *g.members}, key=len, reverse=True):
        found = place_resolver().resolve_text(name[:R["name_place_prefix"]], ctx.place_ctx or PlaceContext(),
                                              words=False)
        for k, r in enumerate(found):
            if (r.place is not None and r.start <= R["name_place_window"]
                    and _only_places(ctx.region, name[:r.start]) and _consistent(r, found[:k])
                    and not _far_short(r, found[:k], ctx.place_ctx)):
                uid = place_resolver().gaz.uid(r.place)
                if home and r.how in R["name_tie_weak_hows"] and not found[:k] and uid != home:
                    continue
                if home and uid != home and _other_prefecture_short(r, ctx.place_ctx):
                    continue  # 黑龙江龙凤|玉米… in a 青冈 article: 龙凤 is the 字号, not 大庆's 龙凤区
                return uid, ms[0].sent, "name_place", CONF["LOCATED_IN"]["name_place"]
    return None


def _branch_tie(ctx: ArticleContext, name: str) -> str | None:
    """The county of a branch named by its place right before the branch form (X公司|青冈|分公司), or None."""
    form = next((f for f in ORG["branch_forms"] if name.endswith(f)), None)
    if form is None:
        return None
    head = name[:-len(form)]
    for r in place_resolver().resolve_text(head, ctx.place_ctx or PlaceContext(), words=False):
        if r.end == len(head) and r.place is not None and r.level == "County":
            return place_resolver().gaz.uid(r.place)
    return None


def _sentence_tie(ctx: ArticleContext, ms: list[Mention]) -> Tie | None:
    """2. the nearest county or town in a sentence that names the company."""
    for m in ms:
        text = ctx.sentences[m.sent].clean
        names = [(x.start, x.end) for x in ctx.comps_of(m.sent)]
        places = [c for c in ctx.closed[m.sent] if c.ref.label == "County"
                  and not any(a <= c.start < b for a, b in names) and not _NOT_A_TIE.match(text, c.end)]
        # a county after the name ties it only after a tie cue (…位于/落户/在<county>), not in a wish (希望X能在K…)
        after = [c for c in places if c.start >= m.end and (_TIE_BEFORE.search(text[max(0, c.start - 4):c.start])
                                                               or _copula_place(text, m, c))
                 and not _VENUE_AFTER.match(text, c.end) and not _WISH.search(text, _clause_of(text, m.start)[0], c.start)
                 and not _later_subject(ctx, text, m, c.start) and not _PLAN_AFTER.match(text, m.end)
                 and not _elsewhere_event(text, m, c) and not _modifies_other(ctx, text, m, c)]
        # a county in an earlier clause ties as its topic, not as a modifier (位于K的X项目…,由Y出资); nor across a
        # place elsewhere named before the company (K企业A与四川省企业B…: B is placed by 四川省)
        before = [c for c in places if c.end <= m.start and not (
            _CLAUSE.search(text, c.end, m.start) and text.startswith(R["modifier_mark"], c.end))
            and not _WISH.search(text, _clause_of(text, c.start)[0], c.start)  # X拟在K建设X…项目: a plan
            and not _venue_before(text, c, m)]
        if before and _elsewhere_before(ctx, text, before[-1].end, m.start, names + _inst_spans(ctx, m.sent)):
            before = []
        if before or after:
            best = before[-1] if before else after[0]
            if before and _CLAUSE.search(text, best.end, m.start):  # K…,X…: the county leads an earlier clause
                return best.ref.uid, m.sent, "earlier_clause", CONF["LOCATED_IN"]["earlier_clause"]
            return best.ref.uid, m.sent, "same_sentence", CONF["LOCATED_IN"]["same_sentence"]
    return None


def _near_tie(ctx: ArticleContext, ms: list[Mention], home: tuple[NodeRef, int] | None) -> Tie | None:
    """2'. the sentence tie (``_sentence_tie``), but not to another county of the article's own prefecture when
    the article has a county (relations.json ``sentence_tie_home_only``): a county page names its neighbours
    in passing (rankings, the prefecture's lists); the company falls to the later steps (context, the page's
    county). A county of another prefecture still ties."""
    tie = _sentence_tie(ctx, ms)
    if tie is not None and home is not None and tie[0] != home[0].uid and R["sentence_tie_home_only"]:
        gaz = load_gazetteer().by_uid
        near, own = gaz.get(tie[0]), gaz.get(home[0].uid)
        if near is not None and own is not None and near.city == own.city and not _placed_by_word(ctx, ms, tie):
            return None
    return tie


def _placed_by_word(ctx: ArticleContext, ms: list[Mention], tie: Tie) -> bool:
    """The tie's county is said to be the company's place: it stands after the mention (only after a tie cue:
    X位于K, X在K建设, X是K一家企业), right before the name (K|X公司), or after a tie cue before it (在K,X…)."""
    for m in ms:
        if m.sent != tie[1]:
            continue
        text = ctx.sentences[m.sent].clean
        for c in ctx.closed[m.sent]:
            if c.ref.uid != tie[0]:
                continue
            if (c.start >= m.end or c.end == m.start or _TIE_BEFORE.search(text[max(0, c.start - 4):c.start])
                    or (R["placed_by_modifier"] and text[c.end:m.start] == R["modifier_mark"])):
                return True
    return False


def _copula_place(text: str, m: Mention, c: Mention) -> bool:
    """X是K一家…企业, X是K的龙头企业: the company's own clause says what county's company it is."""
    return (text[m.end:c.start] in R["copula_county"]["between"]
            and text.startswith(tuple(R["copula_county"]["after"]), c.end))


def _modifies_other(ctx: ArticleContext, text: str, m: Mention, c: Mention) -> bool:
    """The county after the mention modifies another company named right after it (X与位于K的Y合作, X在K的子公司Y):
    K is Y's place, not X's."""
    if not text.startswith(R["modifier_mark"], c.end):
        return False
    _, b = _clause_of(text, c.end)
    return any(x.ref != m.ref and c.end < x.start <= c.end + R["modifier_company_gap"] and x.start < b
               for x in ctx.comps_of(m.sent))


def _elsewhere_event(text: str, m: Mention, c: Mention) -> bool:
    """The county after the mention is where its people go or where it takes part in an event (X负责人在K作
    发言, X在K参加展销会): an event role verb after the county in its clause, or a person's post right after
    the company (the person, not the company, is at K)."""
    if _AFFILIATION.match(text, m.end):
        return True
    _, b = _clause_of(text, c.end)
    return bool(_EVENT_VERB.search(text, c.end, b))


def _venue_before(text: str, c: Mention, m: Mention) -> bool:
    """The county before the mention is an event's venue (在K召开的现场会上,X…; K举办的博览会上,X…): a venue verb
    follows it in its clause, before the mention."""
    venue = _VENUE_AFTER.match(text, c.end)
    return venue is not None and venue.end() <= m.start


def _later_subject(ctx: ArticleContext, text: str, m: Mention, end: int) -> bool:
    """Another company stands in a later clause between ``m`` and ``end`` (X副总裁表示,Y在K投产): the county
    after it is that company's, not ``m``'s; a list in ``m``'s own clause (X、Y落户K) shares it."""
    return any(x.ref != m.ref and m.end <= x.start < end and _CLAUSE.search(text, m.end, x.start)
               for x in ctx.comps_of(m.sent))


def _elsewhere_before(ctx: ArticleContext, text: str, a: int, b: int, names: list[tuple[int, int]]) -> bool:
    """The last place named from ``a`` to ``b`` outside organisation names is a province, prefecture or county
    outside the article's prefecture and province (K企业A与四川省企业B、C…: B and C are 四川省's)."""
    pc = ctx.place_ctx
    if pc is None or not (pc.city or pc.province) or a >= b:
        return False
    home = {pc.city, pc.province} - {None}
    chars = list(text[a:b])
    for x, y in names:
        for k in range(max(a, x), min(b, y)):
            chars[k - a] = ","
    found = [r for r in place_resolver().resolve_text("".join(chars), pc) if r.place is not None or r.city]
    if not found:
        return False
    last = found[-1]
    where = {last.place.city, last.place.province} if last.place is not None else {last.city}
    return not (where & home)


def _context_tie(ctx: ArticleContext, ms: list[Mention]) -> Tie | None:
    """3. the last county or town named in the sentence before the first mention, when the mention's sentence
    opens with a context cue (在…, 随后…); for a visit (课题组到X、Y等企业调研) the county where the visit was
    said to go (赴/在/到K, not K的书记) up to visit_lookback sentences before."""
    first = ms[0].sent
    text = ctx.sentences[first].clean
    if _VISITOR.match(text, ms[0].end):
        return None  # X董事长…一行到我县考察: the company visits, it is not the visited
    a, b = _clause_of(text, ms[0].start)
    if text.startswith(tuple(R["context_openers"])) or _BACKREF.search(text, a, b):
        lookback, visit = R["context_lookback"], False
    elif (_VISIT.search(text, a, b) and not any(c.ref.label == "County" for c in ctx.closed[first])
          and not _placed_elsewhere(ctx, ms[0])):
        lookback, visit = R["visit_lookback"], True
    else:
        return None
    for j in range(first - 1, max(-1, first - 1 - lookback), -1):
        prev = ctx.sentences[j].clean
        spans = [(c.start, c.end) for c in ctx.comps_of(j)]
        places = [c for c in ctx.closed[j] if c.ref.label == "County" and not any(x <= c.start < y for x, y in spans)
                  and not (visit and not _visit_place(ctx, prev, c))]
        if places:
            return places[-1].ref.uid, j, "context", CONF["LOCATED_IN"]["context"]
    return None


def _backref_to_home(ctx: ArticleContext, ms: list[Mention], tie: Tie, home: tuple[NodeRef, int] | None) -> bool:
    """The context tie of a company the page names in one sentence only came from a back reference in its clause
    (其中/上述… pointing to the sentence before, not a context opener) and ties it to the page's own county
    (relations.json ``context_backref_home_checked``): it says no more than the page's county tie would, so it
    passes the same exclusions (``_home_tie``: an investor, a company its sentence places elsewhere …) — the
    sentence before speaks of the county, the back reference does not make every company after it the county's."""
    if not R["context_backref_home_checked"] or home is None or tie[0] != home[0].uid:
        return False
    if len({m.sent for m in ms}) != 1:
        return False  # a company the page names again is one it speaks of, not one it lists in passing
    text = ctx.sentences[ms[0].sent].clean
    a, b = _clause_of(text, ms[0].start)
    return not text.startswith(tuple(R["context_openers"])) and bool(_BACKREF.search(text, a, b))


def _visit_place(ctx: ArticleContext, text: str, c: Mention) -> bool:
    """A county a visit may have gone to: in the article's province, and a place (not 冠县县委…) unless it is
    the visit's destination (在冠县清水镇政府座谈)."""
    place = load_gazetteer().by_uid.get(c.ref.uid)
    pc = ctx.place_ctx
    if place is not None and pc is not None and pc.province and place.province != pc.province:
        return False
    return not _NOT_A_TIE.match(text, c.end) or bool(_DESTINATION.search(text, 0, c.start))


def _home_tie(ctx: ArticleContext, ms: list[Mention], home: tuple[NodeRef, int] | None) -> Tie | None:
    """4. the county the article is about — not for an investor from elsewhere (named only in signing and
    investing clauses) nor for a company every sentence places elsewhere (一行到哈尔滨参观X; X、Y等无锡企业)."""
    if home is None or not R["article_county_for_companies"]:
        return None
    inv = [_investor_clause(ctx.sentences[m.sent].clean, m) and not _LEADERS_CLOSE.match(
        ctx.sentences[m.sent].clean, _list_end(ctx, m)) for m in ms]  # X、Y等多家龙头企业参加签约仪式: local leaders
    if any(inv) and all(i or _owns_project(ctx, m) for i, m in zip(inv, ms, strict=True)):
        return None  # X等五个项目签约 …; X项目年产…: an investor, also named by its project
    if any(_brought_in(ctx, m) is not None for m in ms):
        return None  # K与X、Y大学签约; 由X投资兴建的…: brought in from outside, an investor
    if _VISITOR.match(ctx.sentences[ms[0].sent].clean, ms[0].end):
        return None  # X董事长…一行到我县考察: a visitor, introduced as coming to the county
    if any(_prefecture_seat(ctx, m) or _plans_to_settle(ctx, m) for m in ms):
        return None  # 落户聊城4年多,X…: placed at the prefecture; X将…在K落地: a newcomer's plan
    if R["project_items_unplaced"] and all(_project_item(ctx, m) for m in ms):
        return None  # 新建项目7个(A、B…): named only as an item of a list of projects, the article does not place it
    if all((m.sent, m.ref) in ctx.partners for m in ms) or all(_customer_listed(ctx, m) for m in ms):
        return None  # A与Y合作, X拥有A、B等长期合作的客户: named only as a partner or in a list of customers
    if all(_AFFILIATION.match(ctx.sentences[m.sent].clean, _list_end(ctx, m)) and not _affiliated_speaker(ctx, m)
           and not _affiliated_opening(ctx, m) for m in ms):
        return None  # X副董事长某某参加仪式: named only as a person's employer
    if all((m.sent, m.ref) in ctx.founded for m in ms):
        return None  # X、Y共同成立了Z: Z is named only as what they founded, not placed by the article
    if all(_JOINT_FOUNDERS.match(ctx.sentences[m.sent].clean, _list_end(ctx, m)) for m in ms):
        return None  # X、Y等8家企业共同成立…: members of a consortium
    if all(_placed_elsewhere(ctx, m) or _event_role(ctx, m) or _in_book_title(ctx, m) or _place_before_elsewhere(ctx, m)
           or _wider_scope(ctx, m, home[0]) or _attracted_project(ctx, m) for m in ms):
        return None
    if all(_other_place_sentence(ctx, m.sent, home[0]) for m in ms):
        return None  # 该区…。其中,X荣登…: a zone inside a 县级市 (or the prefecture: 全市…) is the place spoken of
    if R["wider_title_unplaced"] and len({m.sent for m in ms}) == 1 and _wider_title(ctx, home[0]):
        return None  # title 聊城：…: a prefecture's (or a province's) article; its most named county is not every company's
    if not any(_subject_or_item(ctx, m) for m in ms):  # 依托X, 引进X…, 以X为龙头: named only as an object
        return home[0].uid, ms[0].sent, "article_county_object", CONF["LOCATED_IN"]["article_county_object"]
    return home[0].uid, ms[0].sent, "article_county", CONF["LOCATED_IN"]["article_county"]


def _wider_title(ctx: ArticleContext, home: NodeRef) -> bool:
    """The article's headline names no county but the prefecture or the province the article's county lies in
    (relations.json ``wider_title_unplaced``): the article is about that wider unit, and the county it names most
    is where some of its companies are, not where the article places each. Not for an untitled page (its first
    line is no headline) nor for a prefecture-named zone (the prefecture's name in the title names the zone)."""
    title = ctx.article.title
    if not title or ctx.title_places or _derived_title(ctx) or _made_zone(home):
        return False
    return _title_names_wider(ctx, title, home)


def _affiliated_speaker(ctx: ArticleContext, m: Mention) -> bool:
    """X总经理某某介绍 / 表示: the company alone (no list) opens its clause and its person speaks in the clause, a
    speech verb before the clause ends (relations.json ``affiliation_speaker``): the reporter asked the firm on the
    spot — it is the article's own, not only a person's employer at a ceremony."""
    text = ctx.sentences[m.sent].clean
    cfg = R["affiliation_speaker"]
    if m.start > 0 and text[m.start - 1] not in cfg["openers"]:
        return False
    a = _AFFILIATION.match(text, m.end)
    if a is None or any(w in a.group() for w in cfg["site_posts"]):
        return False  # X现场负责人某某告诉记者: a contractor's man on the site
    rest = re.split(cfg["clause_end"], text[a.end():a.end() + cfg["window"]], maxsplit=1)[0]
    return any(v in rest for v in cfg["verbs"])


def _affiliated_opening(ctx: ArticleContext, m: Mention) -> bool:
    """X总经理助理某某喜上眉梢: the company alone opens its sentence and a person's (not a site's) post follows it —
    the person, met on the spot, is the clause's subject, whatever the verb (relations.json
    ``affiliation_opening``): like ``_affiliated_speaker`` without the speech verb."""
    if not R["affiliation_opening"]:
        return False
    text = ctx.sentences[m.sent].clean
    cfg = R["affiliation_speaker"]
    if m.start > 0 and text[m.start - 1] not in cfg["openers"]:
        return False
    if any(x.start < m.start for x in ctx.comps_of(m.sent)):
        return False
    a = _AFFILIATION.match(text, m.end)
    return a is not None and not any(w in a.group() for w in cfg["site_posts"])


def _subject_or_item(ctx: ArticleContext, m: Mention) -> bool:
    """The mention opens its clause (alone or in a list opening it: X、Y投产) or is an item of a list (A、X等企业)."""
    text = ctx.sentences[m.sent].clean
    a, _ = _clause_of(text, m.start)
    first = next((x for x in ctx.comps_of(m.sent) if x.start >= a), None)
    marks = R["object_list_marks"]
    if first is not None and _opens_clause(text, a, first) and (
            first.ref == m.ref or text[first.end:m.start] in marks["subject_joiners"]):
        return True
    return text.endswith(tuple(marks["before"]), 0, m.start) or text.startswith(tuple(marks["after"]), m.end)


def _wider_scope(ctx: ArticleContext, m: Mention, home: NodeRef) -> bool:
    """A scope wider than the article's county before the mention in its sentence, no county or 我县 between
    (全省共有X、Y等50家企业入选): a list of the province's or the country's, not of the county."""
    text = ctx.sentences[m.sent].clean
    a, _ = _clause_of(text, m.start)
    last = None
    for hit in _WIDE_SCOPE.finditer(text, a, m.start):
        last = hit
    for hit in _KIND_SCOPE.finditer(text, a, m.start):
        if not home.uid.endswith(hit.group(1)[-1]) and (last is None or hit.start() > last.start()):
            last = hit
    if last is None or _OWN_PLACE.search(text, last.end(), m.start):
        return False
    names = [(x.start, x.end) for x in ctx.comps_of(m.sent)]
    return not any(c.ref.label == "County" and last.end() <= c.start < m.start
                   and not any(a <= c.start < b for a, b in names) for c in ctx.closed[m.sent])


def _prefecture_seat(ctx: ArticleContext, m: Mention) -> bool:
    """The mention's sentence names it as its only company, names no county and settles it in a prefecture
    (落户聊城4年多,X…; X位于聊城市): the text places it at that level, no county."""
    comps = ctx.comps_of(m.sent)
    if any(x.ref != m.ref for x in comps):
        return False
    text = ctx.sentences[m.sent].clean
    names = _name_spans(ctx, m.sent)
    closed = [c for c in ctx.closed[m.sent] if not any(a <= c.start < b for a, b in names)]
    if any(c.ref.label == "County" for c in closed):
        return False
    return any(c.ref.label == "City" and _PREFECTURE_SEAT.search(text, max(0, c.start - 5), c.start) for c in closed)


def _plans_to_settle(ctx: ArticleContext, m: Mention) -> bool:
    """A plan right after the mention and a settle cue later in its sentence, no other company between
    (X将组织专班…以自身业务在K落地为引领): a newcomer's plan, not where it is."""
    text = ctx.sentences[m.sent].clean
    if not _PLAN_AFTER.match(text, m.end):
        return False
    cue = _SETTLE_CUE.search(text, m.end)
    return cue is not None and not any(m.end <= x.start < cue.start() and x.ref != m.ref for x in ctx.comps_of(m.sent))


def _list_end(ctx: ArticleContext, m: Mention) -> int:
    """The end of the enumeration of companies ``m`` stands in (X、Y等公司负责人: Y's end for X)."""
    end, joiners = m.end, tuple(R["affiliation_after"]["joiners"])
    for x in ctx.comps_of(m.sent):
        if x.start > end and ctx.sentences[m.sent].clean[end:x.start] in joiners:
            end = x.end
    return end


def _customer_listed(ctx: ArticleContext, m: Mention) -> bool:
    """The mention stands in a list of customers (X拥有A、B等长期合作的客户, 为A、B等企业配套: companies.customer_close)."""
    start, joiners = m.start, tuple(R["affiliation_after"]["joiners"])
    text = ctx.sentences[m.sent].clean
    for x in sorted(ctx.comps_of(m.sent), key=lambda c: -c.start):
        if x.end < start and text[x.end:start] in joiners:
            start = x.start
    return customer_close(text, start, _list_end(ctx, m))


def _owns_project(ctx: ArticleContext, m: Mention) -> bool:
    """The mention names a project's owner: the project head right after it (X项目年产…)."""
    return ctx.sentences[m.sent].clean.startswith(tuple(R["project_heads"]), m.end)


def _project_item(ctx: ArticleContext, m: Mention) -> bool:
    """The mention is an item of a list of projects (新建项目7个(A、B、C); 签约项目:A、B): a project head just
    before the bracket or colon that opens the list the mention stands in."""
    text = ctx.sentences[m.sent].clean
    opened = max(text.rfind(mark, 0, m.start) for mark in R["project_list_opener"]["marks"])
    if opened < 0 or any(text.find(close, opened, m.start) >= 0 for close in R["project_list_opener"]["closers"]):
        return False
    head = text[max(0, opened - R["project_list_opener"]["window"]):opened]
    return any(h in head for h in R["project_heads"])


def _attracted_project(ctx: ArticleContext, m: Mention) -> bool:
    """The mention owns an item of a list of projects the place attracts (该区先后招引A公司X项目,B公司Y项目…): an
    attract cue before it in the sentence with no company before the cue in its clause, and the mention opens (or
    follows the cue in) one of at least two clauses in a row, from the cue's on, that each name a project."""
    text = ctx.sentences[m.sent].clean
    cues = [c for c in _ATTRACT.finditer(text, 0, m.start) if not any(
        x.start < c.end() and c.start() < x.end for x in ctx.comps_of(m.sent))]
    if not cues:
        return False
    cue = cues[-1]
    a, b = _clause_of(text, cue.start())
    if any(a <= x.start < cue.start() for x in ctx.comps_of(m.sent)):
        return False  # X引进…项目: the company attracts, it is no attracted item
    heads = tuple(R["project_heads"])
    items: list[tuple[int, int]] = []  # the run of clauses naming a project, from the cue's on
    while any(h in text[a:b] for h in heads):
        items.append((a, b))
        if b >= len(text):
            break
        a, b = _clause_of(text, b + 1)
    if len(items) < 2:
        return False  # one project attracted: no list of items
    for a, b in items:
        if a <= m.start < b:  # the item opens its clause or follows the cue (招引了X…项目)
            return m.start - max(a, cue.end() if a <= cue.start() else a) <= R["attracted_item_gap"]
    return False


def _investor_clause(text: str, m: Mention) -> bool:
    """The mention's clause signs or invests (X签约, 由X出资建设): an investor's clause, not a local company's
    (a later clause about the county's total investment — …已经投产,全县总投资… — says nothing of X)."""
    a, b = _clause_of(text, m.start)
    return bool(_INVESTOR.search(text, a, b))


def _place_before_elsewhere(ctx: ArticleContext, m: Mention) -> bool:
    """The last place named in the mention's clause before it is outside the article's prefecture and province
    (…与四川省企业X签订协议): X is that place's, not the article county's."""
    text = ctx.sentences[m.sent].clean
    return _elsewhere_before(ctx, text, _clause_of(text, m.start)[0], m.start, _name_spans(ctx, m.sent))


def _inst_spans(ctx: ArticleContext, i: int) -> list[tuple[int, int]]:
    return [(x.start, x.end) for x in ctx.institutions if x.sent == i]


def _in_book_title(ctx: ArticleContext, m: Mention) -> bool:
    """The mention stands inside a document's title (《关于认定X等2064家企业为…的通知》): a name quoted from
    a province-wide list, not a company of the article's county."""
    text = ctx.sentences[m.sent].clean
    opened = text.rfind(R["book_title_marks"][0], 0, m.start)
    return opened >= 0 and text.find(R["book_title_marks"][1], opened, m.start) < 0


def _event_role(ctx: ArticleContext, m: Mention) -> bool:
    """The mention names a host or guest of an event (X、Y承办的…, X参加…): no tie to the event's county."""
    text = ctx.sentences[m.sent].clean
    _, b = _clause_of(text, m.start)
    if _LEADERS_CLOSE.match(text, _list_end(ctx, m)):
        return False  # X、Y等多家龙头企业参加…: the place's leading firms, local
    return bool(_EVENT_ROLE.match(text, m.end, b))


def _placed_elsewhere(ctx: ArticleContext, m: Mention) -> bool:
    """The mention's clause, or its sentence before it, names a prefecture or county outside the article's
    prefecture (and none inside it): the sentence is about another place."""
    text = ctx.sentences[m.sent].clean
    seat = _SEAT.match(text, m.end)
    if seat and not any(c.start == seat.end() and c.ref.label == "County" for c in ctx.closed[m.sent]):
        return True  # X总部位于香港: a seat that is no county of the text
    pc = ctx.place_ctx
    if pc is None or not pc.city:
        return False
    _, b = _clause_of(text, m.start)
    opener = next((c for c in ctx.closed[m.sent] if c.ref.label in ("City", "County")), None)
    if (opener is not None and opener.ref.label == "City" and opener.end < m.start
            and _BEFORE_SUBJECT.fullmatch(text, 0, opener.start) and not _NOT_A_TIE.match(text, opener.end)):
        return True  # 聊城市引进了X…: the prefecture's deed, no county's
    gaz = load_gazetteer().by_uid
    counties = load_gazetteer().counties
    # a county's short name inside another company's name that does not place it (黑龙江龙凤|玉米…: a 字号)
    # says nothing of where the sentence is
    names = [(x.start, x.end) for x in ctx.institutions if x.sent == m.sent] + [(m.start, m.end)] + [
        (c.start, c.end) for c in ctx.closed[m.sent] if c.ref.label == "County" and _zihao_place(ctx, c)]
    outside = inside = False
    for c in ctx.closed[m.sent]:
        if c.start >= b or any(a <= c.start < e for a, e in names) or _NOT_A_TIE.match(text, c.end):
            continue  # 郑州大学, the company's own name, 临清市代表团: not where the sentence is
        if c.ref.label == "City":  # the article's prefecture, or one whose county the article names in full
            same = c.ref.uid in {entity_uid(pc.city)} | {entity_uid(counties[k].city) for k in pc.named
                                                          if k in counties}
        elif c.ref.label == "County" and c.ref.uid in gaz:
            same = gaz[c.ref.uid].city == pc.city
        else:
            continue
        inside |= same
        outside |= not same
    if not inside and not outside:
        comps = [(x.start, x.end) for x in ctx.comps_of(m.sent)]
        if _VISIT.search(text, 0, m.start):
            # 赴浙江考察,先后走访了X、Y: a visit whose last place before the company is another province's
            return _elsewhere_before(ctx, text, 0, m.start, comps + names)
        # X来自浙江, X总部位于浙江: where it comes from or sits, in its clause, is another province
        origin = _ORIGIN_AFTER.match(text, m.end, b)
        return origin is not None and _elsewhere_before(ctx, text, origin.end(), b, comps + names)
    return outside and not inside


def _zihao_place(ctx: ArticleContext, c: Mention) -> bool:
    """A county mention inside another company's name that is not that company's name tie (a 字号 that reads as
    a place)."""
    for x in ctx.comps_of(c.sent):
        if x.start <= c.start < x.end:
            g = ctx.group(x.ref.uid)
            tie = _name_tie(ctx, g, [x], ctx.home) if g is not None else None
            return tie is None or tie[0] != c.ref.uid
    return False


def _other_prefecture_short(r: Any, pc: PlaceContext | None) -> bool:
    """A county's short name (no 县/市/区) in a name, in a prefecture other than the article's: more likely a
    字号 than the company's county (a full name, 江阴市X公司, still ties)."""
    return bool(pc is not None and pc.city and r.how in R["name_tie_other_prefecture_hows"]
                and r.place.city != pc.city)


def _consistent(r: Any, before: list[Any]) -> bool:
    """A county read from a name lies in the province and city named before it (浙江海伦… is no 海伦市,
    which is in 黑龙江: 海伦 is the 字号)."""
    for b in before:
        if b.level == "Province" and b.city != r.place.province:
            return False
        if b.level == "City" and b.city != r.place.city:
            return False
    return True


def _far_short(r: Any, before: list[Any], pc: PlaceContext | None) -> bool:
    """A county's short name opening a name, with no place before it, outside the article's province
    (新源<industry> in a Liaocheng article): more likely a 字号 than the company's county."""
    return bool(pc is not None and pc.province and not before and r.how in ("short", "weak")
                and r.place.province != pc.province)


def _only_places(region: Region, prefix: str) -> bool:
    """The characters before a place in a name are places too (山东|临清…), not a 字号 (山东阿华 holds no 东阿)."""
    while prefix:
        n = next((n for n in range(len(prefix), 1, -1)
                  if prefix[:n] in region.places or prefix[:n] in place_words()), 0)
        if not n:
            return False
        prefix = prefix[n:]
    return True


def _counterpart(ctx: ArticleContext, m: Mention) -> bool:
    """The mention names another company's customer or supplier (主要供应X、Y等企业; 成为X的供货商)."""
    text = ctx.sentences[m.sent].clean
    a, b = _clause_of(text, m.start)
    nxt = [x for x in ctx.comps_of(m.sent) if x.start >= m.end]
    if nxt and _OWNS.fullmatch(text, m.end, nxt[0].start):
        return True  # X的全资子公司Y: the owner is named for Y, not placed here
    others = [x for x in ctx.comps_of(m.sent) if x.ref != m.ref and x.start < m.start]
    cue = _COUNTERPART_CUE.search(text, a, b)
    if cue is None:
        return False
    if cue.start() < m.start:
        return _cue_reaches(ctx, text, cue.end(), m)  # 供应X: X comes after the cue
    # <subject>已成为X等企业的供货商; 该公司产品已进入X的供应链
    return bool(others) or bool(_SUBJECT_WORD.search(text, 0, m.start))


def _cue_reaches(ctx: ArticleContext, text: str, at: int, m: Mention) -> bool:
    """A counterpart cue ending at ``at`` governs the mention after it: between them stand only company names,
    list joiners and at most ``counterpart_cue_reach`` other characters (供应给X、Y; 原料主要销往国内的X) — not a
    cue inside another item of a long list (…番茄原料的…生产线项目、…项目、X…项目: X is an item, no customer)."""
    reach = R["counterpart_cue_reach"]
    if reach is None:
        return True
    chars = list(text[at:m.start])
    for x in ctx.comps_of(m.sent):
        for k in range(max(at, x.start), min(m.start, x.end)):
            chars[k - at] = ""
    rest = [ch for ch in chars if ch and ch not in _LIST_JOINERS and ch != "、"]
    return len(rest) <= reach


def _enumeration_ending(text: str, before: list[Mention], cross: bool = False) -> list[NodeRef]:
    """The last company before a designation and the ones listed with it (X、Y等“链主”企业); with ``cross``, over
    list items that are no company names (X、<brand>、Y等五金企业: X and Y)."""
    out = [before[-1]]
    for m in reversed(before[:-1]):
        gap = text[m.end:out[-1].start]
        if gap != "、" and not (cross and _LIST_ITEMS.fullmatch(gap)):
            break
        out.append(m)
    return list(dict.fromkeys(m.ref for m in out))


def _list_tail(text: str, pos: int, comps: list[Mention]) -> int:
    """Where a list going on after a company at ``pos`` with items that are no company names ends
    (X、<brand>等五金企业; 以X、<brand>为龙头): after them, or ``pos`` (also when a company is among them)."""
    t = _LIST_TAIL.match(text, pos)
    return t.end() if t and not any(pos < m.end and m.start < t.end() for m in comps) else pos


def _listed_with(text: str, a: Mention, b: Mention, comps: list[Mention] | None = None) -> bool:
    """b is a sibling of a in one enumeration (X轴承、Y科技、Z保持架等), not its partner."""
    between = list(text[a.end:b.start])
    for m in comps or ():
        if a.end <= m.start and m.end <= b.start:
            between[m.start - a.end:m.end - a.end] = [""] * (m.end - m.start)
    return set("".join(between)) <= {"、"}


_LAST_BREAK = re.compile("(?s:.*)[" + re.escape(R["clause_breaks"]) + "]")  # up to the last clause break


def _clause_of(text: str, pos: int) -> tuple[int, int]:
    if pos >= 0:  # the last break before pos in one search (rfind per break character costs more)
        last = _LAST_BREAK.match(text, 0, pos)
        start = last.end() if last else 0
    else:
        start = max(text.rfind(ch, 0, pos) for ch in R["clause_breaks"]) + 1
    nxt = _CLAUSE.search(text, pos)
    return start, nxt.start() if nxt else len(text)


# ---- clause subjects: the one place deciding which company a clause (or a sentence) speaks of ----
# _opens_clause       a company opens its clause (only quotes, adverbs, openers or a descriptor before it)
# _opening            the company opening the clause at a position
# _lead_company       the sentence's first company, when it opens its clause (the sentence topic)
# _sentence_topic     the subject a later subjectless sentence continues (SentenceView.topic)
# _carried_subject    that topic, when the sentence opens the way a continuing one does (the cue a parameter)
# _clause_subject     a clause's own subject, else the earlier clause's / the sentence before's (elided subjects)
# _sentence_subject   the company opening the whole sentence (designations), else the carried topic
# _lead_end, _project_opening   where a sentence's subject begins after its lead; 该项目… opening it
# _agent              the company before a cue in its clause (first, or nearest the cue), else _clause_subject
# _speaker            whose 我们 a quoted clause is
# _place_subject      a county opening its clause (county subjects of RUNS and IN_INDUSTRY)
# (_later_subject, by the county ties: another company stands in a later clause between a company and a county)
# (_earlier_clause_subject, by the designations: the company opening an earlier clause a continuing one goes on with)


def _opens_clause(text: str, a: int, m: Mention) -> bool:
    """``m`` opens the clause that starts at ``a``: only quotes, adverbs, openers or a descriptor before it."""
    head = _BEFORE_SUBJECT.match(text, a, m.start)
    return head is not None and head.end() == m.start


def _opening(v: SentenceView, a: int) -> Mention | None:
    """The company opening the clause that starts at ``a`` (only adverbs, openers or quotes before it)."""
    first = next((m for m in v.comps if m.start >= a), None)
    if first is None or _CLAUSE.search(v.text, a, first.start):
        return None
    return first if _opens_clause(v.text, a, first) else None


def _lead_company(text: str, comps: list[Mention]) -> Mention | None:
    """The sentence's first company, when it opens its clause (在中游,X进一步…; X公司在我县投资…)."""
    first = next(iter(comps), None)
    return first if first is not None and _opens_clause(text, _clause_of(text, first.start)[0], first) else None


def _carried_subject(v: SentenceView, start: int = 0, cue: re.Pattern[str] = _ELIDED) -> Mention | None:
    """The sentence before's subject (``v.topic``), when this sentence goes on with it: its text from ``start``
    opens with ``cue`` — a subjectless clause (_ELIDED: an adverb or a preposition) for clause rules, a
    continuation (_CONTINUES: 先后被评为…) for designations, a back-reference (_SUBJECT_BACKREF: 该公司, 其) for
    supply."""
    return v.topic if cue.match(v.text, start) else None


def _opens_with(text: str, a: int, end: int) -> bool:
    """The clause starting at ``a`` opens (after adverbs) with the preposition that ends at ``end``."""
    m = _ELIDED.match(text, a)
    return m is not None and m.end() == end


def _speaker(v: SentenceView, a: int) -> Mention | None:
    """Whose 我们 a clause starting at ``a`` is: the company before it (X负责人介绍:“我们…”), else a company
    followed by a speech verb after it (“我们…”X负责人说), else the sentence before's subject."""
    before = [m for m in v.comps if m.end <= a]
    if before:
        return before[0]
    after = [m for m in v.comps if m.start > a and _SPEECH.match(v.text, m.end)]
    return after[0] if after else v.next_speaker or v.topic


def _clause_subject(v: SentenceView, pos: int) -> Mention | None:
    """The company a clause speaks of: the one opening it, else — when the clause opens with an adverb or a
    preposition, its own subject elided (…,主要为Y配套; …,与Y合资生产) — the company opening an earlier clause,
    the topic the clauses share; a segment after ';' continues it only when it opens subjectless too
    (X相继与A合资…;与B合资…), and the first clause of a sentence continues the sentence before's subject."""
    a, _ = _clause_of(v.text, pos)
    own = _opening(v, a)
    if own is not None:
        return own
    if _FIRST_PERSON.match(v.text, a):  # X负责人说:“我们为Y配套”: 我们 is the speaker's company
        return _speaker(v, a)
    if not _ELIDED.match(v.text, a):
        return None
    while a > 0:
        if v.text[a - 1] in R["segment_breaks"] and not _ELIDED.match(v.text, a):
            return None  # a segment (up to ';') with a subject of its own
        a, _ = _clause_of(v.text, a - 1)
        own = _opening(v, a)
        if own is not None:
            return own
    # the sentence's first clause has no subject either (X主要生产…。计划总投资5亿元,在K新建…): the sentence before's
    return _carried_subject(v)


def _agent(v: SentenceView, pos: int, *, nearest: bool = False, upto: int | None = None,
           other_than: Mention | None = None) -> Mention | None:
    """Who does what a cue at ``pos`` says: a company of its clause named before ``upto`` (default ``pos``) —
    the first (X与Y签订订单), or with ``nearest`` the one nearest the cue (Y将…交给X生产) — other than
    ``other_than``, else the clause's subject (``_clause_subject``: an elided one continues an earlier clause)."""
    a, _ = _clause_of(v.text, pos)
    end = pos if upto is None else upto
    left = [m for m in v.comps if a <= m.start and m.end <= end and (other_than is None or m.ref != other_than.ref)]
    if left:
        return left[-1] if nearest else left[0]
    return _clause_subject(v, pos)


def _sentence_subject(v: SentenceView) -> Mention | None:
    """The company that opens the sentence (X…, 据了解,X…): the subject of clauses without their own; in a
    sentence naming no company that opens with such a clause (X成立于2005年。先后被评为…), the subject of the
    sentence before."""
    if not v.comps:
        project = _project_opening(v.text) if v.project_owner is not None else None
        if project is not None and _CONTINUES.match(v.text, project.end()):
            return v.project_owner  # 该项目既是国家“X基地”项目: the project's company holds it
        return _carried_subject(v, _lead_end(v.text), _CONTINUES)
    first = v.comps[0]
    place = next((c for c in v.closed if c.ref.label in ("City", "County") and c.end == first.start), None)
    head = place.start if place is not None else first.start  # 武汉X始创于…: a place before the short name
    if not _SUBJECT_LEAD.fullmatch(v.text, 0, head):
        # X…。拥有…,公司拥有…,被授予…: a continuing sentence whose later mentions are all the carried subject's
        carried = _carried_subject(v, _lead_end(v.text), _CONTINUES)
        return carried if carried is not None and all(m.ref == carried.ref for m in v.comps) else None
    return first


def _lead_end(text: str) -> int:
    """Where a sentence's subject may begin: after its lead (据了解,… 2019年,…; sentence_lead)."""
    lead = _SUBJECT_LEAD.match(text)
    return lead.end() if lead else 0


def _project_opening(text: str) -> re.Match[str] | None:
    """The project anaphor opening a sentence after its lead (据了解,该项目…): the sentence speaks of the project
    of a company a recent sentence names (``SentenceView.project_owner``)."""
    return _PROJECT_ANAPHOR.match(text, _lead_end(text))


def _sentence_topic(ctx: ArticleContext, i: int, depth: int = 0) -> Mention | None:
    """The subject of sentence ``i``: its first company, when that company opens its clause (在中游,X进一步…);
    a sentence opening subjectless (…;与Y合资…) carries the subject of the one before (up to topic_chain)."""
    if i < 0:
        return None
    text = ctx.sentences[i].clean
    first = _lead_company(text, ctx.comps_of(i))
    if first is not None:
        return first
    if depth < R["topic_chain"] and _ELIDED.match(text, 0):
        return _sentence_topic(ctx, i - 1, depth + 1)
    return None


CoInvestment = tuple[list[Mention], Mention | None, bool]  # the investors, what they invest in, together or not


@dataclass
class SentenceView:
    """What the relation rules of one sentence share: its mentions, split by kind."""

    i: int
    text: str
    comps: list[Mention]  # companies (and anaphors), in order
    insts: list[Mention]
    closed: list[Mention]  # every closed-class mention, names' insides included
    counties: list[Mention]  # closed-class mentions outside organisation names
    industries: list[Mention]
    programs: list[Mention]
    company_refs: list[NodeRef]
    structured: list[Mention] = field(default_factory=list)  # structure-list items (classes.structure_items): only
    # _structure_lists reads them, so no other rule gives them to a county or a company
    topic: Mention | None = None  # the company opening the sentence before (a subject a subjectless sentence continues)
    project_owner: Mention | None = None  # 该项目…: the company whose project a recent sentence names
    next_speaker: Mention | None = None  # a quote's speaker named in the next sentence (“…。”X负责人说。)
    elided: list[tuple[NodeRef, Mention]] | None = field(default=None, init=False, repr=False)  # _elided_products' cache;
    # init=False: a replace()d view (other comps, topic or counties) starts with an empty cache
    co_invested: list[CoInvestment] | None = field(default=None, init=False, repr=False)  # _co_investments' cache
    # (PARTNERS_WITH and INVESTS_IN both read it)


def sentence_view(ctx: ArticleContext, i: int) -> SentenceView:
    text = ctx.sentences[i].clean
    comps = list(ctx.comps_of(i))
    insts = [m for m in ctx.institutions if m.sent == i]
    closed = ctx.closed[i]
    spans = [(m.start, m.end) for m in comps + insts]
    outside = [c for c in closed if not any(a <= c.start and c.end <= b for a, b in spans)]
    return SentenceView(
        i, text, comps, insts, closed,
        counties=[c for c in outside if c.ref.label == "County"],
        industries=[c for c in outside if c.ref.label == "Industry" and c.rule != "structure"],
        programs=[c for c in outside if c.ref.label == "Program"],
        company_refs=list(dict.fromkeys(m.ref for m in comps)),
        structured=[c for c in outside if c.ref.label == "Industry" and c.rule == "structure"],
        topic=_sentence_topic(ctx, i - 1) if i > 0 else None,
        project_owner=_project_owner(ctx, i) if not comps else None,
        next_speaker=_next_speaker(ctx, i),
    )


def _next_speaker(ctx: ArticleContext, i: int) -> Mention | None:
    """Sentence ``i`` ends a quote and the next sentence opens with a company that speaks (…。”X负责人说。)."""
    if i + 1 >= len(ctx.sentences) or ctx.sentences[i].clean.rstrip()[-1:] not in QUOTE:
        return None
    first = _sentence_topic(ctx, i + 1)
    return first if first is not None and _SPEECH.match(ctx.sentences[i + 1].clean, first.end) else None


def _project_owner(ctx: ArticleContext, i: int, depth: int = 0) -> Mention | None:
    """该项目既是国家“X基地”项目: for a sentence opening with its project, the company named with 项目 in the
    nearest of the sentences before it (project_lookback): the last such company there; a sentence between
    that names no company and opens with the project too (项目总投资…;…。项目投产后…) carries its owner on."""
    if not _project_opening(ctx.sentences[i].clean):
        return None
    for j in range(i - 1, max(-1, i - 1 - R["project_lookback"]), -1):
        before = ctx.sentences[j].clean
        owners = [m for m in ctx.comps_of(j) if "项目" in before[m.end:_clause_of(before, m.end)[1]]]
        if owners:
            return owners[-1]
        if depth < R["topic_chain"] and not ctx.comps_of(j) and _project_opening(before):
            return _project_owner(ctx, j, depth + 1)
    return None


def _place_subject(text: str, k: Mention) -> bool:
    """The county opens its clause (…项目,是茌平区积极推进…): the clause is the place's, not a company's
    (X作为天台首家上市公司: a modifier)."""
    return text[_clause_of(text, k.start)[0]:k.start] in R["place_subject_openers"]


def _is_designation(ctx: ArticleContext, p: Mention) -> bool:
    return ctx.program(p.ref)[0] == "designation"


HOLDABLE = ("designation", "platform")  # what a company can hold (a platform: 省级企业技术中心)


def rule_in_industry(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """IN_INDUSTRY: industry words in the company's name, or the sentence's one company and its industries.
    Besides the name's words, every fact is one of the sentence's industry words (``v.industries``): a sentence
    naming none goes no further (perf26)."""
    _name_industries(ctx, v)
    if v.industries:
        _industry_words_in_industry(ctx, v)
    if v.comps:
        _topic_gathered(ctx, v)


def _industry_words_in_industry(ctx: ArticleContext, v: SentenceView) -> None:
    """IN_INDUSTRY from the sentence's industry words (``rule_in_industry`` past the names' own words)."""
    conf = CONF["IN_INDUSTRY"]
    _project_industries(ctx, v)
    for c in v.industries:  # X、Y等轴承企业: the industry of every listed company
        for ref in _enumeration_of(v, c):
            ctx.add(Relationship("IN_INDUSTRY", ref, c.ref, ctx.evidence(v.i, "enumeration", conf["enumeration"])))
        for m in _apposed_list(v, c):  # 农产品加工企业X、Y: the industry of every company of the apposed list
            ctx.add(Relationship("IN_INDUSTRY", m.ref, c.ref, ctx.evidence(v.i, "apposition", conf["enumeration"])))
    for ref, c in _respective(v):  # X、Y等企业分别聚焦A、B领域: item by item
        ctx.add(Relationship("IN_INDUSTRY", ref, c.ref, ctx.evidence(v.i, "respective", conf["enumeration"])))
    if len(v.company_refs) > 1:  # X主要生产Y;而Z重点发展W: each clause subject and the industries it goes on to name
        for m, c in _segment_subjects(v) + _product_subjects(v):
            if _FUTURE_OF_ONE.search(v.text, m.end, c.start) or _sector_of_region(ctx, c):
                continue  # X主要生产Y,将新建Z生产线: what the subject is to make, not its business now; a sector
            ctx.add(Relationship("IN_INDUSTRY", m.ref, c.ref, ctx.evidence(v.i, "segment_subject", conf["segment_subject"])))
    _leader_industries(ctx, v)
    _list_industries(ctx, v)
    if len(v.company_refs) == 1:
        for c in _industries_of_one(v):
            if _sector_of_region(ctx, c):
                continue  # X…推动中医药产业发展: the city's sector, a category above X's line
            ctx.add(Relationship("IN_INDUSTRY", v.company_refs[0], c.ref,
                                 ctx.evidence(v.i, "same_sentence", conf["same_sentence"])))
    for ref, c in _elided_products(v):  # X是Y的子公司,主要从事Z生产: the subject the clauses share
        ctx.add(Relationship("IN_INDUSTRY", ref, c.ref, ctx.evidence(v.i, "elided_subject", conf["elided_subject"])))
    _project_capacity(ctx, v)
    if not v.comps and v.topic is not None and ELIDED_PRODUCT.match(v.text):
        for c in _continued_products(v):  # X成立于2005年。主要从事Y、Z的研发和生产。: X's products
            if _FUTURE_OF_ONE.search(v.text, 0, c.start):
                continue  # …。下一步将拓展Y业务: a plan of the subject
            ctx.add(Relationship("IN_INDUSTRY", v.topic.ref, c.ref,
                                 ctx.evidence(v.i, "continued_subject", conf["same_sentence"])))


def _leader_industries(ctx: ArticleContext, v: SentenceView) -> None:
    """化工新材料产业集群…在龙头企业X、Y等龙头企业带动下: the cluster's industry, of each leader."""
    topic, leaders = _leaders(v)
    for ref in leaders:
        ctx.add(Relationship("IN_INDUSTRY", ref, topic, ctx.evidence(v.i, "leaders", CONF["IN_INDUSTRY"]["leaders"])))


def _topic_gathered(ctx: ArticleContext, v: SentenceView) -> None:
    """A clause that only names a trade (肉羊养殖方面,; a heading sentence 节庆礼品产业集群。) and the clause right
    after it opening with a gathering verb and a company (已引进X; 建成了X、Y、Z): the companies it gathers are in the
    trade (``topic_clause``; trade28). The clause structure bounds both ends: no company before the trade, nothing
    but the trade in its clause, the verb opening the next clause right before the first company."""
    for k, m in enumerate(v.comps):
        a, b = _clause_of(v.text, m.start)
        if k and v.comps[k - 1].start >= a:
            continue  # the first company of its clause
        verb = _CLAUSE_GATHERED.search(v.text, a, m.start)
        examples = verb is None and a > 0 and _EXAMPLES.fullmatch(v.text, a, m.start) is not None
        if not examples and (verb is None or verb.start() - a > _TOPIC_CLAUSE["lead"]):
            continue
        if a:
            topic = _trade_clause(v.text[:a], v.industries, opens=examples)
        else:
            prev = ctx.sentences[v.i - 1].clean if v.i else ""
            topic = _trade_clause(prev, [c for c in ctx.closed[v.i - 1] if c.ref.label == "Industry"]) if (
                prev and not ctx.comps_of(v.i - 1)) else None
        if topic is None:
            return
        conf = CONF["IN_INDUSTRY"]["leaders"]
        for x in _chain_after(v, v.comps, m.start, b):
            ctx.add(Relationship("IN_INDUSTRY", x.ref, topic, ctx.evidence(v.i, "topic_gathered", conf)))
        return


def _trade_clause(text: str, industries: list[Mention], opens: bool = False) -> NodeRef | None:
    """The trade of the last clause of ``text`` when that clause only names it (``topic_clause``: a short prefix,
    one industry word, its head, the clause's end) or, with ``opens``, when it opens the clause (玩具行业无疑占大头),
    else None."""
    a, _ = _clause_of(text, len(text) - 1)
    inside = [c for c in industries if a <= c.start and c.end <= len(text)]
    if not inside or inside[0].start - a > _TOPIC_CLAUSE["prefix"]:
        return None
    if opens:
        return inside[0].ref if _TOPIC_OPENS.match(text, inside[0].end) else None
    return inside[0].ref if len(inside) == 1 and _TOPIC_HEAD.match(text, inside[0].end) else None


def _list_industries(ctx: ArticleContext, v: SentenceView) -> None:
    """A、B等企业主要生产Y; A、B均为Y企业: the industries of the clause a list of companies is the subject of."""
    for ref, c in _list_subjects(v):
        ctx.add(Relationship("IN_INDUSTRY", ref, c.ref, ctx.evidence(v.i, "list_subject",
                                                                     CONF["IN_INDUSTRY"]["enumeration"])))


def _sector_of_region(ctx: ArticleContext, c: Mention) -> bool:
    """The industry is a category of the region pack's industry system (a taxonomy node other industries are
    PART_OF: 中医药 over 阿胶, 装备制造, 农副产品加工) named as such, not as a product verb's object: the city's
    sector, which the gold gives to no company from a sentence that only names the company with it (the company's
    own line is the product below it)."""
    if c.rule == "product":
        return False  # X的主营产品是高端轴承: a product verb's object is the company's line whatever its rank
    if ctx.sector_parents is None:
        ctx.sector_parents = frozenset(entity_uid(i.part_of) for i in ctx.region.industries.values() if i.part_of)
    return c.ref.uid in ctx.sector_parents


def _verb_led(text: str, a: int) -> bool:
    """The clause starting at ``a`` opens with its verb, its subject elided: adverbs or a preposition (``_ELIDED``:
    主要从事…, 主要以生产…为主), or a verb, adverb or preposition right away (开发了A、B3个大类)."""
    if _ELIDED.match(text, a):
        return True
    toks = lcut(text[a:a + 8])
    return bool(toks) and _tag_table().get(toks[0]) in ("v", "p", "d", "ad")  # 经过一年建设,…: an adjunct


def _elided_products(v: SentenceView) -> list[tuple[NodeRef, Mention]]:
    """A product read in a scope clause (mention rule ``product``: 主要从事Y, 以生产Y为主, 开发了A、B3个大类)
    whose subject is elided — the clause names no company before it and opens with its verb — is the product of
    the company opening the nearest earlier clause of its segment, every clause between it elided too (the clauses
    share their topic: X是Y的全资子公司,主要从事Z生产; 公司利用…优势,开发了A、B3个大类); in a sentence naming
    no company whose clauses are all elided, of the sentence before's subject (…。主要生产A,同时从事B业务). Only
    where the product's clause opens with its product verb or frame (主要从事Y, 以生产Y为主, 开发了A、B3个大类: a
    count of categories); the clauses between may open with any verb. Not a speaker's company (X负责人介绍,…),
    nor a product the subject is only to make (a plan or future cue), nor its uses."""
    if v.elided is None:
        v.elided = _find_elided_products(v)
    return v.elided


def _described(text: str, a: int, e: int, c: Mention) -> bool:
    """The industry ``c`` is the trade a copula clause (``a``–``e``: 是一家…的Y企业, 是国内最大的Y生产厂家之一)
    gives its elided subject: the clause opens with the copula and ends with a company head, and ``c`` is a
    product of its maker frame or the word right before that head (descriptor_clause)."""
    if not _DESCRIPTOR_OPEN.match(text, a):
        return False
    head = _DESCRIPTOR_HEAD.search(text, c.end, e)
    if head is None or c.rule == "company_head" and not _DESCRIPTOR_MAKER.search(text, c.end, e):
        return False  # 是当地的老牌企业之一: an open word before a bare head may be a quality, not a trade
    return c.rule == "product" or bool(_DESCRIPTOR_GAP.fullmatch(text, c.end, head.start()))


def _find_elided_products(v: SentenceView) -> list[tuple[NodeRef, Mention]]:
    out: list[tuple[NodeRef, Mention]] = []
    breaks = R["segment_breaks"]
    for c in v.industries:
        a, e = _clause_of(v.text, c.start)
        described = a > 0 and _described(v.text, a, e, c)
        if c.rule != "product" and not described:
            continue
        if a == 0 or any(a <= m.start < c.start for m in v.comps) or not _verb_led(v.text, a):
            continue
        if not (described or _ELIDED.match(v.text, a) or ELIDED_PRODUCT.match(v.text, a)
                or COUNTED_PRODUCTS.search(v.text, a, e)):
            continue  # the clause opens with its product verb or frame (主要从事Y; 开发了A、B3个大类) or describes
        subject: NodeRef | None = None
        b = a
        while b > 0 and v.text[b - 1] not in breaks:
            b, _ = _clause_of(v.text, b - 1)
            own = _opening(v, b)
            if own is not None:
                subject = None if _SPEAKER.match(v.text, own.end) else own.ref
                break
            inside = [m for m in v.comps if b <= m.start < a]
            if len(inside) == 1 and _clause_of(v.text, inside[0].start)[1] == inside[0].end and not any(
                    b <= k.start < a for k in v.counties):
                subject = inside[0].ref  # 引进了X,主要生产Y: the one company closing the clause before (a pivot)
                break
            if any(b <= m.start < a for m in v.comps) or any(b <= k.start < a for k in v.counties) or not _verb_led(
                    v.text, b):
                break  # a clause with a subject of its own (a company inside it, a place, a noun)
        else:
            if b == 0 and not v.comps and v.topic is not None and _verb_led(v.text, 0):
                subject = v.topic.ref
        if subject is None:
            continue
        if _FUTURE_OF_ONE.search(v.text, b, c.start) or _USE.search(v.text, a, c.start) or _PLANNED.search(
                v.text, a, c.start) or _GROUP.search(v.text, a, c.start):
            continue
        out.append((subject, c))
    return out


def _project_industries(ctx: ArticleContext, v: SentenceView) -> None:
    """X<products>项目: the products of a project said of one company (``Mention.owner``), not of a planned project
    (拟/计划 in its clause) nor of a client whose project was won (中标了X的…项目)."""
    for c in v.industries:
        if (c.owner is not None and not _PLANNED.search(v.text, _clause_of(v.text, c.start)[0], c.start)
                and not _won_client(v, c.owner)):
            ctx.add(Relationship("IN_INDUSTRY", c.owner, c.ref,
                                 ctx.evidence(v.i, "project", CONF["IN_INDUSTRY"]["project"])))


def _project_capacity(ctx: ArticleContext, v: SentenceView) -> None:
    """…X的项目…。项目投产后,可年产Y5万套: in a sentence naming no company that opens with its project, the
    product right after an output cue is a product of the project's company (``SentenceView.project_owner``); in
    one that does not open with it, of the company the sentence right before names with 项目 (capacity18). Not
    after a plan cue in the product's clause."""
    if v.comps:
        return
    owner = v.project_owner
    if owner is None and v.i > 0:  # …X的Y项目…。先期启动…,年产Z 1万辆: the sentence right before names the project
        before = ctx.sentences[v.i - 1].clean
        owners = [m for m in ctx.comps_of(v.i - 1) if "项目" in before[m.end:_clause_of(before, m.end)[1]]]
        owner = owners[-1] if owners else None
    if owner is None:
        return
    for c in v.industries:
        if _CAPACITY_BEFORE.search(v.text, max(0, c.start - R["capacity_window"]), c.start) and not _PLANNED.search(
                v.text, _clause_of(v.text, c.start)[0], c.start):
            ctx.add(Relationship("IN_INDUSTRY", owner.ref, c.ref,
                                 ctx.evidence(v.i, "project_capacity", CONF["IN_INDUSTRY"]["project"])))


def _name_industries(ctx: ArticleContext, v: SentenceView) -> None:
    """A name's industry word counts where the article also names that industry outside names
    (X轴承有限公司…。临清市轴承产业…), not where only names hold it; named there only once, it waits for
    ``_rare_name_industries``."""
    for m in v.comps:
        for c in v.closed:
            if (c.ref.label == "Industry" and m.start <= c.start and c.end <= m.end
                    and c.ref in ctx.named_industries and v.text[c.start:c.end] not in _NAME_BROAD):
                rule = "name_industry"
                if any(v.text[c.start:c.end] in g.name for g in ctx.groups if g.uid != m.ref.uid):
                    rule = "name_shared"  # X纺织有限公司…Y纺织集团: a word other names of the article hold too
                rel = Relationship("IN_INDUSTRY", m.ref, c.ref, ctx.evidence(v.i, rule, CONF["IN_INDUSTRY"][rule]))
                if ctx.industry_mentions[c.ref] >= R["name_industry_min_mentions"] or _subject_names(v, m, c.ref):
                    ctx.add(rel)
                else:
                    ctx.name_pending.append(rel)


def _subject_names(v: SentenceView, m: Mention, ref: NodeRef) -> bool:
    """The company opens the sentence (its subject) and the sentence names the industry of its name outside names
    (X医疗器械有限公司的产品销往全国,带动当地医疗器械产业发展): the sentence says it of the company."""
    return v.text[:m.start] in _OPENERS and any(x.ref == ref for x in v.industries)


def _rare_name_industries(ctx: ArticleContext) -> None:
    """A name's industry word the text names outside names only once (X电子…。…的食品产业集团) counts only when a
    sentence rule tied that industry to some company of the article (X电缆股份有限公司电缆生产项目 → 电缆): a
    passing mention says nothing of the other names that hold the word."""
    tied = {r.end for r in ctx.rels.values() if r.type == "IN_INDUSTRY"}
    for rel in ctx.name_pending:
        if rel.end in tied:
            ctx.add(rel)


def _continued_products(v: SentenceView) -> list[Mention]:
    """The industries of a subjectless sentence opening with a product verb, up to its first segment break,
    not those of a place's or a group's clause, nor the uses of its products."""
    end = min([j for j in (v.text.find(ch) for ch in R["segment_breaks"]) if j >= 0] + [len(v.text)])
    out: list[Mention] = []
    for c in v.industries:
        a, b = _clause_of(v.text, c.start)
        if c.end > end or _GROUP.search(v.text, a, b) or any(a <= k.start < c.start for k in v.counties):
            continue
        if _USE.search(v.text, a, c.start) or _PLANNED.search(v.text, a, c.start):
            continue
        out.append(c)
    return out


def _won_client(v: SentenceView, owner: NodeRef) -> bool:
    """The company is named after a verb of winning work in its clause (又中标了X、Y等风电项目): the client whose
    project was won, not the maker of its products."""
    return any(m.ref == owner and _WON.search(v.text, _clause_of(v.text, m.start)[0], m.start) for m in v.comps)


def _industries_of_one(v: SentenceView) -> list[Mention]:
    """In a sentence naming one company: the industries said of it (its clause, or any when it opens the
    sentence), not those of a group, a speaker's words, another's project or a place's clause, nor what it is
    only to do (a future or plan cue from its clause on), nor anything when it is the object of a basis frame
    (K以X为依托,…) or of a verb of winning work (中标了X的…项目)."""
    m = v.comps[0]
    if _BASIS_BEFORE.search(v.text, 0, m.start) and _BASIS_AFTER.match(v.text, m.end):
        return []  # 丙县以X为依托,围绕其生产的Y,发展Z: the place's plan around the company
    if _won_client(v, m.ref):
        return []  # 又中标了X等风电项目: the client's project
    subject = _clause_of(v.text, m.start)[0] == 0
    out: list[Mention] = []
    for c in v.industries:
        own = _described_by_anaphor(v, m, c)  # 这家即将投产的Y企业: no plan for Y
        if not own and _FUTURE_OF_ONE.search(v.text, _clause_of(v.text, m.start)[0], c.start):
            continue  # X计划…建设Y基地,推进Z平台建设: what the company is to do, not its business now
        a, b = _clause_of(v.text, c.start)
        if _GROUP.search(v.text, a, b) and not a <= m.start < b or _new_group(v.text, m.end, c.start):
            continue  # 20余家企业涉及X、Y等领域: the fields of a group, not of this company
        if _SPEAKER.match(v.text, m.end):
            continue  # X会长Y说,…: the speaker's company, not the subject of what is said
        if c.end <= m.start and not own and not _APPOSED_INDUSTRY.fullmatch(v.text, c.end, m.start):
            continue  # 考察了A刀具项目及X公司…: an industry named before the company is another's
        if not a <= m.start < b and any(a <= k.start < c.start or m.end <= k.start < a and _place_subject(v.text, k)
                                        for k in v.counties):
            continue  # X公司…,临清市的轴承产业…; X项目,是茌平区…,延伸Y产业链条: a place's clause, not the company's
        if _USE.search(v.text, a, c.start) or _PLANNED.search(v.text, max(a, m.end), c.start):
            continue  # 产品广泛应用于石油、电力等领域: the uses of its products, not its industry
        if _others_industry(v, m, c) or _possessed_head(v, m, c):
            continue  # X为光伏企业提供配套设备; X参观了冠县的轴承企业; A是X的重要配件生产企业: other companies'
        if _place_qualified(v, c):
            continue  # 介绍了我县种植产业发展前景: the place's industry, not the company's
        if _PLACE_INDUSTRY_LIST.match(v.text, c.end) or _BROAD_SECTOR.fullmatch(v.text, c.start, c.end):
            continue  # X负责人谈化工、建材等支柱产业: a place's pillar industries; 先进制造业: a sector
        if _others_project(v, m, c) or _park_field(v, m, c):
            continue  # X的A项目、年产N吨B项目: another owner's project; X参观了Y冷链产业园: the park's field
        if subject or a <= m.start < b or _pivot_subject(v, m, a):
            out.append(c)
    return out


def _pivot_subject(v: SentenceView, m: Mention, a: int) -> bool:
    """The company closes its clause (县里引进了X; 园区内的X) and the later clause starting at ``a`` opens with a
    product verb (…,主要生产Y), every clause between them opening with its verb: the company is the subject they
    share (the object of one clause, the subject of the next)."""
    _, me = _clause_of(v.text, m.start)
    if me != m.end or a <= me or not ELIDED_PRODUCT.match(v.text, a):
        return False
    b = a
    while True:
        b, _ = _clause_of(v.text, b - 1)
        if b <= m.start:
            return True
        if not _verb_led(v.text, b):
            return False


def _park_field(v: SentenceView, m: Mention, c: Mention) -> bool:
    """The industry heads the name of a park or zone (``park_industry_after``: X参观了Y冷链产业园, X风电产业园): the
    park's field — not where the company owns the park (X的Y产业园, X投资建设的Y产业园: 的 between them in one clause)."""
    return bool(_PARK_AFTER.match(v.text, c.end)) and not (
        m.end <= c.start and "的" in v.text[m.end:c.start] and not _CLAUSE.search(v.text, m.end, c.start))


def _others_project(v: SentenceView, m: Mention, c: Mention) -> bool:
    """The company names its project after it (X…Y项目) and the industry stands after that project's end, in a
    later list item that names a project of its own (X的A项目,年产N吨B项目; X…A项目、C的B项目): the later
    project is another owner's, whom the reader may not know as a company."""
    if c.start < m.end:
        return False
    own = v.text.find("项目", m.end, c.start)
    if own < 0 or not any(ch in "、,;及和与" for ch in v.text[own + 2:c.start]):
        return False
    nxt = v.text.find("项目", c.end)
    return nxt >= 0 and not _CLAUSE.search(v.text, c.end, nxt)


def _described_by_anaphor(v: SentenceView, m: Mention, c: Mention) -> bool:
    """The company is the head of a 这家 anaphor (coreference.json descriptor_anaphora) and the industry stands
    in its description, in apposition to the head (这家即将投产的Y企业, 这家致力于Y生产的企业): the company's own."""
    return (m.rule == "anaphora" and v.text.startswith(("企业", "公司", "工厂"), m.start) and c.end <= m.start
            and v.text.rfind("这家", 0, c.start) >= 0 and bool(_APPOSED_INDUSTRY.fullmatch(v.text, c.end, m.end)))


def _place_qualified(v: SentenceView, c: Mention) -> bool:
    """A place word stands right before the industry word (我县种植产业, 本地的X产业) and no rank or company head
    follows it (X是全市轴承行业龙头企业 ranks the company in the place's industry: the company's)."""
    return bool(_PLACE_QUALIFIER.search(v.text, max(0, c.start - 4), c.start)) and not _RANK_AFTER.match(
        v.text, c.end)


def _others_industry(v: SentenceView, m: Mention, c: Mention) -> bool:
    """After the company in its clause, <industry>企业 of other companies: customers (为/向/给光伏企业提供…), or a
    county's companies with no copula making the company one of them (X参观了冠县的轴承企业; not X是冠县的轴承企业)."""
    if m.end > c.start or _CLAUSE.search(v.text, m.end, c.start):
        return False
    if _BENEFICIARY_BEFORE.search(v.text, m.end, c.start) and _BENEFICIARY.match(v.text, c.end):
        return True
    county = [k for k in v.counties if m.end <= k.start and k.end <= c.start and v.text[k.end:c.start] in ("", "的")]
    return bool(county and _COMPANY_HEAD.match(v.text, c.end) and not _COPULA.search(v.text, m.end, county[0].start))


def _possessed_head(v: SentenceView, m: Mention, c: Mention) -> bool:
    """The company is the possessor (X的…) of a company head the industry word qualifies, in one clause
    (X的重要配件生产企业, X的轮胎供应商): the industry is of the head's companies, not X's."""
    return (v.text.startswith("的", m.end) and m.end < c.start and not _CLAUSE.search(v.text, m.end, c.start)
            and bool(_POSSESSED_HEAD.match(v.text, c.end)))


def _higher_scope(v: SentenceView, c: Mention, a: int) -> bool:
    """HAS_INDUSTRY: a world scope qualifying the industry in its clause (starting at ``a``): close before it, with
    no 最 or 的 between (全球X产业正加快…; not 全球最大的轴承基地)."""
    for h in _HIGHER_SCOPE.finditer(v.text, a, c.start):
        gap = v.text[h.end():c.start]
        if len(gap) <= R["has_industry_higher_gap"] and not any(ch in gap for ch in "最的"):
            return True
    return False


def _new_group(text: str, start: int, end: int) -> bool:
    """A counted group of companies between ``start`` and ``end``, in a later clause and not owned by the company
    before it (X的成功并非个例,县里已有20余家企业…,覆盖Y、Z: the group is the subject now; not X集团下属10多家
    子公司涉足…, nor X、Y两家轴承企业)."""
    g = _GROUP.search(text, start, end)
    return bool(g and _CLAUSE.search(text, start, g.start()) and not _OWNED_GROUP.search(
        text, max(start, g.start() - R["owned_group_window"]), g.start()))


def _enumeration_of(v: SentenceView, c: Mention) -> list[NodeRef]:
    """The companies of the list an industry word closes (X、Y等轴承企业; 以X、Y为龙头的轴承产业; trade28: a list
    its role frame bounds, ``_framed_list``: 以X与Y为代表的X业, 以X为龙头,Y、Z为重点的X业)."""
    before = [m for m in v.comps if m.end <= c.start]
    tail = _list_tail(v.text, before[-1].end, v.comps) if before else 0
    if not before or not _ENUM_IND_GAP.fullmatch(v.text, tail, c.start) or not _ENUM_IND_HEAD.match(v.text, c.end):
        return []
    if _ROLE_CLOSE.match(v.text, tail):
        return _framed_list(v, before)
    return _enumeration_ending(v.text, before, cross=True)


def _framed_list(v: SentenceView, before: list[Mention]) -> list[NodeRef]:
    """The companies of a list a role frame closes (…为代表的X业; ``role_list_frame``): its items joined by 、 (or
    by 与/和/及 when 以 opens the list: the frame bounds it, 以A与B为代表), and those of a frame right before it
    after a comma (以A为龙头,B、C为重点的X业: A heads the trade B and C carry)."""
    def first(joiners: tuple[str, ...]) -> int:
        j = len(before) - 1
        while j and ((gap := v.text[before[j - 1].end:before[j].start]) in joiners or _LIST_ITEMS.fullmatch(gap)):
            j -= 1
        return j

    j = first(("、",))
    wide = first(("、", *_FRAME["joiners"]))
    if wide < j and v.text.endswith(_FRAME["opener"], 0, before[wide].start):
        j = wide  # 以A与B为代表: 与 joins what 以 and 为 bound
    listed = [m.ref for m in before[j:]]
    if j and _ROLE_PAIRED.fullmatch(v.text, before[j - 1].end, before[j].start):
        listed += _framed_list(v, before[:j])  # 以A为龙头,B、C为重点的…: the frame before, its own list
    return list(dict.fromkeys(listed))


def _respective(v: SentenceView) -> list[tuple[NodeRef, Mention]]:
    """X、Y、Z(等企业)分别<verb>A、B、C: a list of companies and, in the clause after 分别, as many industries:
    the n-th company and the n-th industry."""
    out: list[tuple[NodeRef, Mention]] = []
    for cue in _RESPECTIVE.finditer(v.text):
        before = [m for m in v.comps if m.end <= cue.start()]
        if len(before) < 2 or not _RESPECTIVE_GAP.fullmatch(v.text, before[-1].end, cue.start()):
            continue
        listed = _enumeration_ending(v.text, before)[::-1]
        _, b = _clause_of(v.text, cue.end())
        inds = [c for c in v.industries if cue.end() <= c.start and c.end <= b]
        if len(listed) >= 2 and len(listed) == len(inds):
            out += list(zip(listed, inds, strict=True))
    return out


def _apposed_list(v: SentenceView, c: Mention) -> list[Mention]:
    """The companies an industry and a company head stand before (农产品加工企业X、Y分别与…): the first right
    after the head and the ones listed with it; trade28: counted, then named in brackets (纺织企业8家(X、Y))."""
    after = [m for m in v.comps if m.start >= c.end]
    bracket = _BRACKETED.match(v.text, c.end) if after else None
    if bracket is not None:
        chain = _chain_after(v, v.comps, bracket.end(), len(v.text))
        closed = chain and chain[0].start == bracket.end() and v.text.startswith((")", "）", "等"), chain[-1].end)
        return chain if closed else []
    if not after or not _APPOSED_INDUSTRY.fullmatch(v.text, c.end, after[0].start) or not _APPOSED_HEAD.search(
            v.text, c.end, after[0].start):
        return []
    return _chain_after(v, v.comps, after[0].start, len(v.text))


def _segment_subjects(v: SentenceView) -> list[tuple[Mention, Mention]]:
    """In a sentence naming several companies: a company opening its clause and the first of its segment (up to
    ';') takes the industries named after it up to the next company (products of one subject)."""
    out: list[tuple[Mention, Mention]] = []
    breaks = R["segment_breaks"]
    for k, m in enumerate(v.comps):
        seg = max(v.text.rfind(ch, 0, m.start) for ch in breaks) + 1
        if any(seg <= x.start < m.start for x in v.comps):
            continue
        a, _ = _clause_of(v.text, m.start)
        if v.text[a:m.start] not in _OPENERS:
            continue
        nxt = min([x.start for x in v.comps[k + 1:] if x.ref != m.ref] + [len(v.text)])
        seg_end = min([j for j in (v.text.find(ch, m.end) for ch in breaks) if j >= 0] + [len(v.text)])
        for c in v.industries:
            ca, cb = _clause_of(v.text, c.start)
            if m.end <= c.start and c.end <= min(nxt, seg_end) and not _GROUP.search(v.text, ca, cb):
                out.append((m, c))
    return out


def _list_subjects(v: SentenceView) -> list[tuple[NodeRef, Mention]]:
    """A list of companies opening its clause with one predicate after it (``list_subject_predicate``: A、B等企业
    主要生产Y; A、B均为Y企业; A和B都是…Y行业的龙头企业): the industries of the clause after the predicate, each
    listed company's (``_segment_subjects`` and ``_product_subjects`` stop at the next company: the list's next
    item). Not the uses of their products nor what they are only to make."""
    out: list[tuple[NodeRef, Mention]] = []
    for k, m in enumerate(v.comps):
        a, b = _clause_of(v.text, m.start)
        if v.text[a:m.start] not in _OPENERS or (k and v.comps[k - 1].start >= a):
            continue  # the first company of its clause, opening it
        chain = _chain_after(v, v.comps, m.start, b)
        pred = _LIST_PREDICATE.match(v.text, chain[-1].end) if len(chain) > 1 else None
        if pred is None:
            continue
        for c in v.industries:
            if pred.end() <= c.start and c.end <= b and not (
                    _USE.search(v.text, pred.end(), c.start) or _FUTURE_OF_ONE.search(v.text, pred.end(), c.start)):
                out += [(x.ref, c) for x in chain]
    return out


def _product_subjects(v: SentenceView) -> list[tuple[Mention, Mention]]:
    """A company right before a product verb (其子公司X主要生产Y和Z) makes the industries after it, up to the end
    of its clause or the next company."""
    out: list[tuple[Mention, Mention]] = []
    for k, m in enumerate(v.comps):
        verb = _PRODUCT_AFTER.match(v.text, m.end)
        if verb is None:
            continue
        _, b = _clause_of(v.text, verb.end())
        end = min([x.start for x in v.comps[k + 1:] if x.start >= verb.end()] + [b])
        out += [(m, c) for c in v.industries if verb.end() <= c.start and c.end <= end]
    return out


def _gathered_list(text: str, first: int, end: int) -> bool:
    """A list of companies the sentence's topic gathers: a verb of attracting or forming right before its first
    item (引进了A、B等企业; 形成了A、B等一批支柱企业) or one of settling right after its close (A、B等企业相继落户)."""
    a, _ = _clause_of(text, first)
    return bool(_GATHERED_BEFORE.search(text, a, first) or _GATHERED_AFTER.match(text, end))


def _leaders(v: SentenceView) -> tuple[NodeRef, list[NodeRef]]:
    """The lead companies of a sentence about an industry (X产业…以A、B为龙头; …培育了A、B等龙头企业) and that
    topic industry: the first industry word before the list, named as an industry (X产业, X业方面); with none
    before a 以…为龙头 list, the first named as an industry after it (…为龙头,…X产业集群加速崛起). A list closed
    by a plain company head (等N家企业: ``topic_list_end``) takes the topic before it only when the topic gathers it
    (``_gathered_list``: 光电子产业园引进了A、B等企业), and a park named by its trade right before the list holds it
    (石材工业园区的A、B等企业) (list27)."""
    none: tuple[NodeRef, list[NodeRef]] = (NodeRef("Industry", ""), [])
    for k, m in enumerate(v.comps):
        tail = _list_tail(v.text, m.end, v.comps)
        end = _LEADERS.match(v.text, tail)
        closed = None if end is not None else _TOPIC_LIST_END.match(v.text, tail)
        if end is None and closed is None:
            continue  # a list of companies that no lead word nor a company head (等N家企业) closes
        listed = _enumeration_ending(v.text, v.comps[:k + 1], cross=True)
        first = min(c.start for c in v.comps if c.ref in listed)
        park = [c for c in v.industries if (p := _TRADE_PARK.match(v.text, c.end)) is not None and p.end() == first]
        if park:  # 石材工业园区的A、B等企业: the firms of a park named by its trade
            return park[0].ref, listed
        if closed is not None and not _gathered_list(v.text, first, closed.end()):
            continue  # 依托A、B等企业; 与A、B等企业签约: a list the topic does not gather
        if end is not None and "为" in end.group() and v.text.startswith("的", end.end()):
            # 以A、B为龙头的粮油加工产业集群: the cluster the list heads, right after it, wins over a topic before
            own = [c for c in v.industries if c.start == end.end() + 1 and _TOPIC_FOLLOW.match(v.text, c.end)]
            if own:
                return own[0].ref, listed
        topic = [c for c in v.industries if c.end <= first and _TOPIC_FOLLOW.match(v.text, c.end)]
        if topic and not any(c.start < topic[0].start for c in v.comps):
            return topic[0].ref, listed
        if topic or end is None or "为" not in end.group() or any(c.start < first for c in v.comps):
            continue
        # 以A、B为龙头,…,新能源汽车产业集群加速崛起: the cluster the sentence goes on to build, when no company follows
        after = [c for c in v.industries if c.start >= end.end() and _TOPIC_FOLLOW.match(v.text, c.end)]
        if after and not any(x.start > end.end() for x in v.comps):
            return after[0].ref, listed
    return none


def rule_has_designation(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """HAS_DESIGNATION: a designation and the company before it in its clause (or the sentence's only one);
    a clause without a subject goes on with the sentence's subject; a list announcement's companies."""
    text = v.text
    carried = ctx.honour_holders.get(v.i - 1) if v.i and ctx.sentences[v.i - 1].clean.endswith(";") else None
    held = v.programs + _held_platforms(v)
    if not held:  # no designation of its own (perf26): only a list announcement's
        _list_announcement(ctx, v)
        return
    carried_spans = [(s, e) for _, s, e in sentence_honours(text)] if carried else []
    for p in held:
        kind, default_level = ctx.program(p.ref)
        if kind not in HOLDABLE:
            continue
        a, _ = _clause_of(text, p.start)
        rule = "designation"
        if carried and any(s <= p.start < e for s, e in carried_spans) and not any(m.start < p.start for m in v.comps):
            # 荣获A;省级B;“C”称号。: a sentence wholly of honours goes on with the list before it (desig15)
            if designation_status(text, 0, p.start, p.end) == "held":
                props = _designation_props(text, p, default_level, "held")
                for company in carried:
                    ctx.add(Relationship("HAS_DESIGNATION", company, p.ref, ctx.evidence(
                        v.i, "designation_continued", CONF["HAS_DESIGNATION"]["designation_continued"]), dict(props)))
                ctx.honour_holders[v.i] = carried
            continue
        verb = colon_list_verb(text, p.start) if ":" in text[:p.start] else None
        sv = v
        if verb is not None:  # 被授予:A,B、C: the items are said of the verb's clause; a name inside one is none
            a, colon = _clause_of(text, verb)[0], text.index(":", verb)
            sv = replace(v, comps=[m for m in v.comps if m.start < colon])
        elif not any(a <= m.start < p.start for m in v.comps) and (cont := continued_list_verb(text, p.start)):
            a = _clause_of(text, cont[0])[0]  # 荣获A,省级B: B is said of A's clause (desig15)
            sv = replace(v, comps=[m for m in v.comps if m.start < cont[1]])
            rule = "designation_continued"
        # a bracketed list closed before the designation (…7家(A、B)、国家…小巨人) belongs to the one before it
        names = [(m.start, m.end) for m in v.comps]
        closing = [k for k in range(a, p.start) if text[k] == ")" and not any(x <= k < y for x, y in names)]
        if closing:
            a = closing[-1] + 1
        before = [m for m in sv.comps if a <= m.start < p.start]
        holders = _holders(sv, p, a, before)
        holders = _respective_designations(sv, p, a, before, holders)
        start = min((m.start for m in before), default=a) if holders and before else a
        status = designation_status(text, a if not before else min(a, start), p.start, p.end)
        if status != "held":
            continue  # candidates (拟入选, 公示) and aspirations (争创, 力争, 支持…创建) are not held
        props = _designation_props(text, p, default_level, status)
        for company in holders:
            ctx.add(Relationship("HAS_DESIGNATION", company, p.ref,
                                 ctx.evidence(v.i, rule, CONF["HAS_DESIGNATION"][rule]),
                                 dict(props)))
        if holders:
            ctx.honour_holders[v.i] = holders
    _list_announcement(ctx, v)


def _respective_designations(v: SentenceView, p: Mention, a: int, before: list[Mention],
                             holders: list[NodeRef]) -> list[NodeRef]:
    """X和Y分别被评为A和B: the listed companies before 分别 and as many designations after it pair in order."""
    text = v.text
    cue = _RESPECTIVE.search(text, a, p.start)
    if cue is None or not holders:
        return holders
    chain = [m for m in before if m.end <= cue.start()][-1:]
    for m in reversed([m for m in before if m.end <= cue.start()][:-1]):
        if text[m.end:chain[-1].start] not in _LIST_JOINERS:
            break
        chain.append(m)
    chain.reverse()
    _, b = _clause_of(text, p.start)
    ps = [q for q in v.programs if cue.end() <= q.start < b]
    if len(chain) >= 2 and len(ps) == len(chain) and p in ps:
        return [chain[ps.index(p)].ref]
    return holders


def _designation_props(text: str, p: Mention, default_level: str | None, status: str) -> dict[str, Any]:
    """level (the text's, before the designation, else the program's), year (the sentence's) and status."""
    lvl = _LEVEL.search(text[max(0, p.start - R["level_window"]):p.start])
    level = _LEVELS.get(lvl.group(1), lvl.group(1)) if lvl else default_level
    years = list(_YEAR.finditer(text, 0, p.start))  # 2022年被评为A,2023年又入选B: B's year is 2023
    year = years[-1] if years else _YEAR.search(text)
    return {k: val for k, val in (("level", level), ("year", int(year.group(1)) if year else None),
                                  ("status", status)) if val is not None}


def _held_platforms(v: SentenceView) -> list[Mention]:
    """拥有国家胶类中药工程技术研究中心: a platform named as an institution right after a holding verb is also the
    designation the company holds (the institution's name ends with it)."""
    out: list[Mention] = []
    if not v.insts:
        return out
    for c in v.closed:
        if c.ref.label == "Program" and c not in v.programs and any(
                m.start <= c.start and c.end == m.end and _HELD_BEFORE.search(
                    _COMPLEMENT_END.sub("", v.text[:m.start].rstrip("“「\"'")))
                for m in v.insts):  # 获…授牌“省级工程技术研究中心”: the quote opens after the verb
            out.append(c)
    return out


def _attributive(v: SentenceView, p: Mention) -> list[NodeRef] | None:
    """与世界500强企业X合作: a designation after a joiner (与/和/同/跟) that qualifies the noun after it is said of
    that noun — the company named right after it, or none — not of the clause's subject (None: no such phrase)."""
    text = v.text
    if p.start == 0 or text[p.start - 1] not in R["attributive_joiners"] or p.end >= len(text):
        return None
    after = [m for m in v.comps if m.start == p.end]
    if after:
        return [after[0].ref]
    nxt = text[p.end]
    if "\u4e00" <= nxt <= "\u9fff" and not text.startswith(_DES_TRAILERS, p.end):
        return []
    return None


def _holders(v: SentenceView, p: Mention, a: int, before: list[Mention]) -> list[NodeRef]:
    """The companies a designation at ``p`` (its clause starting at ``a``) is said of."""
    text = v.text
    attributive = _attributive(v, p)
    if attributive is not None:
        return attributive
    holders = _enumeration_ending(text, before) if before else []
    if holders and _possessor(v, p) and not _CONFERS.search(text, a, p.start):
        return []  # 得到了X、Y等“链主”企业的青睐: the list and its kind own a noun; nothing confers the kind
    settles = _SETTLES.match(text, p.end)
    if settles and not holders:  # “省级院士工作站”落户X; 省级企业技术中心在X挂牌: the company named after the cue
        after = [m for m in v.comps if m.start == settles.end()]
        if after:
            return [after[0].ref]
    holders = _bracketed_holders(v, p, holders)
    if holders:
        return holders
    named = _named_after(v, p, a)
    if named:  # 获评省级绿色工厂的X; 新增省级瞪羚企业X、Y: the companies the designation qualifies
        return named
    # 作为…链主企业,X集团…: the clause's subject comes after it
    if text.startswith(R["role_opening"], a) and len(v.company_refs) == 1:
        return [v.company_refs[0]]
    inline = _INLINE_MEMBERS.match(text, p.end)
    members = _listed_from(v, inline.end()) if inline else []
    if members:  # 其中世界500强企业有A、B、C; 市长质量奖包括5家:A、B: the members right after the designation
        return list(dict.fromkeys(m.ref for m in members))
    member = _MEMBERS.match(text, _clause_of(text, p.start)[1] + 1)
    if member:  # 全市共有瞪羚企业36家,其中包括X、Y: the members named in the next clause
        _, end = _clause_of(text, member.end())
        return list(dict.fromkeys(m.ref for m in v.comps if member.end() <= m.start < end))
    apposed = _apposed(v, p.end)
    if apposed:  # 两大世界500强企业——X及Y
        return apposed
    return _continued_holders(v, p, a, before)


def _bracketed_holders(v: SentenceView, p: Mention, holders: list[NodeRef]) -> list[NodeRef]:
    """单项冠军7家(A、B、C): a count and a bracketed list after the designation hold it; with no holder before it,
    a bracketed list right after it (2家省级技术中心(A、B)) too; else the holders found before."""
    listed = _COUNT_LIST.match(v.text, p.end)
    if listed is None and not holders:
        listed = _BRACKETED_HOLDERS.match(v.text, p.end)
    if listed is None:
        return holders
    return list(dict.fromkeys(m.ref for m in v.comps if listed.start(1) <= m.start < listed.end(1)))


def _listed_from(v: SentenceView, pos: int) -> list[Mention]:
    """The company starting right at ``pos`` and the ones listed after it (A、B和C), in text order: ``_chain_after``
    with no gap before the first."""
    chain = _chain_after(v, v.comps, pos, len(v.text))
    return chain if chain and chain[0].start == pos else []


def _continued_holders(v: SentenceView, p: Mention, a: int, before: list[Mention]) -> list[NodeRef]:
    """A designation with no holder of its own in its clause (starting at ``a``): a subjectless clause goes on
    with the sentence's subject, with a company opening an earlier clause, or with the sentence before's."""
    text = v.text
    subject = _sentence_subject(v)
    project = _PROJECT_ANAPHOR.match(text, a) if v.project_owner is not None else None
    if project is not None and subject == v.project_owner:
        a = project.end()  # 该项目既是…: the clause goes on after the project that opens it
    if subject is not None and _CONTINUES.match(text, a) and all(
            m.ref == subject.ref for m in v.comps if m.start < p.start):
        return [subject.ref]  # X拥有…,先后被评为“A”“B”: the clause goes on with the sentence's subject
    earlier = _earlier_clause_subject(v, a, p) if not before and _CONTINUES.match(text, a) else None
    if earlier is not None:  # 其中X持续创新,获得…,被评为“A”: the clause goes on with the clause X opened
        return [earlier.ref]
    if subject is None and not v.comps and v.topic is not None and _CONTINUES.match(text, a) and not any(
            c.start < a for c in v.counties + v.insts) and not _OTHER_SUBJECT.search(_masked(text, v.programs), 0, a):
        return [v.topic.ref]  # X…。2004年生产…,实现…,连续三年被评为…: subjectless clauses go on with X
    return []


def _earlier_clause_subject(v: SentenceView, a: int, p: Mention) -> Mention | None:
    """The company opening an earlier clause of the sentence (not only its first: 目前,园区共有6家企业,其中X…,
    被评为…) that a subjectless clause starting at ``a`` goes on with: the clauses between name no other company
    and open with no subject of their own (a place, a government, firms counted), within one segment (up to ';')
    and designation_clause_lookback clauses."""
    text = v.text
    k = a
    for _ in range(R["designation_clause_lookback"]):
        if k == 0 or text[k - 1] in R["segment_breaks"]:
            return None
        k, _ = _clause_of(text, k - 1)
        own = _opening(v, k)
        if own is not None:
            return own if all(m.ref == own.ref for m in v.comps if own.start <= m.start < p.start) else None
        if any(k <= m.start < a for m in v.comps) or _OTHER_SUBJECT.match(text, k) or any(
                c.start == k for c in v.counties + v.insts):
            return None
    return None


def _masked(text: str, spans: list[Mention]) -> str:
    """The text with the spans blanked (a designation's own 企业 is no subject of the sentence)."""
    for m in spans:
        text = text[:m.start] + " " * (m.end - m.start) + text[m.end:]
    return text


def _possessor(v: SentenceView, p: Mention) -> bool:
    """The designation owns the noun after it (…企业的青睐, …企业的带动下), not a company (…的X公司)."""
    k = p.end
    while k < len(v.text) and v.text[k] in "”\"」":
        k += 1
    return v.text.startswith("的", k) and not any(m.start == k + 1 for m in v.comps)


def _named_after(v: SentenceView, p: Mention, a: int) -> list[NodeRef]:
    """The companies a designation qualifies right after it: after 的 when a holding verb opens its phrase (获评
    省级绿色工厂的X公司), or with nothing between (新增省级瞪羚企业X、Y) — a chain of companies joined by 、/和/及."""
    text = v.text
    k = p.end
    while k < len(text) and text[k] in "”\"」":
        k += 1
    for t in sorted(_DES_TRAILERS, key=len, reverse=True):
        if text.startswith(t, k):
            k += len(t)
            break
    if text.startswith("的", k):
        if not STRONG_HELD_ANYWHERE.search(text, a, p.start):
            return []
        k += 1
    out: list[Mention] = []
    for m in v.comps:
        if m.start == k:
            out.append(m)
            k = m.end
            if k < len(text) and text[k] in _LIST_JOINERS:
                k += 1
    return list(dict.fromkeys(m.ref for m in out))


def _apposed(v: SentenceView, pos: int) -> list[NodeRef]:
    """The companies listed right after a dash at ``pos`` (…企业——X、Y及Z)."""
    k = pos
    while k < len(v.text) and v.text[k] in "—-":
        k += 1
    if k == pos:
        return []
    out: list[Mention] = []
    for m in v.comps:
        if m.start == k:
            out.append(m)
            k = m.end
            if k < len(v.text) and v.text[k] in _LIST_JOINERS:
                k += 1
    return list(dict.fromkeys(m.ref for m in out))


def _list_announcement(ctx: ArticleContext, v: SentenceView) -> None:
    """X、Y等50家企业上榜 / 此次上榜的企业分别是X、Y: the listed companies hold the designation the
    sentence (before the list) or the sentences before it name, when the list's own clause names none. Each list is
    of the sentence's companies: a sentence naming none has none (perf26)."""
    if not v.comps:
        return
    text = v.text
    for refs, a, end, counted, (cs, ce) in _announced_lists(v):
        _, b = _clause_of(text, end)
        if any(end <= p.start < b for p in v.programs) or not _list_held(v, a, end, cs, ce):
            continue  # X等9家企业被认定为…: the designation of its own clause (rule above)
        found = _list_designation(ctx, v, a, end, cs, ce)
        if found is None:
            continue
        sent, p = found
        announcing = ctx.sentences[sent].clean
        held = [q for q in [p] + [q for q in ctx.closed[sent] if q.ref == p.ref and q is not p]
                if designation_status(announcing, _clause_of(announcing, q.start)[0], q.start, q.end) == "held"
                and (not counted or _COUNTED_GROUP.search(announcing, *_clause_of(announcing, q.start)))]
        if not held:
            continue  # 公示了…名单,X、Y入选: the list names candidates (…公示名单发布,…N家企业被认定为D: held)
        p = held[0]
        kind, default_level = ctx.program(p.ref)
        props = _designation_props(ctx.sentences[sent].clean, p, default_level, "held")
        for ref in refs:
            ctx.add(Relationship("HAS_DESIGNATION", ref, p.ref,
                                 ctx.evidence(v.i, "designation_list", CONF["HAS_DESIGNATION"]["designation_list"]),
                                 props))


def _announced_lists(v: SentenceView) -> list[tuple[list[NodeRef], int, int, bool, tuple[int, int]]]:
    """The enumerations of a sentence a list cue marks as holders: (companies, clause start, end, counted back
    reference, the before-cue's span or (0, 0) for a list closed by its verb)."""
    text = v.text
    lists: list[tuple[list[NodeRef], int, int, bool, tuple[int, int]]] = []
    for k, m in enumerate(v.comps):
        after = _LIST_AFTER.match(text, m.end)
        if after:
            lists.append((_enumeration_ending(text, v.comps[:k + 1]), _clause_of(text, m.start)[0], after.end(),
                          False, (0, 0)))
    for cue in _LIST_BEFORE.finditer(text):
        # the first item may have taken the cue's last verb into its name (…企业有|X公司 read as 有X公司)
        chain = [m for m in v.comps if m.start == cue.end() or (m.start == cue.end() - 1 and m.end > cue.end()
                                                               and cue.group().endswith(_CUE_VERBS))][:1]
        for m in v.comps:  # the enumeration goes on past an item not read as a company (X、Y(unread)、Z)
            if chain and m.start > chain[-1].end and (text[chain[-1].end:m.start] in _LIST_JOINERS or (
                    _ENUM_GAP.fullmatch(text, chain[-1].end, m.start))):
                chain.append(m)
        if chain:
            lists.append((list(dict.fromkeys(m.ref for m in chain)), _clause_of(text, cue.start())[0], chain[-1].end,
                          _COUNTED_BACKREF.match(cue.group()) is not None, cue.span()))
    return lists


def _list_held(v: SentenceView, a: int, end: int, cs: int, ce: int) -> bool:
    """The list's own clause holds (no candidate or aim). A before-cue (…名单其中入选的企业有X、Y) is judged by its
    clause up to its verb, without the designations named there (the announced list's are judged on their own):
    not by the listed names, nor by the name after the verb (入选培育…企业有: the list's name, no aim)."""
    text = v.text
    verb = STRONG_HELD_ANYWHERE.match(text, cs) if ce else None
    at = verb.end() if verb else ce if ce else end
    judged = text
    if ce:
        for p in v.programs:
            if a <= p.start and p.end <= cs:
                judged = judged[:p.start] + " " * (p.end - p.start) + judged[p.end:]
    return designation_status(judged, a, at, at) == "held"


def _list_designation(ctx: ArticleContext, v: SentenceView, a: int, end: int, cs: int,
                      ce: int) -> tuple[int, Mention] | None:
    """The designation a list holds: the announced one (for a before-cue, one before the cue in its own clause
    too: …名单其中入选的企业有X、Y), or the cue's own (获评D的企业有X、Y) unless it only repeats the announced one
    (…D名单,其中入选D的企业有)."""
    inside = [p for p in v.programs if cs <= p.start and p.end <= ce and ctx.program(p.ref)[0] in HOLDABLE]
    found = _announced(ctx, v, cs if ce else min(a, end))
    if inside and (found is None or v.text[inside[0].start:inside[0].end]
                   not in ctx.sentences[found[0]].clean[found[1].start:found[1].end]):
        return v.i, inside[0]
    return found


def _announced(ctx: ArticleContext, v: SentenceView, pos: int) -> tuple[int, Mention] | None:
    """The designation a list announces: the first holdable one before ``pos`` in the sentence, else the one the
    sentences before it name most often (the nearest first on a tie)."""
    own = [p for p in v.programs if p.end <= pos and ctx.program(p.ref)[0] in HOLDABLE]
    if own:
        return v.i, own[0]
    seen: list[tuple[int, Mention]] = []
    for j in range(v.i - 1, max(-1, v.i - 1 - R["designation_lookback"]), -1):
        seen += [(j, m) for m in ctx.closed[j] if m.ref.label == "Program" and ctx.program(m.ref)[0] in HOLDABLE]
    if not seen:
        return None
    counts = Counter(m.ref for _, m in seen)
    return max(seen, key=lambda jm: counts[jm[1].ref])


def _county_refs(v: SentenceView, home: tuple[NodeRef, int] | None) -> tuple[list[NodeRef], str]:
    """The counties a sentence naming no company speaks of: its own, else the article's."""
    refs = list(dict.fromkeys(c.ref for c in v.counties))
    if not refs and home is not None:
        return [home[0]], "article_county"
    return refs, "same_sentence"


def rule_runs(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """RUNS: a sentence naming no company — its counties (or the article's; its own when the sentence opens with
    该县/该市/该区) run its non-designation programs; a sentence naming companies — a county named before a
    program with no company between them runs it (茌平区坚持…,深入实施大项目带动战略,加快X公司…项目建设)."""
    if not v.programs:
        return  # every fact is one of the sentence's programs: a sentence naming none has none (perf26)
    towns = [c for c in v.counties if c.surface.endswith(_LOWER_PLACES)]
    if towns:  # 乐平铺镇…实行“X”机制: a town (read as its county) runs its own programs, not the county
        v = replace(v, counties=[c for c in v.counties if c not in towns])
        if not v.counties:
            return
    runnable = [p for p in v.programs if ctx.program(p.ref)[0] in _RUNS_KINDS and _runs_by_county(v, p)]
    modifiers = [c for c in v.counties if _COUNTY_MODIFIES.match(v.text, c.end)]
    if modifiers:  # 冠县企业积极实施技术改造工程: the county's firms run it, not the county
        runnable = [p for p in runnable if not any(
            _clause_of(v.text, p.start)[0] <= c.start < p.start for c in modifiers)]
    if v.comps:
        for p in runnable:
            before = [c for c in v.counties if c.end <= p.start]
            if before and not any(before[-1].end <= m.start < p.start for m in v.comps):
                ctx.add(Relationship("RUNS", before[-1].ref, p.ref,
                                     ctx.evidence(v.i, "same_sentence", CONF["RUNS"]["same_sentence"])))
        return
    refs, rule = _county_refs(v, home)
    if rule == "article_county" and _names_home(v.text, refs[0]):
        rule = "same_sentence"  # 该县…实行“一单通办理制”: the sentence names the article's county by its kind
    elif rule == "article_county":  # 该镇按照…,实行“X”机制: a town's or a village's program, not the county's
        runnable = [p for p in runnable if not _LOWER_SUBJECT.search(v.text, 0, p.start)]
    for county in refs:
        for p in runnable:
            if rule == "same_sentence" and not _runs_subject(v, county, p):
                continue  # 郑家镇推行一企一策,冠县企业受益: the county of another clause does not run it
            if not (rule == "article_county" and p.ref in ctx.class_nodes
                    and not _LABELLED.match(v.text, p.start, p.end) and not _headed_label(v, p)):
                ctx.add(Relationship("RUNS", county, p.ref, ctx.evidence(v.i, rule, CONF["RUNS"][rule])))


def _headed_label(v: SentenceView, p: Mention) -> bool:
    """实施“X提升工程”, 推进“X”振兴工程: an open program quoting its label and ending in a policy head (prog17's v2);
    实施“X”等政策: a quoted item of a list closed by 等 + a policy head."""
    span = v.text[p.start:p.end]
    if p.rule == "policy_listed":  # 实施“A”等政策: a quoted item of a list that 等 + a policy head names
        return span[:1] in QUOTE
    return any(ch in QUOTE for ch in span) and span.rstrip("".join(QUOTE)).endswith(_POLICY_HEADS)


def _runs_subject(v: SentenceView, county: NodeRef, p: Mention) -> bool:
    """The county can be the subject of the program's clause: named before the program (冠县坚持…,深入实施X战略;
    该局…编制《东昌府区…清单》,实行…机制; the ones opening their clause when some do) or in its clause — not
    only in a later clause (郑家镇推行X,冠县企业受益)
    — or the sentence names the county only by its kind (该县…); a county named right before the program
    (冠县链长制) is the only one that runs it."""
    owner = [k for k in v.counties if k.end <= p.start and v.text[k.end:p.start] in ("", "的")]
    if owner:  # 东阿县借鉴冠县链长制经验: the county named right before the program is the one that runs it
        return owner[0].ref == county
    ms = [k for k in v.counties if k.ref == county]
    if not ms:
        return True
    a, b = _clause_of(v.text, p.start)
    before = [k for k in v.counties if k.start < p.start]
    subjects = [k for k in before if _place_subject(v.text, k)] or before  # 东阿县借鉴冠县…经验,推行X: 东阿县
    return any(k in subjects or a <= k.start < b for k in ms)


def _names_home(text: str, county: NodeRef) -> bool:
    """The sentence opens with 该县/该市/我区… whose kind word ends the article county's kind (该县 for a 县)."""
    m = _COUNTY_ANAPHOR.match(text)
    place = load_gazetteer().by_uid.get(county.uid) if m else None
    return m is not None and place is not None and place.kind.endswith(m.group(1))


def _runs_by_county(v: SentenceView, p: Mention) -> bool:
    """The program's clause neither plans nor wishes it (将建立, 加快构建, 期待…建立) nor gives it to a higher body — a
    province or the state (山东省, 国家, 省委) or a prefecture named before it with no county after that body."""
    a, _ = _clause_of(v.text, p.start)
    before = v.text[a:p.start]
    if _NOT_YET.search(before) or _WISH.search(before):
        return False  # 将建立…; 期待与冠县建立…机制: a plan or a wish, not a program run
    highers = [a + h.start() for h in _HIGHER.finditer(before)]
    highers += [c.start for c in v.closed if c.ref.label == "City" and a <= c.start < p.start]
    if not highers:
        return True
    return any(max(highers) < c.start < p.start for c in v.counties)  # 冠县落实… : the county after the body runs it


def rule_has_industry(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """HAS_INDUSTRY: an industry goes to the nearest county named before it in the sentence (and the counties
    listed with that one: 临清市、冠县的轴承产业), else to the first county after it in its clause; in a sentence
    naming companies only when county and industry share a clause that names no company. A county before its
    government or an official (K县委县政府大力发展X产业; K市长|枣: a name the tokenizer glued) is the county acting,
    not a tie to refuse; only a visiting party (K代表团: has_industry_visiting_party) speaks of another place. A short
    name from outside the prefecture owns the industry it qualifies too (hasind19). The article county named by its
    kind (我县, 该县, 全区: _county_anaphors) is a county mention too, owning the words right after it or in the
    clause it opens; a county after a copula owns the industry that is the sentence's subject (X产业,是我县新兴产业).
    Every fact it gives (its helpers' too) is one of the sentence's industry words (``v.industries``): a sentence
    naming none has none (perf26)."""
    if v.industries:
        _county_industries(ctx, v, home)
    if v.industries or v.structured:
        _structure_lists(ctx, v, home)


def _owning_counties(ctx: ArticleContext, v: SentenceView) -> list[Mention]:
    """The sentence's counties that can own an industry: not a visiting party, a far short name glued to a word, a
    county named in passing, a place settled in (落户K) or a venue."""
    return [c for c in v.counties if not _VISITING_PARTY.match(v.text, c.end) and not _far_short_name(ctx, v, c)
            and not _passing_county(ctx, c)
            and not _SETTLED_IN.search(v.text, max(0, c.start - 3), c.start)
            and not _VENUE_AFTER.match(v.text, c.end)]


def _county_industries(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """HAS_INDUSTRY of a sentence naming industry words (``rule_has_industry``)."""
    counties = _owning_counties(ctx, v)
    frames = _led_frames(v)
    _anaphor_clauses(ctx, v, home)
    standins = _county_anaphors(ctx, v, home)
    if not counties:
        _countyless(ctx, v, home, frames)
        if not standins:
            return
    counties = sorted(counties + standins, key=lambda k: k.start)
    conf = CONF["HAS_INDUSTRY"]["same_sentence"]
    elided = [c for _, c in _elided_products(v)]  # X利用K…的优势,开发了A、B3个大类: the company's clauses
    for c in v.industries:
        if _broad_sector(v.text, c) or c in elided:
            continue  # 加快发展先进制造业, 现代服务业企业1600余家: a sector of the whole economy, no county industry
        # 充分发挥企业…, 僵尸企业: an open word before 企业; “全国百佳产业集群”: a designation's word (an issued
        # document's title, 出台《X轴承产业…行动计划》, names the county's industry)
        if c.rule == "company_head" or any(p.start <= c.start and c.end <= p.end and p.rule != "issued_document"
                                           for p in v.programs):
            continue
        a, b = _clause_of(v.text, c.start)
        comps = _free_comps(v, frames) if c.start in frames else v.comps  # 以A为龙头的X产业集群: A leads, not owns
        if comps and any(a <= m.start < b for m in comps):
            continue
        if _not_a_place_industry(v, c, a) or _company_product(v, c, a, counties):
            continue  # X…,致力于开发A、B等产品: the company's products
        before = [k for k in counties if k.end <= c.start]
        if _not_held_here(v, c, a, b, before) or _town_park(v, c):
            continue
        chosen, copula = _owners_of(v, c, counties, before, b)
        if not chosen:
            continue
        if c.start in frames and before:  # K打造以A为龙头的X产业集群: no company of its own between
            if any(chosen[0].end <= m.start < c.start for m in comps):
                continue
        elif v.comps and not copula and not all(a <= k.start < b or k.end <= c.start and not any(
                k.end <= m.start < c.start for m in comps) for k in chosen):
            continue
        rule, k_conf = "same_sentence", conf
        if chosen and chosen[0].end <= c.start and chosen[0].start < a:  # K立足…,大力发展X产业: K in an earlier clause
            rule, k_conf = "earlier_clause", CONF["HAS_INDUSTRY"]["earlier_clause"]
        for k in chosen:
            ctx.add(Relationship("HAS_INDUSTRY", k.ref, c.ref, ctx.evidence(v.i, rule, k_conf)))


_STRUCTURE_PLAN = re.compile(alternation(R["has_industry_structure_plan"]))
_STRUCTURE_ADVERBS = re.compile("(?:" + alternation(R["has_industry_structure_subject"]["adverbs"]) + ")*$")
_STRUCTURE_VERB = re.compile("(?:" + alternation(R["has_industry_structure_subject"]["verbs"]) + ")$")
_STRUCTURE_PLACE = re.compile("(?:" + alternation(R["has_industry_structure_subject"]["places"]) + ")$")


def _place_opens(v: SentenceView, a: int, fs: int, places: list[Mention]) -> bool:
    """The clause (from ``a``) before a 以…为主 frame at ``fs`` is empty (the subject elided) or a place — a county
    named there or a zone word (has_industry_structure_subject) — with only adverbs after it, or it ends with a
    structure verb (X产业已形成以A、B为主体,…)."""
    end = _STRUCTURE_ADVERBS.search(v.text, a, fs)
    at = end.start() if end else fs
    return at == a or bool(_STRUCTURE_PLACE.search(v.text, a, at)) or any(k.end == at for k in places) or bool(
        _STRUCTURE_VERB.search(v.text, a, at))


def _structure_lists(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """HAS_INDUSTRY from a structure clause over an enumeration (classes.structure_lists: 已形成A、B等主导产业;
    形成了以A、B为主的X产业; 园区以A、B等为主。): every item (an industry word ending where its item ends) is an
    industry of the clause's place — the county named last before the frame in the sentence (a company named
    between them only as another clause's object: 培育了X…,逐步形成了…), else, in a sentence naming no county
    before the frame, the county the sentences just before name last or the article's (the clause's implicit
    subject). Not when the frame's clause opens with an organisation (X公司形成了…), a plan stands before it
    (has_industry_future_cues; has_industry_structure_plan in its clause: 预计将形成…), the place named last
    before it in its clause is a prefecture or a township (某镇已形成…), or the item is not held here
    (_not_held_here). Its items read only by the structure reader (``v.structured``) no other rule sees."""
    frames = structure_lists(v.text)
    if not frames:
        return
    counties = sorted(_owning_counties(ctx, v) + _county_anaphors(ctx, v, home), key=lambda k: k.start)
    for fs, ls, le, te in frames:
        a = _clause_of(v.text, fs)[0]
        words = sorted(v.industries + v.structured, key=lambda c: c.start)
        if any(le < c.start and c.end <= te for c in words):
            continue  # 浙东、苏南等三大轴承产业集聚区: the items qualify the industry after the list
        if any(a <= m.start < fs for m in v.comps + v.insts) or _FUTURE.search(v.text, 0, fs) or _STRUCTURE_PLAN.search(
                v.text, a, fs):
            continue
        places = [k for k in v.closed if k.end <= fs and k.ref.label in ("County", "City") and not any(
            m.start <= k.start < m.end for m in v.comps + v.insts)]
        own = [k for k in places if a <= k.start]
        if own and (own[-1].ref.label == "City" or own[-1].rule == "Town"):
            continue  # 某市已形成…; 某镇已形成…: the frame's clause speaks of the prefecture or a township
        if places and places[0].rule == "Town" and all(k.rule == "Town" for k in places):
            continue  # …之称的某镇,…,形成了以X为主…: the sentence's subject is a township
        if v.text.startswith("以", fs) and not _place_opens(v, a, fs, places):
            continue  # 生料制醋以X为主: 以…为主 said of something other than a place
        before = [k for k in counties if k.end <= fs]
        if _organisation_subject(v, fs, before):
            continue  # X公司在K县深耕多年,形成了A、B…产业链: the company is the subject, the county a locative
        owner = before[-1].ref if before else _implicit_county(ctx, v, home, a, le)
        if owner is None:
            continue
        rule = "same_sentence" if before else "article_county"
        for c in words:
            end = c.end + 1 if v.text.startswith("业", c.end) else c.end  # 临港物流|业: the item read without 业
            if not (ls <= c.start and end <= le and (end == le or v.text[end] in ITEM_JOINERS)) or any(
                    m.start < c.end and c.start < m.end for m in v.comps) or _broad_sector(v.text, c):
                continue
            ca, cb = _clause_of(v.text, c.start)
            if _not_held_here(v, c, ca, cb, before):
                continue
            ctx.add(Relationship("HAS_INDUSTRY", owner, c.ref, ctx.evidence(v.i, "structure",
                                                                            CONF["HAS_INDUSTRY"][rule])))


def _organisation_subject(v: SentenceView, fs: int, before: list[Mention]) -> bool:
    """An organisation opens a clause before the frame at ``fs`` and no county opens one between it and the frame:
    the organisation is the sentence's subject (X公司在K县深耕多年,形成了…), not a place (K区…,培育了X…,形成了…:
    X an object)."""
    def opens(m: Mention) -> bool:
        return bool(_LEAD_ONLY.fullmatch(v.text, _clause_of(v.text, m.start)[0], m.start))

    orgs = [m.start for m in v.comps + v.insts if m.start < fs and opens(m)]
    return bool(orgs) and not any(max(orgs) < k.start and opens(k) for k in before)


def _implicit_county(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None, a: int,
                     le: int) -> NodeRef | None:
    """The county a subjectless structure clause (opening at ``a``, its list ending at ``le``) speaks of: none when
    a county stands after the list in its clause (A、B等冠县优势产业: the main rule's), the sentence opens with
    another place's kind (该区 in a county's page) or the page is a township's or names its county seldom; else
    the county the two sentences before name last (莘县…。初步形成了…), else the article's."""
    if home is None or v.i < home[1] or _town_article(ctx) or _other_place_subject(v.text, home[0]) or (
            _seldom_named(ctx, home[0])):
        return None
    if any(le <= k.start < _clause_of(v.text, le)[1] for k in v.counties):
        return None
    return _recent_county(ctx, v.i, home[0])


def _recent_county(ctx: ArticleContext, i: int, home: NodeRef) -> NodeRef:
    """The county the two sentences before sentence ``i`` name last, else the article's county ``home``."""
    named = next(([m for m in ctx.closed[j] if m.ref.label == "County"] for j in range(i - 1, max(-1, i - 3), -1)
                  if any(m.ref.label == "County" for m in ctx.closed[j])), [])
    return max(named, key=lambda m: m.start).ref if named else home


def _company_product(v: SentenceView, c: Mention, a: int, counties: list[Mention]) -> bool:
    """A product verb's item (the ``product`` reader's) after a company with no county opening a clause between
    (X成立于…,致力于开发K小米、A等产品: K, a town, names an item): the company's product, no county industry."""
    return c.rule == "product" and any(m.end <= c.start and not any(m.end <= k.start < a for k in counties)
                                       for m in v.comps)


def _county_anaphors(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> list[Mention]:
    """The article county named by its kind (我县, 该县, 本市, 全区: has_industry_county_anaphor, its kind word
    ending the county's kind) anywhere in a sentence naming no other county, after the article county was last
    named: a county mention for the sentence's industries (做大做强我县X产业; 该县还把X产业作为…)."""
    if home is None or v.i < home[1] or any(k.ref != home[0] for k in v.counties) or _town_article(ctx):
        return []
    place = load_gazetteer().by_uid.get(home[0].uid)
    if place is None or any(x.ref.label == "City" for x in v.closed):
        return []
    last = next((max(ks, key=lambda k: k.start) for j in range(v.i - 1, -1, -1) if (ks := [
        k for k in ctx.closed[j] if k.ref.label == "County"])), None)
    if last is not None and last.ref != home[0]:
        return []
    named = [(x.start, x.end) for x in v.comps + v.insts]
    return [Mention(v.i, m.start(), m.end(), home[0], rule="county_anaphor")
            for m in _COUNTY_WORD_ANAPHOR.finditer(v.text) if place.kind.endswith(m.group(1))
            and not any(a <= m.start() < b for a, b in named)]


def _countyless(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None,
                frames: dict[int, int]) -> None:
    """HAS_INDUSTRY in a sentence with no county that can own an industry: a title, a led cluster (only when it
    names no county at all) and a portfolio go to the article county."""
    if not v.counties:
        _titled(ctx, v, home)
        _led_by_home(ctx, v, home, frames)
    _portfolio(ctx, v, home)


def _owners_of(v: SentenceView, c: Mention, counties: list[Mention], before: list[Mention],
               b: int) -> tuple[list[Mention], bool]:
    """The counties that own the industry word ``c`` (_industry_owners; a county anaphor only where it holds the
    word, _anaphor_holds), else the county a copula after the word names (X产业,是我县新兴产业:
    has_industry_copula_county) — and whether it was that copula."""
    owners = _industry_owners(v, c, counties, before, b)
    if owners:
        return [k for k in owners if k.rule != "county_anaphor" or _anaphor_holds(v, k, c)], False
    copular = [k for k in counties if k.start >= c.end and _COPULA_COUNTY.fullmatch(v.text, c.end, k.start)][:1]
    return copular, bool(copular)


def _anaphor_holds(v: SentenceView, k: Mention, c: Mention) -> bool:
    """The county anaphor ``k`` (我县, 该县…) owns the industry word ``c`` after it: it stands right before the word
    (做大做强我县X产业, 我县的X产业) or opens its own clause as the subject (该县还把X产业作为…; 同时,该县…) — not
    a scope inside a phrase (依托全县X资源,建成…) nor a place after the word."""
    if k.end > c.start:
        return False
    return v.text[k.end:c.start] in ("", "的") or bool(_LEAD_ONLY.fullmatch(v.text, _clause_of(v.text, k.start)[0],
                                                                             k.start))


def _broad_sector(text: str, c: Mention) -> bool:
    """The industry word names a sector of the whole economy (has_industry_broad_sector: 现代服务业, 先进制造业) —
    unless it is an item of a list a count governs (A、B、现代服务业四大主导产业: has_industry_counted_list), where
    every item is one of the place's industries."""
    return bool(_BROAD_SECTOR.fullmatch(text, c.start, c.end)) and not _COUNTED_LIST.match(text, c.end)


def _occasion_word(v: SentenceView, c: Mention, a: int) -> bool:
    """The industry word (its clause opening at ``a``) names an event's venue or its guests, not an industry the
    place has: it heads a site that a locative makes the venue (开工活动在X产业园举行: has_industry_venue_site), or a
    verb of attending follows it in its clause (…和X企业代表出席推介会: has_industry_guest_verbs)."""
    if _LOCATIVE.search(v.text, a, c.start) and _VENUE_SITE.match(v.text, c.end):
        return True
    return bool(_GUEST.search(v.text, c.end, _clause_of(v.text, c.start)[1]))


def _local_not_industry(v: SentenceView, c: Mention) -> bool:
    """In a sentence whose subject is the county's own place (全县…, X工业园…), the industry word names an event's
    venue or guests, or qualifies another noun in a clause naming no industry head after it (供水|管网改造招标; not
    纺织|服装为特色产业, where the word is part of the industry the clause names)."""
    a, b = _clause_of(v.text, c.start)
    if _occasion_word(v, c, a):
        return True
    return _modifies_noun(v.text, c.end) and not any(v.text.find(h, c.end, b) >= 0 for h in _IND_HEADS)


def _passing_county(ctx: ArticleContext, k: Mention) -> bool:
    """A county the article names only in passing: at most has_industry_passing_county["max_mentions"] times in an
    article naming at least ["min_counties"] counties (an attendee list, a route, a comparison)."""
    lim = R["has_industry_passing_county"]
    named = ctx.county_mentions()
    return named[k.ref] <= lim["max_mentions"] and len(named) >= lim["min_counties"]


def _not_a_place_industry(v: SentenceView, c: Mention, a: int) -> bool:
    """HAS_INDUSTRY: the industry word (its clause opening at ``a``) names no industry a place has: an honour's
    name, a project's or a company's products, a word qualifying another noun (…制造业基地荣誉称号, X生产项目,
    主要从事X, X供应链中心); a scope or a plan (签约项目涉及X、Y等多个领域; 南丰镇将…聚焦X等产业)."""
    return bool(_IN_TITLE.match(v.text, c.end) or _NOT_PLACE_INDUSTRY.match(v.text, c.end) or _occasion_word(v, c, a)
                or _PRODUCT_CLAUSE.search(v.text, a, c.start) or _modifies_noun(v.text, c.end)
                or _FIELD_LIST.match(v.text, c.end) and _FIELD_SCOPE.search(v.text, 0, c.start)
                or _FUTURE.search(v.text, 0, c.start))


def _anaphor_clauses(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """HAS_INDUSTRY: a clause opening with 该县/全市/当地… (the article county by its kind; 当地 any kind) that names
    no organisation and no prefecture, in a sentence naming no county but the article's: its industries are the
    article county's (预计…,该县纺织产业规模将突破…; 当地已集聚80余家X企业)."""
    if home is None or v.i < home[1] or any(k.ref != home[0] for k in v.counties) or _town_article(ctx):
        return
    place = load_gazetteer().by_uid.get(home[0].uid)
    last = next((max(ks, key=lambda k: k.start) for j in range(v.i - 1, -1, -1) if (ks := [
        k for k in ctx.closed[j] if k.ref.label == "County"])), None)
    if place is None or (last is not None and last.ref != home[0]):
        return  # 莘县…。该县…: the anaphor points back to the county named last, not the article's
    conf = CONF["HAS_INDUSTRY"]["article_county"]
    for c in v.industries:
        counted = v.text[max(0, c.start - 1):c.start] == "家"  # 集聚80余家X企业: firms counted, the place's industry
        if _broad_sector(v.text, c) or (c.rule == "company_head" and not counted) or any(
                p.start <= c.start and c.end <= p.end for p in v.programs):
            continue
        a, b = _clause_of(v.text, c.start)
        m = _CLAUSE_ANAPHOR.match(v.text, a)
        at = m.end() if m else a
        if m is None and a > 0 and c.start == a and v.text.startswith(_IND_HEADS, c.end):
            m = _CLAUSE_ANAPHOR.match(v.text, _clause_of(v.text, a - 1)[0])  # 当地已集聚…,X产业链竞争力…: the
            # industry opens the clause right after the anaphor's, its own subject there
        if m is None or at > c.start or (m.group(1) and not place.kind.endswith(m.group(1))) or not (
                v.text[at:c.start] in ("", "的") or counted and _COUNTED_GAP.fullmatch(v.text, at, c.start)):
            continue  # 该县纺织产业…, 当地已集聚80余家X企业: the industry right after the place (or its firms counted)
        if any(a <= x.start < b for x in v.comps + v.insts) or any(
                a <= x.start < b for x in v.closed if x.ref.label == "City"):
            continue  # 当地X公司…; 该市(a prefecture)…: the clause speaks of another
        if _not_a_place_industry(v, c, a) or _not_held_here(v, c, a, b, []):
            continue
        ctx.add(Relationship("HAS_INDUSTRY", home[0], c.ref, ctx.evidence(v.i, "article_county", conf)))


def _industry_owners(v: SentenceView, c: Mention, counties: list[Mention], before: list[Mention],
                     b: int) -> list[Mention]:
    """The counties an industry word (its clause ending at ``b``) goes to: one named between its list's 等 and
    the list's head (木材加工、陶瓷等冠县优势产业), else the nearest one before it (and the counties listed
    with that one: 临清市、冠县的轴承产业), else the first one after it in its clause."""
    head_owner = [k for k in counties if c.end < k.start < b and _LIST_OWNER_BETWEEN.fullmatch(
        v.text, c.end, k.start) and _LIST_OWNER_HEAD.match(v.text, k.end)]
    if head_owner:
        return head_owner[:1]
    if not before:
        return [k for k in counties if k.start >= c.end and k.start < b][:1]
    chosen = [before[-1]]
    for k in reversed(before[:-1]):  # 临清市、冠县的…: the list the nearest county ends
        if v.text[k.end:chosen[-1].start] not in _COUNTY_JOINERS:
            break
        chosen.append(k)
    return chosen


def _town_park(v: SentenceView, c: Mention) -> bool:
    """The industry word heads the name of a town's park (烟店镇化工产业园; 冠县柳林镇轴承产业园): the place
    right before it is a township (named as one, or by a name that is not its county's)."""
    if not _TOWN_PARK.match(v.text, c.end):
        return False
    for k in v.closed:
        if k.end == c.start and k.ref.label == "County":
            place = load_gazetteer().by_uid.get(k.ref.uid)
            surface = v.text[k.start:k.end]
            return k.rule == "Town" or (place is not None and surface not in (place.name, *place.aliases))
    return False


def _led_frames(v: SentenceView) -> dict[int, int]:
    """Industry words right after a lead-company frame (以A、B为龙头的X产业集群), by start: where the frame starts."""
    out: dict[int, int] = {}
    for c in v.industries:
        a, _ = _clause_of(v.text, c.start)
        m = _LED_FRAME.search(v.text, a, c.start)
        if m is not None and _LED_HEAD.match(v.text, c.end):
            out[c.start] = m.start()
    return out


def _free_comps(v: SentenceView, frames: dict[int, int]) -> list[Mention]:
    """The sentence's companies outside every lead-company frame (the ones a clause can speak of)."""
    return [m for m in v.comps if not any(f <= m.start < c for c, f in frames.items())]


def _led_by_home(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None,
                 frames: dict[int, int]) -> None:
    """该县…形成了以A、B为龙头的X产业集群 (a sentence naming no county, its companies only as the cluster's
    leaders): X is the article county's industry."""
    if home is None or not frames or v.i < home[1] or _town_article(ctx) or _other_place_subject(v.text, home[0]):
        return
    free = _free_comps(v, frames)
    conf = CONF["HAS_INDUSTRY"]["article_county"]
    for c in v.industries:
        if c.start not in frames or any(m.start < c.start for m in free) or _broad_sector(v.text, c):
            continue
        a, b = _clause_of(v.text, c.start)
        if _FUTURE.search(v.text, 0, c.start) or _not_held_here(v, c, a, b, []):
            continue
        ctx.add(Relationship("HAS_INDUSTRY", home[0], c.ref, ctx.evidence(v.i, "article_county", conf)))


def _not_held_here(v: SentenceView, c: Mention, a: int, b: int, before: list[Mention]) -> bool:
    """HAS_INDUSTRY: the industry in its clause (a, b) is not one the counties of the sentence have."""
    if _list_governed(v.text, c, a, b):
        return True  # 围绕新能源产业开展精准招商; 学习借鉴X产业发展经验; 缺乏X产业: a target, another's, or a lack
    if _higher_scope(v, c, a):
        return True  # 山东省乃至全国橡塑助剂行业: the nation's or the province's industry
    # 临清套圈、茌平滚子、冠县保持架分工配套的轴承产业布局: each county has its own item
    return bool(before) and _respective_places(v, before, c)


def _list_governed(text: str, c: Mention, a: int, b: int) -> bool:
    """What governs the enumeration the industry word stands in (its clause a, b) makes every item a target or a
    category of the day's deals, not a holding: a target cue before the word or right after the list's head
    (围绕A、B、C等产业组织招商小分队), or a signing/project cue after the head in its clause (A、B三大新兴产业
    此次共签约N个项目; not X产业园已入驻项目6个: a head before 园/区/基地 names a site).
    The head is the one closing the list (has_industry_list_head), however far the item stands from it."""
    m = _LIST_HEAD.match(text, c.end)
    head = m.end() if m is not None and m.end() <= b else None
    if _TARGET.search(text, a, min(b, (head or c.end) + R["has_industry_target_after"])):
        return True
    return head is not None and bool(_FIELD_SCOPE.search(text, head, b))


def _respective_places(v: SentenceView, before: list[Mention], c: Mention) -> bool:
    """The nearest county before the industry ends a list of counties each with its own item (K1 A、K2 B、K3 C…的Y产业):
    Y, after the last item and not right after its county, is the whole list's, not the last county's."""
    last = before[-1]
    gap = v.text[last.end:c.start]
    if len(before) < 2 or gap in ("", "的") or _CLAUSE.search(gap):
        return False
    prev = before[-2]
    return bool(_OWN_ITEM_JOIN.fullmatch(v.text, prev.end, last.start))


def _modifies_noun(text: str, end: int) -> bool:
    """The industry word ending at ``end`` qualifies the noun after it (钢铁|供应链中心, 芯片|封装材料, 饲料|安全):
    the sentence names that noun, not the industry — unless the noun is an industry head (轴承|产业, 化工|企业).
    A list item qualifies the noun after the list's 等 (道路、供排水、电力等|配套设施), unless an industry head
    follows the 等 closely (A、B等主导产业)."""
    listed = _LIST_CLOSE.match(text, end)
    if listed is not None:
        end = listed.end()
        if any(text.find(h, end, end + R["has_industry_list_close_window"]) >= 0 for h in _IND_HEADS + ("领域",)):
            return False
    if text.startswith(_IND_HEADS, end):
        return False
    toks = lcut(text[end:end + R["industry_modifier_window"]])
    tags = _tag_table()
    openers = ("v", "a", "b")  # …等|配套|设施: the list's head noun phrase
    if toks and len(toks[0]) >= 2 and tags.get(toks[0]) in openers and len(toks) > 1 and len(toks[1]) >= 2:
        toks = toks[1:]  # 芯片|封装|材料: a verb + a noun after the word make one noun it qualifies
    return bool(toks) and len(toks[0]) >= 2 and tags.get(toks[0]) in _MODIFIED_TAGS


def _far_short_name(ctx: ArticleContext, v: SentenceView, k: Mention) -> bool:
    """A county named by a short name (东平, 兴业) outside the article's prefecture, glued to the word before it
    (杜东平 a person's name, 投资兴业 a phrase: a Chinese character other than a function word right before it):
    too weak to own an industry. A short name opening its phrase (after a break or 在/的/和…) owns it (hasind19)."""
    pc = ctx.place_ctx
    place = load_gazetteer().by_uid.get(k.ref.uid) if k.ref.label == "County" else None
    if not (place is not None and pc is not None and pc.city and place.city != pc.city
            and v.text[k.start:k.end] != place.name):
        return False
    before = v.text[k.start - 1:k.start]
    return bool(before) and "\u4e00" <= before <= "\u9fff" and before not in R["short_name_openers"]


def _portfolio(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """A sentence naming no county and no company that lists industries as a place's own (石材、鞋服、机械等3个
    产业; A、B等主导产业), or whose subject is a place inside the article's county (马庙工业园突出纺织服装产业;
    全市汽车产业…, when 市 is what the county is): the industries of the article's county."""
    if home is None or v.i < home[1] or _town_article(ctx) or _other_place_subject(v.text, home[0]):
        return
    conf = CONF["HAS_INDUSTRY"]["article_county"]
    matches = [] if _seldom_named(ctx, home[0]) else list(_PORTFOLIO.finditer(v.text))
    spans = [(m.start(1), m.end(1)) for m in matches]
    if v.comps:  # 主攻A、B三大产业,每条产业链都有X这样的龙头企业: a company named only after the list owns none of it
        spans = [(a, b) for a, b in spans if all(m.start >= b and _CLAUSE.search(v.text, b, m.start) for m in v.comps)]
        if not spans:
            return
        for a, b in spans:
            for c in v.industries:
                if a <= c.start and c.end <= b and not _broad_sector(v.text, c) and not (
                        _FIELD_LIST.match(v.text, c.end) and _FIELD_SCOPE.search(v.text, 0, c.start)) and not (
                        _list_governed(v.text, c, *_clause_of(v.text, c.start))):
                    ctx.add(Relationship("HAS_INDUSTRY", home[0], c.ref, ctx.evidence(v.i, "article_county", conf)))
        return
    framed = [c for c in v.industries if c.rule == "portfolio"]  # 形成了以X为主,…的产业体系
    if framed:  # the county the sentences before name last (莘县…。…。初步形成了以X为主…), else the article's
        county = _recent_county(ctx, v.i, home[0])
        for c in framed:
            if _broad_sector(v.text, c):
                continue
            ctx.add(Relationship("HAS_INDUSTRY", county, c.ref, ctx.evidence(v.i, "article_county", conf)))
    industries = v.industries
    if _local_subject(v.text, home[0]):
        spans = [(0, len(v.text))]  # 全县…完成了供水管网改造招标: a word qualifying a work is no county industry
        industries = [c for c in industries if not _local_not_industry(v, c)]
    for a, b in spans:
        for c in industries:
            if _broad_sector(v.text, c):
                continue
            if a <= c.start and c.end <= b and not _NOT_PLACE_INDUSTRY.match(v.text, c.end) and not _IN_TITLE.match(
                    v.text, c.end) and not (_FIELD_LIST.match(v.text, c.end) and _FIELD_SCOPE.search(v.text, 0, c.start)) \
                    and not _list_governed(v.text, c, *_clause_of(v.text, c.start)):
                ctx.add(Relationship("HAS_INDUSTRY", home[0], c.ref, ctx.evidence(v.i, "article_county", conf)))


def _seldom_named(ctx: ArticleContext, county: NodeRef) -> bool:
    """The article names its county (by name, or by kind: 该县, 全县 — ``_anaphor_counts``) fewer than
    ``has_industry_portfolio_min_mentions`` times: a page about something else that names the county in passing
    (a forum, a company, the province) — its subjectless lists of industries are not the county's portfolio."""
    if ctx._kind_counts is None:
        ctx._kind_counts = _anaphor_counts(ctx)
    named = ctx.county_mentions()[county] + ctx._kind_counts[county]
    return named < R["has_industry_portfolio_min_mentions"]


def _other_place_subject(text: str, county: NodeRef) -> bool:
    """The sentence opens with 该区/全市/我县… whose kind word does not end the article county's kind (该区 in a
    县级市's article: a zone or district inside it; 全市 in a 县's: the prefecture): its subject is another place."""
    m = _COUNTY_ANAPHOR.match(text)
    place = load_gazetteer().by_uid.get(county.uid) if m else None
    return m is not None and place is not None and not place.kind.endswith(m.group(1))


def _other_place_sentence(ctx: ArticleContext, i: int, home: NodeRef) -> bool:
    """Sentence ``i`` speaks of a place that is not the article county by its kind (_other_place_subject): it
    opens with such an anaphor, or with 其中 after a sentence that does (该区新增高新技术企业12家。其中,X…)."""
    text = ctx.sentences[i].clean
    if _other_place_subject(text, home):
        return True
    return i > 0 and text.startswith(tuple(R["sentence_lead"]["subset"])) and _other_place_subject(
        ctx.sentences[i - 1].clean, home)


def _town_article(ctx: ArticleContext) -> bool:
    """The article speaks of a township more than of a county (该镇/全镇 outnumber 该县/全市): its portfolio
    sentences list the town's industries."""
    return _town_heavy(ctx.article.text)


@lru_cache(maxsize=8)
def _town_heavy(text: str) -> bool:
    """该镇/全镇 outnumber 该县/全市 in ``text`` (asked by several rules of every sentence: counted once an article)."""
    return len(_TOWN_WORD.findall(text)) > len(_COUNTY_WORD.findall(text))


def _titled(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """…由我市企业配套,是亚洲最大的商用车生产基地和车桥制造基地: a clause with no subject of its own giving a title
    (X生产基地, X之乡) in a sentence naming the article's county by its kind: X is the county's industry."""
    if home is None or v.i < home[1] or _other_place_subject(v.text, home[0]):
        return
    place = load_gazetteer().by_uid.get(home[0].uid)
    kinds = [m for m in _TITLE_ANAPHOR.finditer(v.text) if place is not None and place.kind.endswith(m.group(1))]
    if not kinds:
        return
    if v.comps:
        subject = _lead_company(v.text, v.comps)
        if subject is not None and not re.match(r"[\d的]", v.text[subject.end:subject.end + 1]):
            return  # X公司在我县投资建设,是…生产基地: the title is the company's
    conf = CONF["HAS_INDUSTRY"]["article_county"]
    for c in v.industries:
        a, b = _clause_of(v.text, c.start)
        if c.start < kinds[0].start() or _broad_sector(v.text, c) or not _TITLE_HEADS.match(
                v.text, c.end) or not _TITLE_OPENER.match(
                v.text, a) or any(a <= m.start < b for m in v.comps + v.insts):
            continue
        ctx.add(Relationship("HAS_INDUSTRY", home[0], c.ref, ctx.evidence(v.i, "article_county", conf)))


def _local_subject(text: str, county: NodeRef) -> bool:
    """The sentence opens with a place inside the county (X工业园, X开发区) or with 全市/我县… naming the
    county by its kind (全市 for a 县级市, 全县 for a 县, 全区 for a 区)."""
    m = _LOCAL_SUBJECT.match(text)
    if m is None:
        return False
    if not m.group(1):
        return True
    place = load_gazetteer().by_uid.get(county.uid)
    return place is not None and place.kind.endswith(m.group(1))


def _outside(v: SentenceView, start: int, end: int) -> bool:
    """A cue at [start, end) stands outside every organisation name (控股 in X控股集团 is no cue)."""
    return not any(m.start < end and start < m.end for m in v.comps + v.insts)


def _cues(regex: re.Pattern[str], v: SentenceView, lo: int = 0, hi: int | None = None) -> list[re.Match[str]]:
    return [c for c in regex.finditer(v.text, lo, len(v.text) if hi is None else hi) if _outside(v, c.start(), c.end())]


def _chain_after(v: SentenceView, orgs: list[Mention], pos: int, limit: int) -> list[Mention]:
    """The organisation right after ``pos`` (nothing but a few characters, no list break or 的 between)
    and the ones listed with it (Y、Z)."""
    after = [m for m in orgs if pos <= m.start < limit]
    if not after or any(ch in _ITEM_BREAKS for ch in v.text[pos:after[0].start]) or after[0].start - pos > R["object_gap"]:
        return []
    chain = [after[0]]
    for m in after[1:]:
        if v.text[chain[-1].end:m.start] not in _LIST_JOINERS:
            break
        chain.append(m)
    return chain


def rule_partners_with(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """PARTNERS_WITH: in one clause, X joined to Y by 与/和/同/携手/联合 (Y、Z listed after it) with a cooperation
    cue in the clause (or the joiner itself a cue); X、Y listed together are siblings unless they act 共同."""
    orgs = sorted(v.comps + v.insts, key=lambda m: m.start)
    if len(orgs) < 2 and (not orgs or v.topic is None):
        return  # one organisation: a partner only of the subject the sentence continues
    conf = CONF["PARTNERS_WITH"]["cooperation"]
    done: set[tuple[NodeRef, NodeRef]] = set()
    co = [(x, y) for members, _, together in _co_investments(ctx, v) if together
          for k, x in enumerate(members) for y in members[k + 1:]]
    for x, y in _partner_pairs(v, orgs) + _partner_roles(v, orgs) + _counted_parties(v, orgs) + _partner_attributive(v, orgs) \
            + _founded_on(v, orgs) + co:
        if x.ref == y.ref:
            continue
        if x.ref.label != "Company":
            x, y = y, x
        if x.ref.label != "Company" or (x.ref, y.ref) in done:
            continue
        done.add((x.ref, y.ref))
        if y.ref.label == "Company" and x.start < y.start:
            ctx.partners.add((v.i, y.ref))
        ctx.add(Relationship("PARTNERS_WITH", x.ref, y.ref, ctx.evidence(v.i, "cooperation", conf)))


def _partner_roles(v: SentenceView, orgs: list[Mention]) -> Pairs:
    """X的合作伙伴Y / X的合作商、Y; Y是X的战略合作伙伴: X and Y partners (the role right after X)."""
    out: Pairs = []
    for k, x in enumerate(orgs):
        role = _PARTNER_ROLE.match(v.text, x.end)
        if role is None:
            continue
        after = next((y for y in orgs[k + 1:] if y.start in (role.end(), role.end() + 1)), None)
        if after is not None and v.text[role.end():after.start] in ("", "、"):
            out.append((x, after))
            continue
        before = [y for y in orgs[:k] if v.text[y.end:x.start] in _ROLE_COPULA]
        out += [(y, x) for y in before]
    return out


def _counted_parties(v: SentenceView, orgs: list[Mention]) -> Pairs:
    """X、Y两家企业签订合作协议 / X和Y双方…合作: a list closed by its count of parties, with a cooperation cue
    after it in the clause: every two of them are partners."""
    out: Pairs = []
    k = 0
    while k < len(orgs):
        chain = [orgs[k]]
        while k + len(chain) < len(orgs) and v.text[chain[-1].end:orgs[k + len(chain)].start] in _PARTY_JOINERS:
            chain.append(orgs[k + len(chain)])
        k += len(chain)
        count = _PARTY_COUNT.match(v.text, chain[-1].end)
        if len(chain) < 2 or count is None or _joined_object(v.text, chain[0].start):
            continue
        _, b = _clause_of(v.text, count.end())
        if _cues(_PARTNER_CUE, v, count.end(), b) or _JOINT.search(v.text, count.end(), b):
            out += [(x, y) for i, x in enumerate(chain) for y in chain[i + 1:]]
    return out


def _joined_object(text: str, start: int) -> bool:
    """A list right after a joiner (K分别与X、Y、Z三家公司签约): the parties sign with the one before the joiner, not
    with each other."""
    return any(j.end() == start for j in _JOINER.finditer(text, max(0, start - 4), start))


def _partner_attributive(v: SentenceView, orgs: list[Mention]) -> Pairs:
    """与X合作的Y / 与X共建的Y: X and the organisation the cooperating phrase modifies."""
    out: Pairs = []
    for k, x in enumerate(orgs[:-1]):
        if x.start == 0 or v.text[x.start - 1] not in R["attributive_joiners"]:
            continue
        cue = _PARTNER_ATTRIBUTIVE.match(v.text, x.end)
        y = orgs[k + 1]
        if cue is not None and cue.end() == y.start:
            out.append((x, y))
    return out


def _founded_on(v: SentenceView, orgs: list[Mention]) -> Pairs:
    """依托X成立了Y研究院 / 依托X组建Y、Z: the company the new organisations are founded on and each organisation
    named in the rest of the founding clause."""
    out: Pairs = []
    for x in orgs:
        if x.ref.label != "Company" or not _BASE_BEFORE.search(v.text, max(0, x.start - 4), x.start):
            continue
        cue = _BASE_AFTER.match(v.text, x.end)
        if cue is None:
            continue
        _, b = _clause_of(v.text, cue.end())
        out += [(x, y) for y in orgs if cue.end() <= y.start and y.end <= b]  # the founded ones: the clause's rest
    return out


def _joiner_subjects(v: SentenceView, orgs: list[Mention], j: re.Match[str], a: int) -> list[Mention]:
    """Who stands before a joiner: the list ending right before it (X、Y与Z: X and Y), the speaker's company
    for 我们, or the elided subject of a clause opening with the joiner."""
    left = [m for m in orgs if a <= m.start and m.end <= j.start()]
    if not left and v.comps and _FIRST_PERSON.match(v.text, a) and v.comps[0].end <= a:
        return [v.comps[0]]  # 负责人介绍:“我们已与Y签约”: 我们 is the speaker's company
    if not left and _opens_with(v.text, a, j.end()):
        topic = _clause_subject(v, j.start())  # X相继…,与Y合资生产: the earlier clause's subject
        return [topic] if topic is not None else []
    if not left or j.start() - left[-1].end > R["object_gap"]:
        return []
    if any(left[-1].end <= k.start and k.end <= j.start() for k in v.counties):
        return []  # X参加了冠县与Y的签约仪式: the county right before the joiner is its left side, not X
    return _enumeration_members(v, left)


def _partner_pairs(v: SentenceView, orgs: list[Mention]) -> Pairs:
    out: Pairs = []
    for j in _cues(_JOINER, v):
        a, b = _clause_of(v.text, j.start())
        subjects = _joiner_subjects(v, orgs, j, a)
        if subjects and j.group() in _LIST_JOINERS and _joined_object(v.text, min(m.start for m in subjects)):
            continue  # K与A、B和C签约: 和 closes the list the earlier joiner takes, A、B and C sign side by side
        objects = _chain_after(v, orgs, j.end(), b) if subjects else []
        if not objects:
            continue
        if v.text.startswith(R["partner_topic_marker"], objects[-1].end) and b < len(v.text) and _SIGN_CUE.search(
                v.text, b + 1, _clause_of(v.text, b + 1)[1]):
            b = _clause_of(v.text, b + 1)[1]  # X与Y就…项目,与K政府签约: the signing closes the next clause
        if not (j.group() in _STRONG_JOINERS or _cues(_PARTNER_CUE, v, j.end(), b) or _JOINT.search(v.text, j.end(), b)):
            continue
        if _COUNTERPART_CUE.search(v.text, a, j.start()):
            continue  # a supply cue before: customers, not partners
        cue = _PARTNER_CUE.search(v.text, objects[-1].end, b)
        if cue and _EVENT_VERB.search(v.text, objects[-1].end, cue.start()):
            continue  # X和Y参加了…合作签约仪式: guests of an event, the cooperation is the event's
        if len(subjects) == len(objects) > 1 and R["respective_marker"] in v.text[max(0, j.start() - 3):j.start()]:
            subjects = sorted(subjects, key=lambda m: m.start)
            out += list(zip(subjects, objects, strict=True))  # A、B分别与C、D签约 (分别与与…): A with C, B with D
            continue
        out += [(s_, o) for s_ in subjects for o in objects]
        if _JOINT.search(v.text, objects[-1].end, b):  # X、Y和Z共同出资: all of them together
            group = subjects + objects
            out += [(s_, o) for k, s_ in enumerate(group) for o in group[k + 1:]]
    return out


def rule_invests_in(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """INVESTS_IN: X投资/控股/收购/入股 Y — X the company before the cue in its clause, Y the company right
    after it (no list break or 的 between; X投资…的项目 names no company)."""
    if not v.comps:
        return
    conf = CONF["INVESTS_IN"]["investment"]
    for cue in _cues(_INVEST_CUE, v):
        if _inside_word(v.text, cue.start(), cue.end(), _INVEST_CUE_WORDS):
            continue  # 组建成立: no 建成
        a, b = _clause_of(v.text, cue.start())
        left = [m for m in v.comps if a <= m.start and m.end <= cue.start()]
        if left:
            subject = left[0]
            if any(ch in _ITEM_BREAKS for ch in v.text[subject.end:cue.start()]):
                continue
        elif _VERB_OPENING.fullmatch(v.text, a, cue.start()) and _ELIDED.match(v.text, a) and a > 0:
            elided = _clause_subject(v, cue.start())  # X成立于2005年,2020年收购了Y: the earlier clause's subject
            if elided is None or elided.sent != v.i:
                continue
            subject = elided
        else:
            continue
        rest = _cues(_INVEST_CUE, v, cue.end(), b)
        pos = rest[-1].end() if rest and not any(
            m.start < rest[-1].start() for m in v.comps if m.start > cue.end()) else cue.end()
        chain = _chain_after(v, v.comps, pos, b)
        if chain and _OBJECT_GAP_BREAK.search(v.text, pos, chain[0].start):
            continue  # X增资扩能项目以及Y…: a new conjunct, not the investee
        for other in chain:  # X先后收购了A和B: every company of the list right after the cue
            if other.ref != subject.ref and not _INVESTEE_PROJECT.match(v.text, other.end):  # not Y…产业园项目
                ctx.add(Relationship("INVESTS_IN", subject.ref, other.ref, ctx.evidence(v.i, "investment", conf)))


def _inside_word(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """The span [start, end) lies inside one of ``words`` as the text spells it around the span."""
    for w in words:
        k = text.find(w, max(0, end - len(w)), start + len(w))
        if k != -1 and k <= start and end <= k + len(w):
            return True
    return False


def _county_before(v: SentenceView, pos: int) -> Mention | None:
    """The last county (or town) named before ``pos`` that names a place, not a government body."""
    before = [c for c in v.counties if c.end <= pos and not _NOT_A_TIE.match(v.text, c.end)]
    return before[-1] if before else None


def _project_owners(v: SentenceView, tail: bool = False) -> list[Mention]:
    """Companies owning an investment project: 总投资5亿元的X扩建项目, X18亿美元增资扩能项目 (the project head
    closing the company's phrase in its clause)."""
    out = []
    for m in v.comps:
        a, b = _clause_of(v.text, m.start)
        before = _PROJECT_BEFORE.search(v.text[a:m.start])
        after = _PROJECT_AFTER.match(v.text, m.end)
        head = _PROJECT_HEAD.search(v.text, m.end, b)
        if not head or any(m.end <= x.start < head.start() for x in v.comps if x.ref != m.ref):
            continue
        if before or after or tail and _PROJECT_TAIL.match(v.text, head.end()):
            out.append(m)  # (总投资5亿元的)X…项目(,总投资5亿元: only where asked, tail=True)
    return out


def _announced_signers(v: SentenceView) -> list[tuple[Mention, Mention | None]]:
    """签约的企业有X、Y等17家企业: each company of the announced list, with the county named before the
    announcement (None: the article's county)."""
    out: list[tuple[Mention, Mention | None]] = []
    for m in _SIGNED_COMPANIES.finditer(v.text):
        chain = _chain_after(v, v.comps, m.end(), len(v.text))
        if chain and chain[0].start == m.end():
            k = _county_before(v, m.start())
            out += [(x, k) for x in chain]
    return out


def _listed_project_owners(v: SentenceView, signed: bool = False) -> list[Mention]:
    """X6万锭精梳、Y3万锭色纺等项目: the companies opening the items of a list closed by 等…项目 (an item opens at
    the clause's start, after adverbs or a time word, after 对, or right after 、); ``signed``: only lists closed
    by 等已签约项目 (``project_list_signed``)."""
    out: list[Mention] = []
    for close in _PROJECT_LIST_CLOSE.finditer(v.text):
        if signed and not _PROJECT_LIST_SIGNED.search(close.group()):
            continue
        a, _ = _clause_of(v.text, close.start())
        for m in v.comps:
            if a <= m.start and m.end <= close.start() and m not in out and (
                    v.text[m.start - 1:m.start] in ("、", "对") or _BEFORE_SUBJECT.fullmatch(v.text, a, m.start)):
                out.append(m)
    return out


def _group_name(ctx: ArticleContext, m: Mention) -> str:
    """The full name of the company a mention names."""
    g = ctx.group(m.ref.uid)
    return m.surface if g is None else g.name


def _signed_list_projects(v: SentenceView) -> list[Mention]:
    """Owners of the items of a list of signed projects (签约的项目包括X年产…项目、Y…项目等; X…项目、Y…项目成功签约):
    a company opening a project phrase closed by 项目 and a list mark, in a sentence that signs."""
    if not _LIST_SIGNING.search(v.text):
        return []
    out = []
    for m in v.comps:
        _, b = _clause_of(v.text, m.start)
        head = _PROJECT_HEAD.search(v.text, m.end, b)
        if head is None or head.start() - m.end > R["signed_project_list"]["span"] or any(
                m.end <= x.start < head.start() for x in v.comps):
            continue
        if v.text[head.end():head.end() + 1] in R["signed_project_list"]["marks"] and v.text[head.end() - 3:head.end()] != "的项目":
            out.append(m)
    if len(out) < 2:
        return []  # a list: at least two such items
    return out


def _invested_places(v: SentenceView, attracted: bool = False) -> list[tuple[Mention, Mention | None]]:
    """X在K追加投资, X投资5亿元在K建设…, X计划总投资5亿元,在K新建…项目: the clause subject of an investment
    verb and the county (or town) it names with a place tie (在, 于, 落户) in the cue's clause or the next one."""
    out: list[tuple[Mention, Mention | None]] = []
    signed = _SIGN_CUE.search(v.text) is not None
    for cue in _cues(_INVEST_PLACE, v):
        if not (_INVEST_VERB.match(v.text, cue.end()) or any(k.start == cue.end() for k in v.counties)
                or _INVESTED_PROJECT.match(v.text, cue.end())):
            continue  # 投资说明会, 投资环境: a noun, not the verb (X投资的…项目落户K is the verb's)
        a, b = _clause_of(v.text, cue.start())
        left = [m for m in v.comps if a <= m.start and m.end <= cue.start()]
        subject = _agent(v, cue.start())
        if subject is None and a > 0 and _VERB_OPENING.fullmatch(v.text, a, cue.start()):
            subject = _clause_subject(v, a - 1)  # X落户K,投资5亿元建设…: the verb opens a clause whose subject is elided
        if subject is None:
            continue
        nb = _clause_of(v.text, b + 1)[1] if b < len(v.text) else b
        members = _listed_subjects(v, left) if left else [subject]
        lo = members[-1].end if subject.sent == v.i else 0  # a subject from the sentence before
        guard = lo if left else max(lo, a)  # an elided subject (X与Y合作,在K投资…): only the cue's clause counts
        for k in v.counties:
            signing = signed and v.text[k.start - 1:k.start] in _SIGN_JOINERS and v.text.startswith(_SIGN_GOVERNMENT, k.end)
            if not (lo <= k.start < nb) or _NOT_A_TIE.match(v.text, k.end) and not signing:
                continue  # (X与K政府签约,投资…: the county whose government signs is the investment's place)
            if not (signing or _PLACE_TIE.search(v.text, max(0, k.start - 2), k.start)):
                continue
            if any(guard <= x.start < k.start for x in v.comps if x.ref != subject.ref):
                continue
            out += [(m, k) for m in members]
            break
        else:
            site = _INVEST_SITE.search(v.text, a, nb)
            investors = _outside_investors(v, members) if len(members) > 1 else [subject]
            scene = _scene_county(v, subject)
            if scene is not None and _INVEST_VERB.match(v.text, cue.end()):
                out += [(m, scene) for m in investors]  # 在K,X投资10亿元建设的…: the sentence's scene
            elif site and not any(site.start() <= c.start < site.end() for c in v.closed if c.ref.label in ("County", "City")):
                out += [(m, None) for m in investors]  # 在彭场非织造布产业园新建…: a site of the article's county
            elif attracted and _INVEST_BUILD.match(v.text, cue.end()) and not any(
                    c.ref.label in ("County", "City") and a <= c.start < nb and not _inside_company(v, c)
                    for c in v.closed):
                out += [(m, None) for m in investors]  # (签约…) X与Y联合投资5亿元建设…: the article's county
    return out


def _scene_county(v: SentenceView, subject: Mention) -> Mention | None:
    """The county a sentence opens with as its scene (在K,X投资…; 在K经济开发区,X…), before its subject and no other
    company, when the subject is named in this sentence."""
    if subject.sent != v.i:
        return None
    for k in v.counties:
        if k.end <= subject.start and v.text[:k.start] in R["scene_openers"] and not _NOT_A_TIE.match(v.text, k.end) \
                and not any(x.start < subject.start and x.ref != subject.ref for x in v.comps):
            return k
    return None


def _outside_investors(v: SentenceView, members: list[Mention]) -> list[Mention]:
    """Joint investors (X与Y联合投资…) in a site the text leaves to the article's county: those whose name holds
    no county (a local partner, K鑫河合作社, does not invest in K from outside)."""
    return [m for m in members if not any(
        m.start <= c.start < m.end and c.ref.label in ("County", "City") for c in v.closed)]


def _inside_company(v: SentenceView, c: Mention) -> bool:
    """The closed-class mention ``c`` is part of a company's name (冠县 in 冠县鑫河渔业专业合作社)."""
    return any(m.start <= c.start and c.end <= m.end for m in v.comps)


def _home_of_investor(v: SentenceView, m: Mention, county: NodeRef) -> bool:
    """The article's county is named in the investor's own clause (X是K一家…企业,这次将投资…在我县…): it is where
    the investor comes from, so the site the text names is not surely that county."""
    if m.sent != v.i:
        return False
    a, b = _clause_of(v.text, m.start)
    return any(k.ref == county and a <= k.start < b for k in v.counties)


def _listed_subjects(v: SentenceView, left: list[Mention]) -> list[Mention]:
    """The clause's first company and, when it opens a list closed by 等…企业 (X、Y等一大批知名企业先后到K投资),
    every item of that list; else the first company alone."""
    members = [left[0]]
    for m in left[1:]:
        if v.text[members[-1].end:m.start] not in _LIST_JOINERS:
            break
        members.append(m)
    if len(members) > 1 and len(members) == len(left) and _ENUM_TAIL.match(v.text, members[-1].end):
        return members
    if len(left) > 1 and _JOINT_INVEST.match(v.text, left[-1].end) and all(
            v.text[x.end:y.start] in _JOINT_JOINERS for x, y in zip(left, left[1:], strict=False)):
        return left  # X与Y联合投资…: every one of them invests
    return [left[0]]


def _county_signings(v: SentenceView) -> list[tuple[Mention, Mention]]:
    """K(人民政府)与X、Y等企业(代表)进行签约: each company of the list signs an investment with the county."""
    out: list[tuple[Mention, Mention]] = []
    for k in v.counties:
        gov = _SIGN_GOV.match(v.text, k.end)
        if gov is not None:
            out += [(x, k) for x in _signing_list(v, gov.end())]
        out += [(x, k) for x in _signers_before(v, k)]
        signs = _COUNTY_SIGNS.match(v.text, k.end)
        if signs is not None and not _inside_company(v, k):  # K成功签约X、Y等企业
            chain = _chain_after(v, v.comps, signs.end(), len(v.text))
            out += [(x, k) for x in chain if chain[0].start == signs.end()]
        out += [(x, k) for x in _subject_signings(v, k)]
    return out


def _subject_signings(v: SentenceView, k: Mention) -> list[Mention]:
    """K在…仪式上与X签订总投资N亿元的…项目、与Y签订…项目: the county opening its clause (no company before it)
    signs with every company joined to it by a later 与 and followed by the signing of a project; a company
    standing between the county and a joiner other than an earlier signer ends it (K与X合作,Y与Z签约)."""
    a, _ = _clause_of(v.text, k.start)
    if _inside_company(v, k) or not _BEFORE_SUBJECT.fullmatch(v.text, a, k.start) or any(
            x.start < k.start for x in v.comps):
        return []
    out: list[Mention] = []
    free = k.end  # a company named inside a signed project's phrase (…签订X食品产业园项目) ends nothing
    for j in _cues(_JOINER, v, k.end):
        if j.group() not in _SIGN_JOINERS or v.text[j.start() - 1:j.start()] in _SIGN_JOINERS or j.start() < free:
            continue
        if any(free <= x.start < j.start() for x in v.comps if x not in out):
            break
        chain = _chain_after(v, v.comps, j.end(), len(v.text))
        if not chain or chain[0].start != j.end():
            continue
        signed = _SIGN_PROJECT.match(v.text, chain[-1].end) or _AGREEMENT.match(v.text, chain[-1].end)
        if signed is not None:
            out += chain
            free = signed.end()
    return out


def _signers_before(v: SentenceView, k: Mention) -> list[Mention]:
    """X(、Y)与K(人民政府)签约 / 签订投资协议: the companies listed right before the joiner before the county sign
    with it (the county's own zone or government after it), when the clause signs after the county."""
    if v.text[k.start - 1:k.start] not in _SIGN_JOINERS or _inside_company(v, k):
        return []
    left = [m for m in v.comps if m.end == k.start - 1]
    if not left:  # X(的)董事长某某与K人民政府签订…协议: the company's officer signs for it
        left = [m for m in v.comps if m.end < k.start - 1 and _SIGN_OFFICER.fullmatch(v.text, m.end, k.start - 1)]
        if not left:
            return []
        left = left[-1:]
    a, b = _clause_of(v.text, k.start)
    after = _SIGN_PARTY_AFTER.match(v.text, k.end)
    if after is None or not _AGREEMENT.match(v.text, after.end()) or left[0].start < a:
        return []
    return _enumeration_members(v, [m for m in v.comps if a <= m.start and m.end <= left[0].end])


def _signing_list(v: SentenceView, at: int) -> list[Mention]:
    """The companies listed right at ``at`` (after a signing party and its 与) when their clause signs."""
    chain = _chain_after(v, v.comps, at, len(v.text))
    if not chain or chain[0].start != at:
        return []
    _, b = _clause_of(v.text, chain[-1].end)
    return chain if _AGREEMENT.search(v.text, chain[-1].end, b) else []


def _settled_projects(v: SentenceView) -> list[tuple[Mention, Mention | None]]:
    """X(…)项目落户K: the company owning a project phrase (its name opens it) and the county the project
    settles in, named right after the settling verb."""
    out: list[tuple[Mention, Mention | None]] = []
    for m in v.comps:
        settle = _PROJECT_SETTLES.match(v.text, m.end)
        if settle is None:
            continue
        k = next((c for c in v.counties if c.start == settle.end()), None)
        if k is not None and not _NOT_A_TIE.match(v.text, k.end):
            out.append((m, k))
    return out


def _built_by(v: SentenceView) -> list[tuple[Mention, Mention | None]]:
    """总投资5亿元的Y项目由X投资建设: X, the builder of the project before it, and the county named before the
    project (None: the article's county), in a sentence naming an amount or 投资."""
    out: list[tuple[Mention, Mention | None]] = []
    for m in v.comps:
        a, _ = _clause_of(v.text, m.start)
        gap = max((g for g in _BUILT_BEFORE.finditer(v.text, max(0, m.start - 12), m.start) if g.end() == m.start),
                  key=lambda g: g.end() - g.start(), default=None)
        if gap is None or not _BUILT_AFTER.match(v.text, m.end) or not _BUILT_FUNDED.search(v.text):
            continue
        if any(x.end <= gap.start() and x.ref != m.ref for x in v.comps):
            continue  # Z的Y项目由X建设: another company's project
        k = _county_before(v, gap.start())
        out.append((m, k))
    return out


def _developed(v: SentenceView) -> list[tuple[Mention, Mention | None, bool]]:
    """位于K的…项目,是由X和Y合作开发的: the developers X, Y (True) and the companies named inside the project's
    phrase before it (False), each with the county named before the project (None: the article's county)."""
    out: list[tuple[Mention, Mention | None, bool]] = []
    for g in _DEV_BEFORE.finditer(v.text):
        _, b = _clause_of(v.text, g.end())
        chain = _chain_after(v, v.comps, g.end(), b)
        if not chain or chain[0].start != g.end() or not _DEV_AFTER.match(v.text, chain[-1].end):
            continue
        a, _ = _clause_of(v.text, g.start())
        if any(a <= x.start and x.end <= g.start() and v.text.startswith(R["modifier_mark"], x.end) for x in v.comps):
            continue  # Z的Y项目由X开发: another company's project
        k = _county_before(v, g.start())
        out += [(x, k, True) for x in chain]
        out += [(x, k, False) for x in v.comps if a <= x.start and x.end <= g.start()]
    return out


def _our_signings(v: SentenceView) -> list[tuple[Mention, Mention | None]]:
    """我县(人民政府)与X、Y签约: the article's own county (a county's news in the first person) signs with each
    company of the list: they invest in the article's county."""
    out: list[tuple[Mention, Mention | None]] = []
    for gov in _OUR_COUNTY.finditer(v.text):
        out += [(x, None) for x in _signing_list(v, gov.end())]
    return out


def _attracted_investors(v: SentenceView) -> list[tuple[Mention, Mention]]:
    """K引进X(…)投资N亿元…: the county attracting a company that invests (a cue after it in the sentence)."""
    out = []
    for k in v.counties:
        cue = _ATTRACT.match(v.text, k.end)
        if cue is None or _NOT_A_TIE.match(v.text, k.end):
            continue
        chain = _chain_after(v, v.comps, cue.end(), len(v.text))
        if chain and _INVEST_PLACE.search(v.text, chain[-1].end) and _INVEST_VERB.search(v.text, chain[-1].end):
            out += [(x, k) for x in chain]
    return out


def _semicolon_run(ctx: ArticleContext, i: int) -> int:
    """The first sentence of the ;-separated run sentence ``i`` closes (A项目…;B公司投资…;C公司…): the run is one
    sentence of the page, so the sentence before it is the one before ``i`` for a cue looked for there."""
    while i > 0 and ctx.sentences[i - 1].clean.rstrip().endswith((";", "；")):
        i -= 1
    return i


def _project_site(v: SentenceView, owner: Mention, home: tuple[NodeRef, int] | None) -> tuple[NodeRef | None, str]:
    """Where a project owned by ``owner`` is: the county named before it in the sentence (rule ``project``), else
    the article's county (``project_article_county``), else nowhere."""
    k = _county_before(v, owner.start)
    if k is not None:
        return k.ref, "project"
    return (home[0] if home is not None else None), "project_article_county"


def rule_invests_place(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """INVESTS_IN company -> county: a company invests in the county it names with a place tie (X在K投资), or
    owns an investment project (总投资5亿元的X…项目) brought in (签约, 落户, 增资 in the sentence or the one before)
    to the county named before it in the sentence, else to the article's county."""
    if not v.comps and v.topic is None:
        return
    conf = CONF["INVESTS_IN"]
    attracted = any(_ATTRACTION.search(ctx.sentences[j].clean) for j in range(_semicolon_run(ctx, v.i) - 1, v.i + 1)
                    if j >= 0)
    signings = _county_signings(v) + _our_signings(v)
    ctx.signers |= {(v.i, m.ref) for m, _ in signings}  # a government's counterpart: no tie from this sentence
    developed = _developed(v)
    ctx.signers |= {(v.i, m.ref) for m, _, _ in developed}  # a project's developers: no tie from this sentence
    for m, k in (_attracted_investors(v) + _invested_places(v, attracted) + signings + _settled_projects(v)
                 + _announced_signers(v)
                 + _built_by(v) + [(m, k) for m, k, dev in developed if dev]):
        if k is not None:
            ctx.add(Relationship("INVESTS_IN", m.ref, k.ref, ctx.evidence(v.i, "invest_place", conf["invest_place"])))
        elif home is not None and not _home_of_investor(v, m, home[0]):
            ctx.add(Relationship("INVESTS_IN", m.ref, home[0], ctx.evidence(v.i, "invest_site_article_county",
                                                                            conf["project_article_county"])))
    owners = _project_owners(v)
    _listed_projects(ctx, v, home)
    if attracted:  # 签约项目12个,其中X…项目总投资10亿元: the amount after the project head (no tie of its own)
        for m in _project_owners(v, tail=True):
            site, rule = _project_site(v, m, home)
            if m not in owners and site is not None:
                ctx.add(Relationship("INVESTS_IN", m.ref, site, ctx.evidence(v.i, rule, conf[rule])))
    for m in owners:  # the project's county places its owner (LOCATED_IN, after the sentence rules)
        if (v.i, m.ref) in ctx.signers:
            continue
        site, rule = _project_site(v, m, home)
        if site is not None and not _brought_sentence(ctx, m):  # 由X投资兴建的…项目: no county for the builder
            ctx.project_sites.setdefault(m.ref.uid, (site.uid, v.i, "project", CONF["LOCATED_IN"]["project"]))
        if site is not None:
            if attracted:
                ctx.add(Relationship("INVESTS_IN", m.ref, site, ctx.evidence(v.i, rule, conf[rule])))
            else:
                ctx.owned_projects.append((v.i, m.ref, site))


def _known_by_investment(ctx: ArticleContext, views: list[SentenceView]) -> set[NodeRef]:
    """Companies the article knows by one sentence alone under a name with a legal form of two characters or more
    (X有限公司, X集团): when that sentence says it invests, the investment is all the text says of it, and a
    tie that places it in the same county (its scene, a list's county, its project's) does not make the investment
    its own county's business (session 17, invrec17: the newer golds give such companies INVESTS_IN)."""
    named, forms = _sentences_naming(views), _long_forms(ctx)
    return {m.ref for v in views for m in v.comps
            if named[m.ref] == 1 and m.rule != "anaphora" and v.text[m.start:m.end].endswith(forms)}


def _sentences_naming(views: list[SentenceView]) -> Counter[NodeRef]:
    """How many sentences of the article name each company."""
    return Counter(m.ref for v in views for m in {x.ref: x for x in v.comps}.values())


def _long_forms(ctx: ArticleContext) -> tuple[str, ...]:
    """The region's legal forms of two characters or more (有限公司, 集团): a registered name's ending."""
    return tuple(f for f in ctx.region.vocab["legal_forms"] if len(f) >= 2)


def _own_name_ties(ctx: ArticleContext) -> set[tuple[NodeRef, NodeRef]]:
    """(company, county) pairs that the company's own name places (rule name_place)."""
    return {(rel.start, rel.end) for rel in ctx.rels.values()
            if rel.type == "LOCATED_IN" and rel.evidence.rule == "name_place"}


def _owned_projects(ctx: ArticleContext, known: set[NodeRef]) -> None:
    """INVESTS_IN company -> county, a fallback (rule ``project_owner``, lower confidence): the owner of an
    investment project phrase (总投资5亿元的X…项目, X18亿美元…项目) in a sentence that brings no project in
    invests in the project's county (the one named before it, else the article's) — unless some rule gave it a
    county to invest in, or a rule other than the project's own tie and the article-county ones places it in that
    county (its own county: a local company's project is no investment from elsewhere) while the text knows it by
    more than this sentence or its own name places it (``_known_by_investment``; no tie is removed)."""
    invested = _county_investors(ctx)
    placed = {(rel.start, rel.end) for rel in ctx.rels.values() if rel.type == "LOCATED_IN"
              and rel.evidence.rule not in _HOME_TIE_RULES and rel.evidence.rule != "project"}
    own = _own_name_ties(ctx)
    conf = CONF["INVESTS_IN"]["project_owner"]
    for i, ref, site in ctx.owned_projects:
        if ref in invested or (ref, site) in placed and (ref not in known or (ref, site) in own):
            continue
        ctx.add(Relationship("INVESTS_IN", ref, site, ctx.evidence(i, "project_owner", conf)))
        invested.add(ref)


def _invest_events(ctx: ArticleContext, views: list[SentenceView], home: tuple[NodeRef, int] | None,
                   known: set[NodeRef]) -> None:
    """INVESTS_IN company -> county, the fallback after the precise rules (rule ``invest_event``, lower
    confidence): a company followed closely by an investment event cue (投资, 签约, 开工, 落户, 建设…; only the
    siblings listed with it between) invests in the county named after it up to the cue, else in the one before it
    in its clause, else in the article's county — when no rule gave it a county to invest in and the text does not
    place it in that county (a LOCATED_IN by any rule but the article-county ones: a company's own county is no investment
    from elsewhere) — unless the text knows the company by this investment alone (``_known_by_investment``: a
    name with a legal form, named in one sentence of the article, not placed by its own name; the tie stays). Not when it attends, witnesses, cooperates or contracts (invest_event_not_between), when the
    cue is a noun's modifier (投资说明会, invest_event_noun_after), when it signs a cooperation
    agreement (invest_event_not_after_cue) or is what a clause builds on (依托X建设…, invest_event_not_before).
    A building cue (invest_event_county_cues: 开工, 建设…) needs a county named in the clause, not the article's
    alone; a cue right before the company in its clause (签约落户的X, 投资方X: invest_event_cues_before) needs no
    cue after it."""
    invested = _county_investors(ctx)
    placed = {(rel.start, rel.end) for rel in ctx.rels.values()
              if rel.type == "LOCATED_IN" and rel.evidence.rule not in _HOME_TIE_RULES}
    own = _own_name_ties(ctx)
    conf = CONF["INVESTS_IN"]["invest_event"]
    reach = R["invest_event_reach"]
    for v in views:
        for j, m in enumerate(v.comps):
            if m.ref in invested or (v.i, m.ref) in ctx.customers:
                continue
            end, k = m.end, j + 1
            while k < len(v.comps) and (v.text[end:v.comps[k].start] in _LIST_JOINERS or _item_gap(v.text, end, v.comps[k].start)):
                end, k = v.comps[k].end, k + 1
            hi = min(v.comps[k].start if k < len(v.comps) else len(v.text), end + reach)
            a, _ = _clause_of(v.text, m.start)
            if _VISIT.search(v.text, a, m.start) or _basis(v.text, a, m):
                continue  # 一行参观了X、Y… / 以X为依托…: visited or built on, no agent of the event
            cue = _EVENT_BEFORE.search(v.text, max(a, m.start - 8), m.start)  # 签约落户的X: the party named after
            if cue is None:
                cue = next(iter(_cues(_INVEST_EVENT, v, end, hi)), None)
                if cue is None or _EVENT_NOT_BETWEEN.search(v.text, end, cue.start()) or _EVENT_NOUN.match(
                        v.text, cue.end()):
                    continue
                if cue.group().startswith("签") and _EVENT_NOT_AFTER.match(v.text, cue.end()):
                    continue  # 签订合作协议: a cooperation
                if _EVENT_NOT_BEFORE.search(v.text, a, m.start):
                    continue
            _, b = _clause_of(v.text, cue.start())
            nb = _clause_of(v.text, b + 1)[1] if b < len(v.text) else b  # the cue's clause and the next one
            after = [c for c in v.counties if m.end <= c.start < nb and not _NOT_A_TIE.match(v.text, c.end)]
            before = [c for c in v.counties if a <= c.start < m.start and not _origin_place(v.text, a, c, m)]
            if not after and not before and cue.group() in _EVENT_NEEDS_COUNTY:
                continue  # X…项目开工建设 with no county named: the article's county's own project, no investment
            site = after[0].ref if after else before[-1].ref if before else home[0] if home else None
            if site is None or (m.ref, site) in placed and (
                    m.ref not in known and not _from_elsewhere(v, m, site) or (m.ref, site) in own):
                continue  # the text places the company there: its own county, no investment from elsewhere —
                # unless it knows the company by this investment alone (_known_by_investment) or as another
                # place's (总部位于上海的X落户K)
            ctx.add(Relationship("INVESTS_IN", m.ref, site, ctx.evidence(v.i, "invest_event", conf)))
            invested.add(m.ref)


def _basis(text: str, a: int, m: Mention) -> bool:
    """The company is what its clause builds on (以X为依托, 以X为龙头; relations.json ``invest_event_basis``)."""
    return bool(_BASIS_BEFORE.search(text, a, m.start)) and bool(_BASIS_AFTER.match(text, m.end))


def _origin_place(text: str, a: int, c: Mention, m: Mention) -> bool:
    """The county ``c`` (in the clause from ``a``) is named as where the company ``m`` sits or comes from
    (由位于P的…X投资; relations.json ``origin_place_before_company``): not the investment's site."""
    return bool(_ORIGIN_OPENER.search(text, a, c.start)) and bool(_ORIGIN_TO_COMPANY.fullmatch(text, c.end, m.start))


def _county_named_projects(ctx: ArticleContext, views: list[SentenceView]) -> None:
    """INVESTS_IN company -> county, a fallback (rule ``county_project``; session 20, inv20): a company whose name
    is followed closely by a county's own name and then a project or site head (X东阿冷链产业园项目; relations.json
    ``county_project``) names its project after that county: it invests there — a company no rule gave a county to
    invest in, not its own name's county (name_place), not a town read as its county. No tie is given or taken."""
    invested = _county_investors(ctx)
    own = _own_name_ties(ctx)
    conf = CONF["INVESTS_IN"]["county_project"]
    counties = load_gazetteer().by_uid
    for v in views:
        for m in v.comps:
            if m.ref in invested or m.rule == "anaphora":
                continue
            c = next((c for c in v.counties if m.end <= c.start <= m.end + _COUNTY_PROJECT["gap"]), None)
            if c is None or c.rule == "Town" or (m.ref, c.ref) in own or not _CJK_RUN.fullmatch(v.text, m.end, c.start):
                continue
            place, surface = counties.get(c.ref.uid), v.text[c.start:c.end]
            if place is None or not (place.name.startswith(surface) or surface in place.aliases):
                continue  # a town or zone read as its county: the project is not named after the county
            _, b = _clause_of(v.text, c.end)
            head = _COUNTY_PROJECT_HEAD.search(v.text, c.end, min(b, c.end + _COUNTY_PROJECT["span"]))
            if head is None or any(c.end <= x.start < head.start() for x in v.comps):
                continue
            ctx.add(Relationship("INVESTS_IN", m.ref, c.ref, ctx.evidence(v.i, "county_project", conf)))
            invested.add(m.ref)


def _from_elsewhere(v: SentenceView, m: Mention, site: NodeRef) -> bool:
    """The sentence introduces the company as another place's (来自北京的X, 总部位于上海的X; relations.json
    ``origin_before_company``): the place before it is not ``site``."""
    lo = max(0, m.start - 24)
    origin = _ORIGIN_BEFORE.search(v.text, lo, m.start)
    return origin is not None and not any(
        c.ref == site and origin.start(1) <= c.start < origin.end(1) for c in v.counties)


def _named_project_owners(ctx: ArticleContext, views: list[SentenceView], home: tuple[NodeRef, int] | None) -> None:
    """INVESTS_IN company -> county, a fallback (rule ``named_project``, low confidence): a company with a legal
    form (X有限公司, X集团) the article names in few sentences (named_project.named_at_most; one until session 18),
    as the owner of a project phrase (X年产…项目:
    the project head closing its phrase in its clause, within ``named_project.span`` characters, no other company
    between) in a sentence with an investment event cue (invest_event_cues) and no visit: the text knows it by its
    project alone, so it invests in the project's county (the one named before it in the sentence, else the
    article's), whether or not a tie places it there (session 17, invrec17: the newer golds give a local owner's
    named project INVESTS_IN too, even when its own name places it there). No tie is removed (the older tune gold
    places such owners too). Also (session 18) the items of an attracted enumeration closed by a project head
    (引进X、Y等一批…项目, ``_project_closed_list``), bare names too, with or without an investment cue."""
    invested = _county_investors(ctx)
    named, forms = _sentences_naming(views), _long_forms(ctx)
    conf = CONF["INVESTS_IN"]["named_project"]
    for v in views:
        if _VISIT.search(v.text):
            continue
        cued = bool(_INVEST_EVENT.search(v.text))
        for m in v.comps:
            if m.ref in invested or m.rule == "anaphora":
                continue
            if _project_closed_list(v, m):  # 引进X、Y等一批…项目: bare names too, no cue needed
                k = _county_before(v, m.start)
                site = k.ref if k is not None else home[0] if home is not None else None
                if site is not None:
                    ctx.add(Relationship("INVESTS_IN", m.ref, site, ctx.evidence(v.i, "named_project", conf)))
                    invested.add(m.ref)
                continue
            if not cued or named[m.ref] > _NAMED_PROJECT["named_at_most"]:
                continue
            _, b = _clause_of(v.text, m.start)
            head = _PROJECT_HEAD.search(v.text, m.end, min(b, m.end + _NAMED_PROJECT["span"]))
            if not head or any(m.end <= x.start < head.start() for x in v.comps if x.ref != m.ref) or \
                    _EVENT_NOT_BETWEEN.search(v.text, m.end, head.start()):
                continue
            if not v.text[m.start:m.end].endswith(forms):
                continue  # a bare name (X钢管, X物流): the phrase may name a kind of project, not an owner's
            k = _county_before(v, m.start)
            site = k.ref if k is not None else home[0] if home is not None else None
            if site is None:
                continue
            ctx.add(Relationship("INVESTS_IN", m.ref, site, ctx.evidence(v.i, "named_project", conf)))
            invested.add(m.ref)


def _project_closed_list(v: SentenceView, m: Mention) -> bool:
    """The mention is an item of an enumeration of companies that 等 closes with a project head (relations.json
    ``named_project.closed``) after an attract cue of its clause with no company before the cue (K引进X、Y等一批
    百亿产值项目): the names stand for the projects the place brought in."""
    end, k = m.end, v.comps.index(m) + 1
    while k < len(v.comps) and v.text[end:v.comps[k].start] in _LIST_JOINERS:
        end, k = v.comps[k].end, k + 1
    if _PROJECT_CLOSED.match(v.text, end) is None:
        return False
    a, _ = _clause_of(v.text, m.start)
    cue = list(_ATTRACT.finditer(v.text, a, m.start))  # 引进X、Y等…项目: what the place brought in
    return bool(cue) and not any(a <= x.start < cue[-1].end() for x in v.comps)


def _foreign_investors(ctx: ArticleContext, views: list[SentenceView], home: tuple[NodeRef, int] | None) -> None:
    """INVESTS_IN company -> the article's county, the last fallback (rule ``foreign_investor``): a company whose
    name starts with a place outside the article's prefecture and province, which no rule places, makes invest,
    supply or partner, named in a sentence with an investment event cue (or next to one)."""
    if home is None:
        return
    busy = {r.start for r in ctx.rels.values() if r.type in ("LOCATED_IN", "INVESTS_IN", "SUPPLIES", "PARTNERS_WITH")}
    busy |= {r.end for r in ctx.rels.values() if r.type in ("SUPPLIES", "PARTNERS_WITH", "INVESTS_IN")}
    conf = CONF["INVESTS_IN"]["foreign_investor"]
    for v in views:
        if not _INVEST_EVENT.search(v.text) or _VISIT.search(v.text) or _EVENT_NOT_BETWEEN.search(v.text):
            continue  # a visit to the company, or it attends or witnesses: no investment said
        for m in v.comps:
            if m.ref in busy or m.rule == "anaphora" or not _foreign(ctx, _group_name(ctx, m)):
                continue
            ctx.add(Relationship("INVESTS_IN", m.ref, home[0], ctx.evidence(v.i, "foreign_investor", conf)))
            busy.add(m.ref)


def _partners_of_previous(ctx: ArticleContext, views: list[SentenceView]) -> None:
    """PARTNERS_WITH company -> institution, a fallback (rule ``partner_previous``, lower confidence): a sentence
    naming an institution and no company, with no subject read (no topic), no visit (visit_cues) and a cooperation
    cue (partner_previous_cues, outside institution names) in the institution's clause: the institution partners
    with the company of the nearest sentence before it that names companies, when that sentence names exactly one —
    not an institution followed by a person's title (partner_previous_not_after: its president, among guests or
    speakers)."""
    conf = CONF["PARTNERS_WITH"]["partner_previous"]
    for v in views:
        if v.comps or v.topic is not None or not v.insts or _VISIT.search(v.text):
            continue  # a visit to the institution: no cooperation of the company said
        prev = next((w for w in reversed(views[:v.i]) if w.comps), None)
        if prev is None or len({m.ref for m in prev.comps}) != 1 or prev.comps[0].rule == "anaphora":
            continue
        x = prev.comps[0]
        for y in v.insts:
            if _PARTNER_PREVIOUS_NOT_AFTER.match(v.text, y.end):
                continue  # 某大学校长…: a person of the institution, named among guests or speakers
            a, b = _clause_of(v.text, y.start)
            if any(not any(z.start <= cue.start() < z.end for z in v.insts)
                   for cue in _PARTNER_PREVIOUS.finditer(v.text, a, b)):
                ctx.add(Relationship("PARTNERS_WITH", x.ref, y.ref, ctx.evidence(v.i, "partner_previous", conf)))


def _item_gap(text: str, a: int, b: int) -> bool:
    """Between two companies, the rest of a list item (X年产10万吨轴承、Y…): a short phrase closed by 、, no clause break."""
    gap = text[a:b]
    return gap.endswith("、") and len(gap) <= 16 and not _CLAUSE.search(gap) and "的" not in gap


def _listed_projects(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """Owners of listed projects: 签约的项目包括X年产…项目、Y…项目等 (each owner invests), and X6万锭…、Y3万锭…等项目
    (a company from elsewhere builds in the county)."""
    conf = CONF["INVESTS_IN"]
    listed = [m for m in _listed_project_owners(v) if _foreign(ctx, _group_name(ctx, m))]
    listed += [m for m in _listed_project_owners(v, signed=True) if m not in listed]
    for m in listed + _signed_list_projects(v):
        site, rule = _project_site(v, m, home)
        if site is not None:
            ctx.add(Relationship("INVESTS_IN", m.ref, site, ctx.evidence(v.i, rule, conf[rule])))


def rule_owns(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """INVESTS_IN from ownership: X的全资子公司Y, X旗下的Y, X控股的Y, X是Y的全资子公司 (Y owns X), X持有Y…股权,
    X是Y的第一大股东, X…,其子公司Y; X和Z合资成立Y (each founder invests in Y). Every pair's ends are companies of
    the sentence (``v.comps``): a sentence naming none has none (perf26)."""
    if not v.comps:
        return
    conf = CONF["INVESTS_IN"]["ownership"]
    founders = _founder_pairs(v)
    ctx.founded |= {(v.i, owned.ref) for owner, owned in founders if owner.ref != owned.ref}
    co = [(m, owned) for members, owned, _ in _co_investments(ctx, v) if owned is not None for m in members]
    previous = _previous_company(ctx, v) if _LEAD_CLAUSE.match(v.text) else None
    for owner, owned in _owner_pairs(v, previous) + founders + co:
        if owner.ref != owned.ref:
            ctx.add(Relationship("INVESTS_IN", owner.ref, owned.ref, ctx.evidence(v.i, "ownership", conf)))


def _owner_pairs(v: SentenceView, previous: Mention | None = None) -> Pairs:
    """(owner, owned) from two adjacent companies and the words between and after them, and from 其子公司Y
    (``previous``: the company the sentence before speaks of, for a back-reference, see _lead_clause_owner)."""
    out: Pairs = []
    for x, y in zip(v.comps, v.comps[1:], strict=False):
        if _OWNS.fullmatch(v.text, x.end, y.start):  # X的全资子公司Y
            out.append((x, y))
        elif _SUBSIDIARY_OF.fullmatch(v.text, x.end, y.start) and (sub := _SUBSIDIARY.match(v.text, y.end)) \
                and not _names_the_subsidiary(v, sub.end()):
            out.append((y, x))  # X是Y的全资子公司 (not X是Y的全资子公司Z的客户)
        elif _HOLDS.fullmatch(v.text, x.end, y.start) and _HOLDING.match(v.text[y.end:]):
            out.append((x, y))  # X持有Y 30%的股权; X是Y的第一大股东
        elif _INTRODUCED.fullmatch(v.text, x.end, y.start) and _INVESTOR_ROLE.match(v.text, y.end):
            out.append((y, x))  # X引入Y作为战略投资者
        elif v.text[x.end:y.start] in _PASSIVE_MARKS and _PASSIVE_INVEST.match(v.text, y.end):
            out.append((y, x))  # X被Y收购
        elif _BELONGS.fullmatch(v.text, x.end, y.start):
            out.append((y, x))  # X隶属于Y
        elif v.text[x.end:y.start] in _FUNDED_GAPS and _FUNDED.match(v.text, y.end) and (
                v.text[x.end:y.start] != "为" or v.text.startswith("控股", y.end)):
            out.append((y, x))  # X由Y控股, X是由Y投资设立的
        elif _FUNDED_DESCRIBED.fullmatch(v.text, x.end, y.start) and _FUNDED.match(v.text, y.end):
            out.append((y, x))  # X是由位于K的龙头企业Y投资建设
        else:
            gap = _FUNDED.match(v.text, x.end)
            if gap and v.text[gap.end():y.start] == "的":
                out.append((x, y))  # 由X投资建设的Y, X投资建设的Y公司
    for y in v.comps:  # X总部位于香港,其子公司Y…: 其 is the segment's subject
        a, _ = _clause_of(v.text, y.start)
        if _OWNER_PRONOUN.fullmatch(v.text, a, y.start) and a > 0:
            owner = _clause_subject(v, a - 1)
            if owner is not None:
                out.append((owner, y))
    return out + _described_owners(v) + _elided_belongs(v) + _parents_named(v) + _lead_clause_owner(v, previous) + _relaxed_builder(v) + _joint_builders(v) + _owned_lists(v)


def _owned_lists(v: SentenceView) -> Pairs:
    """(owner, owned) from X旗下有A、B等4家子公司 / X下设A和B / X拥有A、B两家全资子公司: an owner, a holding verb
    and the list of companies right after it; a verb that marks subsidiaries by itself (旗下, 下设, 下属) needs no
    closing head, a bare 拥有/有 needs the list closed by a counted subsidiary head (relations.json owned_list). A
    clause opening with a marking verb (…。旗下有A、B) goes on with the subject before it: the clause before's, or
    for a sentence's first clause the sentence before's."""
    out: Pairs = []
    owners: list[tuple[Mention, re.Match[str]]] = []
    for x in v.comps:
        verb = _OWNED_VERB.match(v.text, x.end)
        if verb is not None:
            owners.append((x, verb))
    for a in [0] + [k + 1 for k, ch in enumerate(v.text) if ch in R["clause_breaks"]]:
        verb = _OWNED_VERB.match(v.text, a)  # X创建于2007年(。|,)旗下有A、B: the subject the clause goes on with
        if verb is not None and verb.group("marked"):
            owner = v.topic if a == 0 else _clause_subject(v, a - 1)
            if owner is not None:
                owners.append((owner, verb))
    for x, verb in owners:
        chain = _listed_from(v, verb.end())
        if chain and (verb.group("marked") or _OWNED_CLOSE.match(v.text, chain[-1].end)):
            out += [(x, y) for y in chain]
    return out


def _joint_builders(v: SentenceView) -> Pairs:
    """(owner, owned) from X与Y合资建设的Z: the partner named before Y builds Z with it (funded_by after Y opening
    with a joint word, 的 right before Z; X and Y joined by a partner joiner or a list mark)."""
    out: Pairs = []
    for w, x, y in zip(v.comps, v.comps[1:], v.comps[2:], strict=False):
        gap = _FUNDED.match(v.text, x.end)
        if (gap and v.text[gap.end():y.start] == "的" and any(j in gap.group() for j in R["joint_founding_words"])
                and (v.text[w.end:x.start] in _LIST_JOINERS or _JOINER.fullmatch(v.text, w.end, x.start))):
            out.append((w, y))
    return out


def _parents_named(v: SentenceView) -> Pairs:
    """(owner, owned) from Y的母公司X and Y…,其总公司X (relations.json ``parent_named``)."""
    out: Pairs = []
    for y, x in zip(v.comps, v.comps[1:], strict=False):
        if _PARENT_BETWEEN.fullmatch(v.text, y.end, x.start):
            out.append((x, y))
    for x in v.comps:
        a, _ = _clause_of(v.text, x.start)
        if a > 0 and _PARENT_PRONOUN.fullmatch(v.text, a, x.start):
            owned = _clause_subject(v, a - 1)
            if owned is not None:
                out.append((x, owned))
    return out


def _previous_company(ctx: ArticleContext, v: SentenceView) -> Mention | None:
    """The company the sentence before speaks of: its subject (``v.topic``), else its only company."""
    if v.topic is not None or v.i == 0:
        return v.topic
    before = {m.ref: m for m in ctx.comps_of(v.i - 1)}
    return next(iter(before.values())) if len(before) == 1 else None


def _lead_clause_owner(v: SentenceView, previous: Mention | None = None) -> Pairs:
    """(owner, owned) from 作为X的子公司,Y… / 作为X旗下…生产基地,Y…: the sentence opens with 作为 and the owner, a
    subsidiary head closes the phrase, the owned the company opening the next clause (relations.json ``lead_clause``)
    — or, that clause opening with a back-reference (作为X的子公司,企业主要生产…: ``lead_clause_backref``), the
    company the sentence before speaks of (``previous``)."""
    lead = _LEAD_CLAUSE.match(v.text)
    if lead is None or not v.comps or v.comps[0].start != lead.end():
        return []
    owner = v.comps[0]
    _, b = _clause_of(v.text, owner.start)
    head = _LEAD_HEAD.match(v.text, owner.end)
    if head is None or head.end() > b or head.end() - owner.end > R["lead_clause_head"]["reach"]:
        return []
    if any(owner.end <= m.start < b for m in v.comps[1:]) or b >= len(v.text):
        return []
    owned = _opening(v, b + 1)
    if owned is None and _LEAD_BACKREF.match(v.text, b + 1):
        owned = previous
    return [(owner, owned)] if owned is not None and owned.ref != owner.ref else []


def _relaxed_builder(v: SentenceView) -> Pairs:
    """(owner, owned) from 由X追加投资6亿元的Y / 由X兼并重组…的Y (relations.json ``built_by_relaxed``)."""
    return [(x, y) for x, y in zip(v.comps, v.comps[1:], strict=False)
            if v.text[max(0, x.start - 1):x.start] == "由" and _BUILT_BY.fullmatch(v.text, x.end, y.start)]


def _lone_before(v: SentenceView, a: int) -> Mention | None:
    """The one company of the clause ending right before ``a`` (引进X入驻园区,…; 位于K的Y,…): the topic a
    subjectless clause after it continues when that clause has no company opening it."""
    pa, _ = _clause_of(v.text, a - 1)
    before = [m for m in v.comps if pa <= m.start and m.end < a]
    return before[0] if len(before) == 1 else None


def _names_the_subsidiary(v: SentenceView, head_end: int) -> bool:
    """A company right after a subsidiary head (at most one character between): …的全资子公司Y — the head names Y, so
    the company before the copula is not the subsidiary (Z是X的全资子公司Y的客户)."""
    return any(head_end <= m.start <= head_end + 1 for m in v.comps)


def _described_owners(v: SentenceView) -> Pairs:
    """(owner, owned) from Y是X在K投资兴建的子公司 / Y是大型药企X的全资子公司 / …Y落户K,这是X在K设立的全资子公司:
    the owner X the last company before the subsidiary head, what stands between them a place or a founding verb
    (no company, no 的, no list break, short), the owned Y the company before X's copula, or — a pronoun opening
    X's clause — the company opening the clause before (relations.json ``subsidiary_described``)."""
    out: Pairs = []
    spec = R["subsidiary_described"]
    for head in _cues(_SUB_HEAD, v):
        before = [m for m in v.comps if m.end <= head.start()]
        if not before:
            continue
        owner = before[-1]
        if _names_the_subsidiary(v, head.end()):
            continue  # Z是X的全资子公司Y的客户: X's subsidiary is Y, not Z
        gap = v.text[owner.end:head.start()]
        if len(gap) > spec["max_gap"] or not _SUB_GAP.fullmatch(gap) or len(_CLAUSE.findall(gap)) > 1:
            continue
        a, _ = _clause_of(v.text, owner.start)
        if len(before) > 1 and before[-2].start >= a and _SUB_COPULA.fullmatch(v.text, before[-2].end, owner.start):
            owned: Mention | None = before[-2]  # Y是X…的子公司
        elif _SUB_PRONOUN.fullmatch(v.text, a, owner.start) and a > 0:
            owned = _opening(v, _clause_of(v.text, a - 1)[0])  # …Y落户K,这是X…的子公司
        elif a > 0 and _SUB_ELIDED.fullmatch(v.text, a, owner.start) and not any(
                a <= m.start < owner.start for m in v.comps):
            owned = _clause_subject(v, a - 1) or _lone_before(v, a)  # Y,是致力于…的X的核心企业
        else:
            continue
        if owned is not None and owned.ref != owner.ref:
            out.append((owner, owned))
    return out


def _elided_belongs(v: SentenceView) -> Pairs:
    """(owner, owned) from a subjectless clause opening with an ownership copula (…,隶属于Z / X是Y的供应商,均隶属Z):
    the clause's subject belongs to Z; with 均/都 before the copula every company of the clauses before it does
    (relations.json ``elided_belongs``)."""
    out: Pairs = []
    for y in v.comps:
        a, _ = _clause_of(v.text, y.start)
        if a == 0:
            continue
        all_ = _BELONGS_ALL.match(v.text, a)
        start = all_.end() if all_ else a
        if not _BELONGS.fullmatch(v.text, start, y.start):
            continue
        if all_:
            seg = max(v.text.rfind(ch, 0, a) for ch in R["segment_breaks"]) + 1
            owned = [m for m in v.comps if seg <= m.start and m.end < a]
        else:
            subject = _clause_subject(v, a - 1)
            owned = [subject] if subject is not None else []
        out += [(y, m) for m in owned if m.ref != y.ref]
    return out


def _co_investments(ctx: ArticleContext, v: SentenceView) -> list[CoInvestment]:
    """The sentence's co-investments (``_find_co_investments``), found once: PARTNERS_WITH and INVESTS_IN both
    read them."""
    if v.co_invested is None:
        v.co_invested = _find_co_investments(ctx, v)
    return v.co_invested


def _find_co_investments(ctx: ArticleContext, v: SentenceView) -> list[CoInvestment]:
    """Co-investors (relations.json ``co_investment``): the list of companies right before a joint investment verb
    (A、B、C三方共同投资; 由A、B投资建设), the company they invest in — founded by the clause or the next one
    (…共同投资,组建了D), or, after 由, the company whose project they build (D…项目由A、B共同投资兴建) — and whether
    they act together (a joint word, or two or more after 由): co-investors of one thing are partners (the gold's
    convention, docs/CORPUS.md). One investor after 由 invests in the project's company too."""
    out: list[CoInvestment] = []
    for k, last in enumerate(v.comps):
        verb = _CO_VERB.match(v.text, last.end)
        head = _CO_HEAD.match(v.text, verb.end()) if verb is not None else None
        if verb is None or not (verb.group("invest") or verb.group("joint") and verb.group("build")
                                or head is not None and head.group("jv")):
            continue  # 共同研发: working together, no investment
        members = _co_list(v, v.comps[:k + 1])
        by = _CO_BY.search(v.text, max(0, members[0].start - 3), members[0].start)
        if len(members) == 1 and (by is None or not verb.group("invest")):
            continue  # one company and a joint word: the joiner rules' (X与Y共同出资)
        together = len(members) > 1 and (bool(verb.group("joint")) or by is not None or head is not None)
        if not together and by is None:
            continue  # A和B投资的项目: not said to act together
        owned = _co_founded(v, verb) or (_co_project_company(ctx, v, by.start(), by.end()) if by is not None else None)
        if owned is None and head is not None and by is None:  # Z系X与Y的合资企业; X与Y的合资公司Z
            owned = _co_described(v, members[0]) or next((m for m in v.comps if m.start == head.end()), None)
        out.append((members, owned, together))
    for party in _CO_PARTIES.finditer(v.text):  # X与Y签约,双方将共同出资设立Z: the parties are the clause before's
        a, _ = _clause_of(v.text, party.start())
        verb = _CO_VERB.match(v.text, party.end())
        if a != party.start() or a == 0 or verb is None or not verb.group("invest"):
            continue
        pa, _ = _clause_of(v.text, a - 1)
        members = _co_list(v, [m for m in v.comps if pa <= m.start and m.end < a])
        if len(members) > 1:
            out.append((members, _co_founded(v, verb), True))
    return out


def _co_list(v: SentenceView, before: list[Mention]) -> list[Mention]:
    """The last company of ``before`` and the ones listed with it by co-investment joiners (A、B和C, A与B), in text
    order; empty for no company."""
    return _enumeration_members(v, before, _JOINT_JOINERS)[::-1] if before else []


def _co_described(v: SentenceView, first: Mention) -> Mention | None:
    """The company said to be what a list of co-investors made (Z系X与Y的合资企业): the one right before the list's
    copula."""
    before = [m for m in v.comps if m.end <= first.start]
    return before[-1] if before and _CO_COPULA.fullmatch(v.text, before[-1].end, first.start) else None


def _co_founded(v: SentenceView, verb: re.Match[str]) -> Mention | None:
    """The company a co-investment founds: right after a founding verb in the clause (共同出资设立了D), or in the
    next clause opening with one (三方共同投资,组建了D)."""
    pos = verb.end()
    if not (verb.group("build") and _CO_FOUNDING.fullmatch(verb.group("build"))):
        nxt = _CO_FOUNDED_NEXT.match(v.text, pos)
        if nxt is None or verb.group("build"):
            return None
        pos = nxt.end()
    _, b = _clause_of(v.text, pos)
    made = next((m for m in v.comps if pos <= m.start < b), None)
    return made if made is not None and _FOUNDED_GAP.fullmatch(v.text, pos, made.start) else None


def _co_project_company(ctx: ArticleContext, v: SentenceView, by: int, first: int) -> Mention | None:
    """Whose project a 由-phrase at ``by`` (its investors from ``first``) builds: the company opening the clause (or
    the clause before) with the rest of its project's name up to 由 (D…项目(,)由…); for a sentence opening with 由
    (or with 该项目 and a copula clause: 该项目是…之一,由…), the sentence before's subject when that sentence opens
    with its project (D…项目,是…。由…). D must be known by a
    registered name (its group's name ends with a legal form): a project's name read as a formless company is the
    investor's own project."""
    owned = _co_project_owner(ctx, v, by, first)
    return owned if owned is not None and _group_name(ctx, owned).endswith(_long_forms(ctx)) else None


def _co_project_owner(ctx: ArticleContext, v: SentenceView, by: int, first: int) -> Mention | None:
    """The company whose project a 由-phrase builds (``_co_project_company``), by the shape of the text alone."""
    before = [m for m in v.comps if m.end <= by]
    if before:
        y = before[-1]
        a, _ = _clause_of(v.text, y.start)
        return y if _CO_PROJECT_GAP.fullmatch(v.text, y.end, first) and _opens_clause(v.text, a, y) else None
    if not _CO_PROJECT_LEAD.fullmatch(v.text, 0, by) or v.topic is None or v.topic.sent != v.i - 1:
        return None
    prev = ctx.sentences[v.topic.sent].clean
    return v.topic if _CO_PROJECT_OPENING.match(prev, v.topic.end) else None


def _founder_pairs(v: SentenceView) -> Pairs:
    """X(和Z)合资成立Y: each founder and the company founded."""
    out: Pairs = []
    for cue in _cues(_FOUND, v):
        a, b = _clause_of(v.text, cue.start())
        left = [m for m in v.comps if a <= m.start and m.end <= cue.start()]
        made = [m for m in v.comps if cue.end() <= m.start < b][:1]
        if not left or not made or not _FOUNDED_GAP.fullmatch(v.text, cue.end(), made[0].start):
            continue
        founders = [left[-1]]
        for m in reversed(left[:-1]):
            if v.text[m.end:founders[-1].start] not in _LIST_JOINERS and not _JOINER.fullmatch(
                    v.text, m.end, founders[-1].start):
                break
            founders.append(m)
        if cue.group().startswith(tuple(R["joint_founding_openers"])):  # 由X牵头,引入A、B等企业共同成立Y: X founds Y too
            founders += [m for m in v.comps if m.end <= cue.start() and m not in founders
                         and v.text.startswith(tuple(R["lead_founder_after"]), m.end)]
        if a > 0 and _FOUNDER_ELIDED.fullmatch(v.text, a, founders[-1].start):  # …,与Y合资成立Z: the elided subject too
            elided = _clause_subject(v, a - 1) or _lone_before(v, a)  # 引进X入驻园区,与Y合资成立Z
            if elided is not None and elided not in founders:
                founders.append(elided)
        out += [(f, made[0]) for f in founders]
    return out


def rule_supplies(ctx: ArticleContext, v: SentenceView, home: tuple[NodeRef, int] | None) -> None:
    """SUPPLIES: X…供应Y (the verb before Y), X成为Y等企业的供货商 (the noun after Y), Y的供应商X, X为/给Y配套
    (X the clause's subject, elided or not), X的客户包括Y, Y将…交给X生产; and X向Y采购 (Y supplies X)."""
    if not v.comps:
        return
    conf = CONF["SUPPLIES"]["supplier"]
    pairs = (_supply_verb_noun(v) + _supplier_after_noun(v) + _supply_for(v) + _customers(v) + _outsourced(v)
             + _bought_from(v) + _orders(v) + _designated(v) + _contracts(v) + _passive_supply(v) + _raw_material(v) + _cluster_supply(v))
    pairs += _supplier_named_next(ctx, v)
    rule = "supplier"
    if not any(x.ref != y.ref for x, y in pairs):
        pairs, rule, conf = _supply_clause(v), "supply_clause", CONF["SUPPLIES"]["supply_clause"]
    for x, y in pairs:
        if x.ref != y.ref:
            ev = ctx.evidence(v.i, rule, conf)
            ctx.add(Relationship("SUPPLIES", x.ref, y.ref, ev))
            if y.sent == v.i and rule == "supplier":
                ctx.customers.add((v.i, y.ref))
            for a, b in ((x.ref, y.ref), (y.ref, x.ref)):  # supplier and customer, not partners, in this sentence
                uid = relationship_uid("PARTNERS_WITH", a.key(), b.key(), ev.article)
                if uid in ctx.rels and ctx.rels[uid].evidence.start == ev.start:
                    del ctx.rels[uid]



def _supplier_named_next(ctx: ArticleContext, v: SentenceView) -> Pairs:
    """…,配套A、B、C等…。Y公司…: a supply verb governing a list of customers in a sentence that names no company
    before the verb and carries no subject (no company opens it, none is carried from the sentence before): the
    supplier is named after the customers, as the company in the first clause of the next sentence
    (relations.json ``supplier_named_next``)."""
    if v.i + 1 >= len(ctx.sentences) or _sentence_topic(ctx, v.i) is not None:
        return []
    verbs = [c for c in _SUPPLIER_NEXT_VERB.finditer(v.text, 0, v.comps[0].start)
             if not v.text.startswith(_SUPPLY_NOUNISH, c.end()) and not _adverbial_supply(c, v.comps)]
    if not verbs:
        return []
    _, b = _clause_of(v.text, verbs[-1].start())
    customers = _chain_after(v, v.comps, verbs[-1].end(), b)
    if len(customers) < R["supplier_named_next"]["min_customers"]:
        return []
    nxt = ctx.sentences[v.i + 1].clean
    after = list(ctx.comps_of(v.i + 1))
    if not after or after[0].start >= _clause_of(nxt, 0)[1] or after[0].rule == "anaphora":
        return []
    return [(after[0], y) for y in customers if y.ref != after[0].ref]


def _adverbial_supply(cue: re.Match[str], comps: list[Mention]) -> bool:
    """A supply verb that is also an adverb (relations.json ``supply_adverbial_verbs``: 配套建设Y) governs a customer
    only when a company of ``comps`` follows it within ``gap`` characters (产品配套Y); else it supplies no one."""
    gap = R["supply_adverbial_verbs"]["gap"]
    return cue.group() in _SUPPLY_ADVERBIAL and not any(0 <= m.start - cue.end() <= gap for m in comps)


def _supply_clause(v: SentenceView) -> Pairs:
    """Fallback where no precise shape fires: a supply cue (supply_fallback.forward, the supply verbs) — the
    company before it in its clause, else the clause's subject, else the sentence's first company when it stands
    before the cue, else the sentence before's subject — supplies every other company after the cue in the
    sentence (later clauses too); a purchase cue (supply_fallback.reverse) — the companies after it supply that
    subject, except one right after 为/给/向 (为Y提供: a customer)."""
    out: Pairs = []
    cues = [c for c in _cues(_SUPPLY_ANY, v)
            if not v.text.startswith(_SUPPLY_NOUNISH + tuple(R["supply_fallback"]["not_followed_by"]), c.end())]
    if len({c.group() in _SUPPLY_REVERSE for c in cues}) > 1:
        return out  # a purchase and a sale in one sentence (X采购…,交付Y): who sells to whom is not read
    for cue in cues:
        subject = _agent(v, cue.start()) or (v.comps[0] if v.comps[0].start < cue.start() else v.topic)
        if subject is None:
            continue
        after = [m for m in v.comps if cue.end() <= m.start and m.ref != subject.ref]
        if _adverbial_supply(cue, after):
            continue  # 配套建设Y: an adverb, not a supply
        if cue.group() in _SUPPLY_REVERSE:  # 为Y提供 after a purchase: Y a customer, not a seller
            out += [(m, subject) for m in after if v.text[m.start - 1:m.start] not in R["benefactive_prepositions"]]
        else:
            out += [(subject, m) for m in after]
    return out


def _raw_material(v: SentenceView) -> Pairs:
    """以X(的…)为原料: X supplies the clause's subject — the company before 以, the company opening the clause,
    or, when the clause opens with a back-reference to the sentence before (该项目, 该公司), that sentence's subject."""
    out: Pairs = []
    for m in _RAW_MATERIAL.finditer(v.text):
        a, _ = _clause_of(v.text, m.start())
        suppliers = [c for c in v.comps if m.start() < c.start and c.end <= m.end()][:1]
        if not suppliers:
            continue
        customer = _agent(v, m.start(), nearest=True)
        if customer is None:
            customer = _carried_subject(v, a, _SUBJECT_BACKREF)
        if customer is not None and customer.ref != suppliers[0].ref:
            out.append((suppliers[0], customer))
    return out


def _supply_verb_noun(v: SentenceView) -> Pairs:
    """The sentence's first company supplies a company after a supply verb (X的产品供应Y) or before a supplier
    noun (X成为Y等企业的供货商, X进入Y的供应链)."""
    text, subject = v.text, v.comps[0]
    verb = _SUPPLY_VERB.search(text, subject.end)
    noun = _SUPPLY_NOUN.search(text, subject.end) or _SUPPLY_ROLE.search(text, subject.end)
    first_person = _first_person_supply(v)
    if first_person:
        return first_person
    out: Pairs = [(x, y) for x, y in zip(v.comps, v.comps[1:], strict=False)  # X Y配套项目: X's supply to Y
                  if x.end == y.start and x.ref != y.ref and _SUPPLY_VERB.match(text, y.end)]
    for k, y in enumerate(v.comps[1:], start=1):  # X、Y等6宗Z配套项目: every item supplies Z
        if _SUPPLY_VERB.match(text, y.end) and _LIST_COUNT.fullmatch(text, v.comps[k - 1].end, y.start):
            out += [(x, y) for x in _enumeration_members(v, v.comps[:k]) if x.ref != y.ref]
    suppliers = _opening_list(v)
    # 配套建设Y: an adverb, no supply; 配套Y、Z等: the verb governs the whole list after its near first company
    governs = verb is not None and not _adverbial_supply(verb, v.comps)
    for other in v.comps:
        if other.ref == subject.ref or other.start < subject.end or _listed_with(text, subject, other, v.comps):
            continue
        if _DESIGNATED.match(text, other.end):
            continue  # Y选定X为供应商: X supplies (rule _designated)
        after_verb = governs and verb is not None and verb.end() <= other.start and _clause_of(text, verb.start())[1] >= other.end
        before_noun = noun is not None and other.end <= noun.start() and _clause_of(text, other.start)[1] >= noun.end()
        if after_verb and not text.startswith(_SUPPLY_NOUNISH, verb.end()) or before_noun:
            out += [(x, other) for x in suppliers if x.ref != other.ref]
    return out


def _cluster_supply(v: SentenceView) -> Pairs:
    """以X为龙头,A、B等企业相配套: each company of the list closed by 配套 supplies the lead company X."""
    leads = [x for x in v.comps if v.text[x.start - 1:x.start] == R["cluster_lead_mark"] and _CLUSTER_LEAD.match(v.text, x.end)]
    if not leads:
        return []
    out: Pairs = []
    k = 0
    while k < len(v.comps):
        chain = _chain_after(v, v.comps, v.comps[k].start, len(v.text))
        k += len(chain)
        end = _after_note(v.text, chain[-1].end)
        tail = _ENUM_TAIL.match(v.text, end)
        if not _CLUSTER_SUPPLY.match(v.text, tail.end() if tail else end):
            continue
        lead = [x for x in leads if x.end <= chain[0].start]
        if lead:
            out += [(y, lead[-1]) for y in chain if y.ref != lead[-1].ref]
    return out


def _opening_list(v: SentenceView) -> list[Mention]:
    """The sentence's first company and, when it opens a list closed by 等…企业 (X、Y(台资)等7家企业…,产品热销Z),
    every item of that list (each one supplies); else the first company alone."""
    members = _chain_after(v, v.comps, v.comps[0].start, len(v.text))
    if len(members) > 1 and _ENUM_TAIL.match(v.text, _after_note(v.text, members[-1].end)):
        return members
    return members[:1]


def _after_note(text: str, end: int) -> int:
    """Where a list item ending at ``end`` ends with its short bracketed note (X(台资)、Y: after the note)."""
    note = _ENUM_NOTE.match(text, end)
    return note.end() if note else end


def _first_person_supply(v: SentenceView) -> Pairs:
    """“我们的产品供应给了Y。”X负责人说: a supply verb in a clause opening with 我们 — the speaker supplies the
    companies after the verb in its clause."""
    for verb in _SUPPLY_VERB.finditer(v.text):
        a, b = _clause_of(v.text, verb.start())
        if not _FIRST_PERSON.match(v.text, a) or v.text.startswith(_SUPPLY_NOUNISH, verb.end()):
            continue
        speaker = _speaker(v, a)
        if speaker is not None:
            return [(speaker, y) for y in v.comps if verb.end() <= y.start and y.end <= b]
    return []


def _orders(v: SentenceView) -> Pairs:
    """X接到Y的订单, X拿下Y…大单: the clause's subject supplies the company the order comes from."""
    out: Pairs = []
    for cue in _cues(_ORDER, v):
        _, b = _clause_of(v.text, cue.start())
        after = [m for m in v.comps if cue.end() <= m.start < b]
        if not after or after[0].start - cue.end() > R["object_gap"] or not _ORDER_NOUN.search(v.text, after[0].end, b):
            continue
        subject = _agent(v, cue.start())
        if subject is not None:
            out.append((subject, after[0]))
    return out


def _passive_supply(v: SentenceView) -> Pairs:
    """Y的零部件由X供应 (passive) and Y采用X的产品 (adoption): X supplies Y, the company before the cue in its
    clause (or the clause's subject)."""
    out: Pairs = []
    for x in v.comps:
        before = v.text[max(0, x.start - 2):x.start]
        passive = before.endswith("由") and _PASSIVE.match(v.text, x.end)
        adopted = _ADOPT.search(before) is not None and v.text.startswith("的", x.end) and before.endswith(
            tuple(R["adoption_cues"]))
        if not (passive or adopted):
            continue
        customer = _customer_before(v, x, x.start - 1)
        if customer is not None:
            out.append((x, customer))
    for k, x in enumerate(v.comps[:-1]):  # X的产品被Y(、Z)采用: X supplies each of them
        if not _ADOPTED_BY.fullmatch(v.text, x.end, v.comps[k + 1].start):
            continue
        chain = _chain_after(v, v.comps, v.comps[k + 1].start, len(v.text))
        if chain and v.text.startswith(tuple(R["adoption_cues"]), chain[-1].end):
            out += [(x, y) for y in chain]
    return out


def _customer_before(v: SentenceView, x: Mention, upto: int) -> Mention | None:
    """The customer of supplier ``x``: the first other company of its clause ending by ``upto``, else the
    clause's subject (None when that is ``x`` itself)."""
    customer = _agent(v, x.start, upto=upto, other_than=x)
    return customer if customer is not None and customer.ref != x.ref else None


def _contracts(v: SentenceView) -> Pairs:
    """X与Y签订供货合同: the subject supplies its counterpart."""
    out: Pairs = []
    for cue in _cues(_CONTRACT, v):
        a, b = _clause_of(v.text, cue.start())
        if not _CONTRACT_NOUN.search(v.text, cue.end(), b):
            continue
        left = [m for m in v.comps if a <= m.start and m.end <= cue.start()]
        if len(left) >= 2 and _JOINER.fullmatch(v.text, left[0].end, left[1].start):
            out.append((left[0], left[1]))
            continue
        # X还与Y签订了供货合同; …,并已与Y签订供货合同: adverbs before the joiner, or the clause's subject elided
        hit = next(((j, m) for j in _JOINER.finditer(v.text, a, cue.start()) for m in left if m.start == j.end()), None)
        if hit is None or hit[0].group() not in R["supply_contract_joiners"]:
            continue
        j, customer = hit
        before = [m for m in left if m.end <= j.start()]
        if before and _VERB_OPENING.fullmatch(v.text, before[-1].end, j.start()):
            supplier: Mention | None = before[-1]
        elif not before and _opens_with(v.text, a, j.end()):
            supplier = _clause_subject(v, j.start())
        else:
            supplier = None
        if supplier is not None and supplier.ref != customer.ref:
            out.append((supplier, customer))
    return out


def _designated(v: SentenceView) -> Pairs:
    """Y选定X为其核心供应商: X (followed by 为/作为…供应商) supplies the company before it in its clause."""
    out: Pairs = []
    for x in v.comps:
        if not _DESIGNATED.match(v.text, x.end):
            continue
        customer = _customer_before(v, x, x.start)
        if customer is not None:
            out.append((x, customer))
    return out


def _supplier_after_noun(v: SentenceView) -> Pairs:
    """Y(等…)的(核心)供应商X: the company right after the supplier noun supplies the one before it."""
    out: Pairs = []
    for noun in _cues(_SUPPLY_NOUN, v):
        a, b = _clause_of(v.text, noun.start())
        named = [m for m in v.comps if noun.end() <= m.start <= noun.end() + R["supplier_named_after_gap"]]
        if named and _CLAUSE.search(v.text, noun.end(), named[0].start):
            named = []
        if not named and v.text.startswith(R["role_opening"], a) and b < len(v.text):
            nxt = _opening(v, b + 1)  # 作为Y的核心供应商,X…: the next clause's subject
            named = [nxt] if nxt is not None else []
        if not named:
            continue
        customers = [m for m in v.comps if a <= m.start and m.end <= noun.start()]
        if customers and "的" in v.text[customers[-1].end:noun.start()]:
            out += [(named[0], c) for c in _enumeration_members(v, customers)]
    return out


def _enumeration_members(v: SentenceView, before: list[Mention],
                         joiners: frozenset[str] = _LIST_JOINERS) -> list[Mention]:
    """The last company of ``before`` and the ones listed with it (X、Y和Z), from the last back."""
    out = [before[-1]]
    for m in reversed(before[:-1]):
        if v.text[m.end:out[-1].start] not in joiners:
            break
        out.append(m)
    return out


def _supply_for(v: SentenceView) -> Pairs:
    """X为Y配套 / X长期给Y供货: X the company before the preposition in its clause, else the clause's subject."""
    out: Pairs = []
    handed = [c.span() for c in _OUTSOURCE.finditer(v.text)]
    for m in _BENEFACTIVE.finditer(v.text):
        if any(x <= m.start() < y for x, y in handed):
            continue  # 交给X生产: the outsourcing rule's
        inside = [c for c in v.comps if m.start() < c.start and c.end <= m.end()]
        subject = _agent(v, m.start())
        if subject is not None and inside and not (v.text[m.start()] == "向" and _BUY_FROM.match(v.text, m.start())):
            out += [(subject, c) for c in inside]
    return out


def _customers(v: SentenceView) -> Pairs:
    """X的主要客户包括Y、Z; X是Y的客户 (Y supplies X)."""
    out: Pairs = [(y, x) for x, y in zip(v.comps, v.comps[1:], strict=False)  # X是Y的重要客户: Y supplies X
                  if _SUBSIDIARY_OF.fullmatch(v.text, x.end, y.start) and _CUSTOMER_OF.match(v.text, y.end)]
    for m in _CUSTOMER.finditer(v.text):
        a, b = _clause_of(v.text, m.start())
        left = [c for c in v.comps if a <= c.start and c.end <= m.start()]
        if left:
            out += [(left[-1], c) for c in _chain_after(v, v.comps, m.end(), b)]
    return out + _closed_customer_lists(v)


def _closed_customer_lists(v: SentenceView) -> Pairs:
    """X拥有A、B、C等长期合作的优质客户 (a list closed by 等…客户, relations.json ``customer_list_close``): the
    company before the list in its clause, else the clause's elided subject, supplies each item."""
    out: Pairs = []
    k = 0
    while k < len(v.comps):
        chain = _chain_after(v, v.comps, v.comps[k].start, len(v.text))
        k += max(1, len(chain))
        if len(chain) < 2 or not _CUSTOMER_LIST_CLOSE.match(v.text, chain[-1].end):
            continue
        supplier = _agent(v, chain[0].start)
        if supplier is not None and all(supplier.ref != y.ref for y in chain):
            out += [(supplier, y) for y in chain]
    return out


def _outsourced(v: SentenceView) -> Pairs:
    """Y将…交给X生产 / Y委托X加工: X supplies Y (Y the company before the cue in its clause, or its subject)."""
    out: Pairs = []
    for cue in _cues(_OUTSOURCE, v):
        _, b = _clause_of(v.text, cue.start())
        made = _chain_after(v, v.comps, cue.end(), b)
        if not made or not _OUTSOURCE_VERB.match(v.text, made[-1].end):
            continue
        customer = _agent(v, cue.start(), nearest=True)
        if customer is not None:
            out += [(x, customer) for x in made]
    return out


def _bought_from(v: SentenceView) -> Pairs:
    """X向Y采购: Y supplies X."""
    out: Pairs = []
    for m in _BUY_FROM.finditer(v.text):
        a, _ = _clause_of(v.text, m.start())
        left = [c for c in v.comps if a <= c.start and c.end <= m.start()]
        inside = [c for c in v.comps if m.start() < c.start and c.end <= m.end()]
        if left and inside:
            out += [(c, left[0]) for c in inside]
    return out


# One rule function per relationship type, run in this order on every sentence (LOCATED_IN is read per
# company over the whole article: ``_located_in``). Replace or extend the tuple to change the rules.
# The rules ``_topic_company`` may read again with the article's topic company as the subject, by type.
TOPIC_RULES = {rule_in_industry: "IN_INDUSTRY", rule_has_designation: "HAS_DESIGNATION",
               rule_partners_with: "PARTNERS_WITH", rule_supplies: "SUPPLIES"}
SENTENCE_RULES = (rule_in_industry, rule_has_designation, rule_runs, rule_has_industry,
                  rule_partners_with, rule_invests_in, rule_invests_place, rule_owns, rule_supplies)

# scanned in (nearly) every sentence and absent from most: each answers with nothing, without scanning, a text lacking
# what every match needs (loaders.sieve; the gains measured by perf21)
sieve_globals(globals(), ("_LIST_BEFORE", "_FOUND", "_GROUP", "_PROJECT_LIST_CLOSE", "_RESPECTIVE", "_DEV_BEFORE",
                         "_BUILT_BEFORE", "_PROJECT_SETTLES", "_CUSTOMER", "_RAW_MATERIAL"))

