"""Every hook a `wcc` plugin can implement.

Plugins are registered through the `wcc.plugins` entry-point group (the built-in ones too),
and implement hooks with `from wcc_core import hookimpl`. Hook argument names are public
API: an implementation may accept fewer arguments than the spec, so adding an argument is
safe and renaming one breaks plugins.

A plugin can take the place of another by listing the other's entry-point name in a
`replaces` attribute (for example ``replaces = ("wcc-2009-c4",)``).

Plugins return small declarative records (see `wcc_core.framework.model`); the core owns
the rules that are the handbook's (what a complete framework is, which key belongs to
whom, additive levels).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:  # the records are only named in annotations; importing them here would be circular
    from wcc_core.framework.model import Competency, FrameworkInfo, GovernanceComponent, OutcomeMetric, OutcomeRules

hookspec = pluggy.HookspecMarker("wcc")


@hookspec
def wcc_framework_info() -> FrameworkInfo | None:
    """Declare a criteria set (framework) this plugin defines.

    Return the framework-level record: id, name, levels, the competency and governance
    keys it is made of, document types, survey statements and signposting rules.
    Return None if the plugin defines no framework.
    """


@hookspec
def wcc_competencies(framework_id: str) -> list[Competency] | None:
    """The competencies this plugin provides for the framework `framework_id`.

    Return an empty list or None when the plugin has nothing for that framework.
    Each key ("C1") may be claimed by one plugin only.
    """


@hookspec
def wcc_governance_components(framework_id: str) -> list[GovernanceComponent] | None:
    """The governance components ("strategy", "finance", "board") this plugin provides.

    Return an empty list or None when the plugin has nothing for `framework_id`.
    Each key may be claimed by one plugin only.
    """


@hookspec
def wcc_outcome_metrics(framework_id: str) -> tuple[tuple[OutcomeMetric, ...], OutcomeRules] | None:
    """The outcome metrics and outcome-form rules of `framework_id`, or None.

    One plugin per framework may answer; a second one is reported as a conflict.
    """
