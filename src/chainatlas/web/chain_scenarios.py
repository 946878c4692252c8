"""The what-if form: the changes it asks for, what is wrong with it, the enterprises it offers by name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from chainatlas.domain.chain_results import EnterpriseChoice

FORM_FIELDS = (
    "attract_firm",
    "attract_district",
    "supplier_firm",
    "supplier_node",
    "supplier_customer",
    "supplier_value",
    "year",
    "save_as",
)


Problems = list[tuple[str, dict[str, str]]]
"""Label keys of what is wrong with a form, with their placeholder values."""


def form_changes(
    form: Mapping[str, str], known: Mapping[str, str] | None = None
) -> tuple[list[dict[str, Any]], Problems]:
    """Return the changes a scenario form asks for, and what is wrong with it; `known` maps the names and ids
    of the enterprises on offer to their ids (None: take what is typed as an id)."""
    firms = {
        name: resolve(form.get(name, ""), known) for name in ("attract_firm", "supplier_firm", "supplier_customer")
    }
    problems: Problems = [
        ("scenarios.unknown_firm", {"firm": form[n]}) for n, v in firms.items() if form.get(n) and v is None
    ]
    changes: list[dict[str, Any]] = []
    if firms["attract_firm"]:
        district = form.get("attract_district") or None
        changes.append(
            {"action": "attract", "firm": firms["attract_firm"], **({"district": district} if district else {})}
        )
    supplier = [
        form.get(name, "") for name in ("supplier_firm", "supplier_node", "supplier_customer", "supplier_value")
    ]
    if any(supplier):
        value = annual_value(supplier[3])
        if not all(supplier[:3]) or value is None:
            problems.append(("scenarios.supplier_incomplete", {}))
        elif firms["supplier_firm"] and firms["supplier_customer"]:
            changes.append(
                {
                    "action": "add_supplier",
                    "firm": firms["supplier_firm"],
                    "node": supplier[1],
                    "customer": firms["supplier_customer"],
                    "value": value,
                }
            )
    if not changes and not problems:
        problems.append(("scenarios.need_change", {}))
    return changes, problems


def resolve(text: str, known: Mapping[str, str] | None) -> str | None:
    """Return the enterprise id a form field names (by id or exact name), None when unknown or empty."""
    if not text:
        return None
    return text if known is None else known.get(text)


def annual_value(text: str) -> float | None:
    """Return a positive amount of yuan typed on a form (thousands separators allowed), or None."""
    try:
        value = Decimal(text.replace(",", "").replace("\uff0c", "").strip())
    except InvalidOperation:
        return None
    return float(value) if value.is_finite() and value > 0 else None


def known_firms(choices: Sequence[EnterpriseChoice], *, complete: bool) -> dict[str, str] | None:
    """Return the ids of the enterprises on offer by id and by name (None when the offer is not every enterprise)."""
    if not complete:
        return None
    known: dict[str, str] = {}
    for choice in choices:
        for name in (choice.name_en, choice.name_zh):
            if name:
                known[name] = choice.id
    return known | {choice.id: choice.id for choice in choices}
