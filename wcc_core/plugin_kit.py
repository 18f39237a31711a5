"""Building blocks for plugins whose criteria live in data files, and for a year's criteria set.

A year's criteria set (a *framework*: wcc-2009 is Year 2, wcc-2008 Year 1) is one pack,
laid out the same way for every year under one plugins folder::

    frameworks/wcc2009/__init__.py      pack = CriteriaSet(__name__, Path(__file__).parent)
    frameworks/wcc2009/framework.toml   levels, document types, survey, [judging]
    competencies/wcc2009/c1/criteria.toml   one folder per competency (c1 .. c11)
    governance/wcc2009/board/criteria.toml  one folder per governance component
    outcomes/wcc2009/metrics.toml           the outcome measures

and registered by one entry point (``wcc-2009 = "plugins.frameworks.wcc2009:pack"``). The
plugin manager registers each member under the pack's name and the folder's
(``wcc-2009-c4``), so another package replaces one competency by naming it in `replaces`.
A single plugin (`wcc new-plugin NAME`) is one line::

    plugin = CompetencyPlugin(__name__, Path(__file__).with_name("criteria.toml"))

Data are read once, on first use, so listing plugins stays cheap.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import Callable, Mapping

from wcc_core import hookimpl
from wcc_core.framework.data_files import (
    read_competency,
    read_framework_info,
    read_governance_component,
    read_outcome_metrics,
    read_toml,
)
from wcc_core.framework.model import Competency, FrameworkInfo, GovernanceComponent, SubComponent, SubCompetency


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

    def __init__(self, source: str, data_file: Path, replaces: tuple[str, ...] = (),
                 figure_judges: Mapping[str, Callable] | None = None):
        super().__init__(source, data_file, replaces)
        # A framework's own kind of figure line, by its `quantitative.source` (Year 1's
        # "survey_share"): the function judges such a line; every other line goes
        # through the judging steps.
        self.figure_judges = dict(figure_judges or {})

    @functools.cached_property
    def _record(self) -> tuple[str, Competency]:
        return read_competency(self.data_file)

    @hookimpl
    def wcc_competencies(self, framework_id: str) -> list[Competency]:
        """Hook: the competency of the pack's data file, for its own framework only."""
        framework, competency = self._record
        return [competency] if framework == framework_id else []

    def owns(self, subcompetency: SubCompetency, framework_id: str) -> bool:
        """True when the sub-competency belongs to this plugin's competency and framework."""
        framework, competency = self._record
        return framework == framework_id and subcompetency.competency == competency.key

    def judge(self, subcompetency: SubCompetency, context) -> list:
        """One CriterionResult per line, in order: the pack's figure judges, then the judging steps for the rest."""
        # Imported here: every command loads the plugins, and only judging needs the judging
        # steps (numpy, the sentence splitter ...); `wcc report` of a saved assessment never does.
        from wcc_core.judging.criterion import judge_subcompetency

        own = [self._figure_judge(line) for line in subcompetency.criteria]
        if not any(own):
            return judge_subcompetency(subcompetency, context)
        rest = tuple(line for line, figure in zip(subcompetency.criteria, own) if figure is None)
        judged = iter(judge_subcompetency(replace(subcompetency, criteria=rest), context) if rest else ())
        return [figure(line, context) if figure else next(judged) for line, figure in zip(subcompetency.criteria, own)]

    def _figure_judge(self, line) -> Callable | None:
        rule = line.quantitative
        return self.figure_judges.get(rule.source) if rule is not None else None

    @hookimpl
    def wcc_assess_subcompetency(self, subcompetency: SubCompetency, context):
        """Hook: one CriterionResult per line of a sub-competency this plugin owns; None for any other."""
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
        """Hook: the governance component of the pack's data file, for its own framework only."""
        framework, component = self._record
        return [component] if framework == framework_id else []

    def owns(self, subcomponent: SubComponent, framework_id: str) -> bool:
        """True when the sub-component belongs to this plugin's component and framework."""
        framework, component = self._record
        return framework == framework_id and subcomponent.component == component.key

    def judge(self, subcomponent: SubComponent, context):
        """The sub-component judged by its component's criteria.toml data (rating rule, finance rule, figures)."""
        from wcc_core.assessment.governance_figures import judge_subcomponent  # on first use: listing stays cheap

        return judge_subcomponent(subcomponent, context, self.rating_data)

    @hookimpl
    def wcc_assess_subcomponent(self, subcomponent: SubComponent, context):
        """Hook: the judgement of a sub-component this plugin owns; None for any other."""
        if not self.owns(subcomponent, context.framework.id):
            return None
        return self.judge(subcomponent, context)


