"""Each hook, called through the plugin manager on the built-in wcc-2009 plugins."""

from __future__ import annotations

from wcc_core.plugin_manager import make_plugin_manager


def test_wcc_framework_info_declares_wcc_2009():
    pm = make_plugin_manager()
    infos = [info for info in pm.hook.wcc_framework_info() if info]
    wcc2009 = next(i for i in infos if i.id == "wcc-2009")
    assert wcc2009.competency_keys == tuple(f"C{i}" for i in range(1, 12))
    assert wcc2009.governance_keys == ("strategy", "finance", "board")
    assert wcc2009.rules.max_signposted_documents == 6


def test_wcc_competencies_gives_one_competency_per_plugin():
    pm = make_plugin_manager()
    answers = [a for a in pm.hook.wcc_competencies(framework_id="wcc-2009") if a]
    assert sorted(c.key for answer in answers for c in answer) == sorted(f"C{i}" for i in range(1, 12))
    assert all(len(answer) == 1 for answer in answers)


def test_wcc_competencies_answers_nothing_for_another_framework():
    pm = make_plugin_manager()
    assert not any(pm.hook.wcc_competencies(framework_id="wcc-1999"))


def test_wcc_governance_components_gives_strategy_finance_and_board():
    pm = make_plugin_manager()
    keys = [g.key for answer in pm.hook.wcc_governance_components(framework_id="wcc-2009") if answer for g in answer]
    assert sorted(keys) == ["board", "finance", "strategy"]


def test_wcc_outcome_metrics_gives_the_metrics_and_the_outcome_rules():
    pm = make_plugin_manager()
    answers = [a for a in pm.hook.wcc_outcome_metrics(framework_id="wcc-2009") if a]
    assert len(answers) == 1
    metrics, rules = answers[0]
    assert {"1a", "1b", "2a", "2b", "63"} <= {m.ref for m in metrics}
    assert rules.max_outcomes == 10 and rules.max_local_defined == 3
