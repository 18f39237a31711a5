"""`wcc validate`'s rules, one broken thing at a time, each reported with file, key and what is wrong."""

from __future__ import annotations

import pytest

from tests.submission.factory import valid_submission_data, write_submission
from wcc_core.framework import load_framework
from wcc_core.submission import SubmissionError, load_submission
from wcc_core.submission.validate import validate_folder


def findings_for(tmp_path, mutate):
    data = valid_submission_data()
    mutate(data)
    write_submission(tmp_path, data)
    _, findings = validate_folder(tmp_path, load_framework)
    return [f for f in findings if f.severity == "error"]


def one_error(tmp_path, mutate, key_part, message_part):
    errors = findings_for(tmp_path, mutate)
    matching = [f for f in errors if key_part in f.key and message_part in f.message]
    assert matching, f"expected an error at {key_part!r} saying {message_part!r}; got {[str(e) for e in errors]}"
    assert all(f.file == "submission.toml" for f in matching)
    return errors


def test_a_complete_submission_is_valid(tmp_path):
    assert findings_for(tmp_path, lambda d: None) == []


def test_the_loader_reads_signposts_in_order_with_their_sub_competency(tmp_path):
    write_submission(tmp_path, valid_submission_data())
    submission = load_submission(tmp_path)
    first = submission.signposts()[:2]
    assert [(s.key, s.sub, s.index, s.raw) for s in first] == [("C1", None, 0, "SP p.1 para 1"), ("C1", "a", 1, "SP p.1")]
    assert [c.key for c in submission.competencies][:3] == ["C1", "C2", "C3"]
    assert submission.competencies[-1].key == "C11"


def test_unknown_document_type(tmp_path):
    one_error(tmp_path, lambda d: d["documents"][0].update(type="strategy_plan"), "documents[0] (SP).type", "unknown document type 'strategy_plan'")


def test_missing_document_file(tmp_path):
    def mutate(d):
        d["documents"].append({"id": "FP", "type": "financial_plan", "file": "documents/nowhere.pdf"})

    data = valid_submission_data()
    mutate(data)
    write_submission(tmp_path, data)
    (tmp_path / "documents" / "nowhere.pdf").unlink()
    _, findings = validate_folder(tmp_path, load_framework)
    assert any("does not exist" in f.message and "documents[2] (FP).file" == f.key for f in findings)


@pytest.mark.parametrize("path", ["../outside.txt", "documents/../../outside.txt", "/etc/passwd"])
def test_a_path_escaping_the_submission_folder(tmp_path, path):
    folder = tmp_path / "sub"
    folder.mkdir()
    (tmp_path / "outside.txt").write_text("secret")
    errors = findings_for(folder, lambda d: d["documents"][0].update(file=path))
    assert any(("escapes the submission folder" in f.message or "is absolute" in f.message) for f in errors)


def test_duplicate_document_ids(tmp_path):
    one_error(tmp_path, lambda d: d["documents"][1].update(id="SP"), "documents[1] (SP)", "duplicate document id 'SP'")


@pytest.mark.parametrize("level", [0, 5, "3", 2.5, True])
def test_levels_outside_one_to_four(tmp_path, level):
    one_error(tmp_path, lambda d: d["competencies"]["C4"]["self"].update(b=level), "competencies.C4.self.b", "is not one of 1, 2, 3, 4")


def test_rag_values_outside_red_amber_green(tmp_path):
    one_error(
        tmp_path,
        lambda d: d["governance"]["board"]["risk"].update(self="yellow"),
        "governance.board.risk.self",
        "'yellow' is not red, amber or green",
    )


def test_unknown_sub_competency_and_governance_keys(tmp_path):
    def mutate(d):
        d["competencies"]["C2"]["self"]["d"] = 3
        d["governance"]["board"]["tea_rota"] = {"self": "green"}
        d["competencies"]["C12"] = {"self": {"a": 1}}

    errors = findings_for(tmp_path, mutate)
    messages = [str(e) for e in errors]
    assert any("competencies.C2.self.d" in m and "unknown sub-competency 'd'" in m for m in messages)
    assert any("governance.board.tea_rota" in m and "unknown governance sub-component" in m for m in messages)
    assert any("competencies.C12" in m and "unknown competency 'C12'" in m for m in messages)


