"""The judging benchmark on an independently written PCT: its counts follow the truth file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from corpus.truth_score import FIGURES, figures, load_truth, score
from wcc_core.pipeline import run_assessment

ROOT = Path(__file__).resolve().parents[2]
BANKS = ROOT / "corpus" / "independent"


def test_every_independent_bank_has_its_truth_and_submission():
    names = sorted(p.name for p in BANKS.iterdir() if p.is_dir())
    assert names == sorted(["ashmoor", "calderbrook", "fenmoor", "harrowfield", "kestrel-vale", "ridgeford", "thornvale",
                     "wexcombe", "brackenfold", "saltmarsh-vale", "ironbridge-moor", "hollinbrook", "greywater", "penhallow", "ashby-wolds", "coldharbour"])
    for name in names:
        truth = load_truth(BANKS / name)
        assert truth["kind"] and truth["planted"] and truth["negative_evidence"] and truth["distractors"]
        assert (BANKS / name / "submission.toml").is_file()


def test_the_benchmark_reports_every_figure_per_bank_worst_first(tmp_path):
    done = subprocess.run([sys.executable, "benchmarks/assess_accuracy.py", str(BANKS / "ridgeford"),
                           str(BANKS / "thornvale"), "--json"], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    report["banks"] = {row["bank"]: row["figures"] for row in report["banks"]}
    banks = list(report["banks"])
    assert banks[-1] == "all" and set(banks[:-1]) == {"ridgeford", "thornvale"}
    levels = [report["banks"][b]["level equal to truth"]["value"] for b in banks[:-1]]
    assert levels == sorted(levels)
    for bank in banks:
        assert set(report["banks"][bank]) == {name for name, *_ in FIGURES}
    planted = len(load_truth(BANKS / "ridgeford")["planted"]) + len(load_truth(BANKS / "thornvale")["planted"])
    of = report["banks"]["all"]["planted -> line met"]["of"]
    assert int(of.split("/")[1]) == planted
    assert not any(p.name == ".wcc" for p in (BANKS / "ridgeford").iterdir()), "the bank was written to"


def test_the_score_counts_a_line_met_only_when_the_assessment_says_so(tmp_path):
    import shutil
    copy = tmp_path / "ridgeford"
    shutil.copytree(BANKS / "ridgeford", copy)
    truth = load_truth(copy)
    assessment = run_assessment(copy, review_file=False, validate=False)
    counts = score(truth, assessment)
    lines = {c.id: c for comp in assessment.competencies.values() for s in comp.subcompetencies for c in s.criteria}
    met = sum(1 for item in truth["planted"] if lines[item["criterion_key"]].status == "met")
    assert counts["planted_met"] == met and counts["planted"] == len(truth["planted"])
    subs = sum(len(comp.subcompetencies) for comp in assessment.competencies.values())
    assert counts["subs"] == subs == 33
    assert figures(counts)["level equal to truth"]["of"] == f"{counts['level_equal']}/33"
