"""User commands: add users, create tokens, lift sign-in lock-outs."""

from __future__ import annotations

from typing import Annotated

import typer

from chainatlas.cli.output import EXIT_INVALID, fail, out, print_json, state
from chainatlas.domain.user import Role
from chainatlas.services.errors import Conflict, InvalidInput, NotFound
from chainatlas.services.sign_in_limits import unlock_user
from chainatlas.services.users import add_user, create_token, one_time_password

app = typer.Typer(help="Manage users.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Sign-in name.")],
    role: Annotated[Role, typer.Option("--role", help="admin, analyst, member, participant or viewer.")] = Role.VIEWER,
    enterprise: Annotated[str | None, typer.Option("--enterprise", help="Enterprise id (required for a member).")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Display name.")] = None,
    password: Annotated[str | None, typer.Option("--password", envvar="CHAINATLAS_NEW_PASSWORD", help="Password; default: a one-time password is printed.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:  # fmt: skip
    """Add a user. Without --password a one-time password is printed, to be changed at first sign-in."""
    cli = state(ctx)
    secret = password or one_time_password()
    with cli.unit_of_work() as uow:
        try:
            user = add_user(
                uow.session, cli.context(), username=username, role=role, password=secret, display_name=name,
                enterprise_id=enterprise, must_change_password=password is None,
            )  # fmt: skip
        except InvalidInput as error:
            fail("; ".join(f"{p.field}: {p.message}" for p in error.problems), EXIT_INVALID)
        except Conflict as error:
            fail(str(error), EXIT_INVALID)
        uow.commit()
    shown = None if password else secret
    if json_out:
        print_json({"user": user.model_dump(mode="json"), "one_time_password": shown})
    else:
        out.print(f"user {user.username} ({user.role.value}) added", highlight=False)
        if shown:
            out.print(f"one-time password (shown once): {shown}", highlight=False)


@app.command("token")
def token(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Whose token.")],
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "cli",
    json_out: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Create an API token (sent as `Authorization: Bearer …`); it is shown once and stored hashed."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            secret = create_token(uow.session, cli.context(), username=username, name=name)
        except NotFound as error:
            fail(str(error), EXIT_INVALID)
        uow.commit()
    if json_out:
        print_json({"user": username, "name": name, "token": secret})
    else:
        out.print(f"API token for {username} (shown once): {secret}", highlight=False)


@app.command("unlock")
def unlock(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Whose sign-in back-off or lock-out to lift.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Lift a user's sign-in back-off or lock-out (recorded in the change history and the access log)."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        try:
            cleared = unlock_user(uow.session, cli.context(), cli.user(), username=username)
        except NotFound as error:
            fail(str(error), EXIT_INVALID)
        uow.commit()
    if json_out:
        print_json({"username": username, "failures_cleared": cleared})
    else:
        out.print(f"user {username} unlocked ({cleared} consecutive failed sign-ins cleared)", highlight=False)
