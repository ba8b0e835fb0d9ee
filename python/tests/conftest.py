"""Fixtures shared by the Python, Spark and Dask tests: the `lede` command, an archive of
1,000 articles (scripts/archive.py, with 7 malformed records) and what `lede batch` writes
for it, the reference every engine's output must equal byte for byte."""

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def lede_bin():
    """The release build of the command line (`make test-python` builds it first)."""
    default = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "lede"
    path = pathlib.Path(os.environ.get("LEDE_BIN", default))
    if not path.is_file():
        pytest.fail(f"no lede command at {path}: run `cargo build --release --bin lede` (or set LEDE_BIN)")
    return path


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    """1,000 JSON Lines records, 7 of them malformed."""
    path = tmp_path_factory.mktemp("archive") / "archive.jsonl"
    with open(path, "wb") as out:
        subprocess.run([sys.executable, str(ROOT / "scripts/archive.py"), "1000", "--bad", "7"], stdout=out, check=True)
    return path


@pytest.fixture(scope="session")
def expected(lede_bin, archive, tmp_path_factory):
    """The lines `lede batch` writes for the archive (exit status 1: 7 records fail)."""
    out = tmp_path_factory.mktemp("batch") / "out.jsonl"
    run = subprocess.run([str(lede_bin), "batch", str(archive), "-o", str(out), "--quiet"], capture_output=True)
    assert run.returncode == 1, run.stderr.decode()
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == 1000
    assert sum('"error":' in line[:40] for line in lines) == 7
    return lines
