"""The `wcc` command: one click group, one module per area of work.

Each area (frameworks and plugins, validation, indexing, signposts, corpus) keeps its
commands in its own module of this package; this file only assembles them. A command's
module is imported when that command runs (or when help lists them all): `wcc report`
has no use for the judging that `wcc assess` imports, and each start of the CLI paid for
every module (docs/performance.md).
"""

from __future__ import annotations

import importlib

import click

from wcc_core.cli.errors import WccGroup

# command name -> the module of this package whose COMMANDS holds it
COMMAND_MODULES = {
    "frameworks": "framework_commands", "plugins": "framework_commands", "validate": "framework_commands",
    "corpus": "corpus_commands",
    "extract": "index_commands", "index": "index_commands", "show": "index_commands", "search": "index_commands",
    "signposts": "signpost_commands",
    "assess": "assess_commands",
    "review": "review_commands",
    "report": "report_commands",
    "batch": "batch_commands",
    "calibrate": "calibrate_commands",
    "serve": "serve_commands",
    "new-plugin": "authoring_commands",
}


class _CommandsWhenRun(WccGroup):
    """The `wcc` group: each command is imported from its module when it is looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is None:
            return None
        commands = importlib.import_module(f"wcc_core.cli.{module}").COMMANDS
        return next(command for command in commands if command.name == cmd_name)


@click.group(cls=_CommandsWhenRun, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wcc")
def cli() -> None:
    """World Class Commissioning assurance toolkit.

    Index a PCT's submission, verify its signposts and brief the panel.
    """
