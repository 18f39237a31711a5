"""A real desk on a copy of the bundled sample, served by uvicorn on a free port in a forked process.

The sample is copied (never written to), indexed and assessed once per test process; each
test that decides gets its own review file and its own server, so tests never see each
other's decisions. The server runs in a child forked from the test process (it inherits
the assessed sample, so nothing is assessed again) rather than in a thread: uvicorn's
threads would grow the test process's address space, which every extraction worker it
later forks inherits under its memory limit (indexer/workers.py). Values the tests expect (which line changes a level, what the level
then is) are read from the assessment at test time, never pinned.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import shutil
import multiprocessing
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from wcc_core.desk.app import build_app
from wcc_core.desk.security import new_token
from wcc_core.desk.server import bind
from wcc_core.desk.state import DeskState

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "exampleshire"


@dataclass
class Served:
    base: str
    token: str
    state: DeskState
    review: Path
    server: object

    @property
    def address(self) -> str:
        return f"{self.base}/?token={self.token}"


def _run(state: DeskState, sock, port: int, token: str) -> None:
    from wcc_core.desk.server import serve

    serve(build_app(state, host="127.0.0.1", port=port, token=token), sock)


class Server:
    """A desk served by a forked child; `stop()` ends it."""

    def __init__(self, process):
        self.process = process

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(10)


def serve_in_process(state: DeskState, token: str | None = None) -> tuple[str, str, Server]:
    token = token or new_token()
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    process = multiprocessing.get_context("fork").Process(target=_run, args=(state, sock, port, token), daemon=True)
    process.start()
    sock.close()  # the child listens on its copy
    for _ in range(500):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.02)
    return f"http://127.0.0.1:{port}", token, Server(process)


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("desk-sample")
    folder = root / "exampleshire"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".wcc"))
    return folder, root / "index"


@pytest.fixture(scope="session")
def proposals_state(sample_copy) -> DeskState:
    """The sample on the desk once (its proposals); each test points it at its own review file."""
    folder, index = sample_copy
    return DeskState(folder, folder.parent / "unused.review.toml", index)


@pytest.fixture
def served(proposals_state, tmp_path):
    """A server of its own, with an empty review file of its own."""
    state = _with_review(proposals_state, tmp_path / "exampleshire.review.toml")
    base, token, server = serve_in_process(state)
    yield Served(base, token, state, state.review_path, server)
    server.stop()


def _with_review(state: DeskState, path: Path) -> DeskState:
    """The same proposals and documents, another review file (assessing again would cost seconds)."""
    from copy import copy

    from wcc_core.review.service import ReviewService

    mine = copy(state)
    mine.review_path = path
    mine.service = ReviewService(state.submission, state.framework, path)
    mine._lock = threading.Lock()
    mine._cached = None
    return mine


class Client:
    """A plain HTTP client with its own cookies, like one browser."""

    def __init__(self, served: Served):
        self.served = served
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = ""

    def get(self, path: str, token: bool = False, headers: dict | None = None):
        url = self.served.base + path + (("&" if "?" in path else "?") + f"token={self.served.token}" if token else "")
        request = urllib.request.Request(url, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                body = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        found = re.search(rb'name="csrf" content="([^"]+)"', body)
        if found:
            self.csrf = found.group(1).decode()
        return status, body

    def post(self, path: str, body: dict, csrf: bool = True):
        headers = {"Content-Type": "application/json"}
        if csrf:
            headers["X-CSRF-Token"] = self.csrf
        request = urllib.request.Request(self.served.base + path, data=json.dumps(body).encode(), headers=headers,
                                         method="POST")
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw)
            except ValueError:
                return error.code, raw.decode()


@pytest.fixture
def client(served) -> Client:
    c = Client(served)
    status, _ = c.get("/", token=True)
    assert status == 200
    assert c.post("/api/who", {"name": "A. Analyst"})[0] == 200
    return c


def level_changing_line(state: DeskState) -> tuple[str, str, str, object, object]:
    """(unit, line, value, level after, competency score after): the first line whose decision changes its level.

    Found by applying a would-be decision through the review file's own path, so the test
    knows what the page must show without pinning any of the sample's levels.
    """
    from wcc_core.review.apply import apply_review
    from wcc_core.review.model import Decision
    from wcc_core.review.store import ReviewFile

    proposals = state.proposals
    for ckey, competency in proposals.competencies.items():
        for sub in competency.subcompetencies:
            for line in sub.criteria:
                for value in ("met", "not_met"):
                    if line.status == value:
                        continue
                    decision = Decision(id="d1", target="criterion", key=line.id, value=value, by="T", role="analyst",
                                        at="2026-01-01T00:00:00Z")
                    decided = apply_review(proposals, ReviewFile(Path("x"), decisions=(decision,), exists=True),
                                           submission=state.submission, framework=state.framework,
                                           documents=state.documents)
                    after = decided.competencies[ckey]
                    level = next(s.proposed for s in after.subcompetencies if s.full_key == sub.full_key)
                    if level != sub.proposed and after.score != competency.score:
                        return sub.full_key, line.id, value, level, after.score
    raise AssertionError("no single line changes a level in this sample")
