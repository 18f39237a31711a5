"""The review service both `wcc review` and `wcc serve` call: who, when, why, and no lost decision."""

from __future__ import annotations

import multiprocessing

import pytest

from wcc_core.review.service import ConcurrentDecision, ReviewService, version_of
from wcc_core.review.store import read_review


@pytest.fixture
def service(base, tmp_path) -> ReviewService:
    return ReviewService(base.submission, base.framework, tmp_path / "s.review.toml")


def first_line(base) -> str:
    return next(iter(base.assessment.competencies.values())).subcompetencies[0].criteria[0].id


def test_a_decision_is_recorded_with_who_when_and_why(base, service):
    line = first_line(base)
    recorded = service.record(service.criterion_decision(line, "met", by="A. Analyst", role="analyst", because="p.4"))
    stored = read_review(service.path).decisions
    assert stored == (recorded.decision,) and recorded.decision.id == "d1"
    assert (stored[0].by, stored[0].because, stored[0].at[-1]) == ("A. Analyst", "p.4", "Z")
    assert stored[0].snapshot["text"]  # the line's text, for staleness later


def test_a_writer_that_saw_an_older_version_is_refused_with_the_decision_now_there(base, service):
    line = first_line(base)
    seen = version_of(read_review(service.path), ("criterion", line, None, None), "analyst")
    service.record(service.criterion_decision(line, "met", by="A", role="analyst"), expected=seen)
    with pytest.raises(ConcurrentDecision) as refused:
        service.record(service.criterion_decision(line, "not_met", by="B", role="analyst"), expected=seen)
    assert refused.value.current.by == "A"
    assert [d.value for d in read_review(service.path).decisions] == ["met"]
    now = version_of(read_review(service.path), ("criterion", line, None, None), "analyst")
    service.record(service.criterion_decision(line, "not_met", by="B", role="analyst"), expected=now)
    assert [(d.by, d.value) for d in read_review(service.path).decisions] == [("B", "not_met")]


def test_withdrawing_checks_the_version_too(base, service):
    line = first_line(base)
    service.record(service.criterion_decision(line, "met", by="A", role="analyst"))
    with pytest.raises(ConcurrentDecision):
        service.withdraw("d1", expected="")
    service.withdraw("d1", expected=version_of(read_review(service.path), ("criterion", line, None, None), "analyst"))
    assert read_review(service.path).decisions == ()


def test_needs_evidence_is_a_decision_a_line_can_take(base, service):
    line = first_line(base)
    service.record(service.criterion_decision(line, "needs evidence", by="A", role="analyst"))
    assert read_review(service.path).decisions[0].value == "no_evidence"


def _record(service: ReviewService, line: str) -> None:
    service.record(service.criterion_decision(line, "met", by="T", role="analyst"))


def test_processes_deciding_at_once_lose_nothing(base, service):
    lines = [c.id for c in next(iter(base.assessment.competencies.values())).subcompetencies[0].criteria]
    # Processes, as two analysts are (threads would also grow this process's address space,
    # which the index's forked workers inherit under their memory limit).
    writers = [multiprocessing.get_context("fork").Process(target=_record, args=(service, line)) for line in lines]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    assert [w.exitcode for w in writers] == [0] * len(lines)
    assert sorted(d.key for d in read_review(service.path).decisions) == sorted(lines)
