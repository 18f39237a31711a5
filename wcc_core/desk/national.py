"""`wcc serve RESULTS.sqlite`: the national run's PCTs in one read-only list, each opening its own desk.

The list reads the results database `wcc batch` wrote through the calibration pack's
reader (`calibration.load.load_results`) and never writes to it. A PCT's desk, under
`/pct/<code>/`, is the same application `wcc serve SUBMISSION` runs, on the folder the
database names, with that submission's own review file; it is built the first time it is
opened (the submission is assessed then) and kept.
"""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import quote, unquote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route

from wcc_core.pipeline import PipelineInputError
from wcc_core.calibration.load import load_results
from wcc_core.desk.app import Desk, environment, static_files
from wcc_core.desk.security import Guard
from wcc_core.desk.state import DeskState
from wcc_core.review.store import ReviewFileError


class NationalView:
    """The list page and a dispatcher to each PCT's desk."""

    def __init__(self, results: Path, role: str = "analyst"):
        self.results = Path(results)
        self.pcts = {p.code: p for p in load_results([self.results])}
        self.env = environment()
        self.role = role
        self._desks: dict[str, Starlette] = {}
        self._lock = threading.Lock()

    async def listing(self, request: Request) -> Response:

        """The read-only list of PCTs in the results database, each linking to its desk."""
        rows = sorted(self.pcts.values(), key=lambda p: (p.sha, p.code))
        keys = sorted({k for p in rows for k in p.competencies}, key=lambda k: (len(k), k))
        page = self.env.get_template("national.html.j2").render(pcts=rows, keys=keys, results=str(self.results))
        return HTMLResponse(page, headers={"cache-control": "no-store"})

    def _desk(self, code: str) -> Starlette | None:
        with self._lock:
            if code not in self._desks:
                pct = self.pcts.get(code)
                if pct is None:
                    return None
                state = DeskState(Path(pct.folder))
                desk = Desk(state, self.env, base=f"/pct/{quote(code, safe='')}", role=self.role, home="/")
                self._desks[code] = Starlette(routes=desk.routes())
            return self._desks[code]

    async def dispatch(self, scope, receive, send):
        """/pct/<code>/<rest>: the PCT's desk answers <rest>."""
        _, _, rest = scope["path"].partition("/pct/")
        code, _, tail = rest.partition("/")
        try:
            app = self._desk(unquote(code))
        except (PipelineInputError, ReviewFileError) as error:
            return await HTMLResponse(f"<p>Cannot open this PCT's desk: {_escape(str(error))}</p>",
                                      status_code=404)(scope, receive, send)
        if app is None:
            return await HTMLResponse("<p>No such PCT in the results.</p>", status_code=404)(scope, receive, send)
        inner = dict(scope, path="/" + tail, root_path=scope.get("root_path", "") + f"/pct/{code}")
        return await app(inner, receive, send)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_national_app(results: Path, *, host: str, port: int, token: str, role: str = "analyst") -> Guard:
    """The national list and every PCT's desk, guarded like one desk."""
    national = NationalView(results, role)
    app = Starlette(routes=[Route("/", national.listing), Mount("/static", app=static_files()),
                            Mount("/pct", app=national.dispatch)])
    return Guard(app, host=host, port=port, token=token)
