"""Safe by default: what guards the web app's writes and what every response carries.

* Writes are POST forms carrying the CSRF token of this server process (a page from
  another site cannot read it, so it cannot forge the form) and, when the server was
  given one (``--token``; required when bound beyond 127.0.0.1), the write token.
  ``--read-only`` refuses every write.
* Every response forbids scripts from anywhere but the app itself (no inline scripts,
  so text that slipped into a page as markup still could not run), framing and MIME
  sniffing.
* Article URLs become links only with an http(s) scheme (no ``javascript:``).
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsledger.errors import NewsledgerError

HEADERS = {
    "content-security-policy": ("default-src 'self'; script-src 'self'; object-src 'none'; "
                                "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
LOOPBACK = ("127.0.0.1", "::1", "localhost")


class Refused(NewsledgerError):
    """A write without its CSRF or write token, or under --read-only."""

    status = 403


class Guard:
    def __init__(self, *, read_only: bool, token: str | None) -> None:
        self.read_only = read_only
        self.token = token
        self.csrf_token = secrets.token_urlsafe(32)

    async def checked_form(self, request: Request) -> FormData:
        """The POSTed form, once the write is allowed; Refused otherwise."""
        if self.read_only:
            raise Refused("this server is read-only (--read-only): writes are refused")
        form = await request.form()
        if self.token is not None and not _same(self.token, form.get("token")
                                                or request.headers.get("x-newsledger-token")):
            raise Refused("this write needs the server's write token (field 'token')")
        if not _same(self.csrf_token, form.get("csrf")):
            raise Refused("this write lacks the page's CSRF token; reload the page and retry")
        return form


def _same(expected: str, given: Any) -> bool:
    return isinstance(given, str) and hmac.compare_digest(expected.encode(), given.encode())


def needs_token(host: str) -> bool:
    """Serving beyond this machine: every write must carry a token."""
    return host not in LOOPBACK


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None (shown as text, never followed)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


class SecurityHeaders:
    """ASGI middleware adding :data:`HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in HEADERS.items()
                         if k.encode() not in present]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)
