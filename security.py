"""Guards for a dashboard that a team shares: optional HTTP basic auth from configuration, and
response headers that keep article text inert in the browser even if a renderer slipped.

The basic auth is a small before_request hook rather than dash-auth's BasicAuth: dash-auth
2.3.0 answers 500 to a malformed Authorization header and compares passwords with ==.

Credentials come from FRONTLINE_AUTH_FILE (recommended: a file of `user:password` lines that
only the server's account can read) or FRONTLINE_AUTH="user:password[,user2:password2]".
With neither, the dashboard is open: fine on 127.0.0.1, not on a shared network.
"""
from __future__ import annotations

import base64
import binascii
import hmac
import os
from pathlib import Path
from typing import Mapping

import dash
import flask

AUTH_ENV = "FRONTLINE_AUTH"
AUTH_FILE_ENV = "FRONTLINE_AUTH_FILE"
REALM = "Frontline"
# Online basemaps the map offers as an option (components.map.TILE_STYLES); offline needs none.
TILE_ORIGINS = ("https://tile.openstreetmap.org", "https://basemaps.cartocdn.com", "https://*.basemaps.cartocdn.com")


class AuthConfigError(ValueError):
    """Credentials were asked for but cannot be used: refuse to start rather than serve open."""


def parse_users(lines: str, where: str) -> dict[str, str]:
    """`user:password` entries separated by newlines or commas; blank lines and # comments skipped."""
    users: dict[str, str] = {}
    for number, entry in enumerate(lines.replace(",", "\n").splitlines(), start=1):
        entry = entry.strip()
        if not entry or entry.startswith("#"):
            continue
        user, sep, password = entry.partition(":")
        if not sep or not user.strip() or not password:
            raise AuthConfigError(f"{where}, entry {number}: expected user:password")
        users[user.strip()] = password
    return users


def users_from_env(env: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The configured users; empty when auth is not configured."""
    if path := env.get(AUTH_FILE_ENV):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise AuthConfigError(f"{AUTH_FILE_ENV}={path}: cannot read it ({exc})") from None
        users = parse_users(text, path)
        if not users:
            raise AuthConfigError(f"{AUTH_FILE_ENV}={path} holds no user:password line")
        return users
    return parse_users(env.get(AUTH_ENV, ""), AUTH_ENV)


def content_security_policy(app: dash.Dash) -> str:
    """Scripts only from this server plus the hashes of Dash's own inline scripts; inline styles
    are allowed because Dash components and plotly set them at run time."""
    tiles = " ".join(TILE_ORIGINS)
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *app.csp_hashes()]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": f"'self' data: blob: {tiles}",
        "font-src": "'self' data:",
        "connect-src": f"'self' {tiles}",
        "worker-src": "'self' blob:",
        "child-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def credentials(header: str | None) -> tuple[str, str] | None:
    """User and password of a Basic Authorization header; None for anything malformed."""
    scheme, _, encoded = (header or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


def is_allowed(users: Mapping[str, str], header: str | None) -> bool:
    given = credentials(header)
    if given is None:
        return False
    expected = users.get(given[0])
    # compare even for an unknown user, so timing does not tell which user names exist
    ok = hmac.compare_digest((expected or "\0").encode(), given[1].encode())
    return expected is not None and ok


def protect(app: dash.Dash, users: dict[str, str] | None = None) -> None:
    """Safe headers always; basic auth when `users` (else the environment) names any user.
    A second call on the same app does nothing, so create_app and wsgi may both call it."""
    server = app.server
    if server.config.get("frontline_protected"):
        return
    users = users_from_env() if users is None else dict(users)
    server.config["frontline_protected"] = True
    policy: list[str] = []  # built on the first response, when every inline script is registered

    if users:
        @server.before_request
        def require_login():
            if is_allowed(users, flask.request.headers.get("Authorization")):
                return None
            return flask.Response(
                "Frontline: log in with the user name and password your team gave you.\n", status=401,
                headers={"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8"'},
                mimetype="text/plain",
            )

    @server.after_request
    def safe_headers(response: flask.Response) -> flask.Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not policy:
            policy.append(content_security_policy(app))
        response.headers.setdefault("Content-Security-Policy", policy[0])
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
