"""Say in every answer's headers as of which registry version its analysis results were computed.

`X-Data-Version` is the registry version of the (oldest) cached result the answer used; `X-Data-Stale: true` with
`X-Data-Computing-Version` when the registry has moved on and the result of the newer version is being computed
(the answer did not wait for it). Answers that used no cached result carry none of these headers.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chainatlas.services.cache import Freshness, freshness_of

VERSION_HEADER = "x-data-version"
STALE_HEADER = "x-data-stale"
COMPUTING_HEADER = "x-data-computing-version"


def freshness_headers(found: Freshness) -> list[tuple[bytes, bytes]]:
    """Return the headers that say as of which data version an answer is, and whether a newer one is computed."""
    headers = [(VERSION_HEADER.encode(), str(found.data_version).encode())]
    if found.stale:
        headers += [(STALE_HEADER.encode(), b"true"), (COMPUTING_HEADER.encode(), str(found.current_version).encode())]
    return headers


class DataVersionHeaders:
    """Add the data-version headers from the request's unit of work (its `session.info`, kept on the request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, adding the headers when the answer starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                found = freshness_of(state.get("unit_info") or {})
                if found is not None:
                    message["headers"] = [*message.get("headers", []), *freshness_headers(found)]
            await send(message)

        await self.app(scope, receive, send_with_version)
