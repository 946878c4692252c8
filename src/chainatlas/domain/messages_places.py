"""Message texts of organisations, aliases and points on the map."""

from __future__ import annotations

PLACE_MESSAGES: dict[str, tuple[str, str]] = {
    "place.point_half": (
        "经度和纬度须同时填写或同时留空；{missing} 缺失",
        "longitude and latitude come together or not at all; {missing} is missing",
    ),
    "alias.twice": ("同一别名列了两次", "an alias is listed twice"),
    "organisation.own_parent": ("机构不能以自身为上级机构", "an organisation cannot be its own parent"),
}
