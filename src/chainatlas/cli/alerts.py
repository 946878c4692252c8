"""`chainatlas alerts` (monitoring): run the alert rules as of a date and list the alerts; `alerts acknowledge ID`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from rich.table import Table

from chainatlas.cli.as_of import AsOfOption, as_of_date
from chainatlas.cli.lang import cli_lang
from chainatlas.cli.output import (
    CliState,
    fail_error,
    out,
    print_json,
    state,
)
from chainatlas.cli.projects import JsonFlag, thresholds
from chainatlas.domain.alert import Alert, AlertThresholds, ProjectRules, alert_message
from chainatlas.domain.monitoring_results import Evaluation
from chainatlas.services.alerts import acknowledge_alert, alert_row, evaluate_alerts, list_alerts
from chainatlas.services.errors import Conflict, InvalidInput, NotFound

app = typer.Typer(help="Monitoring — alerts (预警): evaluate the rules as of a date, list, acknowledge.")


def _table(alerts: list[Alert], title: str) -> Table:
    table = Table("id", "state", "severity", "rule", "message", "since", "acknowledged by", title=title)
    for a in alerts:
        table.add_row(
            str(a.id),
            a.state.value,
            a.severity.value,
            a.rule.value,
            alert_message(a.rule, a.details, cli_lang()),
            a.first_raised_on.isoformat(),
            a.acknowledged_by or "",
        )
    return table


EvaluateOption = Annotated[
    bool, typer.Option("--evaluate/--no-evaluate", help="Run the rules first (default) or only list.")
]
StateOption = Annotated[str, typer.Option("--state", help="open, acknowledged, cleared, live or all.")]
RuleOption = Annotated[str | None, typer.Option("--rule", help="List only alerts of this rule (e.g. milestone_late).")]
MilestoneLateOption = Annotated[
    int, typer.Option("--milestone-late-days", min=0, help="Open milestone late by more than this: alert.")
]
MilestoneCriticalOption = Annotated[
    int, typer.Option("--milestone-critical-days", min=0, help="… and critical beyond this many days.")
]
CapacityGapOption = Annotated[
    float,
    typer.Option(
        "--capacity-gap", min=0, max=1, help="Capacity behind the planned ramp by more than this share: alert."
    ),
]
DropShareOption = Annotated[
    float,
    typer.Option("--drop-share", min=0.001, max=1, help="Fall against a year earlier by more than this share: alert."),
]
StaleMonthsOption = Annotated[
    int, typer.Option("--stale-months", min=1, help="Monitored data older than this many months: alert.")
]
EventDaysOption = Annotated[
    int, typer.Option("--event-days", min=1, max=3650, help="Clear a news disruption alert whose event is older.")
]
RampMonthsOption = Annotated[
    int, typer.Option("--ramp-months", min=1, help="Months from planned finish to full capacity (capacity alert).")
]


@app.callback(invoke_without_command=True)
def alerts(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    evaluate: EvaluateOption = True,
    state_name: StateOption = "live",
    rule: RuleOption = None,
    milestone_late_days: MilestoneLateOption = 30,
    milestone_critical_days: MilestoneCriticalOption = 180,
    capacity_gap: CapacityGapOption = 0.2,
    drop_share: DropShareOption = 0.1,
    stale_months: StaleMonthsOption = 12,
    event_days: EventDaysOption = 30,
    ramp_months: RampMonthsOption = 12,
    json_out: JsonFlag = False,
) -> None:
    """Evaluate the alert rules as of a date (raise, refresh, reopen, clear; committed) and list the alerts."""
    if ctx.invoked_subcommand is not None:
        return
    limits = thresholds(
        AlertThresholds,
        milestone_late_days=milestone_late_days,
        capacity_gap=capacity_gap,
        milestone_critical_days=milestone_critical_days,
        drop_share=drop_share,
        stale_months=stale_months,
        event_days=event_days,
    )
    rules = thresholds(ProjectRules, ramp_months=ramp_months)
    day = as_of_date(ctx, as_of)
    done, found = _evaluate_and_list(
        state(ctx), AlertRun(as_of=day, evaluate=evaluate, state=state_name, rule=rule, limits=limits, rules=rules)
    )
    if json_out:
        print_json(_listing_json(day, done, found))
        return
    _print_listing(day, done, found, state_name)


@dataclass(frozen=True)
class AlertRun:
    """What `chainatlas alerts` was asked to do: evaluate as of a date (or not) and list some alerts."""

    as_of: dt.date
    evaluate: bool
    state: str
    rule: str | None
    limits: AlertThresholds
    rules: ProjectRules


def _evaluate_and_list(cli: CliState, run: AlertRun) -> tuple[Evaluation | None, list[Alert]]:
    """Run the rules (when asked) and list the alerts in one committed unit of work; bad input exits 3."""
    with cli.unit_of_work() as uow:
        try:
            done = (
                evaluate_alerts(
                    uow.session, cli.user(), cli.context(), as_of=run.as_of, limits=run.limits, rules=run.rules
                )
                if run.evaluate
                else None
            )
            found = list_alerts(uow.session, cli.user(), state=run.state, rule=run.rule)
        except InvalidInput as error:
            fail_error(error)
        uow.commit()
    return done, found


def _listing_json(day: dt.date, done: Evaluation | None, found: list[Alert]) -> dict[str, Any]:
    """Return the JSON `chainatlas alerts --json` prints: the as-of date, the evaluation and the alerts."""
    return {
        "as_of": day.isoformat(),
        "evaluation": done.summary() if done else None,
        "alerts": [alert_row(a, cli_lang()) for a in found],
    }


def _print_listing(day: dt.date, done: Evaluation | None, found: list[Alert], state_name: str) -> None:
    """Print what the evaluation did and the alerts as a table."""
    if done:
        out.print(
            f"as of {day}: {len(done.raised)} raised, {len(done.reopened)} reopened, "
            f"{len(done.refreshed)} still holding, {len(done.cleared)} cleared"
        )
    out.print(_table(found, f"alerts ({state_name})"))


@app.command("acknowledge")
def acknowledge(
    ctx: typer.Context, alert_id: Annotated[int, typer.Argument(help="The alert's id.")], json_out: JsonFlag = False
) -> None:
    """Acknowledge an open alert as the acting user (recorded in the change history)."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            alert = acknowledge_alert(uow.session, cli.user(), cli.context(), alert_id=alert_id)
        except (NotFound, Conflict) as error:
            fail_error(error)
        uow.commit()
    if json_out:
        print_json(alert_row(alert, cli_lang()))
        return
    out.print(
        f"alert {alert.id} acknowledged by {alert.acknowledged_by}: {alert_message(alert.rule, alert.details, cli_lang())}"
    )
