"""The desk's web application: routes, and what each does with the review service.

Pages are rendered on the server from Jinja2 templates with autoescaping (all document
text is text); the one script, `static/desk.js`, adds the keys and sends decisions as
JSON, getting back the changed parts of the page rendered by the same templates. Every
decision goes through `ReviewService` (the store's lock, atomic write, the same TOML)
and is then read back through `DeskState.now()`, which applies the review file through
the assessment's one aggregate path. `build_app` wraps everything in the `Guard`.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote, unquote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from wcc_core.desk import view
from wcc_core.desk.security import Guard
from wcc_core.desk.state import DeskState
from wcc_core.render import view as report_view
from wcc_core.review import targets
from wcc_core.review.service import ConcurrentDecision
from wcc_core.review.store import ReviewFileError

HERE = Path(__file__).parent
WHO_COOKIE = "wcc_who"
MAX_BODY = 64 * 1024  # a reason is a paragraph, not a document
MAX_REASON = 4000


def environment() -> Environment:


    """The desk's Jinja2 templates, autoescaped, with the report's number filters."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["score"] = report_view.score_text
    env.filters["pct"] = lambda v: "-" if v is None else f"{round(v * 100)}%"
    env.filters["q"] = lambda v: quote(str(v), safe="")
    return env


class Desk:
    """The routes of one submission's desk, under `base` ("" alone, "/pct/5ZZ" inside the national view)."""

    def __init__(self, state: DeskState, env: Environment, base: str = "", role: str = "analyst", home: str = ""):
        self.state = state
        self.env = env
        self.base = base
        self.role = role
        self.home = home  # the national list, when this desk is one of many

    def routes(self) -> list:

        """Every page, image and decision endpoint of one PCT's desk."""
        return [
            Route("/", self.index),
            Route("/unit/{key}", self.unit_page),
            Route("/crop/{doc}/{page:int}/{box}.png", self.crop),
            Route("/page/{doc}/{page:int}.png", self.page_image),
            Route("/api/who", self.who, methods=["POST"]),
            Route("/api/decide", self.decide, methods=["POST"]),
            Route("/api/withdraw", self.withdraw, methods=["POST"]),
            Route("/api/signpost", self.signpost, methods=["POST"]),
        ]

    # --- pages -----------------------------------------------------------------------------

    def _units(self, detail: str | None):
        snapshot = self.state.now()
        units = view.units(self.state.proposals, snapshot.assessment, snapshot.review, role=self.role,
                           base=self.base, detail=detail)
        return snapshot, units

    async def index(self, request: Request) -> Response:

        """The desk's first page: the first unit with lines to check."""
        _, units = self._units(None)
        first = next((u for u in units if u.to_check), units[0] if units else None)
        if first is None:
            return HTMLResponse("This submission has no criterion lines to review.", status_code=404)
        return RedirectResponse(f"{self.base}/unit/{quote(first.key, safe='')}", status_code=303)

    async def unit_page(self, request: Request) -> Response:

        """One sub-competency or sub-component: its criterion lines, evidence and signposts."""
        key = unquote(request.path_params["key"])
        snapshot, units = self._units(key)
        unit = next((u for u in units if u.key == key), None)
        if unit is None:
            return HTMLResponse(f"No sub-competency or governance sub-component {key!r} here.", status_code=404)
        page = self.env.get_template("desk.html.j2").render(
            a=snapshot.assessment, unit=unit, groups=view.groups(snapshot.assessment, units),
            stale=view.stale_decisions(snapshot.assessment), who=request.cookies.get(WHO_COOKIE, ""),
            csrf=request.scope["state"]["csrf"], base=self.base, home=self.home, role=self.role,
            review_file=str(self.state.review_path))
        return HTMLResponse(page, headers={"cache-control": "no-store"})

    async def crop(self, request: Request) -> Response:

        """The cropped image of one cited paragraph (PNG), from the cached page render."""
        box = _box(request.path_params["box"])
        data = self.state.images.crop(unquote(request.path_params["doc"]), request.path_params["page"], box) if box else None
        return _png(data)

    async def page_image(self, request: Request) -> Response:

        """A whole page image with the cited paragraph outlined (PNG)."""
        box = _box(request.query_params.get("box", ""))
        data = self.state.images.outlined(unquote(request.path_params["doc"]), request.path_params["page"], box)
        return _png(data)

    # --- decisions ---------------------------------------------------------------------------

    async def who(self, request: Request) -> Response:

        """Remember who is deciding in this browser session (asked once)."""
        body = await _json(request)
        name = " ".join(str(body.get("name", "")).split())[:120] if isinstance(body, dict) else ""
        if not name:
            return JSONResponse({"error": "say who you are: a name, e.g. A. Analyst"}, status_code=400)
        response = JSONResponse({"who": name})
        # Kept for the browser session only: the next person at this browser is asked again.
        response.set_cookie(WHO_COOKIE, quote(name), httponly=True, samesite="strict")
        return response

    def _who(self, request: Request) -> str:
        return unquote(request.cookies.get(WHO_COOKIE, ""))

    async def decide(self, request: Request) -> Response:

        """Record a decision on a line through the review service; the answer carries the recomputed line, level and score."""
        body = await _json(request)
        who = self._who(request)
        if not who:
            return JSONResponse({"error": "say who you are first", "ask": "who"}, status_code=400)
        line, unit = str(body.get("line", "")), str(body.get("unit", ""))
        because = str(body.get("because", ""))[:MAX_REASON]
        expected = str(body.get("expected", ""))

        def act(service):
            decision = service.criterion_decision(line, str(body.get("value", "")), by=who, role=self.role,
                                                  because=because)
            return service.record(decision, expected=expected)
        return self._change(act, unit, line)

    async def withdraw(self, request: Request) -> Response:

        """Withdraw a decision through the review service, refusing when someone decided since."""
        body = await _json(request)
        line, unit = str(body.get("line", "")), str(body.get("unit", ""))
        expected = str(body.get("expected", ""))
        snapshot = self.state.now()
        mine = [d for d in snapshot.review.decisions if d.target == "criterion" and d.key == line and d.role == self.role]
        if not mine:
            return JSONResponse({"error": f"no {self.role} decision on {line} to withdraw"}, status_code=404)
        return self._change(lambda service: service.withdraw(mine[-1].id, expected=expected), unit, line)

    async def signpost(self, request: Request) -> Response:

        """Accept a signpost for the unit as evidence through the review service."""
        body = await _json(request)
        who = self._who(request)
        if not who:
            return JSONResponse({"error": "say who you are first", "ask": "who"}, status_code=400)
        unit = str(body.get("unit", ""))
        try:
            index = int(body.get("index"))
        except (TypeError, ValueError):
            return JSONResponse({"error": "index must be a number"}, status_code=400)

        def act(service):
            decision = service.signpost_decision(str(body.get("key", "")), index, str(body.get("value", "accept")),
                                                 by=who, role=self.role, because=str(body.get("because", ""))[:MAX_REASON])
            return service.record(decision, expected=str(body.get("expected", "")))
        return self._change(act, unit, None)

    def _change(self, act, unit_key: str, line: str | None) -> Response:
        try:
            act(self.state.service)
        except ConcurrentDecision as conflict:
            current = conflict.current
            return JSONResponse({"conflict": str(conflict), "current": current.to_json() if current else None,
                                 **self._fragments(unit_key, line)}, status_code=409)
        except (targets.DecisionError, ReviewFileError) as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        return JSONResponse(self._fragments(unit_key, line))

    def _fragments(self, unit_key: str, line: str | None) -> dict:
        """The parts of the page a decision changes, rendered by the page's own macros."""
        snapshot, units = self._units(unit_key)
        unit = next((u for u in units if u.key == unit_key), None)
        if unit is None:
            return {}
        macros = self.env.get_template("macros.html.j2").make_module(
            {"base": self.base, "a": snapshot.assessment, "role": self.role})
        groups = view.groups(snapshot.assessment, units)
        group = next(g for g in groups if g["key"] == unit.group)
        out = {"head": str(macros.unit_head(unit, group)), "nav": str(macros.nav(groups, unit)),
               "signposts": str(macros.signpost_list(unit)), "level": _text(unit.decided),
               "score": report_view.score_text(group["score"]) if group["kind"] == "competency" else _text(group["score"])}
        if line is not None:
            found = next((x for x in unit.lines if x["id"] == line), None)
            if found is not None:
                out["line"] = str(macros.line_item(found, unit))
                out["line_id"] = line
        return out


def _text(value) -> str:
    return "-" if value is None else str(value)


def _box(text: str) -> tuple[float, float, float, float] | None:
    try:
        values = tuple(float(v) for v in text.split("_"))
    except ValueError:
        return None
    if len(values) != 4 or not all(0 <= v < 20000 for v in values):  # PDF's largest page is 14,400 pt
        return None
    return values  # type: ignore[return-value]


def _png(data: bytes | None) -> Response:
    if data is None:
        return Response("no such page image", status_code=404, media_type="text/plain")
    return Response(data, media_type="image/png", headers={"cache-control": "private, max-age=600"})


async def _json(request: Request) -> dict:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return {}
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def static_files() -> StaticFiles:


    """The desk's own script and style sheet, served by the desk (nothing from a CDN)."""
    return StaticFiles(directory=HERE / "static")


def build_app(state: DeskState, *, host: str, port: int, token: str, role: str = "analyst") -> Guard:
    """The desk of one submission, guarded: what `wcc serve SUBMISSION` runs."""
    desk = Desk(state, environment(), role=role)
    app = Starlette(routes=desk.routes() + [Mount("/static", app=static_files(), name="static")])
    return Guard(app, host=host, port=port, token=token)
