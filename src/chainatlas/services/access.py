"""Access checks every use case starts with: the policy (`domain.access`) applied to a user, or refused."""

from __future__ import annotations

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.user import User
from chainatlas.services.errors import NotAllowed


def require(user: User | None, action: Action, resource: str = REGISTRY) -> None:
    """Raise NotAllowed unless the user may take the action."""
    if not allowed(user, action, resource):
        if user is None:
            raise NotAllowed(code="access.sign_in", signed_in=False)
        params = {"role": user.role.value, "action": action.value, "resource": resource}
        raise NotAllowed(code="access.role_may_not", params=params, signed_in=True)
