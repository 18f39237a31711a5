"""Rating hooks: called through the plugin manager, replaceable through an entry point."""

from __future__ import annotations

import textwrap

import pytest

from tests.assessment.builders import write_submission
from tests.assessment.test_competency_levels import FILLER, LEVEL_2, NOT_LEVEL_3
from wcc_core import hookimpl
from wcc_core.records.results import CriterionResult
from wcc_core.pipeline import assess_documents, extracted_documents, load, open_index, reading
from wcc_core.framework import load_framework
from wcc_core.plugin_manager import make_plugin_manager


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    folder = write_submission(tmp_path_factory.mktemp("hooks") / "sub",
                              {"SP": ("strategic_plan", FILLER + LEVEL_2 + [NOT_LEVEL_3])})
    submission, framework = load(folder)
    with reading(open_index(submission)) as index:
        documents = extracted_documents(submission, index)
    return submission, framework, documents


def test_the_hook_is_called_through_the_manager_and_returns_one_result_per_line(indexed):
    submission, framework, documents = indexed
    from wcc_core.pipeline import build_context

    pm = make_plugin_manager()
    context = build_context(submission, framework, documents)
    sub = framework.competencies["C6"].sub("a")
    results = pm.hook.wcc_assess_subcompetency(subcompetency=sub, context=context)
    assert [r.id for r in results] == [c.id for c in sub.criteria]


def test_an_implementation_may_accept_fewer_arguments_than_the_spec(indexed):
    """pluggy matches arguments by name, so a plugin that ignores the context still works."""
    submission, framework, documents = indexed

    class EverythingMet:
        replaces = ("wcc-2009-c6",)

        @hookimpl
        def wcc_assess_subcompetency(self, subcompetency):  # no `context`
            if subcompetency.competency != "C6":
                return None
            return [CriterionResult(id=c.id, text=c.text, level=c.level, status="met", reason="met: test")
                    for c in subcompetency.criteria]

        @hookimpl
        def wcc_competencies(self, framework_id):
            return [load_framework("wcc-2009").competencies["C6"]]

    pm = make_plugin_manager(plugins={"everything-met": EverythingMet()})
    assessment = assess_documents(submission, framework, documents, pm)
    assert [s.proposed for s in assessment.competencies["C6"].subcompetencies] == [4, 4, 4]
    assert assessment.competencies["C6"].score == 4.0


def test_replacing_one_competency_plugin_through_an_entry_point_changes_only_that_competency(indexed, tmp_path, monkeypatch):
    submission, framework, documents = indexed
    before = assess_documents(submission, framework, documents, make_plugin_manager())
    site = tmp_path / "site"
    package = site / "strict_c6"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent("""
        from pathlib import Path
        import plugins.competencies.wcc2009.c6 as builtin
        from wcc_core.records.results import CriterionResult
        from wcc_core.plugin_kit import CompetencyPlugin

        class StrictC6(CompetencyPlugin):
            '''Nothing in C6 counts without the panel: every line needs the panel day.'''
            def judge(self, subcompetency, context):
                return [CriterionResult(id=c.id, text=c.text, level=c.level, status="not_met", reason="not met: strict")
                        for c in subcompetency.criteria]

        plugin = StrictC6(__name__, Path(builtin.__file__).with_name("criteria.toml"), replaces=("wcc-2009-c6",))
    """))
    dist = site / "strict_c6-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: strict-c6\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[wcc.plugins]\nstrict-c6 = strict_c6:plugin\n")
    monkeypatch.syspath_prepend(str(site))
    pm = make_plugin_manager()
    assert pm.get_plugin("wcc-2009-c6") is None and pm.get_plugin("strict-c6") is not None
    after = assess_documents(submission, framework, documents, pm)
    assert after.competencies["C6"].sub("a").proposed == 1 and before.competencies["C6"].sub("a").proposed == 2
    assert all(c.status == "not_met" for s in after.competencies["C6"].subcompetencies for c in s.criteria)
    for key in framework.competencies:
        if key != "C6":
            assert after.competencies[key] == before.competencies[key], key
    assert after.governance == before.governance and after.outcomes == before.outcomes


def test_a_framework_pack_replaces_one_named_judging_step_through_the_manager(indexed):
    """`wcc_judging_steps`: a pack that reads every denial as no evidence changes only the status step."""
    from wcc_core.judging import steps

    submission, framework, documents = indexed

    class NoDenials:
        @hookimpl
        def wcc_judging_steps(self, framework_id):
            if framework_id != "wcc-2009":
                return None

            def status(judge, fits, p, line):
                found, reason = steps.status(judge, fits, p, line)
                return ("no_evidence", "no evidence: denials are the panel's to weigh") if found == "not_met" \
                    else (found, reason)
            return {"status": status}

    before = assess_documents(submission, framework, documents, make_plugin_manager())
    after = assess_documents(submission, framework, documents, make_plugin_manager(plugins={"no-denials": NoDenials()}))
    line = {c.id: c for c in before.competencies["C6"].sub("a").criteria}["C6a.4"]
    changed = {c.id: c for c in after.competencies["C6"].sub("a").criteria}["C6a.4"]
    assert line.status == "not_met"
    assert (changed.status, changed.reason) == ("no_evidence", "no evidence: denials are the panel's to weigh")
    assert changed.evidence == line.evidence and changed.probability == line.probability


def test_a_step_the_engine_does_not_have_is_an_error_naming_it(indexed):
    from wcc_core.plugin_manager import PluginError

    submission, framework, documents = indexed

    class Misnamed:
        @hookimpl
        def wcc_judging_steps(self, framework_id):
            return {"stance": lambda *args: None}

    with pytest.raises(PluginError, match=r"framework wcc-2009: wcc_judging_steps names an unknown step 'stance' "
                                          r"\(steps: candidates, fit, assertion, belongs, probability, status\)"):
        assess_documents(submission, framework, documents, make_plugin_manager(plugins={"misnamed": Misnamed()}))


def test_the_steps_hook_is_called_through_the_manager_and_the_default_engine_answers_none():
    from wcc_core.pipeline import judging_steps
    from wcc_core.judging.steps import DEFAULT_STEPS

    pm = make_plugin_manager()
    assert [a for a in pm.hook.wcc_judging_steps(framework_id="wcc-2009") if a] == []
    assert judging_steps(pm, "wcc-2009") == DEFAULT_STEPS
