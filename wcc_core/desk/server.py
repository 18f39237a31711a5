"""Running a desk application: bind first (so port 0 picks a free port we can name), then serve with uvicorn.

uvicorn's own logging is kept to warnings and its access log is off: a request line
would carry the token of the first visit, and the desk writes no logs (README,
"Confidentiality").
"""

from __future__ import annotations

import socket

import uvicorn


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on (host, port); port 0 takes a free one. OSError says why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(64)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def address(host: str, port: int, token: str) -> str:
    """The address to open: the token in it once, then kept in a cookie."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


def serve(app, sock: socket.socket) -> None:
    """Serve `app` on the bound socket until interrupted."""
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
