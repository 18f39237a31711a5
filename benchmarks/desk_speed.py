"""The review desk's speed: first page and decision round-trips of `wcc serve` on an indexed ~200-page PCT.

    python benchmarks/desk_speed.py [SUBMISSION] [--decisions 40]

Without SUBMISSION, one PCT of about 200 pages is generated (`wcc corpus generate
--pages 200`) into a temporary folder and indexed first. The real `wcc serve` runs in a
subprocess; a plain HTTP client (urllib, cookies kept like a browser) times the first
page (the token's redirect and the first unit's page, as a browser opening the printed
address) and each decision (POST, the review file written under its lock, the level and
score recomputed, the changed parts of the page rendered), alternating met / not met
on the lines of every unit in turn. Targets (issue 25): first page < 1 s, a decision < 200 ms.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wcc(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wcc_core.cli.entry", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submission", nargs="?", type=Path)
    parser.add_argument("--decisions", type=int, default=40)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wcc-desk-bench-"))
    folder = options.submission
    if folder is None:
        wcc("corpus", "generate", work / "pcts", "--seed", "25", "--pcts", "1", "--pages", "200")
        folder = next(p for p in (work / "pcts").iterdir() if (p / "submission.toml").is_file())
    wcc("index", folder)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "wcc_core.cli.entry", "serve", folder, "--port", "0",
                                "--review", work / "bench.review.toml"], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    address = re.search(r"(http://\S+)", process.stdout.readline()).group(1)
    startup = time.perf_counter() - started
    try:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        t0 = time.perf_counter()
        with opener.open(address) as response:
            page = response.read().decode()
            unit_url = response.url
        first = time.perf_counter() - t0
        csrf = re.search(r'name="csrf" content="([^"]+)"', page).group(1)
        base = address.split("/?")[0]

        def post(path, body):
            request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                             headers={"Content-Type": "application/json", "X-CSRF-Token": csrf})
            with opener.open(request) as response:
                return json.loads(response.read())

        post("/api/who", {"name": "Bench Mark"})
        units = re.findall(r'class="unit[^"]*" data-unit="([^"]+)"', page)
        lines = []
        for unit in units:
            with opener.open(f"{base}/unit/{unit}") as response:
                lines += [(unit, line) for line in re.findall(r'data-line="([^"]+)"', response.read().decode())]
        times = []
        for i in range(options.decisions):
            unit, line = lines[(i * 7) % len(lines)]  # distinct lines, none decided before: expected ""
            t0 = time.perf_counter()
            answer = post("/api/decide", {"unit": unit, "line": line, "value": ("met", "not_met")[i % 2],
                                          "because": "benchmark", "expected": ""})
            times.append(time.perf_counter() - t0)
            assert "level" in answer, answer
        t0 = time.perf_counter()
        with opener.open(unit_url) as response:
            response.read()
        again = time.perf_counter() - t0
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    times.sort()
    print(f"submission: {folder} ({len(units)} units, {len(lines)} lines)")
    print(f"wcc serve until the address is printed (assess once): {startup:.2f} s")
    print(f"first page (token redirect + first unit): {first * 1000:.0f} ms (target < 1000 ms)")
    print(f"a unit page with {options.decisions} decisions in the file: {again * 1000:.0f} ms")
    print(f"decision round-trip over {len(times)}: median {statistics.median(times) * 1000:.0f} ms, "
          f"p90 {times[int(0.9 * (len(times) - 1))] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms (target < 200 ms)")


if __name__ == "__main__":
    main()
