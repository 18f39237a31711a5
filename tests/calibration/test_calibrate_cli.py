"""`wcc calibrate` through the real CLI on results databases built with known panel effects."""

from __future__ import annotations

import json
import random
import sqlite3

import pytest
from openpyxl import load_workbook

from tests.batch.conftest import wcc
from tests.calibration.factory import COMPETENCIES, SUBS, pct_rows, write_database

SHAS = ("Lenient SHA", "Plain SHA", "Other SHA", "Fourth SHA")


def regional_rows(seed: int = 7) -> dict[str, list[dict]]:
    """Four SHAs of six PCTs: panels agree with the evidence but for a 10% scatter of one level, except
    that the lenient SHA's panels rate C4 a level up, 5P1's panel rates C6b two up and 5P2's panel rates C2a
    one up where the evidence is sure (5P3's one up where it is not)."""
    rng = random.Random(seed)
    by_sha = {}
    for s, sha in enumerate(SHAS):
        rows = []
        for n in range(6):
            code = f"5{'LPOF'[s]}{n}"
            evidence = {c + x: rng.choice((1, 2, 3)) for c in COMPETENCIES for x in SUBS}
            panel = {k: max(1, min(4, v + (rng.choice((-1, 1)) if rng.random() < 0.1 else 0)))
                     for k, v in evidence.items()}
            confidence = {}
            if sha == "Lenient SHA":
                panel.update({f"C4{x}": evidence[f"C4{x}"] + 1 for x in SUBS})
            if code in ("5P1", "5P2", "5P3"):
                panel.update({"C6b": evidence["C6b"], "C2a": evidence["C2a"]})
            if code == "5P1":
                panel["C6b"] = evidence["C6b"] + 2
            if code in ("5P2", "5P3"):
                panel["C2a"] = evidence["C2a"] + 1
                confidence["C2a"] = 0.92 if code == "5P2" else 0.55
            rows.append(pct_rows(code, sha, evidence, panel, confidence))
        by_sha[sha] = rows
    return by_sha


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    where = tmp_path_factory.mktemp("calibrate")
    databases = [write_database(where / f"sha{n}.sqlite", rows) for n, rows in enumerate(regional_rows().values())]
    run = wcc("calibrate", *databases, "--out", where / "pack")
    assert run.returncode == 0, run.stderr
    return where, databases, run


def read_pack(where):
    return json.loads((where / "pack" / "calibration.json").read_text(encoding="utf-8"))


def test_the_sha_whose_panels_rate_a_competency_up_is_found_and_no_other(pack):
    flagged = [(e["sha"], e["competency"], e["flagged"]) for e in read_pack(pack[0])["flagged"]]
    assert flagged == [("Lenient SHA", "C4", "lenient")]


def test_each_sha_and_competency_has_its_mean_difference_with_an_interval(pack):
    rows = read_pack(pack[0])["consistency"]
    assert len(rows) == len(SHAS) * 11
    lenient = next(e for e in rows if e["sha"] == "Lenient SHA" and e["competency"] == "C4")
    assert lenient["low"] <= lenient["mean"] <= lenient["high"] and lenient["effect_low"] > 0.5


def test_outliers_are_two_levels_away_or_one_where_the_evidence_is_sure(pack):
    outliers = {(o["code"], o["sub"]): o for o in read_pack(pack[0])["outliers"]}
    assert set(outliers) == {("5P1", "C6b"), ("5P2", "C2a")}
    deciding = outliers[("5P1", "C6b")]["deciding"]
    assert deciding and all(line["status"] != "met" and line["level"] > outliers[("5P1", "C6b")]["evidence_level"]
                            for line in deciding)
    assert "--role calibration" in outliers[("5P2", "C2a")]["record"]


