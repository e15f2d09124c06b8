"""Shared readers: CSV and workbook tables with required columns, typed parsing and located errors.

Every source module reads through these helpers so that a renamed column, a truncated file, text in a
number column or a negative count produces the same kind of message (file, sheet, row, column) and the
parsing rules (what counts as missing, how numbers are written) live in one place.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.prepare.errors import PrepareError

#: Column kinds understood by :func:`read_csv` and :func:`coerce_columns`.
#: ``str``: text; ``count``: whole number >= 0; ``int``: whole number; ``number``: any real number;
#: ``nonneg``: real number >= 0.
KINDS = ("str", "count", "int", "number", "nonneg")

#: Hidden column holding the row number a person sees in the original file (for error messages).
ROW = "_row"

_ISO3 = re.compile(r"^[A-Z][A-Z0-9]{2}$")
#: Larger than any count or population the sources publish, and well inside what int64 and float64 hold exactly.
_MAX_NUMBER = 2.0**53


def display_path(path: Path) -> str:
    """The path as given on the command line (relative paths stay short in error messages)."""
    return str(path)


def read_bytes(path: Path) -> bytes:
    """A raw file's bytes; a missing, unreadable or empty file is a located error, not a traceback."""
    if not path.exists():
        raise PrepareError(path, "file not found")
    if not path.is_file():
        raise PrepareError(path, "not a regular file (a folder where the file belongs?)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PrepareError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise PrepareError(path, "file is empty")
    return data


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise PrepareError(
            path, f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); re-save the file as UTF-8",
            row=row,
        ) from None


def read_csv(
    path: Path,
    columns: Mapping[str, str],
    *,
    nullable: Iterable[str] = (),
) -> pd.DataFrame:
    """Read a publisher CSV, insisting on ``columns`` (name -> kind) and parsing them by kind.

    Everything is read as text first (``NA`` is Namibia, not a missing value: only empty cells are
    missing), then converted column by column so that the first bad cell can be reported by row number.
    Extra columns are kept as text. A :data:`ROW` column records each row's number (header = row 1).
    """
    text = _decode(path, read_bytes(path))
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise PrepareError(
            path, f"malformed CSV ({exc})".strip(), row=int(match.group(1)) if match else None
        ) from None
    except pd.errors.EmptyDataError:
        raise PrepareError(path, "file has no header row") from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise PrepareError(
            path,
            f"missing column(s) {', '.join(map(repr, missing))}; the header has {', '.join(map(repr, df.columns))}",
            row=1,
            column=missing[0],
        )
    if df.empty:
        raise PrepareError(path, "file has a header but no data rows (truncated?)")
    df[ROW] = np.arange(2, len(df) + 2)
    return coerce_columns(df, columns, path, nullable=nullable)


def coerce_columns(
    df: pd.DataFrame,
    columns: Mapping[str, str],
    path: Path,
    *,
    sheet: str | None = None,
    nullable: Iterable[str] = (),
) -> pd.DataFrame:
    """Convert text columns to their kinds, raising on the first empty, non-numeric or negative cell."""
    nullable = set(nullable)
    out = df.copy()
    for name, kind in columns.items():
        if kind not in KINDS:
            raise ValueError(f"unknown column kind {kind!r}")
        raw = out[name]
        empty = raw.isna() | (raw.astype("str").str.strip() == "")
        if name not in nullable and empty.any():
            _fail(path, out, empty, name, "empty cell where a value is required (truncated file?)", sheet)
        if kind == "str":
            out[name] = raw.where(~empty).astype("str")
            continue
        text = raw.astype("str").str.strip().str.replace(",", "", regex=False)
        num = pd.to_numeric(text.where(~empty), errors="coerce")
        bad = num.isna() & ~empty
        if bad.any():
            first = raw[bad].iloc[0]
            _fail(path, out, bad, name, f"text {first!r} where a number belongs", sheet)
        # "inf" and 1e400 parse as numbers, and 40-digit counts overflow int64: none is a published figure.
        huge = num.notna() & ~(num.abs() < _MAX_NUMBER)
        if huge.any():
            _fail(path, out, huge, name, f"{raw[huge].iloc[0]!r} is not a finite number of a plausible size", sheet)
        if kind in ("count", "int"):
            frac = num.notna() & (num != np.floor(num.fillna(0)))
            if frac.any():
                _fail(path, out, frac, name, f"{num[frac].iloc[0]!r} is not a whole number", sheet)
        if kind in ("count", "nonneg"):
            neg = num < 0
            if neg.any():
                _fail(path, out, neg, name, f"negative count {num[neg].iloc[0]!r}", sheet)
        if kind in ("count", "int") and not empty.any():
            out[name] = num.astype("int64")
        else:
            out[name] = num.astype("float64")
    return out


