"""Resilience pages: the ranked exposure table with the TTR-vs-TTS scatter, one site with the supply
graph around it, and the what-if form (firms, a park or district, a country → what stops and the loss).

The analysis of the whole registry runs in a background job the first time after a change (its result is
cached per registry version); meanwhile the page answers 202 with its progress and reloads itself.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from chainatlas.domain.access import Action, allowed
from chainatlas.domain.common import Problem
from chainatlas.domain.user import User
from chainatlas.reports.resilience_charts import (
    exposure_lines,
    graph_chart,
    mitigation_lines,
    site_label,
    ttr_tts_scatter,
)
from chainatlas.services.errors import InvalidInput
from chainatlas.services.jobs import Job
from chainatlas.services.resilience import ScenarioError, ScenarioInvalid, registry_network
from chainatlas.services.resilience_analysis import ranked_mitigations, ranked_nodes, scenario_text, summary_of
from chainatlas.services.resilience_graph import location_choices, supply_graph, what_if
from chainatlas.services.resilience_jobs import DEFAULT_MITIGATION_SITES, analysis_or_job, mitigations_ready
from chainatlas.web.cluster_links import cluster_context, cluster_query
from chainatlas.web.deps import UoW, Viewer
from chainatlas.web.errors import PageRoute
from chainatlas.web.i18n import Translator
from chainatlas.web.render import render, translator

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Text = Annotated[str, Query(max_length=2000)]
ClusterId = Annotated[str | None, Query(max_length=100)]
RELOAD_SECONDS = 2
NODE_RELOAD_SECONDS = 10
TABLE_ROWS = 200
MITIGATION_SITES = DEFAULT_MITIGATION_SITES


def _running(
    request: Request, user: User | None, job: Job | None, title_key: str, cluster: str | None = None
) -> Response:
    """Return the progress page of a running analysis (202, never cached, reloads itself)."""
    job = job or Job("", "", 0.0, 0)
    context = {"job": job, "title_key": title_key, "percent": 100 * job.fraction, **cluster_context(cluster)}
    response = render(request, "resilience_running.html", context, user=user, status=202 if job.error is None else 500)
    if job.error is None:
        response.headers["Refresh"] = str(RELOAD_SECONDS)
    return response


@router.get("/resilience")
def resilience_page(request: Request, uow: UoW, user: Viewer, cluster: ClusterId = None) -> Response:
    """Show the ranked exposure table (sites of the cluster marked) and the TTR-vs-TTS scatter (analysts), or the
    cluster summary (others)."""
    built, analysis, job = analysis_or_job(uow.session, user, cluster=cluster)
    if analysis is None:
        return _running(request, user, job, "resilience.title", cluster)
    full = allowed(user, Action.ANALYSE, "registry")
    context: dict[str, Any] = {
        "summary": summary_of(built, analysis),
        "full": full,
        "horizon": analysis.horizon,
        "sites": built.sites,
        **cluster_context(cluster),
    }
    if full:
        t = translator(request)
        lines = exposure_lines(built.sites, ranked_nodes(analysis), t)
        context |= {
            "lines": lines[:TABLE_ROWS],
            "total": len(lines),
            "chart": ttr_tts_scatter(lines, analysis.horizon, t, query=cluster_query(cluster)),
            "synthetic": sum(line.synthetic for line in lines),
        }
    return render(request, "resilience.html", context, user=user)


@router.get("/resilience/nodes/{node_id}")
def node_page(
    request: Request, node_id: str, uow: UoW, user: Viewer, scenario: Text = "", cluster: ClusterId = None
) -> Response:
    """Show one site (in the cluster or not): its figures and result, and the supply graph around it with what
    fails when it stops."""
    session = uow.session
    t = translator(request)
    try:
        graph = supply_graph(session, user, node_id=node_id, scenario=scenario or None, cluster=cluster)
    except ScenarioInvalid as error:  # the error page then says it in the page's language
        raise InvalidInput(_scenario_problems(error, t)) from error
    built = registry_network(session, user, cluster=cluster)
    _, analysis, job = analysis_or_job(session, user, cluster=cluster)
    network, i = built.network, built.network.index[node_id]
    result = next((r for r in analysis.nodes if r.id == node_id), None) if analysis else None
    context = {
        "node_id": node_id,
        "site": built.sites.get(node_id),
        "name": site_label(built.sites.get(node_id), node_id, t),
        "location": network.location[i],
        "demand": float(network.demand[i]),
        "inventory": float(network.inventory[i]),
        "capacity": None if network.capacity[i] == float("inf") else float(network.capacity[i]),
        "margin": float(network.margin[i]),
        "ttr": float(network.ttr[i]),
        "result": result,
        "job": job,
        "graph": graph,
        "chart": graph_chart(graph, t, query=cluster_query(cluster)),
        "scenario": scenario,
        **cluster_context(cluster),
    }
    if job is None:
        return render(request, "resilience_node.html", context, user=user)
    # While the analysis runs the page lacks the site's result: 202 keeps it out of the page cache.
    response = render(request, "resilience_node.html", context, user=user, status=202)
    response.headers["Refresh"] = str(NODE_RELOAD_SECONDS)
    return response


@router.get("/resilience/what-if")
def what_if_page(
    request: Request,
    uow: UoW,
    user: Viewer,
    by: Text = "",
    firms: Text = "",
    location: Text = "",
    country: Text = "",
    cluster: ClusterId = None,
) -> Response:
    """Show the what-if form and, when one is chosen, what the disruption stops (the cluster's sites counted) and
    what it costs."""
    session = uow.session
    choices = location_choices(session, user, cluster=cluster)
    form = {"by": by or "firms", "firms": firms, "location": location, "country": country}
    context: dict[str, Any] = {
        "form": form,
        "choices": choices,
        "result": None,
        "problems": [],
        **cluster_context(cluster),
    }
    if by:
        t = translator(request)
        try:
            context["result"] = _evaluate(session, user, t, form, cluster)
        except ScenarioInvalid as error:
            context["problems"] = _scenario_problems(error, t)
        except InvalidInput as error:
            context["problems"] = error.problems
    return render(request, "resilience_whatif.html", context, user=user, status=400 if context["problems"] else 200)


BY = ("firms", "location", "country")


def _evaluate(
    session: Any, user: User | None, t: Translator, form: dict[str, str], cluster: str | None
) -> dict[str, Any]:
    by = form["by"]
    ids = [x.strip() for x in form["firms"].replace("\uff0c", ",").split(",") if x.strip()]
    chosen = {"firms": ",".join(ids), "location": form["location"].strip(), "country": form["country"].strip()}
    if by not in BY or not chosen[by]:  # the form's own choice, said in the page's language
        field = by if by in BY else "by"
        raise InvalidInput([Problem(field=field, message=t(f"resilience.choose_{field}"), value=chosen.get(by))])
    text = scenario_text(
        firms=ids if by == "firms" else (),
        location=chosen["location"] if by == "location" else None,
        country=chosen["country"] if by == "country" else None,
    )
    result = what_if(session, user, scenario=text, cluster=cluster)
    stopped = [s for s in result.sites if s.id not in result.nodes]
    chart = graph_chart(result.graph, t, query=cluster_query(cluster))
    return {**dict(result), "scenario": result.name, "stopped": stopped, "chart": chart}


def _scenario_problems(error: ScenarioInvalid, t: Translator) -> list[Problem]:
    """Return what is wrong with the scenarios in the page's language (the engine says it in English)."""
    return [Problem(field="scenario", message=_scenario_message(e, t), value=e.text) for e in error.errors]


def _scenario_message(error: ScenarioError, t: Translator) -> str:
    return t(f"resilience.scenario_{error.code}", part=error.part)


@router.get("/resilience/mitigations")
def mitigations_page(
    request: Request,
    uow: UoW,
    user: Viewer,
    top: Annotated[int, Query(ge=1, le=50)] = MITIGATION_SITES,
    cluster: ClusterId = None,
) -> Response:
    """Show candidate fixes for the most exposed sites (exposure = TTR − TTS, ties by PI), best ΔPI first
    (analysts and admins: the fixes name supply links), the sites of the cluster marked."""
    session = uow.session
    built = registry_network(session, user, cluster=cluster)
    ready, job = mitigations_ready(session, user, top=top, cluster=cluster)
    if not ready:
        return _running(request, user, job, "resilience.mitigations_title", cluster)
    _, analysis, _ = analysis_or_job(session, user, cluster=cluster)
    if analysis is None:
        return _running(request, user, None, "resilience.mitigations_title", cluster)
    found = ranked_mitigations(session, user, top=top, cluster=cluster).mitigations
    exposure = {r.id: r.exposure_days for r in analysis.nodes}
    lines = mitigation_lines(built.sites, found, exposure, translator(request))
    context = {
        "lines": lines,
        "top": top,
        "sites": len({line.node for line in lines}),
        "in_cluster": {line.node for line in lines if built.in_cluster(line.node)},
        **cluster_context(cluster),
    }
    return render(request, "resilience_mitigations.html", context, user=user)
