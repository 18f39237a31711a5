"""Assembling a framework from the records its plugins return.

The rules here are the core's, not the plugins': one plugin per key, every key the
framework declares must be provided, and no plugin may add a key the framework lacks.
"""

from __future__ import annotations

import functools

import pluggy

from wcc_core.framework.model import Framework, FrameworkInfo, OutcomeRules
from wcc_core.plugin_manager import PluginError, get_plugin_manager


def _plugin_name(pm: pluggy.PluginManager, plugin: object) -> str:
    return pm.get_name(plugin) or repr(plugin)


def available_frameworks(pm: pluggy.PluginManager | None = None) -> dict[str, FrameworkInfo]:
    """Every framework an installed plugin declares, by id (sorted)."""
    pm = pm or get_plugin_manager()
    found: dict[str, tuple[FrameworkInfo, str]] = {}
    for impl in pm.hook.wcc_framework_info.get_hookimpls():
        info = impl.function()
        if info is None:
            continue
        owner = _plugin_name(pm, impl.plugin)
        if info.id in found:
            raise PluginError(
                f"framework '{info.id}' is declared by two plugins: {found[info.id][1]} and {owner}"
            )
        found[info.id] = (info, owner)
    return {fid: found[fid][0] for fid in sorted(found)}


def _claims(pm: pluggy.PluginManager, hook, framework_id: str, what: str) -> tuple[dict, dict[str, str]]:
    """Records by key from every implementation of `hook`, refusing a key claimed twice."""
    records, owners = {}, {}
    for impl in hook.get_hookimpls():
        owner = _plugin_name(pm, impl.plugin)
        for record in impl.function(framework_id=framework_id) or ():
            if record.key in records:
                raise PluginError(
                    f"{what} '{record.key}' of framework '{framework_id}' is claimed by two plugins: "
                    f"{owners[record.key]} and {owner}. Uninstall one, or let one declare "
                    f"replaces = (\"{owners[record.key]}\",)"
                )
            records[record.key] = record
            owners[record.key] = owner
    return records, owners


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


def assemble_framework(framework_id: str, pm: pluggy.PluginManager) -> Framework:
    """The complete framework `framework_id` from the plugins registered with `pm`."""
    frameworks = available_frameworks(pm)
    info = frameworks.get(framework_id)
    if info is None:
        installed = ", ".join(frameworks) or "none"
        raise PluginError(f"unknown framework '{framework_id}' (installed frameworks: {installed})")
    competencies, c_owners = _claims(pm, pm.hook.wcc_competencies, framework_id, "competency")
    governance, g_owners = _claims(pm, pm.hook.wcc_governance_components, framework_id, "governance component")
    outcome_answers = [
        (impl, impl.function(framework_id=framework_id)) for impl in pm.hook.wcc_outcome_metrics.get_hookimpls()
    ]
    outcome_answers = [(impl, answer) for impl, answer in outcome_answers if answer]
    if len(outcome_answers) > 1:
        names = " and ".join(_plugin_name(pm, impl.plugin) for impl, _ in outcome_answers)
        raise PluginError(f"the outcome metrics of framework '{framework_id}' are claimed by two plugins: {names}")
    metrics, outcome_rules = outcome_answers[0][1] if outcome_answers else ((), OutcomeRules())
    providers = {**c_owners, **g_owners}
    if outcome_answers:
        providers["outcomes"] = _plugin_name(pm, outcome_answers[0][0].plugin)
    return Framework(
        info=info,
        competencies=_in_declared_order(competencies, info.competency_keys, framework_id, "competency", c_owners),
        governance=_in_declared_order(governance, info.governance_keys, framework_id, "governance component", g_owners),
        outcome_metrics={m.ref: m for m in metrics},
        outcome_rules=outcome_rules,
        providers=providers,
    )


@functools.lru_cache(maxsize=8)
def _load_installed(framework_id: str) -> Framework:
    return assemble_framework(framework_id, get_plugin_manager())


def load_framework(framework_id: str, pm: pluggy.PluginManager | None = None) -> Framework:
    """The framework `framework_id`, from the installed plugins unless `pm` is given.

    Raises PluginError when the framework is unknown or its plugins conflict or are missing.
    """
    if pm is None:
        return _load_installed(framework_id)
    return assemble_framework(framework_id, pm)
