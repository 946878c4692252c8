"""The change history: filters (kind, record, user, source, dates in the cluster's time zone, pages), batches
with their files, and reverting a change or an import batch — allowed and refused, case by case."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session
from tests.history_cases import (
    ADMIN,
    ANALYST,
    E4,
    MEMBER,
    VIEWER,
    at,
    ctx,
    import_basic,
    import_folder,
    write_second_import,
)

from chainatlas.domain.user import Role
from chainatlas.services.context import Via
from chainatlas.services.errors import Conflict, InvalidInput, NotAllowed
from chainatlas.services.history import HistoryFilter, batch_detail, change_detail, list_history
from chainatlas.services.history_revert import revert_batch, revert_change
from chainatlas.services.records import create_record, delete_record, get_record, update_record
from chainatlas.services.stats import registry_counts
from chainatlas.services.users import add_user
from chainatlas.store.history import HistoryRepository

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def session(rollback_session: Session) -> Session:
    """Run each test in a transaction that is rolled back."""
    return rollback_session


def ids(session: Session, **filters: object) -> list[int]:
    page = list_history(session, ANALYST, filters=HistoryFilter(**filters), zone=SHANGHAI)  # type: ignore[arg-type]
    return [c.id for c in page.items]


def seed_writes(session: Session, tmp_path: Path) -> dict[str, int]:
    """Import the basic registry, then: bob creates E4 on the web (03-01 23:30 UTC = 03-02 07:30 Shanghai), ana
    renames it through the API (03-02 17:00 UTC = 03-03 01:00 Shanghai), cli changes a link's share."""
    batch = import_basic(session, tmp_path / "in").batch_id or 0
    history = HistoryRepository(session)
    create_record(session, ctx("bob", Via.WEB, at(1, 23, 30)), kind="enterprises", data=E4)
    created = history.newest_change_id()
    update_record(
        session, ctx("ana", Via.API, at(2, 17)), kind="enterprises", key=("E4",), changes={"name_zh": "丁机械公司"}
    )
    renamed = history.newest_change_id()
    update_record(
        session, ctx("cli", Via.CLI, at(4, 8)), kind="supply_links", key=("E3", "E1", "U.HYD"), changes={"share": 0.3}
    )
    session.commit()
    return {"created": created, "renamed": renamed, "share": history.newest_change_id(), "batch": batch}


def test_filters_select_by_kind_record_user_source_and_shanghai_day(session: Session, tmp_path: Path) -> None:
    c = seed_writes(session, tmp_path)
    assert ids(session) == [c["share"], c["renamed"], c["created"]]  # the first import added only: no change rows
    assert ids(session, kind="enterprises") == [c["renamed"], c["created"]]
    assert ids(session, kind="enterprises", record="E4") == [c["renamed"], c["created"]]
    assert ids(session, record="E3/E1/U.HYD") == [c["share"]]
    imported = list_history(
        session, ANALYST, filters=HistoryFilter(kind="supply_links", record="E3/E1/U.HYD"), zone=SHANGHAI
    )
    assert imported.added_in_batches == [c["batch"]]  # added by the import, which keeps no change row for it
    made_here = list_history(session, ANALYST, filters=HistoryFilter(kind="enterprises", record="E4"), zone=SHANGHAI)
    assert made_here.added_in_batches == []
    assert ids(session, user="bob") == [c["created"]]
    assert ids(session, source="api") == [c["renamed"]]
    assert ids(session, source="import") == []
    # 2026-03-02 in Shanghai runs from 03-01 16:00 to 03-02 16:00 UTC: the create (23:30 UTC on the 1st) is in
    # it, the rename (17:00 UTC on the 2nd, already the 3rd in Shanghai) is not.
    assert ids(session, date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 3, 2)) == [c["created"]]
    assert ids(session, date_from=dt.date(2026, 3, 3)) == [c["share"], c["renamed"]]
    assert ids(session, date_to=dt.date(2026, 3, 1)) == []


def test_pages_are_newest_first_with_the_total(session: Session, tmp_path: Path) -> None:
    c = seed_writes(session, tmp_path)
    page = list_history(session, ANALYST, filters=HistoryFilter(offset=1, limit=1), zone=SHANGHAI)
    assert ([x.id for x in page.items], page.total) == ([c["renamed"]], 3)


