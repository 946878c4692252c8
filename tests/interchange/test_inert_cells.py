"""Spreadsheet cells meant for people stay inert: text starting like a formula never runs, numbers stay numbers."""

from __future__ import annotations

import dataclasses
import io

import pytest
from openpyxl import load_workbook
from tests.interchange.agenda_cases import AGENDA, FAIR, X1

from chainatlas.interchange.agenda import agenda_xlsx
from chainatlas.interchange.inert import runs_as_formula

CALC = "=cmd|' /C calc'!A0"
# Every character OWASP lists as a formula start, then texts and numbers that must stay as they are.
STARTS_LIKE_A_FORMULA = [
    CALC,
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "-",
    "+",
    "-x",
    "- 3.5",
    "-3.5e",
    "--3",
]
PLAIN = ["三一重工", "a=b", "1-2", " =1+1", "-3.5", "+7", "-1e3", "-.5", "+2.", ""]


@pytest.mark.parametrize("text", STARTS_LIKE_A_FORMULA)
def test_text_starting_like_a_formula_is_recognised(text: str) -> None:
    assert runs_as_formula(text)


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_and_signed_numbers_are_not_formulas(text: str) -> None:
    assert not runs_as_formula(text)


def test_agenda_xlsx_writes_hostile_names_as_text_never_formulas() -> None:
    fair = FAIR.model_copy(update={"name_zh": "=1+1"})
    other = X1.model_copy(update={"name_zh": CALC, "name_en": "@SUM(1+1)", "booth": "-2+3"})
    items = [dataclasses.replace(AGENDA.items[0], counterpart=other)]
    sheet = load_workbook(io.BytesIO(agenda_xlsx(dataclasses.replace(AGENDA, fair=fair, items=items)))).worksheets[0]
    title, name, name_en, booth = sheet["A1"], sheet["G3"], sheet["H3"], sheet["I3"]
    assert title.data_type == "s" and title.value.startswith("=1+1 · ") and title.quotePrefix
    assert [(c.value, c.data_type, c.quotePrefix) for c in (name, name_en, booth)] == [
        (CALC, "s", True),
        ("@SUM(1+1)", "s", True),
        ("-2+3", "s", True),
    ]
    assert sheet["A3"].value == 1 and sheet["A3"].data_type == "n"
