"""The briefing as one self-contained, print-friendly HTML page (A4 when printed): cover, table of contents,
parts with 按语, tables and charts. The charts are drawn in the page by the pages' own scripts (`scorecard.js`,
`gantt.js` on the vendored ECharts) with ECharts' SVG renderer, so a printed PDF holds them as vector images."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any

from chainatlas.reports.briefing_model import Chart, Document, Part, Table

SVG_SHIM = """(function () {
  "use strict";
  var init = echarts.init;
  window.briefingCharts = 0;
  echarts.init = function (element, theme, options) {
    var chart = init.call(echarts, element, theme, Object.assign({}, options, { renderer: "svg" }));
    var setOption = chart.setOption;
    chart.setOption = function (option) {
      option.animation = false;
      var done = setOption.apply(chart, arguments);
      chart.getZr().refreshImmediately();
      window.briefingCharts += 1;
      return done;
    };
    return chart;
  };
})();"""
"""Loaded between ECharts and the chart scripts: every chart is drawn as SVG, at once, without animation."""
STYLE = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; color: #1c2430; font-size: 10.5pt;
       line-height: 1.55; max-width: 180mm; margin: 0 auto; }
.cover { text-align: center; padding: 40mm 0 20mm; break-after: page; }
.cover h1 { font-size: 24pt; color: #9b1c1c; margin: 0 0 8mm; }
.cover .number { font-size: 13pt; margin: 4mm 0; }
.cover .issuer, .cover .date, .cover .edition { font-size: 12pt; margin: 2mm 0; }
.cover hr { border: 0; border-top: 2px solid #9b1c1c; margin: 6mm 20mm; }
nav.toc { break-after: page; }
nav.toc ol { font-size: 12pt; line-height: 2; list-style: none; padding-left: 0; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc li { display: flex; }
nav.toc li a { flex: 1; border-bottom: 1px dotted #98a2b3; }
nav.toc .toc-page { min-width: 3em; text-align: right; }
section.part { break-before: page; }
h2 { font-size: 15pt; border-bottom: 1px solid #c8ced8; padding-bottom: 2mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
.editorial { border-left: 3px solid #9b1c1c; background: #fbf4f4; padding: 2mm 4mm; margin: 3mm 0; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 2mm 0 4mm; }
th, td { border: 1px solid #c8ced8; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
tr { break-inside: avoid; }
.chart { width: 640px; height: 300px; break-inside: avoid; margin: 2mm 0 4mm; }
.chart-title { font-size: 9.5pt; color: #475467; margin: 3mm 0 0; }
.note { font-size: 8.5pt; color: #667085; }
@media screen { body { padding: 8mm; background: #fff; } }
"""


def _cell(value: object) -> str:
    return escape("" if value is None else str(value))


def table_html(table: Table) -> str:
    """Return a table as HTML."""
    head = "".join(f"<th>{_cell(c)}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in table.rows)
    return f'<h3>{_cell(table.title)}</h3><table data-table="{escape(table.key)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def chart_html(chart: Chart) -> str:
    """Return a chart's element and its data, in the markup the page's script draws from."""
    cid = escape(f"chart-{chart.id}")
    data = f'<script type="application/json" id="{cid}-data">{_json(chart.data)}</script>'
    hook = f'data-gantt="{cid}-data"' if chart.kind == "gantt" else f'data-scorecard-chart data-source="{cid}-data"'
    style = f"height: {chart.height}px"
    return (
        f'<p class="chart-title">{_cell(chart.title)}</p>'
        f'<div class="chart" id="{cid}" data-chart="{cid}" {hook} style="{style}" role="img"'
        f' aria-label="{_cell(chart.title)}"></div>{data}'
    )


def part_html(part: Part, number: int, editorial_title: str) -> str:
    """Return a part: its heading, introduction, 按语, tables and charts."""
    pieces = [f'<section class="part" id="part-{escape(part.key)}"><h2>{number}. {_cell(part.title)}</h2>']
    pieces.append(f"<p>{_cell(part.intro)}</p>")
    if part.editorial:
        pieces.append(f'<div class="editorial"><strong>{_cell(editorial_title)}</strong> {_cell(part.editorial)}</div>')
    pieces += [chart_html(chart) for chart in part.charts]
    pieces += [table_html(table) for table in part.tables]
    pieces.append("</section>")
    return "".join(pieces)


def briefing_html(doc: Document, scripts: Sequence[str] = ()) -> str:
    """Return the briefing as a self-contained HTML page; `scripts` are the chart scripts' texts, in load order
    (ECharts, the escape helper, then the pages' chart scripts): the SVG shim goes in after ECharts."""
    lang = "zh-CN" if doc.lang == "zh" else "en"
    toc = "".join(
        f'<li><a href="#part-{escape(p.key)}">{n}. {_cell(p.title)}</a><span class="toc-page" data-toc="part-{escape(p.key)}">'
        "</span></li>"
        for n, p in enumerate(doc.parts, start=1)
    )
    cover = (
        f'<div class="cover"><p class="number">{_cell(doc.number)}</p><h1>{_cell(doc.title)}</h1><hr>'
        f'<p class="issuer">{_cell(doc.issuer)}</p><p class="date">{_cell(doc.date)}</p>'
        f'<p class="edition">{_cell(doc.edition)}</p><p class="note">{_cell(doc.period_line)}</p></div>'
    )
    nav = f'<nav class="toc"><h2>{_cell(doc.toc)}</h2><ol>{toc}</ol></nav>'
    parts = "".join(part_html(p, n, doc.editorial_title) for n, p in enumerate(doc.parts, start=1))
    note = f'<p class="note">{_cell(doc.synthetic_note)}</p>' if doc.any_synthetic else ""
    inline = [f"<script>{_script(s)}</script>" for s in scripts[:1]]
    if scripts:
        inline.append(f"<script>{SVG_SHIM}</script>")
    inline += [f"<script>{_script(s)}</script>" for s in scripts[1:]]
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{_cell(doc.title)} {_cell(doc.number)}</title>'
        f"<style>{STYLE}</style></head><body>{cover}{nav}{parts}{note}{''.join(inline)}</body></html>"
    )


def _script(text: str) -> str:
    return text.replace("</script", "<\\/script")