def test_bad_filters_are_all_reported_and_readers_only(session: Session) -> None:
    bad = HistoryFilter(source="email", date_from=dt.date(2026, 3, 5), date_to=dt.date(2026, 3, 4), limit=0)
    with pytest.raises(InvalidInput) as caught:
        list_history(session, ANALYST, filters=bad, zone=SHANGHAI)
    assert {p.field for p in caught.value.problems} == {"source", "date_from", "limit"}
    for user in (VIEWER, MEMBER, None):
        with pytest.raises(NotAllowed):
            list_history(session, user, filters=HistoryFilter(), zone=SHANGHAI)


def test_a_change_shows_its_fields_side_by_side(session: Session, tmp_path: Path) -> None:
    c = seed_writes(session, tmp_path)
    detail = change_detail(session, ANALYST, change_id=c["renamed"])
    changed = {f.name: (f.before, f.after) for f in detail.fields if f.changed}
    assert changed == {"name_zh": ("丁机械", "丁机械公司")}
    assert {f.name for f in detail.fields} >= {"id", "name_zh", "country"}


def test_an_import_batch_opens_to_its_files_checksums_and_counts(session: Session, tmp_path: Path) -> None:
    report = import_basic(session, tmp_path / "in")
    assert report.batch_id is not None
    batch = batch_detail(session, ANALYST, batch_id=report.batch_id)
    files = {f.file: f for f in batch.files}
    digest = hashlib.sha256((tmp_path / "in" / "enterprises.csv").read_bytes()).hexdigest()
    assert files["enterprises.csv"].sha256 == digest
    assert (files["enterprises.csv"].rows, files["enterprises.csv"].added, files["chain_nodes.csv"].added) == (3, 3, 4)
    assert batch.added["supply_links"] == ["E2/E1/U.HYD", "E3/E1/U.HYD"]
    assert batch.added_known and batch.changes == []


def test_revert_an_update_restores_and_is_recorded(session: Session, tmp_path: Path) -> None:
    c = seed_writes(session, tmp_path)
    done = revert_change(session, ADMIN, ctx("root", Via.WEB, at(5, 9)), change_id=c["share"])
    assert get_record(session, kind="supply_links", key=("E3", "E1", "U.HYD")).share == 0.4
    [written] = done.changes
    assert (written.reverts_id, written.via, written.actor, written.action) == (c["share"], "web", "root", "update")
    assert change_detail(session, ANALYST, change_id=c["share"]).reverted_by == written.id


def test_revert_refused_after_a_later_change_to_the_record(session: Session, tmp_path: Path) -> None:
    c = seed_writes(session, tmp_path)
    with pytest.raises(Conflict) as caught:
        revert_change(session, ADMIN, ctx("root", Via.API, at(5, 9)), change_id=c["created"])
    assert (caught.value.code, caught.value.params["later"]) == ("history.revert.later_change", c["renamed"])
    assert caught.value.text("zh").startswith("之后还有变更")


def test_revert_twice_is_refused(session: Session, tmp_path: Path) -> None:
    c = seed_writes(session, tmp_path)
    first = revert_change(session, ADMIN, ctx("root", Via.WEB, at(5, 9)), change_id=c["renamed"])
    with pytest.raises(Conflict) as caught:
        revert_change(session, ADMIN, ctx("root", Via.WEB, at(5, 10)), change_id=c["renamed"])
    assert (caught.value.code, caught.value.params["by"]) == ("history.revert.already_reverted", first.changes[0].id)


