"""User commands: add users, tokens, roles; disable, enable, end sessions, lift sign-in lock-outs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from sqlalchemy.orm import Session

from chainatlas.cli.output import (
    fail_error,
    out,
    print_json,
    state,
)
from chainatlas.domain.user import Role
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, InvalidInput, NotFound
from chainatlas.services.sign_in_limits import unlock_user
from chainatlas.services.users import (
    MAX_TOKEN_DAYS,
    add_user,
    disable_user,
    enable_user,
    end_sessions,
    issue_token,
    list_tokens,
    one_time_password,
    revoke_token,
    set_clusters,
    set_role,
)

app = typer.Typer(help="Manage users.", no_args_is_help=True)
T = TypeVar("T")
ClusterOption = Annotated[
    list[str] | None,
    typer.Option("--cluster", help="Scope the user to this cluster (repeatable); default: every cluster."),
]


def _apply(ctx: typer.Context, change: Callable[[Session, WriteContext], T]) -> T:
    """Run one recorded user change in its own unit of work and commit it; a refusal exits 3 with its reason."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            result = change(uow.session, cli.context())
        except InvalidInput as error:
            fail_error(error)
        except (NotFound, Conflict) as error:
            fail_error(error)
        uow.commit()
    return result


@app.command("add")
def add(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Sign-in name.")],
    role: Annotated[Role, typer.Option("--role", help="admin, analyst, member, participant or viewer.")] = Role.VIEWER,
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", help="Enterprise id (required for a member).")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Display name.")] = None,
    password: Annotated[
        str | None,
        typer.Option(
            "--password", envvar="CHAINATLAS_NEW_PASSWORD", help="Password; default: a one-time password is printed."
        ),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    cluster: ClusterOption = None,
) -> None:
    """Add a user. Without --password a one-time password is printed, to be changed at first sign-in."""
    secret = password or one_time_password()
    user = _apply(
        ctx,
        lambda session, context: add_user(
            session,
            context,
            username=username,
            role=role,
            password=secret,
            display_name=name,
            enterprise_id=enterprise,
            must_change_password=password is None,
            clusters=cluster or (),
        ),
    )
    shown = None if password else secret
    if json_out:
        print_json({"user": user.model_dump(mode="json"), "one_time_password": shown})
    else:
        out.print(f"user {user.username} ({user.role.value}) added", highlight=False)
        if shown:
            out.print(f"one-time password (shown once): {shown}", highlight=False)


JsonOut = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


@app.command("token")
def token(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Whose token.")],
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "cli",
    days: Annotated[
        int | None,
        typer.Option(
            "--days", min=1, max=MAX_TOKEN_DAYS, help="Days until it expires (default CHAINATLAS_TOKEN_DAYS, 90)."
        ),
    ] = None,
    json_out: JsonOut = False,
) -> None:
    """Create an API token (sent as `Authorization: Bearer …`); it is shown once and stored hashed."""
    cli = state(ctx)
    lasting = days or cli.settings.token_days
    secret, made = _apply(
        ctx, lambda session, context: issue_token(session, context, username=username, name=name, days=lasting)
    )
    if json_out:
        print_json(
            {"user": username, "name": name, "token": secret, "id": made.id, "expires_at": made.expires_at.isoformat()}
        )
    else:
        out.print(
            f"API token {made.id} for {username}, expires {made.expires_at:%Y-%m-%d %H:%M} UTC (shown once): {secret}",
            highlight=False,
        )


