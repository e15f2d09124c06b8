"""Fixtures for the prepare-step tests: the raw folder, a disposable copy of it, and a prepared output.

Tests that read the publishers' files use the ``raw_dir`` fixture, which skips with a clear reason when
../shared/data/raw (relative to the repository root) is not there, so the suite still runs elsewhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.prepare.reference import Reference, load_reference

REPO_ROOT = Path(__file__).resolve().parents[2]
RAW = REPO_ROOT.parent / "shared" / "data" / "raw"
COMMITTED_DATA = REPO_ROOT / "data"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The read-only raw publisher files; skips the test when they are absent."""
    if not (RAW / "SOURCES.md").exists():
        pytest.skip(f"raw publisher files not found at {RAW} (they live outside the repo, in ../shared/data/raw)")
    return RAW


@pytest.fixture(scope="session")
def ref(raw_dir: Path) -> Reference:
    """The country reference, read once."""
    return load_reference(raw_dir)


def one_row(df: pd.DataFrame, **where: object) -> pd.Series:
    """The single row matching every column == value in ``where`` (fails if there are none or several)."""
    mask = pd.Series(True, index=df.index)
    for k, v in where.items():
        mask &= df[k] == v
    rows = df[mask]
    assert len(rows) == 1, f"{where}: {len(rows)} rows"
    return rows.iloc[0]


@pytest.fixture
def raw_copy(raw_dir: Path, tmp_path: Path) -> Path:
    """A raw folder of symlinks to the real files: replace one link with a corrupt file to test an error."""
    root = tmp_path / "raw"
    for src in raw_dir.rglob("*"):
        if src.is_file():
            dst = root / src.relative_to(raw_dir)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.symlink_to(src)
    return root


def replace(raw: Path, rel: str, data: bytes | str) -> Path:
    """Swap the symlink ``raw/rel`` for a real file with ``data`` (never writes to the original)."""
    path = raw / rel
    path.unlink()
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture
def prepared(tmp_path: Path) -> Path:
    """An output folder holding a previous run (a copy of the committed data/) plus a file prepare doesn't own."""
    if not (COMMITTED_DATA / "datapackage.json").exists():
        pytest.skip("no committed data/ to start from; run python -m dashboard.prepare first")
    out = tmp_path / "out" / "data"
    shutil.copytree(COMMITTED_DATA, out)
    (out / "NOT_OURS.txt").write_text("left alone by prepare\n")
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, by name, plus the folder's siblings (to catch a leftover staging folder)."""
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
    files["__siblings__"] = "\n".join(sorted(p.name for p in folder.parent.iterdir())).encode()
    return files
