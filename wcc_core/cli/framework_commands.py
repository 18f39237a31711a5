"""`wcc frameworks`, `wcc plugins` and `wcc validate`: what is installed, and is a submission well-formed."""

from __future__ import annotations

import json
from pathlib import Path

import click

from wcc_core.cli.errors import InputError
from wcc_core.cli.output import say, say_json_text
from wcc_core.framework import FrameworkDataError, available_frameworks, load_framework
from wcc_core.framework.registry import plugin_claims
from wcc_core.plugin_manager import get_plugin_manager, plugin_records
from wcc_core.submission.validate import validate_folder

FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


def _frameworks_json() -> list[dict]:
    result = []
    for framework_id, info in available_frameworks().items():
        framework = load_framework(framework_id)
        result.append(
            {"id": info.id, "name": info.name, "year_label": info.year_label, "source": info.source,
             "levels": list(info.levels), "ratings": list(info.ratings), "counts": framework.counts(),
             "parameters": [{"name": p.name, "default": p.default, "unit": p.unit, "placeholder": p.placeholder,
                             "note": p.note} for p in info.parameters],
             "previous": [m.framework_id for m in info.previous]}
        )
    return result


@click.command()
@FORMAT
def frameworks(fmt: str) -> None:
    """List the installed frameworks (criteria sets) and what they hold."""
    listing = _frameworks_json()
    if fmt == "json":
        say_json_text(json.dumps(listing, indent=2))
        return
    for entry in listing:
        counts = entry["counts"]
        say(f"{entry['id']}  {entry['name']}")
        say(f"  levels: {' / '.join(entry['levels'])}; ratings: {' / '.join(entry['ratings']) or '-'}")
        if entry["parameters"]:
            say(f"  {len(entry['parameters'])} parameters (`wcc assess --param NAME=VALUE`): "
                       + ", ".join(f"{p['name']}={p['default']:g}{p['unit']}" for p in entry["parameters"]))
        if entry["previous"]:
            say(f"  reads last year's levels from: {', '.join(entry['previous'])}")
        say(
            f"  {counts['competencies']} competencies, {counts['subcompetencies']} sub-competencies, "
            f"{counts['criteria_lines']} criteria lines, {counts['governance_subcomponents']} governance "
            f"sub-components, {counts['outcome_metrics']} outcome metrics, {counts['document_types']} document types"
        )


@click.command()
@FORMAT
def plugins(fmt: str) -> None:
    """List the installed plugins: name, version, framework, keys and source."""
    pm = get_plugin_manager()
    claims = plugin_claims(pm)
    rows = []
    for record in plugin_records(pm):
        framework, keys = claims.get(record.name, ("", []))
        rows.append(
            {
                "name": record.name,
                "version": record.version,
                "distribution": record.distribution,
                "framework": framework,
                "keys": keys,
                "source": record.source,
                "replaces": list(record.replaces),
            }
        )
    if fmt == "json":
        say_json_text(json.dumps(rows, indent=2))
        return
    widths = [max(len(str(r[c])) for r in rows + [{c: c}]) for c in ("name", "version", "framework")]
    for row in rows:
        say(
            f"{row['name']:<{widths[0]}}  {row['version']:<{widths[1]}}  {row['framework']:<{widths[2]}}  "
            f"{','.join(row['keys']) or '-':<24}  {row['source']}"
        )


@click.command()
@click.argument("submission", type=click.Path(path_type=Path))
@FORMAT
def validate(submission: Path, fmt: str) -> None:
    """Check a submission folder against the format and its framework.

    Reports every problem with the file, the key and what is wrong. Exit code 0 when
    the submission is valid (warnings allowed), 1 when it has errors, 2 when it cannot
    be read at all.
    """
    try:
        loaded, findings = validate_folder(submission, load_framework)
    except FrameworkDataError as error:
        raise InputError(f"the framework's data are broken: {error}") from None
    errors = [f for f in findings if f.severity == "error"]
    if fmt == "json":
        say(
            json.dumps(
                {
                    "submission": loaded.pct.name,
                    "framework": loaded.framework_id,
                    "valid": not errors,
                    "findings": [f.to_json() for f in findings],
                },
                indent=2,
            )
        )
    else:
        for finding in findings:
            label = click.style(finding.severity, fg="red" if finding.severity == "error" else "yellow")
            say(f"{label}: {finding}")
        warnings = len(findings) - len(errors)
        verdict = click.style("valid", fg="green") if not errors else click.style("not valid", fg="red")
        say(f"{loaded.pct.name or submission}: {verdict} ({len(errors)} errors, {warnings} warnings)")
    raise SystemExit(1 if errors else 0)


COMMANDS = (frameworks, plugins, validate)
