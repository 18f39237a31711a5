"""Assembling a framework from the records its plugins return.

The rules here are the core's, not the plugins': one plugin per key, every key the
framework declares must be provided, no plugin may add a key the framework lacks, every
level and rating a criterion line names is on the framework's own scales, and every
parameter a line names is declared. Hooks are called through the plugin manager.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Mapping

import pluggy

from wcc_core.framework.model import (
    Competency,
    CriterionLine,
    Framework,
    FrameworkInfo,
    GovernanceComponent,
    OutcomeRules,
    Parameter,
)
from wcc_core.plugin_manager import PluginError, call_each, get_plugin_manager


def available_frameworks(pm: pluggy.PluginManager | None = None) -> dict[str, FrameworkInfo]:
    """Every framework an installed plugin declares, by id (sorted)."""
    pm = pm or get_plugin_manager()
    found: dict[str, tuple[FrameworkInfo, str]] = {}
    for owner, info in call_each(pm, "wcc_framework_info"):
        if info is None:
            continue
        if info.id in found:
            raise PluginError(
                f"framework '{info.id}' is declared by two plugins: {found[info.id][1]} and {owner}"
            )
        found[info.id] = (info, owner)
    return {fid: found[fid][0] for fid in sorted(found)}


def unknown_framework_message(framework_id: str, installed) -> str:
    """"unknown framework 'x' (installed frameworks: wcc-2008, wcc-2009)"."""
    return f"unknown framework '{framework_id}' (installed frameworks: {', '.join(installed) or 'none'})"


def _claims(pm: pluggy.PluginManager, hook_name: str, framework_id: str, what: str) -> tuple[dict, dict[str, str]]:
    """Records by key from every implementation of `hook_name`, refusing a key claimed twice."""
    records, owners = {}, {}
    for owner, answer in call_each(pm, hook_name, framework_id=framework_id):
        for record in answer or ():
            if record.key in records:
                raise PluginError(
                    f"{what} '{record.key}' of framework '{framework_id}' is claimed by two plugins: "
                    f"{owners[record.key]} and {owner}. Uninstall one, or let one declare "
                    f"replaces = (\"{owners[record.key]}\",)"
                )
            records[record.key] = record
            owners[record.key] = owner
    return records, owners


def plugin_claims(pm: pluggy.PluginManager) -> dict[str, tuple[str, list[str]]]:
    """plugin name -> (the framework ids it serves, the keys it claims), from what each plugin's hooks return."""
    claims: dict[str, tuple[set, list]] = {}
    framework_ids = list(available_frameworks(pm))
    for name, info in call_each(pm, "wcc_framework_info"):
        if info:
            claims.setdefault(name, (set(), []))[0].add(info.id)
    for hook_name in ("wcc_competencies", "wcc_governance_components", "wcc_outcome_metrics"):
        for framework_id in framework_ids:
            for name, answer in call_each(pm, hook_name, framework_id=framework_id):
                if not answer:
                    continue
                frameworks_of, keys = claims.setdefault(name, (set(), []))
                frameworks_of.add(framework_id)
                keys.extend(["outcomes"] if hook_name == "wcc_outcome_metrics" else [r.key for r in answer])
    return {name: (", ".join(sorted(fw)), keys) for name, (fw, keys) in claims.items()}


def _in_declared_order(records: dict, declared: tuple[str, ...], framework_id: str, what: str, owners: dict) -> dict:
    missing = [key for key in declared if key not in records]
    if missing:
        raise PluginError(
            f"framework '{framework_id}' needs {what} {', '.join(missing)} but no installed plugin "
            f"provides {'it' if len(missing) == 1 else 'them'}"
        )
    extra = sorted(set(records) - set(declared))
    if extra:
        raise PluginError(
            f"plugin {owners[extra[0]]} provides {what} '{extra[0]}', which framework "
            f"'{framework_id}' does not declare"
        )
    return {key: records[key] for key in declared}


def with_overrides(info: FrameworkInfo, overrides: Mapping[str, float] | None) -> FrameworkInfo:
    """`info` with parameter values overridden by name; an unknown name is a PluginError listing the known ones."""
    if not overrides:
        return info
    known = {p.name for p in info.parameters}
    unknown = sorted(set(overrides) - known)
    if unknown:
        listing = ", ".join(sorted(known)) or "none"
        raise PluginError(f"framework '{info.id}' has no parameter '{unknown[0]}' (its parameters: {listing})")
    parameters = tuple(replace(p, value=float(overrides[p.name])) if p.name in overrides else p for p in info.parameters)
    return replace(info, parameters=parameters)


