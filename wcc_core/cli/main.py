"""The `wcc` command: one click group, one module per area of work.

Each area (frameworks and plugins, validation, indexing, signposts, corpus) keeps its
commands in its own module of this package; this file only assembles them.
"""

from __future__ import annotations

import click

from wcc_core.cli.errors import WccGroup
from wcc_core.cli import corpus_commands, framework_commands
from wcc_core.cli import index_commands
from wcc_core.cli import signpost_commands
from wcc_core.cli import assess_commands
from wcc_core.cli import authoring_commands
from wcc_core.cli import report_commands
from wcc_core.cli import review_commands
from wcc_core.cli import batch_commands
from wcc_core.cli import calibrate_commands
from wcc_core.cli import serve_commands


@click.group(cls=WccGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wcc")
def cli() -> None:
    """World Class Commissioning assurance toolkit.

    Index a PCT's submission, verify its signposts and brief the panel.
    """


for command in framework_commands.COMMANDS:
    cli.add_command(command)
for command in corpus_commands.COMMANDS:
    cli.add_command(command)
for command in index_commands.COMMANDS:
    cli.add_command(command)
for command in signpost_commands.COMMANDS:
    cli.add_command(command)
for command in assess_commands.COMMANDS:
    cli.add_command(command)
for command in review_commands.COMMANDS:
    cli.add_command(command)
for command in report_commands.COMMANDS:
    cli.add_command(command)
for command in batch_commands.COMMANDS:
    cli.add_command(command)
for command in calibrate_commands.COMMANDS:
    cli.add_command(command)
for command in serve_commands.COMMANDS:
    cli.add_command(command)
for command in authoring_commands.COMMANDS:
    cli.add_command(command)
