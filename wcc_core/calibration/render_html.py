"""The calibration pack as one self-contained HTML file (no scripts, no CDN; charts are inline SVG)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape


def pack_html(pack: dict) -> bytes:
    """The pack rendered through templates/pack.html.j2 (autoescaped)."""
    env = Environment(loader=PackageLoader("wcc_core.calibration", "templates"),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    return env.get_template("pack.html.j2").render(pack=pack).encode("utf-8")
