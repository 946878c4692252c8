"""Access checks every use case starts with: the policy (`domain.access`) applied to a user, or refused."""

from __future__ import annotations

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.user import User
from chainatlas.services.errors import NotAllowed


def require(user: User | None, action: Action, resource: str = REGISTRY) -> None:
    """Raise NotAllowed unless the user may take the action."""
    if not allowed(user, action, resource):
        who = "sign in first" if user is None else f"role {user.role.value} may not {action.value} {resource}"
        raise NotAllowed(who, signed_in=user is not None)
