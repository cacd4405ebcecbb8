"""The Host allow-list: a request naming a host we do not serve is refused first.

DNS rebinding lets a hostile page in the user's browser reach a server on
127.0.0.1 under the attacker's own name; the browser then treats the server as
that origin. Such a request carries the attacker's name in `Host` (and in
`Origin`), so it is refused here, before any session, cookie or form is read.
The loopback names are always allowed; others come from `allowed_hosts`.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK = frozenset({"localhost"})
"""With every loopback address (127.0.0.0/8, ::1)."""


def is_loopback(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(value: str) -> str:
    """The host of a `Host` header (`name:port`, `[v6]:port`), folded; '' when malformed."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else ""
    name, _, port = value.partition(":")
    if port and not port.isdigit():
        return ""
    return name.rstrip(".")


def origin_host(origin: str) -> str:
    """The host of an `Origin` header; '' when it is not a URL."""
    try:
        return (urlsplit(origin).hostname or "").rstrip(".")
    except ValueError:
        return ""


class AllowedHosts:
    """Refuses (421) a request whose Host, or Origin when it names one, is not allowed."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...] = ()) -> None:
        self.app = app
        self.allowed = LOOPBACK | {name.strip().lower().rstrip(".") for name in allowed}

    def allows(self, host: str) -> bool:
        return bool(host) and (host in self.allowed or is_loopback(host))

    def permits(self, host: str, origin: str | None) -> bool:
        if not self.allows(host_name(host)):
            return False
        return origin is None or origin == "null" or self.allows(origin_host(origin))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # the app serves no websockets; lifespan passes
            await self.app(scope, receive, send)
            return
        hosts = [v.decode("latin-1") for k, v in scope["headers"] if k == b"host"]
        origins = [v.decode("latin-1") for k, v in scope["headers"] if k == b"origin"]
        single = len(hosts) == 1 and len(origins) <= 1
        if single and self.permits(hosts[0], next(iter(origins), None)):
            await self.app(scope, receive, send)
            return
        body = b"This server does not answer to that host name.\n"
        await send(
            {
                "type": "http.response.start",
                "status": 421,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
