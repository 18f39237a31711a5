"""The bundled sample submissions against the answers the corpus generator recorded for them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wcc_core.cli.main import cli

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"

# Where this verifier and the generator's recorded answer knowingly differ, and why.
KNOWN_DIFFERENCES = {
    # "Assurance framework" is a usual name of the board risk report type and the submitted
    # BAF is dated 2009-10, so the name matches it; the generator meant another document.
    # Keyed by the signpost's text: its position among board.risk's signposts moves as the sample changes.
    ("problems", "governance", "board.risk", "Assurance Framework 2009/10 p.3"),
}


def _locators(signpost: dict) -> list[tuple]:
    # Unreadable remainders are reported as "unknown" locators here; the generator lists none.
    return [
        (loc["kind"], loc.get("page") if loc["kind"] != "section" else None, loc.get("section"),
         loc["physical_page"], loc["paragraph"], loc["status"])
        for loc in signpost["locators"]
        if loc["kind"] != "unknown"
    ]


@pytest.mark.slow
@pytest.mark.parametrize("sample", ["exampleshire", "problems"])
def test_the_verifier_finds_the_answers_recorded_for_the_sample_submissions(sample, tmp_path):
    folder = SAMPLES / sample
    expected = json.loads((folder / "expected" / "signposts.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli, ["signposts", str(folder), "--format", "json", "--index-dir", str(tmp_path)])
    got = json.loads(result.stdout)
    mine = {(s["element"], s["key"], s["index"]): s for s in got["signposts"]}
    wrong = []
    for answer in expected["signposts"]:
        where = (answer["element"], answer["key"], answer["index"])
        if (sample, answer["element"], answer["key"], answer["raw"]) in KNOWN_DIFFERENCES:
            continue
        found = mine[where]
        if (found["status"], found["document"], _locators(found)) != (answer["status"], answer["document"], _locators(answer)):
            wrong.append((answer["raw"], answer["status"], found["status"], found["message"]))
    assert wrong == []
    assert [(f["key"], f["status"]) for f in got["findings"]] == [(f["key"], f["status"]) for f in expected["findings"]]
