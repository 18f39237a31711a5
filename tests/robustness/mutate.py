"""Bounded mutation fuzzing of the PDF and DOCX extractors on the real documents.

`mutants(seed, count)` yields (name, bytes) made from ../shared/realdocs by seeded
mutations: for a PDF, bytes flipped, zeroed or spliced, numbers in its object and xref
lines changed, the file truncated; for a DOCX, its XML edited inside the zip (tags cut,
elements duplicated or nested deep, attribute values made huge, negative or garbage,
the XML truncated) and the zip's own bytes damaged. `run(...)` extracts each one in
the bounded workers and sorts the outcomes into classes.

Run it by hand for a longer exploration:
    python -m tests.robustness.mutate --seed 7 --count 2000
"""

from __future__ import annotations

import io
import json
import random
import re
import resource
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

from indexer.limits import Limits
from indexer.workers import extract_in_workers
from tests.shared_paths import REALDOCS

MAX_SOURCE_BYTES = 300_000  # small sources keep a run inside CI's time
_NUMBER = re.compile(rb"\d{1,10}")
_ATTRIBUTE = re.compile(rb'(w:[A-Za-z]{1,30}=")([^"]{0,40})(")')
_TAG = re.compile(rb"</?w:[A-Za-z]{1,30}[^>]{0,200}>")


def sources() -> list[Path]:
    found = [p for folder in ("pdf", "docx", "broken") for p in sorted((REALDOCS / folder).glob("*"))]
    return [p for p in found if p.suffix in (".pdf", ".docx") and p.stat().st_size <= MAX_SOURCE_BYTES]


def _bytes(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    how = rng.choice(["flip", "zero", "splice", "truncate", "numbers"])
    if how == "flip":
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif how == "zero":
        start = rng.randrange(len(data))
        data[start : start + rng.randint(1, 4096)] = bytes(min(4096, len(data) - start))
    elif how == "splice":
        a, b = sorted(rng.randrange(len(data)) for _ in range(2))
        at = rng.randrange(len(data))
        data[at:at] = data[a:b][:65536]
    elif how == "truncate":
        del data[rng.randrange(1, len(data)) :]
    else:
        spots = list(_NUMBER.finditer(data))
        for match in rng.sample(spots, min(len(spots), rng.randint(1, 30))):
            data[match.start() : match.end()] = str(rng.choice([0, -1, 2**31, 10**12, rng.randrange(10**6)])).encode()[
                : match.end() - match.start()
            ].ljust(match.end() - match.start(), b"0")
    return bytes(data)


def _xml(xml: bytes, rng: random.Random) -> bytes:
    how = rng.choice(["cut_tags", "duplicate", "nest", "attributes", "truncate"])
    tags = list(_TAG.finditer(xml))
    if how == "cut_tags" and tags:
        for match in sorted(rng.sample(tags, min(len(tags), rng.randint(1, 10))), key=lambda m: -m.start()):
            xml = xml[: match.start()] + xml[match.end() :]
    elif how == "duplicate" and tags:
        match = rng.choice(tags)
        xml = xml[: match.end()] + xml[match.start() : match.end() + rng.randint(0, 5000)] * rng.randint(2, 200) + xml[match.end() :]
    elif how == "nest":
        at = xml.find(b"<w:body>")
        if at >= 0:
            depth = rng.choice([50, 300, 1000])
            wrap = rng.choice([(b"<w:tbl><w:tr><w:tc>", b"</w:tc></w:tr></w:tbl>"), (b"<w:sdt><w:sdtContent>", b"</w:sdtContent></w:sdt>"),
                               (b"<w:r>", b"</w:r>")])
            xml = xml[: at + 8] + wrap[0] * depth + b"<w:p/>" + wrap[1] * depth + xml[at + 8 :]
    elif how == "attributes":
        spots = list(_ATTRIBUTE.finditer(xml))
        for match in sorted(rng.sample(spots, min(len(spots), rng.randint(1, 40))), key=lambda m: -m.start()):
            value = rng.choice([b"-1", b"99999999999999999999", b"0", b"x", b"", b"1e308", b"nan", b"%1.%2.%3.%4.%5.%6.%7.%8.%9"])
            xml = xml[: match.start(2)] + value + xml[match.end(2) :]
    else:
        xml = xml[: rng.randrange(1, len(xml))]
    return xml


def _docx(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.25:
        return _bytes(data, rng)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    parts = [n for n in source.namelist() if n.endswith(".xml")]
    target = rng.choice([p for p in parts if p.startswith("word/")] or parts)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == target:
                content = _xml(content, rng)
            archive.writestr(info.filename, content)
    return out.getvalue()


def mutants(seed: int, count: int):
    rng = random.Random(seed)
    pool = [(p, p.read_bytes()) for p in sources()]
    for i in range(count):
        path, data = rng.choice(pool)
        mutated = _docx(data, rng) if path.suffix == ".docx" else _bytes(data, rng)
        yield f"{i:05d}-{path.stem[:40]}{path.suffix}", mutated


def classify(reason: str | None) -> str:
    if reason is None:
        return "read"
    for prefix, name in (("limit exceeded: time", "timeout"), ("limit exceeded: memory", "memory"),
                         ("limit exceeded", "limit"), ("extractor crashed", "crash"), ("extractor failed", "python_error"),
                         ("encrypted", "encrypted"), ("corrupt", "corrupt"), ("not a", "not_this_format"),
                         ("no text layer", "no_text")):
        if reason.startswith(prefix):
            return name
    return "other: " + reason[:60]


def run(seed: int, count: int, limits: Limits, workers: int = 2, keep: Path | None = None) -> dict:
    """Extract `count` mutants; {"classes": {class: n}, "failures": [(name, reason)], "seconds": s, "peak_worker_mb": m}."""
    started = time.monotonic()
    classes: Counter = Counter()
    failures = []
    stopped = []  # (name, reason) of mutants stopped by a limit, the clock or memory
    with tempfile.TemporaryDirectory(prefix="wcc-mutants-") as folder:
        tasks = []
        for name, data in mutants(seed, count):
            path = Path(folder) / name
            path.write_bytes(data)
            tasks.append((name, path))
        for name, document in extract_in_workers(tasks, workers, limits):
            kind = classify(document.reason if not document.readable else None)
            classes[kind] += 1
            if kind in ("limit", "timeout", "memory"):
                stopped.append((name, document.reason))
            if kind in ("python_error", "crash") or kind.startswith("other"):
                failures.append((name, document.reason))
                if keep:
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / name).write_bytes((Path(folder) / name).read_bytes())
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    return {"classes": dict(classes), "failures": failures, "stopped": stopped, "seconds": round(time.monotonic() - started, 1),
            "peak_worker_mb": round(peak, 1)}


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--keep", type=Path, default=None, help="copy every failing mutant here")
    parser.add_argument("--seconds", type=int, default=20, help="time limit per document")
    args = parser.parse_args()
    result = run(args.seed, args.count, Limits(document_seconds=args.seconds), keep=args.keep)
    json.dump(result, sys.stdout, indent=1)
    print()
