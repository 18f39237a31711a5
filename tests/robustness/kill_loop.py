"""Kill a `wcc` command with SIGKILL at random moments, then check the next run equals a clean one.

Reusable for any command that writes state beside a submission: give it the command's
arguments (without the submission folder), a function that writes a submission, and
optionally a function that changes it between runs (so that kills land in real builds,
not only in "up to date"). Used for `wcc index` and `wcc signposts`; `wcc assess` and
`wcc report` can be added the same way.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

WCC = [sys.executable, "-c", "from wcc_core.cli.main import cli; cli()"]
# Lines that say how a run got its answer, not what the answer is.
_RUN_DETAIL = re.compile(r"Index (?:built \(\d+ extracted, \d+ from cache\)|up to date)")


@dataclass
class KillReport:
    kills: int  # runs killed before they finished
    finished: int  # runs that finished before the kill came
    orphans: list[int]  # worker pids still alive after their main process was killed
    kills_with_workers: int = 0  # kills that came while extraction workers were running


def run_wcc(args: Sequence[str], timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(WCC + list(args), capture_output=True, text=True, timeout=timeout)


def normalise(output: str) -> str:
    return _RUN_DETAIL.sub("Index ready", output)


def _children(pid: int) -> list[int]:
    """Live descendants of a process (Linux /proc), zombies left out."""
    found = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return found
    parents = {}
    for entry in entries:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                if fields[0] != "Z":
                    parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        kids = [p for p, pp in parents.items() if pp == parent]
        found += kids
        frontier += kids
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def kill_loop(
    args: Sequence[str],
    folder: Path,
    *,
    runs: int,
    seed: int,
    change: Callable[[Path, int], None] | None = None,
    longest: float | None = None,
) -> KillReport:
    """Run `wcc <args> <folder>` `runs` times, each killed (SIGKILL, the main process only) at a
    random moment of the i-th of `runs` slices of `longest` seconds (default: the time of one
    full run after `change`); `change(folder, i)` runs before run i. Worker processes must exit
    by themselves when their parent dies."""
    rng = random.Random(seed)
    if longest is None:
        # Timed on a second run: the first in a fresh clone also compiles every module's
        # bytecode, and a reference that slow lets the killed runs finish first.
        times = []
        for j in range(2):
            if change:
                change(folder, runs + j)  # each reference run has new work, as the killed runs do
            started = time.monotonic()
            run_wcc([*args, str(folder)])
            times.append(time.monotonic() - started)
        longest = min(times) * 1.25  # runs under SIGKILL-watch are a little slower
    report = KillReport(0, 0, [])
    for i in range(runs):
        if change:
            change(folder, i)
        process = subprocess.Popen(WCC + [*args, str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Stratified: run i is killed at a random moment of the i-th slice of a full run,
        # so the kills cover start-up, extraction, indexing and the swap; every third run
        # is killed instead a moment after its extraction workers appear.
        # (within the first 70% of a reference run, so a faster run under no load is still killed)
        deadline = time.monotonic() + 0.7 * longest * (i + rng.random()) / runs
        on_workers = i % 3 == 1
        if on_workers:
            deadline = time.monotonic() + longest * 2
        workers: set[int] = set()
        while time.monotonic() < deadline and process.poll() is None:
            seen = _children(process.pid)  # remember the workers it started
            if on_workers and seen and not workers:
                deadline = time.monotonic() + rng.uniform(0.0, 0.5)
            workers.update(seen)
            time.sleep(0.02)
        if process.poll() is not None:
            report.finished += 1
            continue
        workers.update(_children(process.pid))
        process.send_signal(signal.SIGKILL)
        process.wait()
        report.kills += 1
        report.kills_with_workers += bool(workers)
        give_up = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < give_up:
            time.sleep(0.1)
        report.orphans += [w for w in workers if alive(w)]
    return report


def same_as_clean_run(args: Sequence[str], folder: Path, make: Callable[[Path], None], scratch: Path) -> tuple[str, str]:
    """(output of the next run in `folder`, output of a run in a fresh copy made by `make`), normalised."""
    after = run_wcc([*args, str(folder)])
    clean_folder = scratch / "clean"
    shutil.rmtree(clean_folder, ignore_errors=True)
    make(clean_folder)
    clean = run_wcc([*args, str(clean_folder)])
    assert after.returncode == clean.returncode, (after.stderr, clean.stderr)
    return normalise(after.stdout), normalise(clean.stdout).replace(str(clean_folder), str(folder))
