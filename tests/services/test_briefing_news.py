"""The briefing's news section on a real database: synthetic JSON Lines articles written here, ingested, and the
period's stories listed by topic, each story once with its number of copies; an article outside the period is not."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from chainatlas.domain.briefing import BriefingData, BriefingParams
from chainatlas.domain.user import Role, User
from chainatlas.reports.briefing_labels import BriefingLabels
from chainatlas.reports.briefing_parts import news_part
from chainatlas.reports.briefing_template import load_template
from chainatlas.services.briefing import news_by_topic
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.news import ingest_documents
from chainatlas.services.news_files import documents_from_paths

ANA = User(id=1, username="ana", role=Role.ANALYST)
VIC = User(id=2, username="vic", role=Role.VIEWER)
CTX = WriteContext(actor="ana", via=Via.CLI, at=dt.datetime(2025, 12, 1, 9, tzinfo=dt.UTC))
FAIR = (
    "长沙国际工程机械展开幕（合成）\n本届展会吸引参展企业一千余家，展商来自三十个国家，博览会为期四天，现场签约踊跃。"
)
POLICY = "长沙出台产业扶持政策（合成）\n市里发布实施意见，明确扶持政策覆盖研发、人才与用地，政策自发布之日起施行。"
LATER = "长沙发布新一轮扶持政策（合成）\n下月起实施意见生效，扶持政策向配套企业倾斜，相关政策细则另行公布。"
ARTICLES = [
    {"id": "fair", "title": "长沙国际工程机械展开幕", "published": "2025-11-03", "text": FAIR},
    {"id": "fair-repost", "title": "长沙国际工程机械展开幕", "published": "2025-11-05", "text": FAIR + "\n（转载）"},
    {"id": "policy", "title": "长沙出台产业扶持政策", "published": "2025-11-20", "text": POLICY},
    {"id": "later", "title": "长沙发布新一轮扶持政策", "published": "2025-12-02", "text": LATER},
]


def ingest(engine: Engine, folder: Path) -> list[int | None]:
    path = folder / "synthetic.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8")
    with Session(engine) as session:
        documents = documents_from_paths([path], retrieved=dt.date(2025, 12, 3))
        report = ingest_documents(session, ANA, CTX, documents, today=dt.date(2025, 12, 3))
        session.commit()
    return [item.repost_of for item in report.items]


def test_the_period_s_stories_are_listed_by_topic_each_once(engine: Engine, tmp_path: Path) -> None:
    reposts = ingest(engine, tmp_path)
    assert reposts[1] is not None and reposts.count(None) == 3  # the repost joined the fair's story
    with Session(engine) as session:
        news = news_by_topic(session, VIC, start=dt.date(2025, 11, 1), end=dt.date(2025, 11, 30), cluster="default")
    shown = [(t.topic, [(i.title, i.published.isoformat(), i.copies) for i in t.items]) for t in news]
    assert shown == [
        ("fair", [("长沙国际工程机械展开幕", "2025-11-03", 2)]),
        ("policy", [("长沙出台产业扶持政策", "2025-11-20", 1)]),
    ]
    template = load_template("zh")
    params = BriefingParams.model_validate({"as_of": "2025-11-30", "period": "2025-11", "sections": ["news"]})
    data = BriefingData(params=params, cluster="default", cluster_zh="集群", cluster_en=None, news=news)
    part = news_part(data, template, BriefingLabels(template), {}, {})
    assert [row[:4] for row in part.tables[0].rows] == [
        ["展会", "长沙国际工程机械展开幕", "2025-11-03", 2],
        ["政策", "长沙出台产业扶持政策", "2025-11-20", 1],
    ]
