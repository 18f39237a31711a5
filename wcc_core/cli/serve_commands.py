"""`wcc serve`: the analyst's review desk in the browser (options and start-up only; wcc_core/desk/ does the work)."""

from __future__ import annotations

from pathlib import Path

import click

from wcc_core.pipeline import SubmissionInvalid
from wcc_core.cli.errors import InputError
from wcc_core.cli.output import say
from wcc_core.review import targets

SQLITE_MAGIC = b"SQLite format 3\x00"


def _is_results(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except (IsADirectoryError, FileNotFoundError, PermissionError):
        return False


@click.command("serve")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--review", "review_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The review file (default: $WCC_REVIEW, else SUBMISSION/../<folder>.review.toml).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but this machine needs --token (or one is made and printed).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="0: any free port.")
@click.option("--token", default=None, help="The token every request must carry (default: a new random one).")
@click.option("--role", default="analyst", show_default=True, help="The role decisions are recorded in.")
@click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the index lives (default: SUBMISSION/.wcc); page images are cached there too.")
def serve(target: Path, review_file: Path | None, host: str, port: int, token: str | None, role: str,
          index_dir: Path | None) -> None:
    """The review desk for SUBMISSION in the browser, writing the same review file as `wcc review`.

    TARGET is a submission folder, or a results database from `wcc batch` (a read-only list
    of its PCTs, each opening its desk). The address printed carries the token; every
    request without it is refused. See docs/review-desk.md. Exit code 2: input error.
    """
    from wcc_core.desk import security, server  # the web stack only for this command

    role = targets.role(role)
    if token is not None and len(token) < 16:
        raise InputError("--token must be at least 16 characters (it is the only lock on the desk)")
    token = token or security.new_token()
    try:
        sock = server.bind(host, port)
    except OSError as error:
        raise InputError(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
    bound_port = sock.getsockname()[1]
    try:
        app = _application(target, review_file, index_dir, host, bound_port, token, role)
    except BaseException:
        sock.close()
        raise
    say(f"wcc review desk: {server.address(host, bound_port, token)}")
    if host not in security.LOOPBACK:
        say(f"listening on {host} for the team: give them the address above (token {token}); Ctrl-C stops", err=True)
    server.serve(app, sock)


def _application(target: Path, review_file: Path | None, index_dir: Path | None, host: str, port: int, token: str,
                 role: str):
    from wcc_core.desk.app import build_app
    from wcc_core.desk.national import build_national_app
    from wcc_core.desk.state import DeskState

    if target.is_file() and _is_results(target):
        return build_national_app(target, host=host, port=port, token=token, role=role)
    if target.is_file():
        raise InputError(f"{target}: neither a submission folder nor a results database from `wcc batch`")
    try:
        state = DeskState(target, review_file, index_dir)
    except SubmissionInvalid as error:
        raise InputError(f"{error}: run `wcc validate {target}`") from None
    return build_app(state, host=host, port=port, token=token, role=role)


COMMANDS = (serve,)
