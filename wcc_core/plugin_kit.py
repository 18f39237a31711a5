"""Building blocks for plugins whose criteria live in a data file beside them.

A built-in competency plugin is one line::

    plugin = CompetencyPlugin(__name__, Path(__file__).with_name("criteria.toml"))

and a team writing next year's criteria set does the same with its own data files. Data
are read once, on first use, so listing plugins stays cheap.
"""

from __future__ import annotations

import functools
from pathlib import Path

from wcc_core import hookimpl
from wcc_core.framework.data_files import (
    read_competency,
    read_framework_info,
    read_governance_component,
    read_outcome_metrics,
    read_toml,
)
from wcc_core.framework.model import Competency, FrameworkInfo, GovernanceComponent, SubComponent, SubCompetency
from wcc_core.judging.criterion import judge_subcompetency


class DataPlugin:
    """A plugin backed by one data file; `source` names the module it is defined in."""

    kind = "data"

    def __init__(self, source: str, data_file: Path, replaces: tuple[str, ...] = ()):
        self.source = source
        self.data_file = Path(data_file)
        self.replaces = tuple(replaces)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.source}>"


class CompetencyPlugin(DataPlugin):
    """A competency whose criteria, search terms and figures are data; it judges its own lines.

    Lines are judged with `wcc_core.judging` (documents, survey, metrics); a plugin that
    wants another way of judging subclasses this and overrides `judge`.
    """

    kind = "competency"

    @functools.cached_property
    def _record(self) -> tuple[str, Competency]:
        return read_competency(self.data_file)

    @hookimpl
    def wcc_competencies(self, framework_id: str) -> list[Competency]:
        framework, competency = self._record
        return [competency] if framework == framework_id else []

    def owns(self, subcompetency: SubCompetency, framework_id: str) -> bool:
        framework, competency = self._record
        return framework == framework_id and subcompetency.competency == competency.key

    def judge(self, subcompetency: SubCompetency, context) -> list:
        return judge_subcompetency(subcompetency, context)

    @hookimpl
    def wcc_assess_subcompetency(self, subcompetency: SubCompetency, context):
        if not self.owns(subcompetency, context.framework.id):
            return None
        return self.judge(subcompetency, context)


class GovernancePlugin(DataPlugin):
    """A governance component whose criteria, rating rule and figure rules are data; it judges its sub-components.

    Besides the criteria, its criteria.toml may hold `[rating_rule]` (how statuses become
    a red/amber/green proposal), `[finance_rule]` (the appendix III tolerances),
    `[figures.<sub-component>]` (lines judged on finance.csv or metrics.csv) and
    `[named_metrics]` (appendix VI metrics shown beside the evidence); see
    docs/governance-and-outcomes.md. A plugin that judges another way overrides `judge`.
    """

    kind = "governance"

    @functools.cached_property
    def _record(self) -> tuple[str, GovernanceComponent]:
        return read_governance_component(self.data_file)

    @functools.cached_property
    def rating_data(self) -> dict:
        """The file's tables other than the criteria: rating rule, finance rule, figures, named metrics."""
        data = read_toml(self.data_file)
        return {k: data[k] for k in ("rating_rule", "finance_rule", "figures", "named_metrics") if k in data}

    @hookimpl
    def wcc_governance_components(self, framework_id: str) -> list[GovernanceComponent]:
        framework, component = self._record
        return [component] if framework == framework_id else []

    def owns(self, subcomponent: SubComponent, framework_id: str) -> bool:
        framework, component = self._record
        return framework == framework_id and subcomponent.component == component.key

    def judge(self, subcomponent: SubComponent, context):
        from wcc_core.assessment.governance_figures import judge_subcomponent  # on first use: listing stays cheap

        return judge_subcomponent(subcomponent, context, self.rating_data)

    @hookimpl
    def wcc_assess_subcomponent(self, subcomponent: SubComponent, context):
        if not self.owns(subcomponent, context.framework.id):
            return None
        return self.judge(subcomponent, context)


class OutcomesPlugin(DataPlugin):
    kind = "outcomes"

    @functools.cached_property
    def _record(self):
        return read_outcome_metrics(self.data_file)

    @functools.cached_property
    def settings(self):
        """`[comparison]` and `[aspiration_rule]` of metrics.toml: the historic window and the ambition rule."""
        from wcc_core.assessment.outcome_compare import OutcomeSettings

        return OutcomeSettings.from_data(read_toml(self.data_file))

    @hookimpl
    def wcc_outcome_metrics(self, framework_id: str):
        framework, metrics, rules = self._record
        return (metrics, rules) if framework == framework_id else None

    @hookimpl
    def wcc_assess_outcomes(self, context):
        framework, _, _ = self._record
        if framework != context.framework.id:
            return None
        from wcc_core.assessment.outcome_compare import assess_outcomes

        return assess_outcomes(context, self.settings)


class FrameworkPlugin(DataPlugin):
    kind = "framework"

    @functools.cached_property
    def _record(self) -> FrameworkInfo:
        return read_framework_info(self.data_file)

    @hookimpl
    def wcc_framework_info(self) -> FrameworkInfo:
        return self._record
