"""Linking against a lexicon (longest match first, never overlapping) and the extraction's offsets."""

from __future__ import annotations

from chainatlas.analytics.news.extract import extract
from chainatlas.analytics.news.lexicon import Lexicon, LexiconEntry, project_names

SANY = "E0001"
ZOOMLION = "E0002"
ENTRIES = [
    LexiconEntry("三一重工", "三一重工", "enterprise", SANY),
    LexiconEntry("三一集团", "三一重工", "enterprise", SANY),
    LexiconEntry("三一", "三一重工", "enterprise", SANY),
    LexiconEntry("Sany", "三一重工", "enterprise", SANY),
    LexiconEntry("中联重科", "中联重科", "enterprise", ZOOMLION),
    LexiconEntry("中联", "中联重科", "enterprise", ZOOMLION),
    LexiconEntry("中联智慧产业城", "中联智慧产业城", "project", "P01"),
    LexiconEntry("中联重科智慧产业城", "中联智慧产业城", "project", "P01"),
    LexiconEntry("山河工业城", "山河工业城", "project", "P04"),
    LexiconEntry("长沙经开区", "长沙经济技术开发区", "organisation", "ORG1", "development_zone"),
]
LEXICON = Lexicon.build(ENTRIES)


def test_the_longest_name_wins_and_matches_never_overlap() -> None:
    text = "中联智慧产业城由中联重科建设,三一集团与三一、Sany、Sanya"
    found = [(text[m.start : m.end], m.entry.ref_id) for m in LEXICON.find(text)]
    assert found == [
        ("中联智慧产业城", "P01"),
        ("中联重科", ZOOMLION),
        ("三一集团", SANY),
        ("三一", SANY),
        ("Sany", SANY),
    ]


def test_project_names_add_the_owner_full_name_and_drop_a_phase() -> None:
    names = project_names("中联智慧产业城挖掘机械园区（一期）", ["中联重科", "中联"])
    assert names == [
        "中联智慧产业城挖掘机械园区（一期）",
        "中联智慧产业城挖掘机械园区",
        "中联重科智慧产业城挖掘机械园区（一期）",
        "中联重科智慧产业城挖掘机械园区",
    ]


def test_every_offset_indexes_the_original_text() -> None:
    text = "長沙經(jīng)開區(qū)訊(記者 朱澤寰)2024年(nián),中聯(lián)重科智慧產(chǎn)業(yè)城和山河工業(yè)城總投資99.93億元,三一重工(600031)。"
    found = extract("T1", text, LEXICON)
    for item in [*found.organisations, *found.amounts, *found.dates, *found.project_mentions]:
        assert text[item.start : item.end] == item.mention
    assert [(o.mention, o.canonical) for o in found.organisations if o.enterprise_id or o.organisation_id] == [
        ("長沙經(jīng)開區(qū)", "长沙经济技术开发区"),
        ("三一重工", "三一重工"),
    ]
    assert found.enterprises == [SANY]
    assert found.projects == ["P01", "P04"]
    assert [(a.mention, a.value_yuan) for a in found.amounts] == [("99.93億元", 9_993_000_000)]
    assert [(d.mention, d.iso) for d in found.dates] == [("2024年(nián)", "2024")]
    assert found.text_normalised.startswith("长沙经开区讯(记者 朱泽寰)2024年,中联重科智慧产业城")


def test_a_disruption_needs_its_cue_and_an_impact() -> None:
    hit = extract("T2", "今年新冠肺炎疫情对项目进展产生不小影响,但于2月10日复工。", LEXICON).disruption
    assert hit is not None and hit.kind == "lockdown"
    assert extract("T3", "防疫宣传周在长沙举行。", LEXICON).disruption is None


def test_people_with_their_stated_roles() -> None:
    text = "中联重科副总裁郭学红当选会长。(全媒体记者 朱泽寰 通讯员 欧亚琦)编辑:林佳妮\n刘书勤 摄\n省工商联主席张健作为链长"
    people = [(p.name, p.role) for p in extract("T4", text, LEXICON).people]
    assert people == [
        ("郭学红", "中联重科副总裁"),
        ("朱泽寰", "全媒体记者"),
        ("欧亚琦", "通讯员"),
        ("林佳妮", "编辑"),
        ("刘书勤", "摄"),
        ("张健", "省工商联主席"),
    ]
