"""Access policy as data: which role may do which action on which resource (DESIGN.md security model)."""

from __future__ import annotations

from enum import StrEnum

from chainatlas.domain.user import Role, User


class Action(StrEnum):
    """What a user wants to do."""

    READ = "read"
    WRITE = "write"
    IMPORT = "import"
    READ_HISTORY = "read_history"
    ANALYSE = "analyse"
    """Run analyses built from individual supply links (gaps, targets, what-if)."""
    MANAGE_USERS = "manage_users"
    REVERT = "revert"
    """Revert a recorded change or an import batch (administrators only)."""


AGGREGATES = "aggregates"
"""The resource anonymous visitors may read: headline statistics and per-node counts."""
REGISTRY = "registry"
CONFIDENTIAL_LINKS = "confidential_links"
OWN_CONFIDENTIAL_LINKS = "own_confidential_links"
"""A member's own enterprise's confidential supply links; a participant (one fair registration) sees none."""
FAIR_REGISTRATIONS = "fair_registrations"
"""Every fair's registrations, preferences, schedule with scores and attendance (organisers only, docs/fair.md)."""
BRIEFING_ISSUES = "briefing_issues"
"""Marking a briefing issued (frozen from then on): administrators only."""
RESILIENCE_INPUTS = "resilience_inputs"
"""Each site's resilience parameters and bill-of-materials lines (analysts only, docs/resilience-registry.md)."""

POLICY: frozenset[tuple[Role | None, Action, str]] = frozenset(
    {(role, Action.READ, AGGREGATES) for role in (None, *Role)}
    | {(role, Action.READ, REGISTRY) for role in Role}
    | {(role, Action.READ, CONFIDENTIAL_LINKS) for role in (Role.ADMIN, Role.ANALYST)}
    | {(Role.MEMBER, Action.READ, OWN_CONFIDENTIAL_LINKS)}
    | {(role, Action.READ, FAIR_REGISTRATIONS) for role in (Role.ADMIN, Role.ANALYST)}
    | {(role, Action.READ, RESILIENCE_INPUTS) for role in (Role.ADMIN, Role.ANALYST)}
    | {(role, Action.WRITE, REGISTRY) for role in (Role.ADMIN, Role.ANALYST)}
    | {(role, Action.IMPORT, REGISTRY) for role in (Role.ADMIN, Role.ANALYST)}
    | {(role, Action.READ_HISTORY, REGISTRY) for role in (Role.ADMIN, Role.ANALYST)}
    | {(role, Action.ANALYSE, REGISTRY) for role in (Role.ADMIN, Role.ANALYST)}
    | {(Role.ADMIN, Action.MANAGE_USERS, "users")}
    | {(Role.ADMIN, Action.REVERT, REGISTRY)}
    | {(Role.ADMIN, Action.WRITE, BRIEFING_ISSUES)}
)
"""(role or None for an anonymous visitor, action, resource) triples that are allowed."""


def allowed(user: User | None, action: Action, resource: str) -> bool:
    """Return whether a user (None: anonymous) may take an action on a resource."""
    role = None if user is None else user.role
    return (role, action, resource) in POLICY


def sees_confidential_link(user: User | None, supplier_id: str, customer_id: str) -> bool:
    """Return whether a user may see a confidential supply link: analysts, and a member of one of its two parties."""
    if allowed(user, Action.READ, CONFIDENTIAL_LINKS):
        return True
    own = own_confidential_enterprise(user)
    return own is not None and own in (supplier_id, customer_id)


def own_confidential_enterprise(user: User | None) -> str | None:
    """Return the enterprise whose confidential links a user sees as its own (members only), or None."""
    if user is None or not allowed(user, Action.READ, OWN_CONFIDENTIAL_LINKS):
        return None
    return user.enterprise_id
