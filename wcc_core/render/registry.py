"""Every output format: the built-in renderers and those plugins add, looked up one way.

Built-ins are listed in BUILTIN_RENDERERS and gathered exactly like the records returned
by plugins' `wcc_renderers` hook (datasette's DEFAULT_PLUGINS); a name claimed twice for
one subject is an error, as conda rejects two plugins claiming one name. The renderers
of an assessment and of a signpost report (`wcc signposts`) are both here: one registry.
"""

from __future__ import annotations

import importlib

import pluggy

from wcc_core.render import SUBJECTS, Renderer
from wcc_core.errors import WccError

# module:attribute of each built-in renderer record
BUILTIN_RENDERERS = (
    "wcc_core.render.json_renderer:RENDERER",
    "wcc_core.render.html_renderer:RENDERER",
    "wcc_core.render.docx_renderer:RENDERER",
    "wcc_core.render.xlsx_renderer:RENDERER",
    "wcc_core.render.terminal:RENDERER",
    "wcc_core.render.signposts.text_report:RENDERER",
    "wcc_core.render.signposts.json_report:RENDERER",
    "wcc_core.render.signposts.csv_report:RENDERER",
)


class RendererError(WccError):
    """A renderer the registry cannot use: not a Renderer record, or a name claimed twice."""


class RendererConflict(RendererError):
    """Two renderers (built-in or from plugins) claim one name."""


def builtin_renderers() -> list[Renderer]:
    """The built-in renderer records, imported from BUILTIN_RENDERERS in order."""
    out = []
    for ref in BUILTIN_RENDERERS:
        module, attribute = ref.split(":")
        out.append(getattr(importlib.import_module(module), attribute))
    return out


def renderers(pm: pluggy.PluginManager | None = None, subject: str = "assessment") -> dict[str, Renderer]:
    """Name -> Renderer of `subject` (an assessment, or "signposts") for the built-ins and every plugin's records.

    Raises RendererConflict when a name is claimed twice for one subject, naming both
    claimants, and RendererError when a plugin returns something other than Renderer
    records or a renderer of no known subject.
    """
    found: dict[tuple[str, str], tuple[Renderer, str]] = {}
    candidates = [(r, "wcc (built-in)") for r in builtin_renderers()]
    if pm is not None:
        for records in pm.hook.wcc_renderers():
            candidates += [(r, f"plugin module {getattr(getattr(r, 'render', None), '__module__', '?')}") for r in records or ()]
    for record, owner in candidates:
        if not isinstance(record, Renderer):
            raise RendererError(f"wcc_renderers returned {record!r}, not a Renderer record")
        if record.subject not in SUBJECTS:
            raise RendererError(f"renderer {record.name!r} of {owner} renders {record.subject!r}; "
                                f"known: {', '.join(SUBJECTS)}")
        claimed = (record.subject, record.name)
        if claimed in found:
            raise RendererConflict(f"two renderers are named {record.name!r}: {found[claimed][1]} and {owner}")
        found[claimed] = (record, owner)
    return {name: record for (of, name), (record, _) in found.items() if of == subject}
