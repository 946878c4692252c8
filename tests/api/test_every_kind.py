"""Every kind's five routes behave alike: list, detail, create, update, delete, with their errors."""

from __future__ import annotations

import pytest
from tests.api.conftest import Api
from tests.api.kind_bodies import KEY_PATH, NEW, SECOND
from tests.api.problems import assert_problem

from chainatlas.domain.kinds import KINDS


def test_the_table_covers_every_kind() -> None:
    assert set(NEW) == {spec.name for spec in KINDS} == set(KEY_PATH)


def test_every_kind_round_trips_through_its_routes(api: Api) -> None:
    ana = api.headers["ana"]
    for spec in KINDS:
        vic = api.headers["vic"] if spec.read_resource == "registry" else ana  # confidential kinds: analysts only
        body, change = NEW[spec.name]
        base, item = f"/api/v1/{spec.name}", f"/api/v1/{spec.name}/{KEY_PATH[spec.name]}"
        before = api.client.get(base, headers=vic).json()["total"]
        assert_problem(api.client.get(item, headers=vic), 404)
        assert_problem(api.client.post(base, json=body), 401)
        assert_problem(api.client.post(base, json=body, headers=api.headers["vic"]), 403)
        created = api.client.post(base, json=body, headers=ana)
        assert created.status_code == 201, (spec.name, created.text)
        assert api.client.get(created.headers["location"], headers=vic).status_code == 200
        assert api.client.get(base, headers=vic).json()["total"] == before + 1
        if spec.name in SECOND:
            assert api.client.post(base, json=SECOND[spec.name][1], headers=ana).status_code == 201
        assert_problem(api.client.post(base, json=body, headers=ana), 409)
        updated = api.client.patch(item, json=change, headers=ana)
        assert updated.status_code == 200, (spec.name, updated.text)
        for field, value in change.items():
            assert str(updated.json()[field]) == str(value)
        assert_problem(api.client.patch(item, json={next(iter(spec.key)): "other"}, headers=ana), 422)
    for spec in reversed(KINDS):  # delete the new records, referring ones first
        assert api.client.delete(f"/api/v1/{spec.name}/{KEY_PATH[spec.name]}", headers=ana).status_code == 204
        assert_problem(api.client.delete(f"/api/v1/{spec.name}/{KEY_PATH[spec.name]}", headers=ana), 404)
        if spec.name in SECOND:
            assert api.client.delete(f"/api/v1/{spec.name}/{SECOND[spec.name][0]}", headers=ana).status_code == 204


@pytest.mark.parametrize("kind", [spec.name for spec in KINDS])
def test_an_empty_body_lists_every_required_field(api: Api, kind: str) -> None:
    problem = assert_problem(api.client.post(f"/api/v1/{kind}", json={}, headers=api.headers["ana"]), 422)
    required = {name for name, info in NEW[kind][0].items() if name != "share"} & {
        e["field"] for e in problem["errors"]
    }
    spec = next(s for s in KINDS if s.name == kind)
    assert set(spec.key) <= required and "source" in required
