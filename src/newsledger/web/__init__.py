"""``newsledger serve``: a web app over the ledger (Starlette, server-rendered Jinja2
templates, a JSON twin of every page). :func:`create_app` builds the ASGI app;
:func:`serve` runs it with uvicorn."""

from __future__ import annotations

from newsledger.web.app import create_app
from newsledger.web.security import needs_token

__all__ = ["create_app", "needs_token", "serve"]


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, read_only: bool = False,
          token: str | None = None) -> None:
    """Serve until interrupted (uvicorn, one process)."""
    import uvicorn

    uvicorn.run(create_app(db, read_only=read_only, token=token), host=host, port=port,
                log_level="warning")
