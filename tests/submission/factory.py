"""Build valid wcc-2009 submissions in a folder, then break them one way at a time."""

from __future__ import annotations

from pathlib import Path

import tomli_w

from wcc_core.framework import load_framework

GOOD_LOCAL_CONDITIONS = {
    "national_dataset_attached": True,
    "national_and_12_months": True,
    "sha_can_access_source": "Source: NHS Information Centre",
    "justification": "Deprivation drives our health gap",
    "aspirations_set_like_national": True,
}


def valid_submission_data() -> dict:
    """A submission.toml (as a dict) that wcc-2009 accepts without errors."""
    framework = load_framework("wcc-2009")
    data: dict = {
        "pct": {"name": "NHS Testshire", "code": "5TT", "framework": "wcc-2009"},
        "documents": [
            {"id": "SP", "type": "strategic_plan", "file": "documents/sp.txt", "title": "Strategic Plan"},
            {"id": "NP1", "type": "non_prescribed", "file": "documents/np.txt", "comment": "Shows our PBC work"},
        ],
        "competencies": {},
        "governance": {},
        "outcomes": [],
    }
    for key, competency in framework.competencies.items():
        data["competencies"][key] = {
            "actions": "We did things",
            "impact": "It helped",
            "signposts": ["SP p.1 para 1", {"ref": "SP p.1", "sub": "a"}],
            "self": {s.key: 2 for s in competency.subcompetencies},
        }
    for key, component in framework.governance.items():
        data["governance"][key] = {
            s.key: {"self": "amber", "commentary": "...", "signposts": ["SP p.1"]} for s in component.subcomponents
        }
    for ref in framework.outcome_rules.national:
        data["outcomes"].append({"ref": ref, "aspiration": [1.0, 2.0, 3.0, 4.0, 5.0], "rationale": "steady"})
    data["outcomes"].append(
        {
            "ref": "L1",
            "name": "Health improvement in deprived areas",
            "definition": "Rate per 100,000",
            "dataset": "data/local-L1.csv",
            "aspiration": [1, 2, 3, 4, 5],
            "conditions": dict(GOOD_LOCAL_CONDITIONS),
        }
    )
    return data


def write_submission(folder: Path, data: dict) -> Path:
    """Write submission.toml and the files it names (small text documents, CSVs)."""
    (folder / "documents").mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    for doc in data.get("documents", []):
        file = doc.get("file") if isinstance(doc, dict) else None
        if isinstance(file, str) and file.startswith("documents/"):
            (folder / file).write_text("1. Introduction\n\nOur strategic plan.\n", encoding="utf-8")
    (folder / "data" / "local-L1.csv").write_text("year,value\n2008,1\n", encoding="utf-8")
    (folder / "submission.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    return folder
