"""What if: build changes on a form, see every metric that moves, save the scenario if wanted.

Evaluating writes nothing; only a scenario saved under a name is stored (never the registry itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from chainatlas.domain.access import Action
from chainatlas.domain.chain_results import AttractChange, ScenarioChange, ScenarioResult
from chainatlas.domain.common import MAX_DB_INT, Problem
from chainatlas.domain.user import User
from chainatlas.reports.chain_charts import by_segment
from chainatlas.reports.chain_scenarios import describe, firm_ids, headline, node_changes, rate_chart
from chainatlas.services.browse import chain_tree
from chainatlas.services.chain import saved_scenarios, what_if
from chainatlas.services.chain_pages import (
    MAX_CHOICES,
    chain_nodes_by_code,
    enterprise_choices,
    enterprises_by_id,
    link_years,
    saved_scenario,
)
from chainatlas.services.context import Via
from chainatlas.services.errors import InvalidInput
from chainatlas.web.chain_scenarios import FORM_FIELDS, Problems, form_changes, known_firms
from chainatlas.web.cluster_links import cluster_context
from chainatlas.web.deps import UoW, Viewer, user_allowed, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.i18n import Translator
from chainatlas.web.i18n_places import place
from chainatlas.web.render import render, translator
from chainatlas.web.views.chain import ClusterId
from chainatlas.web.views.enterprises import node_options

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Text = Annotated[str, Query(max_length=200)]
Field = Annotated[str, Form(max_length=200)]


def described(session: Session, user: User, request: Request, changes: Sequence[ScenarioChange]) -> list[str]:
    """Return each change in words, in the page language."""
    firms = enterprises_by_id(session, user, firm_ids(changes))
    nodes = chain_nodes_by_code(session, user)
    t = translator(request)
    return [describe(in_page_language(change, t), firms, nodes, t) for change in changes]


def in_page_language(change: ScenarioChange, t: Translator) -> ScenarioChange:
    """Return a change whose district is named in the page language (a county in Chinese becomes its English name on English pages)."""
    if isinstance(change, AttractChange) and change.district:
        return change.model_copy(update={"district": place(change.district, t)})
    return change


def shown_result(session: Session, user: User, request: Request, result: ScenarioResult) -> dict[str, Any]:
    """Return what the page shows of an evaluated scenario."""
    t = translator(request)
    nodes = chain_nodes_by_code(session, user)
    differences = result.differences
    return {
        "year": result.year,
        "changes": described(session, user, request, result.changes),
        "nodes": node_changes(differences, nodes, t),
        "headline": headline(differences, nodes, t),
        "chart": rate_chart(differences, nodes, t),
        "saved_id": result.saved_id,
    }


def scenario_page(
    request: Request,
    session: Session,
    user: User,
    *,
    form: dict[str, str],
    status: int = 200,
    result: dict[str, Any] | None = None,
    problems: Problems | None = None,
    service_problems: list[Problem] | None = None,
    cluster: str | None = None,
) -> Response:
    """Return the scenario page of a cluster: the form (as filled in), the result of an evaluation, the saved
    scenarios."""
    saved = saved_scenarios(session, user)
    context = {
        "form": form,
        "result": result,
        "problems": problems or [],
        "service_problems": service_problems or [],
        "saved": [(item, described(session, user, request, item.changes)) for item in saved],
        "choices": enterprise_choices(session, user, cluster=cluster),
        "years": link_years(session, user),
        "nodes": node_options(by_segment(chain_tree(session, user, cluster=cluster)), translator(request)),
        **cluster_context(cluster),
    }
    return render(request, "chain_scenarios.html", context, user=user, status=status)


@router.get("/chain/scenarios")
def scenario_form(
    request: Request,
    uow: UoW,
    user: Viewer,
    attract: Text = "",
    run: Annotated[int | None, Query(ge=1, le=MAX_DB_INT)] = None,
    cluster: ClusterId = None,
) -> Response:
    """Show the form of a cluster's what-if (an enterprise to attract may come filled in); `run` evaluates a saved
    scenario again, for the page's cluster."""
    analyst = user_allowed(user, Action.ANALYSE)
    form = dict.fromkeys(FORM_FIELDS, "") | {"attract_firm": attract.strip()}
    result = None
    if run is not None:
        scenario = saved_scenario(uow.session, analyst, run)
        given = [change.model_dump(exclude_unset=True) for change in scenario.changes]
        evaluated = what_if(uow.session, analyst, None, changes=given, year=scenario.year, cluster=cluster)
        result = shown_result(uow.session, analyst, request, evaluated) | {"rerun": scenario.name}
    return scenario_page(request, uow.session, analyst, form=form, result=result, cluster=cluster)


@router.post("/chain/scenarios")
def scenario_evaluate(
    request: Request,
    uow: UoW,
    user: Viewer,
    attract_firm: Field = "",
    attract_district: Field = "",
    supplier_firm: Field = "",
    supplier_node: Field = "",
    supplier_customer: Field = "",
    supplier_value: Field = "",
    year: Field = "",
    save_as: Field = "",
    cluster: ClusterId = None,
) -> Response:
    """Evaluate the form's changes for the cluster of the page (`?cluster=` of the form's action) on a copy of the
    registry; store the scenario only when it is named."""
    analyst = user_allowed(user, Action.ANALYSE)
    values = (
        attract_firm,
        attract_district,
        supplier_firm,
        supplier_node,
        supplier_customer,
        supplier_value,
        year,
        save_as,
    )
    form = {name: value.strip() for name, value in zip(FORM_FIELDS, values, strict=True)}
    choices = enterprise_choices(uow.session, analyst, cluster=cluster)
    changes, problems = form_changes(form, known_firms(choices, complete=len(choices) < MAX_CHOICES))
    if problems:
        return scenario_page(request, uow.session, analyst, problems=problems, status=400, form=form, cluster=cluster)
    name = form["save_as"] or None
    ctx = write_context(analyst, Via.WEB) if name else None
    try:
        evaluated = what_if(
            uow.session, analyst, ctx, changes=changes, year=parse_year(form["year"]), save_as=name, cluster=cluster
        )
    except InvalidInput as error:
        return scenario_page(
            request, uow.session, analyst, service_problems=error.problems, status=422, form=form, cluster=cluster
        )
    if name:
        uow.commit()
    result = shown_result(uow.session, analyst, request, evaluated) | {"saved_name": name}
    return scenario_page(request, uow.session, analyst, result=result, form=form, cluster=cluster)


def parse_year(text: str) -> int | None:
    """Return the year a form names, or None (the latest year of the links)."""
    return int(text) if text.isdigit() and len(text) == 4 else None