class OutcomesPlugin(DataPlugin):
    """The outcome measures of metrics.toml and the comparison with peers (assessment/outcome_compare.py)."""

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
        """Hook: the outcome metrics and rules of metrics.toml, for its own framework only."""
        framework, metrics, rules = self._record
        return (metrics, rules) if framework == framework_id else None

    @hookimpl
    def wcc_assess_outcomes(self, context):
        """Hook: the submission's outcomes compared with their peers and aspirations, for its own framework only."""
        framework, _, _ = self._record
        if framework != context.framework.id:
            return None
        from wcc_core.assessment.outcome_compare import assess_outcomes

        return assess_outcomes(context, self.settings)


class FrameworkPlugin(DataPlugin):
    """The framework record of framework.toml: levels, document types, survey, parameters, [judging]."""

    kind = "framework"

    @functools.cached_property
    def _record(self) -> FrameworkInfo:
        return read_framework_info(self.data_file)

    @hookimpl
    def wcc_framework_info(self) -> FrameworkInfo:
        """Hook: the framework record of framework.toml."""
        return self._record


class CriteriaSet(FrameworkPlugin):
    """A year's criteria set as one pack: the framework record, its competencies, governance and outcomes.

    `folder` is `<plugins>/frameworks/<year>` (its framework.toml is the framework record);
    the members are every `<plugins>/competencies/<year>/<name>/criteria.toml`,
    `<plugins>/governance/<year>/<name>/criteria.toml` and `<plugins>/outcomes/<year>/metrics.toml`.
    A year that judges something its own way passes `figure_judges` (a line's
    `quantitative.source` -> function(line, context)) or its own plugin classes; `options`
    keeps them, so `wcc new-plugin --from` can start next year's set judged the same way.
    """

    def __init__(self, source: str, folder: Path, *, replaces: tuple[str, ...] = (),
                 competency_plugin: type[CompetencyPlugin] = CompetencyPlugin,
                 governance_plugin: type[GovernancePlugin] = GovernancePlugin,
                 outcomes_plugin: type[OutcomesPlugin] = OutcomesPlugin,
                 figure_judges: Mapping[str, Callable] | None = None):
        folder = Path(folder)
        super().__init__(source, folder / "framework.toml", replaces)
        self.year = folder.name
        self.plugins_folder = folder.parent.parent  # `plugins/` for the built-in packs
        # "plugins.frameworks.wcc2009" -> "plugins": the members' module names start there.
        self.package = source.rsplit(".", 2)[0] if source.count(".") >= 2 else source
        self.options = {"competency_plugin": competency_plugin, "governance_plugin": governance_plugin,
                        "outcomes_plugin": outcomes_plugin, "figure_judges": dict(figure_judges or {})}

    def _folders(self, part: str, data_file: str) -> list[Path]:
        base = self.plugins_folder / part / self.year
        return sorted((p for p in base.iterdir() if (p / data_file).is_file()), key=_natural) if base.is_dir() else []

    def members(self) -> list[tuple[str, DataPlugin]]:
        """(name, plugin) of every competency, governance component and the outcomes; the pack's name prefixes each."""
        options = self.options
        found: list[tuple[str, DataPlugin]] = []
        for folder in self._folders("competencies", "criteria.toml"):
            found.append((folder.name, options["competency_plugin"](
                self._module("competencies", folder.name), folder / "criteria.toml",
                figure_judges=options["figure_judges"])))
        for folder in self._folders("governance", "criteria.toml"):
            found.append((folder.name, options["governance_plugin"](
                self._module("governance", folder.name), folder / "criteria.toml")))
        metrics = self.plugins_folder / "outcomes" / self.year / "metrics.toml"
        if metrics.is_file():
            found.append(("outcomes", options["outcomes_plugin"](self._module("outcomes"), metrics)))
        for _, member in found:
            member.pack = self  # `wcc plugins` shows the pack's distribution for each member
        return found

    def _module(self, part: str, name: str = "") -> str:
        return ".".join(p for p in (self.package, part, self.year, name) if p)


def _natural(path: Path) -> tuple:
    """c2 before c10: folders in the order a reader counts them."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", path.name))
