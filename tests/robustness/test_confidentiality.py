"""Confidentiality: a submission never leaves the machine, its index is readable by its owner
only, and what wcc prints about documents does not quote them unless asked."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.signposts.submissions import docx, pdf, write
from wcc_core.cli.main import cli

SECRET = "swordfish"

# Loaded before anything else by every Python process started with this folder on
# PYTHONPATH (the CLI and its forked workers): network sockets raise, and every attempt
# is written down, so a caller that swallows the error is still caught.
SITECUSTOMIZE = '''
import os, socket
_LOG = os.environ["WCC_NET_LOG"]
_real = socket.socket
class _NoNetwork(_real):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if family in (socket.AF_INET, socket.AF_INET6) or (family == -1 and fileno is None):
            with open(_LOG, "a") as log:
                log.write(f"socket({family}, {type}) in pid {os.getpid()}\\n")
            raise OSError("network disabled by the confidentiality test")
        super().__init__(family, type, proto, fileno)
socket.socket = _NoNetwork
def _refuse(*args, **kwargs):
    with open(_LOG, "a") as log:
        log.write(f"getaddrinfo{args[:2]} in pid {os.getpid()}\\n")
    raise OSError("network disabled by the confidentiality test")
socket.getaddrinfo = _refuse
socket.create_connection = _refuse
'''


@pytest.fixture(scope="module")
def submission(tmp_path_factory):
    root = tmp_path_factory.mktemp("secret")
    pdf(root / "documents" / "sp.pdf", [["1 Plan", f"The {SECRET} programme is confidential."]] * 3,
        footers=["1", "2", "3"])
    docx(root / "documents" / "od.docx", [[f"Organisational development, {SECRET} phase."]])
    (root / "documents" / "broken.docx").write_bytes(b"PK\x03\x04" + SECRET.encode() * 10)
    (root / "documents" / "feeds.txt").write_text(f"{SECRET}\f" * 50)
    write(root, [{"id": "SP", "type": "strategic_plan", "file": "documents/sp.pdf"},
                 {"id": "OD", "type": "od_plan", "file": "documents/od.docx"},
                 {"id": "BROKEN", "type": "od_plan", "file": "documents/broken.docx"},
                 {"id": "FEEDS", "type": "jsna", "file": "documents/feeds.txt"}],
          {"C1": ["SP p.1 para 2", "OD p.1"]})
    return root


def test_index_and_signposts_run_with_the_network_disabled(submission, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "network.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), os.environ.get("PYTHONPATH", "")]),
           "WCC_NET_LOG": str(log), "WCC_MAX_PAGES": "20"}
    wcc = [sys.executable, "-c", "import socket; assert socket.socket.__name__ == '_NoNetwork'; "
                                 "from wcc_core.cli.main import cli; cli()"]
    index = subprocess.run(wcc + ["index", str(submission), "--index-dir", str(tmp_path / "ix")],
                           capture_output=True, text=True, env=env, timeout=300)
    assert index.returncode == 0, index.stderr
    assert "4 documents" in index.stdout
    signposts = subprocess.run(wcc + ["signposts", str(submission), "--index-dir", str(tmp_path / "ix"), "--format", "json"],
                               capture_output=True, text=True, env=env, timeout=300)
    assert signposts.returncode in (0, 1), signposts.stderr
    assert not log.exists(), log.read_text()


def _modes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): stat.S_IMODE(p.stat().st_mode) for p in [folder, *folder.rglob("*")]}


def test_the_index_and_its_cache_are_readable_by_their_owner_only(submission, tmp_path):
    before = os.umask(0o022)  # a usual umask: new files would be world-readable
    try:
        result = CliRunner().invoke(cli, ["index", str(submission), "--index-dir", str(tmp_path / "ix")])
        assert result.exit_code == 0, result.output
        assert os.umask(0o022) == 0o022  # the build put the caller's umask back
    finally:
        os.umask(before)
    modes = _modes(tmp_path / "ix")
    assert len(modes) > 10 and any(name.startswith("cache/") for name in modes)
    loose = {name: oct(mode) for name, mode in modes.items() if mode & 0o077}
    assert loose == {}


def test_an_old_world_readable_index_folder_is_made_private_by_the_next_build(submission, tmp_path):
    (tmp_path / "ix").mkdir(mode=0o755)
    os.chmod(tmp_path / "ix", 0o755)
    assert CliRunner().invoke(cli, ["index", str(submission), "--index-dir", str(tmp_path / "ix")]).exit_code == 0
    assert stat.S_IMODE((tmp_path / "ix").stat().st_mode) == 0o700


def test_what_wcc_index_prints_quotes_no_document_text(submission, tmp_path):
    result = subprocess.run([sys.executable, "-c", "from wcc_core.cli.main import cli; cli()", "index", str(submission),
                             "--index-dir", str(tmp_path / "ix")], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "WCC_MAX_PAGES": "20"})
    assert result.returncode == 0
    assert "unreadable: BROKEN" in result.stdout and "unreadable: FEEDS" in result.stdout
    assert SECRET not in result.stdout and SECRET not in result.stderr
