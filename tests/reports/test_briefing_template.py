"""The briefing's template: the shipped ones load, and a broken one gives one coded error naming its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from chainatlas.domain.briefing import SECTIONS
from chainatlas.domain.messages import CATALOGUE, message_text
from chainatlas.reports.briefing_template import TEMPLATE_DIR, TemplateError, load_template, text_problem


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shipped_templates_load_with_every_section(lang: str) -> None:
    template = load_template(lang)
    assert set(template.order) == set(SECTIONS)
    assert all(template.sections[s]["title"] for s in SECTIONS)


def broken(tmp_path: Path, replace: str, by: str, lang: str = "zh") -> Path:
    text = (TEMPLATE_DIR / f"briefing.{lang}.toml").read_text(encoding="utf-8")
    assert replace in text
    (tmp_path / f"briefing.{lang}.toml").write_text(text.replace(replace, by, 1), encoding="utf-8")
    return tmp_path


def line_holding(folder: Path, needle: str, lang: str = "zh") -> int:
    lines = (folder / f"briefing.{lang}.toml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def test_unknown_variable_names_its_line(tmp_path: Path) -> None:
    folder = broken(tmp_path, 'title = "目标完成情况"', 'title = "目标完成情况{mystery}"')
    with pytest.raises(TemplateError) as raised:
        load_template("zh", folder)
    assert raised.value.params["line"] == line_holding(folder, "{mystery}")
    assert "mystery" in str(raised.value.params["problem"])
    assert raised.value.code in CATALOGUE
    text = message_text(raised.value.code, raised.value.params, "zh")
    assert f"第 {raised.value.params['line']} 行" in text


def test_bad_toml_names_its_line(tmp_path: Path) -> None:
    folder = broken(tmp_path, 'toc = "Contents"', 'toc = "Contents', lang="en")
    with pytest.raises(TemplateError) as raised:
        load_template("en", folder)
    assert raised.value.params["line"] == line_holding(folder, 'toc = "Contents', lang="en")


def test_unknown_section_in_the_order_names_its_line(tmp_path: Path) -> None:
    folder = broken(tmp_path, '"news", "fair"]', '"news", "weather"]')
    with pytest.raises(TemplateError) as raised:
        load_template("zh", folder)
    assert raised.value.params["line"] == line_holding(folder, "weather")
    assert "weather" in str(raised.value.params["problem"])


def test_missing_title_names_the_table(tmp_path: Path) -> None:
    folder = broken(tmp_path, 'title = "预警"\n', "")
    with pytest.raises(TemplateError) as raised:
        load_template("zh", folder)
    assert raised.value.params["line"] == line_holding(folder, "[sections.alerts]")


@pytest.mark.parametrize(("text", "bad"), [("{year}年", False), ("{{literal}}", False), ("{x", True), ("{nope}", True)])
def test_text_problems(text: str, bad: bool) -> None:
    assert (text_problem(text) is not None) is bad
