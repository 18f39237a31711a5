"""Framework data files are parsed once per content: the cache can be missing or planted, never wrong."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import pickle
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from wcc_core.framework import FrameworkDataError
from wcc_core.framework.data_files import read_toml
from wcc_core.framework.toml_cache import parse_toml

REPO = Path(__file__).resolve().parents[2]
DATA = b'key = "C9"\ntitle = "Demo"\nwhen = 2009-04-01\n[[subcompetencies]]\nkey = "a"\nwords = ["x", "y"]\n'


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("WCC_CACHE_DIR", str(folder))
    return folder


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "toml").glob("*.pickle")) if (cache / "toml").is_dir() else []


def test_a_data_file_reads_as_tomllib_reads_it_first_from_the_parse_then_from_the_cache(cache):
    expected = tomllib.loads(DATA.decode())
    assert parse_toml(DATA) == expected and len(_entries(cache)) == 1
    assert parse_toml(DATA) == expected and len(_entries(cache)) == 1
    assert expected["when"] == datetime.date(2009, 4, 1)


def test_the_cache_is_what_is_read_when_the_bytes_are_the_same(cache):
    parse_toml(DATA)
    (entry,) = _entries(cache)
    entry.write_bytes(pickle.dumps({"planted": True}))  # a value TOML could give, under the right key
    assert parse_toml(DATA) == {"planted": True}  # so reuse is real ...
    assert parse_toml(DATA + b"# edited\n")["title"] == "Demo"  # ... and an edited file is a new key


def test_a_planted_entry_that_would_run_code_is_not_run_but_parsed_again_and_replaced(cache, tmp_path):
    parse_toml(DATA)
    (entry,) = _entries(cache)
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    entry.write_bytes(pickle.dumps({"x": Payload()}))
    assert parse_toml(DATA) == tomllib.loads(DATA.decode())
    assert not marker.exists()
    assert pickle.loads(entry.read_bytes()) == tomllib.loads(DATA.decode())  # replaced by the parse


def test_a_damaged_entry_or_an_unwritable_folder_costs_only_the_parse(cache, tmp_path, monkeypatch):
    parse_toml(DATA)
    (entry,) = _entries(cache)
    entry.write_bytes(b"\x80garbage")
    assert parse_toml(DATA)["key"] == "C9"
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("WCC_CACHE_DIR", str(blocked))
    assert parse_toml(DATA)["key"] == "C9"


def test_a_file_that_is_not_toml_is_reported_and_never_cached(cache, tmp_path):
    bad = tmp_path / "criteria.toml"
    bad.write_text('key = "unclosed\n', encoding="utf-8")
    with pytest.raises(FrameworkDataError, match="not valid TOML"):
        read_toml(bad)
    with pytest.raises(FrameworkDataError, match="not valid TOML"):
        read_toml(bad)
    assert _entries(cache) == []


def test_the_key_is_the_content_and_the_python_version(cache):
    parse_toml(DATA)
    (entry,) = _entries(cache)
    assert entry.stem == hashlib.sha256(f"toml-1 {sys.version}\n".encode() + DATA).hexdigest()
    assert entry.stat().st_mode & 0o077 == 0 and (cache / "toml").stat().st_mode & 0o077 == 0


def test_wcc_frameworks_lists_the_same_with_an_empty_and_a_filled_cache(tmp_path):
    env = {**os.environ, "WCC_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "wcc_core.cli.entry", "frameworks", "--format", "json"]
    first = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
    assert len(list((tmp_path / "cache" / "toml").glob("*.pickle"))) >= 20  # every data file of both years
    second = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
    assert first == second and {f["id"] for f in json.loads(first)} >= {"wcc-2008", "wcc-2009"}
