"""Cap the body of upload requests while it streams in, before any of it is spooled to disk."""

from __future__ import annotations

import contextlib
import html
import json
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chainatlas.api.errors import PROBLEM_JSON
from chainatlas.services.uploads import too_large_message

FILENAME = re.compile(rb'filename="([^"\r\n]*)"')
SLACK = 1 << 20
"""Room for the multipart framing and form fields around the files."""


class _Overflow(Exception):
    """The request body went past the limit."""


class UploadLimit:
    """Answer 413, naming the file being received and the limit, once a POST body passes limit_mb MB."""

    def __init__(self, app: ASGIApp, *, limit_mb: int) -> None:
        self.app, self.limit_mb = app, limit_mb

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, counting its body; replace the answer with a 413 when the body is too large."""
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = {"bytes": 0, "name": "", "tail": b"", "over": False, "started": False}

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request" and not state["over"]:
                self._count(state, message.get("body", b""))
            if state["over"]:
                raise _Overflow
            return message

        async def guarded(message: Message) -> None:
            if not state["over"]:
                state["started"] = True
                await send(message)

        with contextlib.suppress(_Overflow):
            await self.app(scope, counted, guarded)
        if state["over"] and not state["started"]:
            await self._refuse(scope, send, state["name"])

    def _count(self, state: dict[str, Any], body: bytes) -> None:
        window = state["tail"] + body
        names = FILENAME.findall(window)
        if names:
            state["name"] = names[-1].decode("utf-8", errors="replace")
        state["tail"] = window[-1024:]
        state["bytes"] += len(body)
        state["over"] = state["bytes"] > (self.limit_mb << 20) + SLACK

    async def _refuse(self, scope: Scope, send: Send, name: str) -> None:
        path = scope["path"]
        detail = f"{name or 'upload'}: {too_large_message(self.limit_mb)}"
        if path.startswith("/api/"):
            body = json.dumps(
                {"type": "about:blank", "title": "Too large", "status": 413, "detail": detail, "instance": path},
                ensure_ascii=False,
            ).encode()
            media = PROBLEM_JSON
        else:
            body = f"<!doctype html><meta charset=utf-8><title>413</title><h1>413</h1><p>{html.escape(detail)}</p>".encode()
            media = "text/html; charset=utf-8"
        headers = [
            (b"content-type", media.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