def test_more_than_three_non_prescribed_documents_and_one_without_a_comment(tmp_path):
    def mutate(d):
        for i in range(2, 5):
            d["documents"].append({"id": f"NP{i}", "type": "non_prescribed", "file": f"documents/np{i}.txt", "comment": "x"})
        d["documents"][-1]["comment"] = ""

    errors = findings_for(tmp_path, mutate)
    assert any("4 documents of type 'non_prescribed'" in e.message and "at most 3" in e.message for e in errors)
    assert any(e.key == "documents[4] (NP4).comment" for e in errors)


def test_document_type_counts_beyond_the_handbook_limits(tmp_path):
    def mutate(d):
        d["documents"].append({"id": "SP2", "type": "strategic_plan", "file": "documents/sp2.txt"})

    one_error(tmp_path, mutate, "documents", "2 documents of type 'strategic_plan'; the handbook allows at most 1")


def test_more_than_ten_outcomes(tmp_path):
    framework = load_framework("wcc-2009")
    extra = [r for r in framework.outcome_metrics if r not in framework.outcome_rules.national]

    def mutate(d):
        for ref in extra[: 11 - len(d["outcomes"])]:
            d["outcomes"].append({"ref": ref, "aspiration": [1, 2, 3, 4, 5]})

    one_error(tmp_path, mutate, "outcomes", "11 outcomes; at most 10 may be chosen")


def test_a_national_outcome_missing(tmp_path):
    national = load_framework("wcc-2009").outcome_rules.national
    assert national, "wcc-2009 must name its national outcomes"
    one_error(tmp_path, lambda d: d["outcomes"].pop(0), "outcomes", f"the national outcome {national[0]}")


def test_more_than_three_locally_defined_outcomes(tmp_path):
    def mutate(d):
        local = d["outcomes"][-1]
        for ref in ("L2", "L3", "L4"):
            d["outcomes"].append(dict(local, ref=ref))

    one_error(tmp_path, mutate, "outcomes", "4 locally defined outcomes; at most 3")


@pytest.mark.parametrize("condition", ["national_dataset_attached", "sha_can_access_source"])
def test_a_locally_defined_outcome_with_a_condition_not_met(tmp_path, condition):
    def mutate(d):
        d["outcomes"][-1]["conditions"][condition] = False if condition != "sha_can_access_source" else ""

    one_error(tmp_path, mutate, f"conditions.{condition}", "not met")


@pytest.mark.parametrize("aspiration", [[1, 2, 3, 4], [1, 2, 3, 4, 5, 6], [1, 2, "three", 4, 5]])
def test_aspirations_must_be_five_values(tmp_path, aspiration):
    one_error(tmp_path, lambda d: d["outcomes"][0].update(aspiration=aspiration), "aspiration", "must be 5 numbers")


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    def mutate(d):
        d["documents"][0]["type"] = "nonsense"
        d["competencies"]["C1"]["self"]["a"] = 9
        d["governance"]["strategy"]["initiatives"]["self"] = "blue"
        d["outcomes"][0]["aspiration"] = [1]

    assert len(findings_for(tmp_path, mutate)) >= 4


def test_a_missing_submission_toml_cannot_be_loaded(tmp_path):
    with pytest.raises(SubmissionError, match="submission.toml: not found"):
        load_submission(tmp_path)


def test_malformed_tables_become_findings_not_crashes(tmp_path):
    def mutate(d):
        d["competencies"]["C3"] = "level three"
        d["documents"].append("a string")

    errors = findings_for(tmp_path, mutate)
    assert any(e.key == "competencies.C3" and "should be a table" in e.message for e in errors)
    assert any(e.key == "documents[2]" for e in errors)
