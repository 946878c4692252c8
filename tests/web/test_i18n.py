"""The message catalogue: both languages for every label, and every label a page uses is in it."""

from __future__ import annotations

import re
from pathlib import Path

import chainatlas.web
from chainatlas.analytics.gaps import QUADRANTS
from chainatlas.analytics.targets import REGION_VALUES, WEIGHTS
from chainatlas.domain.chain_results import COMPARED_METRICS
from chainatlas.domain.enterprise import KNOWN_TAGS, Enterprise
from chainatlas.domain.kinds import KINDS
from chainatlas.domain.user import Role, User
from chainatlas.reports.chain_display import COLOUR_MODES, PANEL_METRICS
from chainatlas.reports.target_reasons import REASON_LABELS, TARGET_REASONS
from chainatlas.web.i18n import LANGS, MESSAGES, METRICS, SERVICE_MESSAGES, TAGS, UNITS, Translator, placeholders
from chainatlas.web.i18n_chain import CHAIN_MESSAGES
from chainatlas.web.render import nav_items
from chainatlas.web.views.gaps import reason_text

WEB = Path(chainatlas.web.__file__).parent
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
LITERAL_KEY = re.compile(r"""\bt\(\s*['"]([a-z0-9_.]+)['"]\s*[,)]""")


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    assert len(LANGS) == 2
    for table in (MESSAGES, METRICS, TAGS, SERVICE_MESSAGES):
        for key, texts in table.items():
            assert len(texts) == len(LANGS), key
            assert all(text.strip() for text in texts), f"{key} is empty in a language"
            assert placeholders(texts[0]) == placeholders(texts[1]), key
    assert all(len(texts) == len(LANGS) for texts in UNITS.values())


def test_english_labels_have_no_chinese_except_the_name_of_chinese() -> None:
    for key, (_, english) in MESSAGES.items():
        if key not in ("lang.other",):
            assert not CJK.search(english), key
    assert not any(CJK.search(english) for _, english in METRICS.values())


def _sources() -> dict[Path, str]:
    # the catalogue and the money and unit formatters hold Chinese by design
    modules = [
        p for p in WEB.glob("*.py") if not p.name.startswith("i18n") and p.name not in ("money.py", "formatting.py")
    ]
    files = [*WEB.glob("templates/*.html"), *WEB.glob("views/*.py"), *modules]
    return {path: path.read_text(encoding="utf-8") for path in files}


def test_every_key_the_pages_use_is_in_the_catalogue() -> None:
    used = {key for text in _sources().values() for key in LITERAL_KEY.findall(text)}
    assert used, "no t('…') calls found: the pattern is out of date"
    assert sorted(used - MESSAGES.keys()) == []
    # keys built from data: every kind, enterprise field, size class, segment and grain has a label
    built = {f"kind.{spec.name}" for spec in KINDS} | {f"field.{name}" for name in Enterprise.model_fields}
    built |= {f"size.{s}" for s in ("large", "medium", "small", "micro")}
    built |= {f"segment.{s}" for s in ("upstream", "midstream", "downstream", "support")}
    built |= {f"grain.{g}" for g in ("year", "quarter", "month")} | {f"error.title_{s}" for s in (400, 403, 404)}
    built |= {f"enterprise.{role}" for role in ("suppliers", "customers")}
    built |= {f"enterprise.of_{role}" for role in ("suppliers", "customers")}
    assert sorted(built - MESSAGES.keys()) == []
    assert set(KNOWN_TAGS) <= TAGS.keys()


def test_every_key_the_chain_pages_build_from_data_is_in_the_catalogue() -> None:
    built = {f"metric.{m}" for m in (*PANEL_METRICS, *COMPARED_METRICS)} | {f"colour.{mode}" for mode in COLOUR_MODES}
    built |= {f"legend.{mode}_{end}" for mode in COLOUR_MODES for end in ("low", "high")}
    built |= {f"quadrant.{name}" for name, _ in QUADRANTS.values()} | {f"factor.{k}" for k in WEIGHTS}
    built |= {f"region.{r}" for r in REGION_VALUES} | {key for _, key, _ in nav_items("/", admin())}
    built |= {f"scenarios.{d}" for d in ("better", "worse")}
    assert sorted(built - MESSAGES.keys()) == []
    assert not CHAIN_MESSAGES.keys() & (MESSAGES.keys() - CHAIN_MESSAGES.keys())  # merged, none overridden
    assert set(QUADRANTS.values()) == {(name, MESSAGES[f"quadrant.{name}"][0]) for name, _ in QUADRANTS.values()}


def admin() -> User:
    return User(id=1, username="boss", role=Role.ADMIN)


def test_every_target_reason_has_its_label_in_the_shared_table() -> None:
    keys = {key for patterns in TARGET_REASONS.values() for _, key in patterns}
    assert sorted(keys - REASON_LABELS.keys()) == []
    assert not REASON_LABELS.keys() & MESSAGES.keys()  # one table: the pages do not keep a copy


def test_target_reasons_read_in_the_page_language() -> None:
    zh, en = Translator("zh"), Translator("en")
    assert reason_text("tags", "tagged 小巨人", zh) == "具有“小巨人”资质"
    assert reason_text("tags", "tagged 小巨人", en) == "tagged little giant"
    assert (
        reason_text("links", "already sells to cluster enterprises through 34 link(s)", zh)
        == "已有 34 条供应关系向集群企业供货"
    )
    assert reason_text("region", "in 湖南省, the cluster's province", zh) == "位于集群所在的湖南省"
    assert reason_text("region", "elsewhere in the country (province unknown)", zh) == "位于国内其他省份（—）"
    assert (
        reason_text("scale", "output scale 0.78 of the largest candidate (log scale)", zh)
        == "产出规模为最大候选企业的 0.78（对数）"
    )
    assert (
        reason_text("match", "a reason worded some new way", zh) == "a reason worded some new way"
    )  # shown as written


def test_templates_and_views_hold_no_chinese_text_of_their_own() -> None:
    """Every label goes through the catalogue, so the English switch covers all of them."""
    files = {**_sources(), WEB / "static/pages.js": (WEB / "static/pages.js").read_text(encoding="utf-8")}
    offenders = {path.name: CJK.findall(text) for path, text in files.items() if CJK.search(text)}
    assert offenders == {}


def test_translator_falls_back_to_the_value_for_unknown_data() -> None:
    zh, en = Translator("zh"), Translator("en")
    assert (zh("nav.chain"), en("nav.chain")) == ("产业链图谱", "Chain map")
    assert en("enterprises.total", n=3) == "3 enterprises"
    assert en.pick(METRICS, "no_such_metric") == "no_such_metric"
    assert (en.name("中联重科", "Zoomlion"), en.name("某公司", None), zh.name("中联重科", "Zoomlion")) == (
        "Zoomlion",
        "某公司",
        "中联重科",
    )
    assert Translator("fr").lang == "zh"