def _fail(path: Path, df: pd.DataFrame, mask: pd.Series, column: str, message: str, sheet: str | None) -> None:
    row = int(df.loc[mask, ROW].iloc[0]) if ROW in df.columns else None
    raise PrepareError(path, message, sheet=sheet, row=row, column=column)


def check_values(
    df: pd.DataFrame, column: str, allowed: Iterable[str], path: Path, *, what: str, sheet: str | None = None
) -> None:
    """Fail on the first value of ``column`` not in ``allowed`` (an unknown code or category)."""
    allowed = set(allowed)
    bad = ~df[column].isin(allowed) & df[column].notna()
    if bad.any():
        _fail(path, df, bad, column, f"unknown {what} {df.loc[bad, column].iloc[0]!r}", sheet)


def check_unique(df: pd.DataFrame, keys: list[str], path: Path, *, sheet: str | None = None) -> None:
    """Fail if two rows share the same key: the source would be ambiguous and summing would double-count."""
    dup = df.duplicated(keys, keep=False)
    if dup.any():
        rows = df.loc[dup, ROW].head(2).tolist() if ROW in df.columns else []
        key = ", ".join(f"{k}={df.loc[dup, k].iloc[0]!r}" for k in keys)
        raise PrepareError(
            path,
            f"duplicate key ({key}) also on row {rows[1] if len(rows) > 1 else '?'}",
            sheet=sheet,
            row=int(rows[0]) if rows else None,
            column=keys[0],
        )


def is_iso3(code: object) -> bool:
    """The shape of a reference code: ISO 3166-1 alpha-3, or a gdidata code for an area (XKX, AB9)."""
    return isinstance(code, str) and bool(_ISO3.match(code))


def read_workbook_table(
    path: Path,
    sheet: str,
    *,
    header_cells: Iterable[str],
    max_title_rows: int = 30,
) -> tuple[pd.DataFrame, list[str]]:
    """Read a publisher workbook laid out as title rows followed by a table; find the header by content.

    UNODC's dataUNODC exports put a logo line and the release date above the header, and the number of
    title rows is not fixed, so the header is the first row that contains every name in ``header_cells``.
    Returns the table (all text, with :data:`ROW` = spreadsheet row) and the non-empty title cells.
    """
    read_bytes(path)
    if not zipfile.is_zipfile(path):
        raise PrepareError(path, "not an .xlsx workbook (not a zip archive: truncated or wrong format)")
    try:
        book = pd.read_excel(path, sheet_name=None, header=None, dtype=str, engine="calamine")
    except Exception as exc:  # noqa: BLE001 - calamine raises its own types for corrupt archives
        raise PrepareError(path, f"cannot read workbook ({type(exc).__name__}: {exc})") from None
    if sheet not in book:
        raise PrepareError(path, f"sheet {sheet!r} not found; the workbook has {', '.join(map(repr, book))}")
    grid = book[sheet]
    wanted = list(header_cells)
    header_idx = None
    for i in range(min(max_title_rows, len(grid))):
        cells = {str(v).strip() for v in grid.iloc[i].tolist() if isinstance(v, str)}
        if all(w in cells for w in wanted):
            header_idx = i
            break
    if header_idx is None:
        raise PrepareError(
            path,
            f"no header row containing {', '.join(map(repr, wanted))} in the first {max_title_rows} rows",
            sheet=sheet,
        )
    titles = [str(v).strip() for i in range(header_idx) for v in grid.iloc[i].tolist() if isinstance(v, str)]
    header = [str(v).strip() if isinstance(v, str) else f"_unnamed_{j}" for j, v in enumerate(grid.iloc[header_idx])]
    table = grid.iloc[header_idx + 1 :].copy()
    table.columns = header
    table = table.dropna(how="all")
    if table.empty:
        raise PrepareError(path, "header found but no data rows (truncated?)", sheet=sheet, row=header_idx + 1)
    # calamine keeps leading empty rows, so the grid position + 1 is the spreadsheet row number.
    table[ROW] = table.index.to_numpy() + 1
    table = table.reset_index(drop=True)
    return table, titles


def require_columns(df: pd.DataFrame, columns: Iterable[str], path: Path, *, sheet: str | None, row: int) -> None:
    """Fail if a workbook header lacks a column the parser needs (renamed or dropped by the publisher)."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        found = [c for c in df.columns if not c.startswith("_")]
        raise PrepareError(
            path,
            f"missing column(s) {', '.join(map(repr, missing))}; the header has {', '.join(map(repr, found))}",
            sheet=sheet,
            row=row,
            column=missing[0],
        )
