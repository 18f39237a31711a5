"""The desk over plain HTTP: the guard refuses what it must, decisions write the review file and change the level."""

from __future__ import annotations

import json
import multiprocessing
import tomllib

from wcc_core.render.view import score_text
from tests.desk.conftest import Client, level_changing_line


def test_every_request_without_the_token_is_refused(served):
    stranger = Client(served)
    for path in ("/", "/unit/C1a", "/static/desk.js", "/crop/SP/1/0_0_10_10.png"):
        assert stranger.get(path)[0] == 403, path
    assert stranger.get("/?token=wrong-token-wrong-token")[0] == 403
    assert stranger.post("/api/decide", {"line": "C1a.1", "value": "met"}, csrf=False)[0] == 403
    status, _ = stranger.get("/unit/C1a", headers={"Authorization": f"Bearer {served.token}"})
    assert status == 200


def test_a_host_header_other_than_the_bound_address_is_refused(served, client):
    port = served.base.rsplit(":", 1)[1]
    assert client.get("/unit/C1a", headers={"Host": f"evil.example:{port}"})[0] == 403
    assert client.get("/unit/C1a", headers={"Host": "127.0.0.1:1"})[0] == 403
    assert client.get("/unit/C1a", headers={"Host": f"localhost:{port}"})[0] == 200


def test_a_post_without_the_csrf_token_or_from_another_origin_is_refused(served, client):
    unit, line, value, _, _ = level_changing_line(served.state)
    assert client.post("/api/decide", {"unit": unit, "line": line, "value": value}, csrf=False)[0] == 403
    client.csrf = "0" * 64
    assert client.post("/api/decide", {"unit": unit, "line": line, "value": value})[0] == 403
    assert not served.review.exists()


def test_every_response_carries_a_policy_allowing_only_the_desks_own_scripts_and_styles(served, client):
    import urllib.request

    with client.opener.open(served.base + "/unit/C1a") as response:
        policy = response.headers["Content-Security-Policy"]
        page = response.read().decode()
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "http" not in policy
    assert "<script>" not in page and " style=" not in page and "http" not in page.split("<body")[0]


def test_a_decision_writes_the_review_file_and_answers_with_the_new_level_and_score(served, client):
    unit, line, value, level, score = level_changing_line(served.state)
    client.get(f"/unit/{unit}")
    status, answer = client.post("/api/decide", {"unit": unit, "line": line, "value": value,
                                                 "because": "seen on the page", "expected": ""})
    assert status == 200, answer
    assert answer["level"] == str(level) and answer["score"] == score_text(score)
    stored = tomllib.loads(served.review.read_text())
    decision = stored["decision"][0]
    assert (decision["key"], decision["value"], decision["by"], decision["because"]) == \
        (line, value, "A. Analyst", "seen on the page")
    assert decision["role"] == "analyst" and decision["at"].endswith("Z")
    _, page = client.get(f"/unit/{unit}")
    assert f"Decided <b>{value.replace('_', ' ')}</b> by analyst A. Analyst".encode() in page


def test_a_second_writer_on_the_same_line_is_told_and_nothing_is_lost(served, client):
    unit, line, value, _, _ = level_changing_line(served.state)
    other = Client(served)
    other.get("/", token=True)
    other.post("/api/who", {"name": "B. Other"})
    client.get(f"/unit/{unit}")
    other.get(f"/unit/{unit}")
    assert client.post("/api/decide", {"unit": unit, "line": line, "value": value, "expected": ""})[0] == 200
    status, answer = other.post("/api/decide", {"unit": unit, "line": line, "value": "no_evidence", "expected": ""})
    assert status == 409 and "A. Analyst" in answer["conflict"] and answer["current"]["value"] == value
    assert tomllib.loads(served.review.read_text())["decision"][0]["by"] == "A. Analyst"
    version = next(x for x in json.dumps(answer["line"]).split("data-version=\\\"")[1:2]).split("\\\"")[0]
    status, _ = other.post("/api/decide", {"unit": unit, "line": line, "value": "no_evidence", "expected": version})
    assert status == 200  # asked, and chose to overwrite with the version it was shown
    assert tomllib.loads(served.review.read_text())["decision"][0]["by"] == "B. Other"


def test_many_writers_at_once_on_different_lines_keep_every_decision(served, client):
    lines = [c.id for c in next(iter(served.state.proposals.competencies.values())).subcompetencies[0].criteria]
    unit = next(iter(served.state.proposals.competencies.values())).subcompetencies[0].full_key
    # Processes, not threads: each writer is a browser of its own, sending at the same moment.
    writers = [multiprocessing.get_context("fork").Process(target=_decide, args=(client, unit, line)) for line in lines]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    assert [w.exitcode for w in writers] == [0] * len(lines)
    assert sorted(d["key"] for d in tomllib.loads(served.review.read_text())["decision"]) == sorted(lines)


def _decide(client: Client, unit: str, line: str) -> None:
    """In a child process: exit code 0 only when the desk took the decision."""
    status = client.post("/api/decide", {"unit": unit, "line": line, "value": "met", "expected": ""})[0]
    raise SystemExit(0 if status == 200 else 1)


def test_a_decision_by_someone_who_has_not_said_who_they_are_is_refused(served):
    anonymous = Client(served)
    anonymous.get("/unit/C1a", token=True)
    status, answer = anonymous.post("/api/decide", {"unit": "C1a", "line": "C1a.1", "value": "met"})
    assert status == 400 and answer["ask"] == "who"
    assert not served.review.exists()


def test_a_wrong_line_or_value_is_a_clear_error_and_writes_nothing(served, client):
    status, answer = client.post("/api/decide", {"unit": "C1a", "line": "C1a.99", "value": "met"})
    assert status == 400 and "C1a.99" in answer["error"]
    status, answer = client.post("/api/decide", {"unit": "C1a", "line": "C1a.1", "value": "maybe"})
    assert status == 400 and "met or not_met" in answer["error"]
    assert not served.review.exists()


def test_evidence_images_are_pngs_and_page_images_are_cached_under_the_index(served, client):
    _, page = client.get("/unit/C1a")
    import re

    crops = re.findall(rb'class="evidence-image" src="([^"]+)"', page)
    if not crops:  # another unit then: any with a cropped paragraph
        for unit in [s.full_key for c in served.state.proposals.competencies.values() for s in c.subcompetencies]:
            crops = re.findall(rb'class="evidence-image" src="([^"]+)"', client.get(f"/unit/{unit}")[1])
            if crops:
                break
    assert crops
    status, png = client.get(crops[0].decode())
    assert status == 200 and png[:8] == b"\x89PNG\r\n\x1a\n"
    assert list((served.state.index_dir / "desk-pages").glob("*.png"))
    assert client.get("/crop/NOPE/1/1_1_100_100.png")[0] == 404
    assert client.get("/page/..%2F..%2Fetc%2Fpasswd/1.png")[0] == 404