@app.command("unlock")
def unlock(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Whose sign-in back-off or lock-out to lift.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Lift a user's sign-in back-off or lock-out (recorded in the change history and the access log)."""
    admin = state(ctx).user()
    cleared = _apply(ctx, lambda session, context: unlock_user(session, context, admin, username=username))
    if json_out:
        print_json({"username": username, "failures_cleared": cleared})
    else:
        out.print(f"user {username} unlocked ({cleared} consecutive failed sign-ins cleared)", highlight=False)


def _when(stamp: dt.datetime | None) -> str:
    return "—" if stamp is None else f"{stamp:%Y-%m-%d %H:%M}"


@app.command("tokens")
def tokens(
    ctx: typer.Context, username: Annotated[str, typer.Argument(help="Whose tokens.")], json_out: JsonOut = False
) -> None:
    """List a user's API tokens: id, name, first characters, created, expires, last used, revoked, state."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            found = list_tokens(uow.session, username=username)
        except NotFound as error:
            fail_error(error)
    now = dt.datetime.now(dt.UTC)
    if json_out:
        print_json({"user": username, "tokens": [{**t.model_dump(mode="json"), "state": t.state(now)} for t in found]})
        return
    out.print("id  name  prefix  created  expires  last used  revoked  state", highlight=False)
    for t in found:
        cells = (
            t.id,
            t.name,
            t.prefix,
            _when(t.created_at),
            _when(t.expires_at),
            _when(t.last_used_at),
            _when(t.revoked_at),
            t.state(now),
        )
        out.print("  ".join(str(c) for c in cells), highlight=False)


@app.command("revoke")
def revoke(
    ctx: typer.Context, token_id: Annotated[int, typer.Argument(help="Token id (see `user tokens`).", min=1)]
) -> None:
    """Revoke an API token at once (recorded in the history); requests with it get 401."""
    revoked = _apply(ctx, lambda session, context: revoke_token(session, context, token_id=token_id))
    out.print(f"token {revoked.id} ({revoked.name}, {revoked.prefix}…) of {revoked.username} revoked", highlight=False)


@app.command("end-sessions")
def end_sessions_command(
    ctx: typer.Context, username: Annotated[str, typer.Argument(help="Whose sign-in sessions.")]
) -> None:
    """End every sign-in session of a user at once (their browsers are signed out; tokens stay)."""
    ended = _apply(ctx, lambda session, context: end_sessions(session, context, username=username))
    out.print(f"{ended} session(s) of {username} ended", highlight=False)


@app.command("disable")
def disable(ctx: typer.Context, username: Annotated[str, typer.Argument(help="Who.")]) -> None:
    """Disable a user: no sign-in; their sessions end and their API tokens are revoked at once."""
    ended = _apply(ctx, lambda session, context: disable_user(session, context, username=username))
    out.print(f"user {username} disabled; {ended} session(s) ended, API tokens revoked", highlight=False)


@app.command("enable")
def enable(ctx: typer.Context, username: Annotated[str, typer.Argument(help="Who.")]) -> None:
    """Enable a disabled user again (old sessions and tokens stay ended)."""
    _apply(ctx, lambda session, context: enable_user(session, context, username=username))
    out.print(f"user {username} enabled", highlight=False)


@app.command("role")
def role(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Who.")],
    new_role: Annotated[Role, typer.Argument(metavar="ROLE", help="admin, analyst, member, participant or viewer.")],
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", help="Enterprise id (required for a member).")
    ] = None,
) -> None:
    """Give a user another role; their sessions end at once (they sign in again with the new role)."""
    ended = _apply(
        ctx,
        lambda session, context: set_role(session, context, username=username, role=new_role, enterprise_id=enterprise),
    )
    out.print(f"user {username} is now {new_role.value}; {ended} session(s) ended", highlight=False)


@app.command("set")
def set_scope(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Who.")],
    cluster: ClusterOption = None,
    all_clusters: Annotated[
        bool, typer.Option("--all-clusters", help="Lift the user's cluster scope: every cluster.")
    ] = False,
) -> None:
    """Scope a user to clusters (--cluster, repeatable) or to every cluster (--all-clusters); their sessions
    end at once, as on a role change."""
    if bool(cluster) == all_clusters:
        raise typer.BadParameter("give --cluster (one or more) or --all-clusters", param_hint="--cluster")
    wanted = () if all_clusters else tuple(cluster or ())
    ended = _apply(ctx, lambda session, context: set_clusters(session, context, username=username, clusters=wanted))
    scope = ", ".join(wanted) or "every cluster"
    out.print(f"user {username} now sees {scope}; {ended} session(s) ended", highlight=False)
