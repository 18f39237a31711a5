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
    from wcc_core.judging.context import AssessmentContext, SubComponentJudgement
    from wcc_core.records.results import CriterionResult, OutcomeResult
    from wcc_core.framework.model import (
        Competency,
        FrameworkInfo,
        GovernanceComponent,
        OutcomeMetric,
        OutcomeRules,
        SubComponent,
        SubCompetency,
    )
    from wcc_core.render import Renderer

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

    :param framework_id: the id of the framework being assembled ("wcc-2009", "wcc-2008").

    Return an empty list or None when the plugin has nothing for that framework.
    Each key ("C1") may be claimed by one plugin only.
    """


@hookspec
def wcc_governance_components(framework_id: str) -> list[GovernanceComponent] | None:
    """The governance components ("strategy", "finance", "board") this plugin provides.

    :param framework_id: the id of the framework being assembled.

    Return an empty list or None when the plugin has nothing for `framework_id`.
    Each key may be claimed by one plugin only.
    """


@hookspec
def wcc_outcome_metrics(framework_id: str) -> tuple[tuple[OutcomeMetric, ...], OutcomeRules] | None:
    """The outcome metrics and outcome-form rules of `framework_id`, or None.

    :param framework_id: the id of the framework being assembled.

    One plugin per framework may answer; a second one is reported as a conflict.
    """


# --- rating: plugins propose, the core does the handbook's arithmetic -------------------
# Each rating hook receives the subject and one `context` (wcc_core.judging.context.
# AssessmentContext): the submission, the framework, the verified signposts, an evidence
# search over the index, the survey and the metrics. New capabilities are added to the
# context, never to these signatures.


@hookspec
def wcc_judging_steps(framework_id: str) -> dict | None:
    """Replace named steps of the judging engine for one framework (wcc_core/judging/steps.py).

    :param framework_id: the framework being assessed.

    Return {step name: function} for the steps this pack judges its own way ("candidates",
    "fit", "assertion", "belongs", "probability", "status"), each with the default step's
    signature, or None. Every plugin's replacements apply, in registration order; a name
    the engine does not have is an error naming it.
    """


@hookspec(firstresult=True)
def wcc_assess_subcompetency(subcompetency: SubCompetency, context: AssessmentContext) -> list[CriterionResult] | None:
    """Judge every criterion line of one sub-competency; stops at first non-None result.

    :param subcompetency: the sub-competency record (its `competency` names its key, e.g. "C6").
    :param context: the assessment context: submission, framework, signposts, evidence search,
        survey and metrics.

    Return one `CriterionResult` per line of `subcompetency.criteria`, in order, each with
    exactly one status of `CRITERION_STATUSES` and its evidence; or None when this plugin
    does not own that sub-competency. The core turns the statuses into a level (additive
    rule) and the levels into the competency's score.
    """


@hookspec(firstresult=True)
def wcc_assess_subcomponent(subcomponent: SubComponent, context: AssessmentContext) -> SubComponentJudgement | None:
    """Judge one governance sub-component; stops at first non-None result.

    :param subcomponent: the sub-component record (its `component` names "strategy", "finance" or "board").
    :param context: the assessment context.

    Return a `SubComponentJudgement`: one `CriterionResult` per criteria line and, where the
    handbook's rule is arithmetic (finance outturns, Vital Signs), the rating it gives with
    the table behind it; or None when this plugin does not own the sub-component.
    """


@hookspec(firstresult=True)
def wcc_assess_outcomes(context: AssessmentContext) -> list[OutcomeResult] | None:
    """Compare the submission's selected outcomes with their peers; stops at first non-None result.

    :param context: the assessment context (the outcomes form is `context.submission.outcomes`,
        the series `context.outcome_series`).

    Return one `OutcomeResult` per outcome of the form, in the form's order, or None when
    this plugin does not serve the context's framework.
    """


@hookspec
def wcc_renderers() -> list[Renderer] | None:
    """Output formats this plugin adds to `wcc report` (and `wcc assess --format`), or to `wcc signposts`.

    Return `Renderer` records (wcc_core.render.Renderer: name, file extension, and a
    `render(assessment, options) -> bytes` callable; `subject="signposts"` for a format
    of the signpost report). Two plugins may not claim one name for one subject.
    """