def test_the_pack_is_html_xlsx_and_json_from_one_result_and_the_same_twice(pack, tmp_path):
    where, databases, run = pack
    assert "24 PCTs in 4 SHA(s): 1 SHA effect(s), 2 outlier(s)" in run.stdout
    html = (where / "pack" / "calibration.html").read_text(encoding="utf-8")
    assert "Lenient SHA" in html and "5P1 PCT" in html and "<svg" in html
    book = load_workbook(where / "pack" / "calibration.xlsx")
    assert {"Consistency", "Outliers", "Pairs", "Governance league", "Competency league"} <= set(book.sheetnames)
    assert book["Outliers"].max_row == 3
    again = wcc("calibrate", *databases, "--out", tmp_path)
    for name in ("calibration.html", "calibration.xlsx", "calibration.json"):
        assert (tmp_path / name).read_bytes() == (where / "pack" / name).read_bytes(), name


def test_the_same_pct_in_two_databases_is_an_error_naming_both(pack, tmp_path):
    _, databases, _ = pack
    again = write_database(tmp_path / "again.sqlite", [regional_rows()["Plain SHA"][0]])
    run = wcc("calibrate", databases[1], again, "--out", tmp_path / "pack")
    assert run.returncode == 2
    assert f"PCT 5P0 (5P0 PCT) is in both {databases[1]} and {again}" in run.stderr


def test_input_errors_exit_2_naming_the_file(tmp_path):
    missing = wcc("calibrate", tmp_path / "none.sqlite", "--out", tmp_path / "pack")
    assert missing.returncode == 2 and "none.sqlite: no such results database" in missing.stderr
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    foreign = wcc("calibrate", other, "--out", tmp_path / "pack")
    assert foreign.returncode == 2 and "not a wcc results database" in foreign.stderr
    empty = write_database(tmp_path / "empty.sqlite", [])
    nothing = wcc("calibrate", empty, "--out", tmp_path / "pack")
    assert nothing.returncode == 2 and "no assessed PCTs" in nothing.stderr


def test_pcts_with_the_same_line_evidence_and_different_panel_levels_are_paired(tmp_path):
    a = pct_rows("5AA", "North", {"C5a": 2}, {"C5a": 2})
    b = pct_rows("5BB", "South", {"C5a": 2}, {"C5a": 3})
    c = pct_rows("5CC", "South", {"C5a": 3}, {"C5a": 4})
    db = write_database(tmp_path / "r.sqlite", [a, b, c])
    run = wcc("calibrate", db, "--out", tmp_path / "pack")
    assert run.returncode == 0, run.stderr
    pairs = [(p["sub"], p["a"], p["b"], p["a_panel"], p["b_panel"]) for p in read_pack(tmp_path)["pairs"]]
    assert pairs == [("C5a", "5AA", "5BB", 2, 3)]


def test_league_tables_give_red_0_amber_1_green_2_and_tied_pcts_share_a_rank(tmp_path):
    db = write_database(tmp_path / "r.sqlite", [
        pct_rows("5AA", "North", governance={"strategy": "green", "finance": "green", "board": "green"}, base=3),
        pct_rows("5BB", "North", governance={"strategy": "green", "finance": "amber", "board": "red"}),
        pct_rows("5CC", "South", governance={"strategy": "amber", "finance": "amber", "board": "amber"}, base=1)])
    assert wcc("calibrate", db, "--out", tmp_path / "pack").returncode == 0
    league = read_pack(tmp_path)["league"]
    assert [(r["rank"], r["code"], r["points"]) for r in league["governance"]] == [
        ("1", "5AA", 6), ("=2", "5BB", 3), ("=2", "5CC", 3)]
    assert [(r["rank"], r["code"], r["points"]) for r in league["competencies"]] == [
        ("1", "5AA", 33.0), ("2", "5BB", 22.0), ("3", "5CC", 11.0)]
    card = next(s for s in read_pack(tmp_path)["scorecards"] if s["code"] == "5BB")
    assert [g["component"] for g in card["governance"]] == ["strategy", "finance", "board"]
    assert len(card["competencies"]) == 11 and card["competencies"][0]["current"] == 2.0


def test_results_of_two_frameworks_are_not_calibrated_together(tmp_path):
    other = pct_rows("5BB", "South")
    other["pct"]["framework"] = "wcc-2008"
    db = write_database(tmp_path / "r.sqlite", [pct_rows("5AA", "North"), other])
    run = wcc("calibrate", db, "--out", tmp_path / "pack")
    assert run.returncode == 2 and "different frameworks (wcc-2008, wcc-2009)" in run.stderr
