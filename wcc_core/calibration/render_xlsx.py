"""The calibration pack as a workbook: one sheet per table, for the analyst to sort and filter."""

from __future__ import annotations

import io

from openpyxl import Workbook

from wcc_core.render.office_zip import deterministic_zip, fixed_datetime
from wcc_core.safe_text import spreadsheet_safe


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append([spreadsheet_safe(v) for v in row])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def pack_xlsx(pack: dict) -> bytes:
    """The pack's tables as one deterministic workbook (same pack, same bytes)."""
    book = Workbook()
    book.remove(book.active)
    book.properties.created = book.properties.modified = fixed_datetime()  # same pack, same bytes
    _sheet(book, "Consistency", ["SHA", "competency", "PCTs", "mean", "low", "high", "effect", "effect low",
                                 "effect high", "finding"],
           [[e["sha"], e["competency"], e["pcts"], e["mean"], e["low"], e["high"], e["effect"], e["effect_low"],
             e["effect_high"], e["flagged"]] for e in pack["consistency"]])
    _sheet(book, "Outliers", ["code", "PCT", "SHA", "sub-competency", "evidence", "confidence", "band", "panel",
                              "calibrated", "SHA lean", "deciding lines", "record"],
           [[o["code"], o["name"], o["sha"], o["sub"], o["evidence_level"], o["confidence"], o["band"],
             o["panel_level"], o["calibrated_level"], o["lean"],
             "; ".join(f"{l['line']} {l['status']} ({l['where'] or 'no evidence'})" for l in o["deciding"]),
             o["record"]] for o in pack["outliers"]])
    _sheet(book, "Pairs", ["sub-competency", "PCT A", "SHA A", "PCT B", "SHA B", "distance", "panel A", "panel B",
                           "evidence A", "evidence B"],
           [[p["sub"], p["a"], p["a_sha"], p["b"], p["b_sha"], p["distance"], p["a_panel"], p["b_panel"],
             p["a_evidence"], p["b_evidence"]] for p in pack["pairs"]])
    components = pack["scale"]["components"]
    _sheet(book, "Governance league", ["rank", "code", "PCT", "SHA", *components, "points"],
           [[r["rank"], r["code"], r["name"], r["sha"], *[r.get(c) for c in components], r["points"]]
            for r in pack["league"]["governance"]])
    keys = pack["scale"]["competencies"]
    _sheet(book, "Competency league", ["rank", "code", "PCT", "SHA", *keys, "points"],
           [[r["rank"], r["code"], r["name"], r["sha"], *[r.get(k) for k in keys], r["points"]]
            for r in pack["league"]["competencies"]])
    _sheet(book, "Distributions", ["competency", "SHA", "series", *[f"level {n}" for n in pack["scale"]["levels"]]],
           [[d["competency"], row["sha"], series, *row[series]] for d in pack["distributions"]["competencies"]
            for row in d["rows"] for series in ("self", "evidence", "panel", "final")])
    out = io.BytesIO()
    book.save(out)
    return deterministic_zip(out.getvalue())
