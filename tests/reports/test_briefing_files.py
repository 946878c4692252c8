"""The chain chief's briefing end to end on the demo data: the PDF holds the scorecard's and the project status's
figures, its fonts are embedded, no page is blank; Word tables equal the Excel annex; a viewer's briefing shows no
per-site figure; the same date gives the same figures; both languages; a broken template is one clear error."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.conftest import Cli
from tests.web.conftest import seed_demo

from chainatlas.domain.indicator import scope_reference
from chainatlas.domain.user import Role, User
from chainatlas.services.projects import project_portfolio
from chainatlas.services.scorecard import scorecard

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AS_OF = dt.date(2025, 12, 31)
ANALYST = User(id=0, username="check", role=Role.ADMIN)


@pytest.fixture(scope="module")
def demo(module_engine: Engine) -> str:
    url = module_engine.url.render_as_string(hide_password=False)
    seed_demo(url)
    return url


@pytest.fixture(scope="module")
def made(demo: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, dict[str, object]]]]:
    """Make the briefing four ways: Chinese and English, for viewers and for analysts."""
    runs: dict[str, tuple[Path, dict[str, object]]] = {}
    work = tmp_path_factory.mktemp("briefing")
    cli = Cli(demo, work)
    for lang, audience in (("zh", "viewer"), ("en", "viewer"), ("zh", "analyst")):
        out = work / f"{lang}-{audience}"
        code, stdout, stderr = cli(
            "report",
            "briefing",
            "--as-of",
            AS_OF.isoformat(),
            "--lang",
            lang,
            "--audience",
            audience,
            "--out",
            str(out),
            "--json",
        )
        assert code == 0, stderr
        runs[f"{lang}-{audience}"] = (out, json.loads(stdout))
    yield runs


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def by_hand(value: float, unit: str | None) -> str:
    """Write a value as a Chinese reader does, independently of the report code: 428.8 亿元, 116家, 43.9%."""
    number = format(Decimal(str(value)).normalize(), "f")
    number = f"{int(Decimal(number)):,}" if Decimal(number) == Decimal(number).to_integral_value() else number
    return f"{number} {unit}" if unit in ("亿元", "万元", "元") else f"{number}{unit or ''}"


def test_pdf_holds_every_headline_figure_of_the_scorecard(
    demo: str, made: dict[str, tuple[Path, dict[str, object]]]
) -> None:
    from chainatlas.store.engine import make_engine

    engine = make_engine(demo)
    with Session(engine) as session:
        scores = scorecard(session, ANALYST, as_of=AS_OF)
        statuses = project_portfolio(session, ANALYST, as_of=AS_OF)
    engine.dispose()
    text = squeezed(pdf_text(made["zh-viewer"][0] / "briefing.pdf"))
    cluster_wide = [s for s in scores if scope_reference(s.scope) in (None,) or s.scope.startswith("cluster")]
    shown = [s for s in cluster_wide if s.latest_value is not None]
    assert len(shown) >= 5
    for score in shown:
        assert score.latest_value is not None
        assert squeezed(by_hand(score.latest_value, score.series_unit or score.unit)) in text, score.metric
        latest = [p for p in score.series if p.period == score.latest_period][0]
        if latest.yoy is not None:
            assert f"{latest.yoy * 100:.1f}%" in text, score.metric
    for status in statuses:
        assert status.project.id in text
        if status.investment_completion is not None:
            assert f"{status.investment_completion * 100:.1f}%" in text


def test_pdf_fonts_are_embedded_and_carry_chinese(made: dict[str, tuple[Path, dict[str, object]]]) -> None:
    pdf = made["zh-viewer"][0] / "briefing.pdf"
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = listing.splitlines()[2:]
    assert rows, listing
    # columns: name type encoding emb sub uni object ID; every font is embedded
    assert all(re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row) for row in rows), listing
    images = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert len(images.splitlines()) == 2, images  # the header only: the charts are vector drawings, no picture
    assert "产业链月报" in pdf_text(pdf)
    assert "主要指标" in pdf_text(pdf)


def test_every_pdf_page_has_ink(made: dict[str, tuple[Path, dict[str, object]]], tmp_path: Path) -> None:
    pdf = made["zh-viewer"][0] / "briefing.pdf"
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.pgm"))
    assert len(pages) >= 8
    for page in pages:
        raw = page.read_bytes()
        header_end = [m.end() for m in re.finditer(rb"\s", raw)][3]
        pixels = raw[header_end:]
        dark = sum(1 for b in pixels if b < 200)
        assert dark > 20, f"{page.name} is blank"


def test_docx_tables_equal_the_xlsx_annex(made: dict[str, tuple[Path, dict[str, object]]]) -> None:
    out = made["zh-analyst"][0]
    word = WordDocument(str(out / "briefing.docx"))
    headings = [p.text for p in word.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert any("主要指标" in h for h in headings)
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in word.tables]
    book = load_workbook(out / "briefing.xlsx")
    sheets = [
        [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)] for sheet in book
    ]
    assert len(tables) == len(sheets) >= 8
    assert tables == sheets
    assert len(word.inline_shapes) >= 2  # the charts, as pictures


def test_viewer_briefing_has_no_per_site_figure(made: dict[str, tuple[Path, dict[str, object]]]) -> None:
    viewer, analyst = made["zh-viewer"][0], made["zh-analyst"][0]
    viewer_sheets = {sheet.title for sheet in load_workbook(viewer / "briefing.xlsx")}
    analyst_sheets = load_workbook(analyst / "briefing.xlsx")
    assert any("暴露最高的节点" in title for title in analyst_sheets.sheetnames)
    assert not any("暴露最高的节点" in title for title in viewer_sheets)
    sites = next(s for s in analyst_sheets if "暴露最高的节点" in s.title)
    per_site = [(str(row[0]).split()[0], str(row[1])) for row in sites.iter_rows(min_row=2, values_only=True)]
    assert per_site
    rows = [
        [str(v) for v in row]
        for sheet in load_workbook(viewer / "briefing.xlsx")
        for row in sheet.iter_rows(values_only=True)
    ]
    for site, exposure in per_site:
        assert not any(any(site in cell for cell in row) and exposure in row for row in rows), site
    text = pdf_text(viewer / "briefing.pdf") + (viewer / "briefing.html").read_text(encoding="utf-8")
    for column in ("暴露（天）", "恢复时间（天）", "生存时间（天）"):
        assert column not in text
    assert "link(s)" not in text  # a firm's confidential link count is an analyst's reason only


def test_same_date_same_figures(made: dict[str, tuple[Path, dict[str, object]]], demo: str, tmp_path: Path) -> None:
    code, stdout, stderr = Cli(demo, tmp_path)(
        "report", "briefing", "--as-of", AS_OF.isoformat(), "--format", "xlsx", "--out", str(tmp_path), "--json"
    )
    assert code == 0, stderr
    assert json.loads(stdout)["figures"] == made["zh-viewer"][1]["figures"]


def test_english_briefing(made: dict[str, tuple[Path, dict[str, object]]]) -> None:
    out, shown = made["en-viewer"]
    text = pdf_text(out / "briefing.pdf")
    assert "Headline figures" in text and "Key projects" in text
    figures = shown["figures"]
    assert isinstance(figures, dict)
    assert figures["headline.exports"] == "CNY 42.88 billion"  # 428.8 亿元 = 42.88 billion yuan


def test_broken_template_is_one_clear_error(demo: str, tmp_path: Path) -> None:
    from chainatlas.reports.briefing_template import TEMPLATE_DIR

    text = (TEMPLATE_DIR / "briefing.en.toml").read_text(encoding="utf-8").replace('"Alerts"', '"Alerts {oops}"', 1)
    (tmp_path / "briefing.en.toml").write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if "{oops}" in t)
    code, _stdout, stderr = Cli(demo, tmp_path)(
        "report",
        "briefing",
        "--as-of",
        AS_OF.isoformat(),
        "--lang",
        "en",
        "--template",
        str(tmp_path),
        "--out",
        str(tmp_path / "out"),
    )
    assert code == 3
    assert f"line {line}" in stderr and "oops" in stderr
    assert "Traceback" not in stderr


def test_contents_give_the_page_each_section_starts_on(made: dict[str, tuple[Path, dict[str, object]]]) -> None:
    pdf = made["zh-viewer"][0] / "briefing.pdf"
    contents = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    entries = re.findall(r"(\d)\. (\S+)\s+(\d+)", contents)
    assert [int(n) for n, _title, _page in entries] == list(range(1, 9)), contents
    for n, title, page in entries:
        text = subprocess.run(
            ["pdftotext", "-f", page, "-l", page, str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert text.lstrip().startswith(f"{n}. {title}"), (title, page)
