"""`wcc serve` as a person runs it: the real CLI in a subprocess, its printed address, its errors."""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def start(*args) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "wcc_core.cli.entry", "serve", *map(str, args), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    line = process.stdout.readline()
    found = re.search(r"(http://\S+)", line)
    if not found:
        process.kill()
        raise AssertionError(f"no address printed: {line!r} {process.stderr.read()}")
    return process, found.group(1)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def status_of(url) -> int:
    """The status a browser ends on (cookies kept across the redirect that stores the token)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    try:
        with opener.open(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_wcc_serve_prints_an_address_with_its_token_and_refuses_requests_without_it(sample_copy, tmp_path):
    folder, index = sample_copy
    process, address = start(folder, "--review", tmp_path / "r.review.toml", "--index-dir", index)
    try:
        assert address.startswith("http://127.0.0.1:") and "?token=" in address
        assert status_of(address) == 200  # follows to the first unit's page
        assert status_of(address.split("?")[0]) == 403
        assert status_of(address.split("?")[0] + "?token=" + "x" * 22) == 403
    finally:
        stop(process)


def test_a_lan_address_gets_a_generated_token_printed(sample_copy, tmp_path):
    folder, index = sample_copy
    process, address = start(folder, "--review", tmp_path / "r.review.toml", "--index-dir", index, "--host", "0.0.0.0")
    try:
        token = address.split("token=")[1]
        assert len(token) >= 16 and address.startswith("http://0.0.0.0:")
        port = address.split(":")[2].split("/")[0]
        assert status_of(address.split("/?")[0]) == 403  # no token
        assert status_of(f"http://127.0.0.1:{port}/?token={token}") == 200
        assert status_of(f"http://{socket.gethostname()}:{port}/?token={token}") == 200  # as the team reaches it
        request = urllib.request.Request(f"http://127.0.0.1:{port}/?token={token}", headers={"Host": f"evil.example:{port}"})
        assert status_of(request) == 403  # DNS rebinding
    finally:
        stop(process)


@pytest.mark.parametrize("args,message", [
    (["{missing}"], "no such"),
    (["{sample}", "--token", "short"], "at least 16"),
    (["{sample}", "--role", "chair"], "not a role"),
    (["{file}"], "neither a submission folder nor a results database"),
])
def test_bad_input_is_a_clear_error_without_a_traceback(sample_copy, tmp_path, args, message):
    (tmp_path / "notes.txt").write_text("hello")
    values = {"missing": tmp_path / "nope", "sample": sample_copy[0], "file": tmp_path / "notes.txt"}
    run = subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", "serve",
                          *[a.format(**values) for a in args], "--port", "0"],
                         capture_output=True, text=True, cwd=REPO, timeout=120)
    assert run.returncode == 2 and message in run.stderr.lower() and "Traceback" not in run.stderr


def test_serve_on_a_results_database_lists_the_pcts_and_links_each_to_its_desk(sample_copy, tmp_path):
    pcts = tmp_path / "pcts"
    shutil.copytree(sample_copy[0], pcts / "exampleshire")
    results = tmp_path / "results.sqlite"
    batch = subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", "batch", pcts, "--out", results,
                            "--workers", "1"], capture_output=True, text=True, cwd=REPO, timeout=600)
    assert batch.returncode == 0, batch.stderr
    before = results.read_bytes()
    process, address = start(results)
    try:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(address, timeout=60) as response:
            page = response.read().decode()
        links = re.findall(r'href="(/pct/[^"]+)"', page)
        assert len(links) == 1 and "NHS Exampleshire" in page
        base = address.split("/?")[0]
        with opener.open(base + links[0], timeout=300) as response:
            desk = response.read().decode()
        assert 'id="lines"' in desk and 'href="/"' in desk
    finally:
        stop(process)
    assert results.read_bytes() == before  # read-only
