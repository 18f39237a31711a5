"""Small hand-built submissions whose levels are known, written to disk as a PCT would."""

from __future__ import annotations

from pathlib import Path

import tomli_w


def write_submission(folder: Path, documents: dict[str, tuple[str, list[str]]], *, competencies: dict | None = None,
                     survey: list[dict] | None = None, sha: dict | None = None, metrics: list[tuple] | None = None,
                     governance: dict | None = None) -> Path:
    """A wcc-2009 submission: `documents` maps an id to (type, paragraphs), each written as a Markdown file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "documents").mkdir(exist_ok=True)
    declared = []
    for doc_id, (doc_type, paragraphs) in documents.items():
        name = f"documents/{doc_id.lower()}.md"
        (folder / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        declared.append({"id": doc_id, "type": doc_type, "file": name})
    data: dict = {"pct": {"name": "NHS Testshire", "framework": "wcc-2009"}, "documents": declared}
    data["competencies"] = competencies or {}
    if governance:
        data["governance"] = governance
    files = {}
    if survey is not None:
        (folder / "data").mkdir(exist_ok=True)
        head = "respondent,group,category,q1,q2,q3,q4,q5,q6,keep_doing,do_differently"
        rows = [head] + [
            ",".join([f"R{i:03d}", "partner", "Council"] + [str(r.get(f"q{q}", "")) for q in range(1, 7)] + ["", ""])
            for i, r in enumerate(survey, start=1)
        ]
        (folder / "data" / "survey.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        files["stakeholder_survey"] = "data/survey.csv"
    if sha is not None:
        lines = ["question,sha_average"] + [f"{q},{v}" for q, v in sha.items()]
        (folder / "data" / "sha.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        files["sha_averages"] = "data/sha.csv"
    if metrics is not None:
        (folder / "data").mkdir(exist_ok=True)
        lines = ["key,value,unit,period,benchmark,benchmark_label"] + [",".join(map(str, m)) for m in metrics]
        (folder / "data" / "metrics.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        files["metrics"] = "data/metrics.csv"
    if files:
        data["data"] = files
    (folder / "submission.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    return folder