def _checked_line(line: CriterionLine, info: FrameworkInfo, owner: str) -> CriterionLine:
    """One line checked against the framework's scales, its parameter resolved into its threshold."""
    if line.level is not None and line.level not in info.level_numbers[1:]:
        raise PluginError(
            f"plugin {owner}: criterion {line.id} has level {line.level}, but framework '{info.id}' has levels "
            f"{', '.join(map(str, info.level_numbers[1:]))} above the lowest ({', '.join(info.levels)})"
        )
    if line.rating is not None and line.rating not in info.ratings:
        raise PluginError(
            f"plugin {owner}: criterion {line.id} has rating '{line.rating}', but framework '{info.id}' rates "
            f"{', '.join(info.ratings) or 'nothing'}"
        )
    rule = line.quantitative
    if rule is None or not rule.parameter:
        return line
    parameter: Parameter | None = info.parameter(rule.parameter)
    if parameter is None:
        raise PluginError(f"plugin {owner}: criterion {line.id} names parameter '{rule.parameter}', which framework "
                          f"'{info.id}' does not declare")
    note = f"{parameter.name} = {parameter.effective:g}{parameter.unit}"
    if parameter.value is None:
        note += " (wcc's default" + (f" for the source's placeholder '{parameter.placeholder}'" if parameter.placeholder
                                     else "") + ", not the handbook's figure)"
    else:
        note += " (set by the analyst)"
    return replace(line, quantitative=replace(rule, threshold=parameter.effective,
                                              note="; ".join(n for n in (rule.note, note) if n)))


def _checked_competency(competency: Competency, info: FrameworkInfo, owner: str) -> Competency:
    subs = tuple(replace(s, criteria=tuple(_checked_line(c, info, owner) for c in s.criteria))
                 for s in competency.subcompetencies)
    return replace(competency, subcompetencies=subs)


def _checked_component(component: GovernanceComponent, info: FrameworkInfo, owner: str) -> GovernanceComponent:
    subs = tuple(replace(s, criteria=tuple(_checked_line(c, info, owner) for c in s.criteria))
                 for s in component.subcomponents)
    return replace(component, subcomponents=subs)


def assemble_framework(framework_id: str, pm: pluggy.PluginManager,
                       parameters: Mapping[str, float] | None = None) -> Framework:
    """The complete framework `framework_id` from the plugins registered with `pm`.

    `parameters` overrides the framework's named parameters (thresholds) by name.
    """
    frameworks = available_frameworks(pm)
    info = frameworks.get(framework_id)
    if info is None:
        raise PluginError(unknown_framework_message(framework_id, frameworks))
    info = with_overrides(info, parameters)
    competencies, c_owners = _claims(pm, "wcc_competencies", framework_id, "competency")
    governance, g_owners = _claims(pm, "wcc_governance_components", framework_id, "governance component")
    outcome_answers = [(owner, answer) for owner, answer in call_each(pm, "wcc_outcome_metrics", framework_id=framework_id)
                       if answer]
    if len(outcome_answers) > 1:
        names = " and ".join(owner for owner, _ in outcome_answers)
        raise PluginError(f"the outcome metrics of framework '{framework_id}' are claimed by two plugins: {names}")
    metrics, outcome_rules = outcome_answers[0][1] if outcome_answers else ((), OutcomeRules())
    providers = {**c_owners, **g_owners}
    if outcome_answers:
        providers["outcomes"] = outcome_answers[0][0]
    competencies = {k: _checked_competency(c, info, c_owners[k]) for k, c in competencies.items()}
    governance = {k: _checked_component(g, info, g_owners[k]) for k, g in governance.items()}
    return Framework(
        info=info,
        competencies=_in_declared_order(competencies, info.competency_keys, framework_id, "competency", c_owners),
        governance=_in_declared_order(governance, info.governance_keys, framework_id, "governance component", g_owners),
        outcome_metrics={m.ref: m for m in metrics},
        outcome_rules=outcome_rules,
        providers=providers,
    )


@functools.lru_cache(maxsize=8)
def _load_installed(framework_id: str, parameters: tuple[tuple[str, float], ...]) -> Framework:
    return assemble_framework(framework_id, get_plugin_manager(), dict(parameters))


def load_framework(framework_id: str, pm: pluggy.PluginManager | None = None,
                   parameters: Mapping[str, float] | None = None) -> Framework:
    """The framework `framework_id`, from the installed plugins unless `pm` is given.

    `parameters` overrides named parameters (see `FrameworkInfo.parameters`). Raises
    PluginError when the framework is unknown (the message lists the installed ones), its
    plugins conflict or are missing, a line names a level or rating off the framework's
    scale, or a parameter is unknown.
    """
    if pm is None:
        return _load_installed(framework_id, tuple(sorted((parameters or {}).items())))
    return assemble_framework(framework_id, pm, parameters)
