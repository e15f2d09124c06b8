"""Writing the prepared files reproducibly, and swapping them into place atomically.

Reproducible: rows sorted by the table key (all columns for incidents), fixed pyarrow types, zstd, no pandas
index and no schema metadata, so two runs on the same input give identical bytes. Atomic: everything is
written into a temporary folder next to the output (same filesystem), validated, and only then moved over
the old files with ``os.replace``; a failed run leaves the previous data/ untouched. Files in data/ that the
prepare step does not write are left alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.prepare.schemas import Table

PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 9, "use_dictionary": True, "write_statistics": True,
                   "store_schema": False}


def sort_rows(table: Table, df: pd.DataFrame) -> pd.DataFrame:
    """Deterministic row order: by key columns, then by every column (ties broken identically each run)."""
    by = list(table.key) + [f.name for f in table.fields if f.name not in table.key]
    return df.sort_values(by, kind="mergesort", na_position="last").reset_index(drop=True)


def write_table(table: Table, df: pd.DataFrame, folder: Path) -> Path:
    """Write one validated table as CSV (countries) or parquet."""
    path = folder / table.path
    if path.suffix == ".csv":
        df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        return path
    arrow = pa.Table.from_pandas(df, schema=table.arrow_schema(), preserve_index=False).replace_schema_metadata(None)
    pq.write_table(arrow, path, **PARQUET_OPTIONS)
    return path


def make_staging(out: Path) -> Path:
    """A fresh temporary folder beside ``out`` (same filesystem, so os.replace is an atomic rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))


def swap_into_place(staging: Path, out: Path) -> list[str]:
    """Move every file from ``staging`` into ``out``, replacing same-named files only."""
    out.mkdir(parents=True, exist_ok=True)
    moved = []
    for path in sorted(staging.iterdir()):
        if path.is_file():
            os.replace(path, out / path.name)
            moved.append(path.name)
    return moved


def remove_staging(staging: Path) -> None:
    """Delete the temporary folder (after a swap it is empty; after a failure it holds partial output)."""
    shutil.rmtree(staging, ignore_errors=True)
