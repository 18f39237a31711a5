"""`wcc calibrate`: the calibration pack (HTML, XLSX, JSON) from one or more results databases."""

from __future__ import annotations

import json
from pathlib import Path

import click

from wcc_core.cli.errors import InputError
from wcc_core.cli.output import say

OUTPUTS = ("calibration.html", "calibration.xlsx", "calibration.json")


@click.command("calibrate")
@click.argument("databases", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder the pack is written into (created if missing).")
@click.option("--threshold", type=click.FloatRange(0.1, 3.0), default=0.5, show_default=True,
              help="Smallest SHA effect (levels, against the other SHAs) flagged as lenient or harsh.")
@click.option("--max-distance", type=click.FloatRange(0.0, 1.0), default=0.05, show_default=True,
              help="Largest RMS distance between two PCTs' line evidence for a like-for-like pair.")
def calibrate(databases: tuple[Path, ...], out_dir: Path, threshold: float, max_distance: float) -> None:
    """Write the calibration pack for the PCTs in DATABASES (one per SHA, merged; or one national file).

    The pack compares SHAs' panels with the evidence, lists outliers for re-scoring and
    like-for-like pairs, and gives the league tables and each PCT's scorecard, as
    calibration.html, calibration.xlsx and calibration.json, all from one result. A PCT in
    two databases is an error naming both. Exit code 0 written, 2 input error.
    """
    from wcc_core.calibration.pack import build_pack
    from wcc_core.calibration.render_html import pack_html
    from wcc_core.calibration.render_xlsx import pack_xlsx
    from wcc_core.render.report_files import write_report_set

    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder")
    pack = build_pack(list(databases), threshold=threshold, max_distance=max_distance)
    try:
        out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        payload = json.dumps(pack, indent=1, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"
        write_report_set(out_dir, dict(zip(OUTPUTS, (pack_html(pack), pack_xlsx(pack), payload))))
    except OSError as error:
        raise InputError(f"{out_dir}: cannot write the pack ({error.strerror or error})") from None
    say(f"{pack['pcts']} PCTs in {len(pack['shas'])} SHA(s): {len(pack['flagged'])} SHA effect(s), "
        f"{len(pack['outliers'])} outlier(s), {len(pack['pairs'])} like-for-like pair(s); "
        f"written to {out_dir}/{{{','.join(OUTPUTS)}}}")


COMMANDS = (calibrate,)
