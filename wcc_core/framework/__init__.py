"""Criteria sets (frameworks): their records, data files and assembly from plugins."""

from wcc_core.framework.data_files import FrameworkDataError
from wcc_core.framework.model import (
    Competency,
    CriterionLine,
    DocumentType,
    Evidence,
    Framework,
    FrameworkInfo,
    GovernanceComponent,
    OutcomeMetric,
    SubComponent,
    SubCompetency,
)
from wcc_core.framework.registry import available_frameworks, load_framework

__all__ = [
    "Competency",
    "CriterionLine",
    "DocumentType",
    "Evidence",
    "Framework",
    "FrameworkDataError",
    "FrameworkInfo",
    "GovernanceComponent",
    "OutcomeMetric",
    "SubComponent",
    "SubCompetency",
    "available_frameworks",
    "load_framework",
]
