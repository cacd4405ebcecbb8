"""The cookies: the session id, the pre-session CSRF token of the sign-in forms, and the
language of the interface chosen with the header's switch.

All are `__Host-` cookies: Secure, Path=/, no Domain, HttpOnly,
SameSite=Strict. Browsers keep Secure cookies from https pages and from
http://127.0.0.1 and http://localhost (potentially trustworthy origins), so
personal mode on loopback works without TLS.
"""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import Response

SESSION = "__Host-vigil-session"
PRESESSION = "__Host-vigil-presession"
LOCALE = "__Host-vigil-locale"


def set_cookie(response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, path="/", secure=True, httponly=True, samesite="strict")


def clear_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path="/", secure=True, httponly=True, samesite="strict")


def presession_token(request: Request) -> str:
    """The CSRF token of a sign-in or unlock form (double submit: cookie and field)."""
    token = request.cookies.get(PRESESSION, "")
    return token if len(token) >= 32 else secrets.token_urlsafe(32)
