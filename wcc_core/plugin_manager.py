"""The plugin manager: the one piece of module-level state in `wcc`.

Built-in plugins are listed as entry points of the `wcc` distribution itself, so they
arrive exactly as third-party plugins do: through `load_setuptools_entrypoints`. A year's
criteria set is one entry point (a `plugin_kit.CriteriaSet`); each of its members is then
registered under the pack's name and the member's (`wcc-2009` -> `wcc-2009-c4`), so a
plugin replaces one competency of a pack as it would a plugin of its own.

Hooks are only ever called through the manager (`pm.hook.<name>(...)`, or `call_each`
below when the caller must know which plugin answered), so pluggy matches arguments
and an implementation that accepts fewer arguments than the spec still works.

This module imports no framework records (the hook specs name them only for type
checkers): `wcc_core.framework` depends on the plugin manager, never the reverse.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pluggy

from wcc_core import hookspecs
from wcc_core.errors import WccError

ENTRY_POINT_GROUP = "wcc.plugins"


class PluginError(WccError):
    """A problem with the installed plugins: a conflict, a missing or unknown plugin."""


@dataclass(frozen=True)
class PluginRecord:
    """What `wcc plugins` shows about one registered plugin."""

    name: str
    version: str
    distribution: str
    source: str  # module the plugin lives in
    replaces: tuple[str, ...]


def make_plugin_manager(*, load_entry_points: bool = True, plugins: dict[str, object] | None = None) -> pluggy.PluginManager:
    """A new plugin manager with the hook specs, entry-point plugins and `plugins` given.

    Tests pass `plugins` (name -> plugin object) to build a manager without touching
    what is installed.
    """
    pm = pluggy.PluginManager("wcc")
    pm.add_hookspecs(hookspecs)
    if load_entry_points:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for name, plugin in (plugins or {}).items():
        pm.register(plugin, name=name)
    _register_members(pm)
    _apply_replacements(pm)
    # A misspelt hook name in a plugin fails here, loudly and early.
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as error:
        raise PluginError(f"plugin {error.plugin!r} implements an unknown hook: {error}") from None
    return pm


def _register_members(pm: pluggy.PluginManager) -> None:
    """Register each pack's members as `<pack name>-<member name>`; a name taken twice is a PluginError."""
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda item: item[0]):
        members = getattr(plugin, "members", None)
        if not callable(members):
            continue
        for suffix, member in members():
            member_name = f"{name}-{suffix}"
            if pm.has_plugin(member_name):
                raise PluginError(f"plugin name '{member_name}' of pack {name} is taken by another plugin")
            pm.register(member, name=member_name)


def _apply_replacements(pm: pluggy.PluginManager) -> None:
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda item: item[0]):
        for replaced in getattr(plugin, "replaces", ()) or ():
            if replaced == name:
                continue
            if pm.get_plugin(replaced) is not None:
                pm.unregister(name=replaced)
            pm.set_blocked(replaced)


@functools.lru_cache(maxsize=1)
def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager with every installed plugin."""
    return make_plugin_manager()


def call_each(pm: pluggy.PluginManager, hook_name: str, **kwargs) -> list[tuple[str, object]]:
    """(plugin name, answer) from every plugin implementing `hook_name`, each called through the manager.

    For hooks whose answers the core must attribute to a plugin (two plugins claiming one
    key are named in the error). Each call goes through a hook caller restricted to one
    plugin, so pluggy still matches the arguments an implementation accepts.
    """
    caller = getattr(pm.hook, hook_name)
    implementers = [impl.plugin for impl in caller.get_hookimpls()]
    answers = []
    for plugin in implementers:
        others = [p for p in implementers if p is not plugin]
        one = pm.subset_hook_caller(hook_name, remove_plugins=others)
        for answer in one(**kwargs):
            answers.append((pm.get_name(plugin) or repr(plugin), answer))
    return answers


def plugin_records(pm: pluggy.PluginManager) -> list[PluginRecord]:
    """Name, version, distribution and source of each registered plugin, sorted by name."""
    dists = {id(plugin): dist for plugin, dist in pm.list_plugin_distinfo()}
    records = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:  # blocked
            continue
        # A pack's member came with the pack's entry point, so it has the pack's distribution.
        dist = dists.get(id(plugin)) or dists.get(id(getattr(plugin, "pack", None)))
        module = getattr(plugin, "source", None) or getattr(plugin, "__name__", None) or type(plugin).__module__
        records.append(
            PluginRecord(
                name=name,
                version=dist.version if dist else "-",
                distribution=dist.metadata["name"] if dist else "(registered in code)",
                source=module,
                replaces=tuple(getattr(plugin, "replaces", ()) or ()),
            )
        )
    return sorted(records, key=lambda r: r.name)
