"""The desk's guard: every request checked before any route sees it, every response given safe headers.

* **Host** must be the address the server is bound to (or `localhost` for a loopback
  bind): a page on another site that points its own name at 127.0.0.1 (DNS rebinding)
  is refused, so it can never read a submission through the desk.
* **Token**: every request carries the desk's token, first as `?token=` in the printed
  address (then kept in a cookie, SameSite=Strict, HttpOnly) or as
  `Authorization: Bearer`. Without it: 403, whatever the path.
* **CSRF**: every POST carries `X-CSRF-Token`, an HMAC of the browser's session cookie
  under the server's secret, which only a page served by the desk can know; and its
  Origin, when sent, must be the desk's.
* **Headers**: a Content-Security-Policy allowing only the desk's own scripts, styles,
  images and requests (no inline script or style, nothing from another origin), no
  framing, no referrer, no sniffing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import socket
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
           (b"cross-origin-resource-policy", b"same-origin")]
TOKEN_COOKIE = "wcc_token"
SESSION_COOKIE = "wcc_session"
CSRF_HEADER = "x-csrf-token"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
WILDCARD = ("0.0.0.0", "::", "[::]")


def new_token() -> str:
    """A token to print for a team: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


def allowed_hosts(host: str) -> set[str]:
    """The names a request's Host may give: the bound address; for a loopback bind, localhost too;
    for a bind to every interface (0.0.0.0, ::), this machine's own names and addresses.

    A team reaches a LAN desk by the machine's name or address, never by "0.0.0.0"; a
    rebinding attacker's domain is in none of these sets.
    """
    names = {host.lower().strip("[]")}
    if host in LOOPBACK or host in WILDCARD:
        names |= {"127.0.0.1", "localhost", "::1"}
    if host in WILDCARD:
        me = socket.gethostname()
        names |= {me.lower(), socket.getfqdn().lower()}
        try:
            names |= {info[4][0].lower() for info in socket.getaddrinfo(me, None)}
        except OSError:  # a machine without a resolvable name: its loopback and the names above
            pass
    return names


def cookies_of(scope) -> dict[str, str]:


    """The request's cookies by name (an ASGI scope)."""
    jar = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header is no cookie
                continue
    return {k: m.value for k, m in jar.items()}


def header(scope, wanted: bytes) -> str | None:


    """The first value of one request header, or None."""
    return next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == wanted), None)


class Guard:
    """ASGI middleware around the desk application (see the module's docstring)."""

    def __init__(self, app, *, host: str, port: int, token: str, secret: bytes | None = None):
        self.app = app
        self.port = port
        self.token = token
        self.secret = secret or secrets.token_bytes(32)
        self.hosts = allowed_hosts(host)

    def csrf_for(self, session: str) -> str:
        """The CSRF token of a browser session (the page embeds it; POSTs send it back)."""
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()

    def _host_ok(self, scope) -> bool:
        value = (header(scope, b"host") or "").lower()
        name, _, port = value.rpartition(":") if not value.endswith("]") else (value, "", "")
        if not name:  # no port given
            name, port = value, "80"
        return name.strip("[]") in self.hosts and port == str(self.port)

    def _token_ok(self, scope, query: dict) -> tuple[bool, bool]:
        """(allowed, came in the query string)."""
        given = query.get("token", [None])[0]
        if given is not None and hmac.compare_digest(given.encode(), self.token.encode()):
            return True, True
        auth = header(scope, b"authorization") or ""
        if auth.startswith("Bearer ") and hmac.compare_digest(auth[7:].encode(), self.token.encode()):
            return True, False
        cookie = cookies_of(scope).get(TOKEN_COOKIE, "")
        return bool(cookie) and hmac.compare_digest(cookie.encode(), self.token.encode()), False

    def _csrf_ok(self, scope) -> bool:
        origin = header(scope, b"origin")
        if origin is not None and origin != "null":
            host = origin.split("://", 1)[-1].lower()
            if host.rsplit(":", 1)[0].strip("[]") not in self.hosts or not host.endswith(f":{self.port}"):
                return False
        session = cookies_of(scope).get(SESSION_COOKIE, "")
        sent = header(scope, CSRF_HEADER.encode()) or ""
        return bool(session) and hmac.compare_digest(sent.encode(), self.csrf_for(session).encode())

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if not self._host_ok(scope):
            return await _refuse(send, 403, "wrong Host header: this desk answers only to its own address")
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        allowed, in_query = self._token_ok(scope, query)
        if not allowed:
            return await _refuse(send, 403, "no valid token: open the address `wcc serve` printed")
        if in_query:  # keep it in a cookie and take it out of the address bar (and of the history)
            rest = {k: v for k, v in query.items() if k != "token"}
            target = scope.get("root_path", "") + scope["path"] + (f"?{urlencode(rest, doseq=True)}" if rest else "")
            return await _redirect(send, target, [(b"set-cookie", _cookie(TOKEN_COOKIE, self.token))])
        if scope["method"] not in ("GET", "HEAD") and not self._csrf_ok(scope):
            return await _refuse(send, 403, "missing or wrong CSRF token: reload the page")
        session = cookies_of(scope).get(SESSION_COOKIE)
        extra = []
        if not session:
            session = secrets.token_urlsafe(16)
            extra.append((b"set-cookie", _cookie(SESSION_COOKIE, session)))
        scope.setdefault("state", {})
        scope["state"]["csrf"] = self.csrf_for(session)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + HEADERS + extra
            await send(message)

        return await self.app(scope, receive, send_with_headers)


def _cookie(name: str, value: str) -> bytes:
    """A session cookie (gone when the browser closes), for this site only, never sent cross-site."""
    return f"{name}={value}; Path=/; HttpOnly; SameSite=Strict".encode()


async def _refuse(send, status: int, why: str) -> None:
    body = (why + "\n").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())] + HEADERS})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send, target: str, headers: list) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", target.encode()), (b"content-length", b"0")] + HEADERS + headers})
    await send({"type": "http.response.body", "body": b""})