def test_revert_a_create_deletes_unless_others_refer_to_it(session: Session, tmp_path: Path) -> None:
    import_basic(session, tmp_path / "in")
    history = HistoryRepository(session)
    create_record(session, ctx("bob", Via.WEB, at(2, 9)), kind="enterprises", data=E4)
    created = history.newest_change_id()
    link = {"supplier_id": "E4", "customer_id": "E1", "node_code": "U.HYD", "source": "synthetic"}
    create_record(session, ctx("bob", Via.WEB, at(2, 10)), kind="supply_links", data=link)
    with pytest.raises(Conflict) as caught:
        revert_change(session, ADMIN, ctx("root", Via.WEB, at(3, 9)), change_id=created)
    assert caught.value.code == "history.revert.referred"
    assert caught.value.params["users"] == "1 supply_links.supplier_id"
    assert caught.value.text("zh") == "记录 E4 是新建的，但现在仍被 1 条其他记录或用户引用，不能删除"
    revert_change(session, ADMIN, ctx("root", Via.WEB, at(3, 9)), change_id=history.newest_change_id())
    done = revert_change(session, ADMIN, ctx("root", Via.WEB, at(3, 10)), change_id=created)
    # E4's in_cluster=True is its include row of the default cluster (key default/E4): deleted with E4, first
    assert [(w.action, w.record_key) for w in done.changes] == [("delete", "default/E4"), ("delete", "E4")]


def test_revert_a_delete_recreates_unless_the_key_was_used_again(session: Session, tmp_path: Path) -> None:
    import_basic(session, tmp_path / "in")
    history = HistoryRepository(session)
    create_record(session, ctx("bob", Via.WEB, at(2, 9)), kind="enterprises", data=E4)
    delete_record(session, ctx("bob", Via.WEB, at(2, 10)), kind="enterprises", key=("E4",))
    deleted = history.newest_change_id()
    create_record(session, ctx("bob", Via.WEB, at(2, 11)), kind="enterprises", data={**E4, "name_zh": "新丁"})
    with pytest.raises(Conflict) as caught:
        revert_change(session, ADMIN, ctx("root", Via.WEB, at(3, 9)), change_id=deleted)
    assert caught.value.code == "history.revert.key_reused"
    delete_record(session, ctx("bob", Via.WEB, at(2, 12)), kind="enterprises", key=("E4",))
    with pytest.raises(Conflict) as later:  # the key is free again, but two later changes touched the record
        revert_change(session, ADMIN, ctx("root", Via.WEB, at(3, 9)), change_id=deleted)
    assert later.value.code == "history.revert.later_change"
    revert_change(session, ADMIN, ctx("root", Via.WEB, at(3, 9)), change_id=history.newest_change_id())
    assert get_record(session, kind="enterprises", key=("E4",)).name_zh == "新丁"


def test_revert_a_delete_is_validated_like_any_write(session: Session, tmp_path: Path) -> None:
    import_basic(session, tmp_path / "in")
    history = HistoryRepository(session)
    delete_record(session, ctx("bob", Via.WEB, at(2, 9)), kind="supply_links", key=("E3", "E1", "U.HYD"))
    deleted = history.newest_change_id()
    delete_record(session, ctx("bob", Via.WEB, at(2, 10)), kind="enterprises", key=("E3",))
    with pytest.raises(InvalidInput) as caught:  # the link's supplier is gone since
        revert_change(session, ADMIN, ctx("root", Via.WEB, at(3, 9)), change_id=deleted)
    assert [p.field for p in caught.value.problems] == ["supplier_id"]


def test_only_admins_revert_and_only_registry_changes(session: Session, tmp_path: Path) -> None:
    c = seed_writes(session, tmp_path)
    with pytest.raises(NotAllowed):
        revert_change(session, ANALYST, ctx("ana", Via.WEB, at(5, 9)), change_id=c["share"])
    add_user(session, ctx("root", Via.CLI, at(5, 9)), username="zed", role=Role.VIEWER, password="Abcdefgh12!")
    with pytest.raises(Conflict) as caught:
        revert_change(
            session, ADMIN, ctx("root", Via.WEB, at(5, 10)), change_id=HistoryRepository(session).newest_change_id()
        )
    assert caught.value.code == "history.revert.not_revertible_kind"


def second_import(session: Session, tmp_path: Path) -> int:
    import_basic(session, tmp_path / "in")
    report = import_folder(session, write_second_import(tmp_path / "second"), ctx("ana", Via.IMPORT, at(2, 2)))
    assert report.batch_id is not None
    return report.batch_id


def test_revert_an_import_batch_restores_updates_and_deletes_additions(session: Session, tmp_path: Path) -> None:
    batch_id = second_import(session, tmp_path)
    done = revert_batch(session, ADMIN, ctx("root", Via.CLI, at(3, 9)), batch_id=batch_id)
    assert get_record(session, kind="supply_links", key=("E2", "E1", "U.HYD")).share == 0.6
    with pytest.raises(Exception, match="E5"):
        get_record(session, kind="enterprises", key=("E5",))
    assert sorted((w.action, w.record_key) for w in done.changes) == [
        ("delete", "E5"),  # with its include row of the default cluster (in_cluster true)
        ("delete", "E5/E1/U.HYD"),
        ("delete", "default/E5"),
        ("update", "E2/E1/U.HYD"),
    ]
    assert {w.batch_id for w in done.changes} == {done.batch_id}
    own = batch_detail(session, ANALYST, batch_id=done.batch_id or 0)
    assert (own.reverts_batch_id, own.via) == (batch_id, "cli")
    assert batch_detail(session, ANALYST, batch_id=batch_id).reverted_by == done.batch_id
    with pytest.raises(Conflict) as again:
        revert_batch(session, ADMIN, ctx("root", Via.CLI, at(3, 10)), batch_id=batch_id)
    assert again.value.code == "history.revert.batch_already_reverted"
    with pytest.raises(Conflict) as own_revert:
        revert_batch(session, ADMIN, ctx("root", Via.CLI, at(3, 10)), batch_id=done.batch_id or 0)
    assert own_revert.value.code == "history.revert.not_import"


def test_batch_revert_refused_after_a_later_change_to_a_record_it_added(session: Session, tmp_path: Path) -> None:
    batch_id = second_import(session, tmp_path)
    update_record(session, ctx("bob", Via.WEB, at(2, 9)), kind="enterprises", key=("E5",), changes={"city": "长沙"})
    with pytest.raises(Conflict) as caught:
        revert_batch(session, ADMIN, ctx("root", Via.WEB, at(3, 9)), batch_id=batch_id)
    assert (caught.value.code, caught.value.params["key"]) == ("history.revert.later_change", "E5")


def test_batch_revert_refused_when_others_now_refer_to_what_it_added(session: Session, tmp_path: Path) -> None:
    batch_id = second_import(session, tmp_path)
    link = {"supplier_id": "E5", "customer_id": "E2", "node_code": "U.HYD", "source": "synthetic"}
    create_record(session, ctx("bob", Via.WEB, at(2, 9)), kind="supply_links", data=link)
    with pytest.raises(Conflict) as caught:
        revert_batch(session, ADMIN, ctx("root", Via.WEB, at(3, 9)), batch_id=batch_id)
    assert (caught.value.code, caught.value.params["key"]) == ("history.revert.referred", "E5")


def test_reverting_the_first_import_empties_the_registry_children_before_parents(
    session: Session, tmp_path: Path
) -> None:
    report = import_basic(session, tmp_path / "in")
    done = revert_batch(session, ADMIN, ctx("root", Via.WEB, at(3, 9)), batch_id=report.batch_id or 0)
    assert registry_counts(session) == {**dict.fromkeys(registry_counts(session), 0), "clusters": 1}  # the default
    deleted = [w.record_key for w in done.changes if w.kind == "chain_nodes"]
    assert deleted.index("U.HYD") < deleted.index("U") and deleted.index("M.EXC") < deleted.index("M")
    # 4 nodes, 3 enterprises, 2 links, and the default cluster's include rows of E1 and E3 (in_cluster true)
    assert len(done.changes) == 4 + 3 + 2 + 2


def test_batch_revert_refused_when_a_member_belongs_to_an_enterprise_it_added(session: Session, tmp_path: Path) -> None:
    batch_id = second_import(session, tmp_path)
    add_user(
        session,
        ctx("root", Via.CLI, at(2, 9)),
        username="e5",
        role=Role.MEMBER,
        password="Abcdefgh12!",
        enterprise_id="E5",
    )
    with pytest.raises(Conflict) as caught:
        revert_batch(session, ADMIN, ctx("root", Via.WEB, at(3, 9)), batch_id=batch_id)
    assert (caught.value.code, caught.value.params["users"]) == ("history.revert.referred", "1 users.enterprise_id")
