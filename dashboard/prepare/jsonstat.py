"""A small, generic JSON-stat 2.0 dataset reader.

Eurostat's API returns JSON-stat with the dimension order it chooses (``id``), sparse values as an object
keyed by flat position, and status codes the same way. Decoding by ``id``/``size`` instead of hard-coding
the order means a re-download with another dimension order or an extra dimension still parses correctly,
or fails loudly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pandas as pd

from dashboard.prepare.errors import PrepareError
from dashboard.prepare.readers import read_bytes


def load_jsonstat(path: Path) -> dict[str, Any]:
    """Read a JSON-stat file, turning unreadable or truncated JSON into a located error."""
    text = read_bytes(path)

    def not_json(constant: str) -> NoReturn:  # Python's json accepts NaN and Infinity; JSON (and JSON-stat) does not
        raise PrepareError(path, f"invalid JSON: {constant} is not a JSON value (a missing value is left out)")

    try:
        return json.loads(text.decode("utf-8"), parse_constant=not_json)
    except UnicodeDecodeError as exc:
        raise PrepareError(path, f"not valid UTF-8 at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise PrepareError(path, f"invalid JSON (truncated?): {exc.msg} at line {exc.lineno} column {exc.colno}",
                           row=exc.lineno) from None


def _category_codes(path: Path, dim_id: str, dim: Any, size: int) -> list[str]:
    """Category codes in position order; JSON-stat allows ``index`` as a list or as code -> position."""
    where = f"dimension.{dim_id}.category.index"
    try:
        index = dim["category"].get("index")
    except (TypeError, KeyError, AttributeError):
        raise PrepareError(path, "dimension has no category", column=f"dimension.{dim_id}") from None
    if index is None:
        labels = dim["category"].get("label")
        if isinstance(labels, dict) and len(labels) == 1:
            return list(labels)
        raise PrepareError(path, "category has no index", column=where)
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        codes = [None] * len(index)
        for code, pos in index.items():
            if not isinstance(pos, int) or not 0 <= pos < len(index) or codes[pos] is not None:
                raise PrepareError(path, f"bad position {pos!r} for category {code!r}", column=where)
            codes[pos] = str(code)
    else:
        raise PrepareError(path, "index must be a list or an object", column=where)
    if len(codes) != size:
        raise PrepareError(path, f"{len(codes)} categories but size says {size}", column=where)
    return codes


def _sparse(path: Path, name: str, obj: Any, total: int) -> dict[int, Any]:
    """``value``/``status`` as position -> item, from a list, an object keyed by position, or one scalar."""
    if obj is None:
        return {}
    if isinstance(obj, list):
        if len(obj) != total:
            raise PrepareError(path, f"{name} has {len(obj)} entries but the sizes multiply to {total}", column=name)
        return {i: v for i, v in enumerate(obj) if v is not None}
    if isinstance(obj, dict):
        out = {}
        for key, v in obj.items():
            try:
                pos = int(key)
            except ValueError:
                raise PrepareError(path, f"position {key!r} is not a number", column=f"{name}[{key}]") from None
            if not 0 <= pos < total:
                raise PrepareError(path, f"position {pos} is outside the cube of {total} cells",
                                   column=f"{name}[{key}]")
            if v is not None:
                out[pos] = v
        return out
    if name == "status" and isinstance(obj, str):
        return dict.fromkeys(range(total), obj)
    raise PrepareError(path, f"{name} must be a list or an object", column=name)


def parse_jsonstat(doc: Any, path: Path) -> pd.DataFrame:
    """Flatten a JSON-stat 2.0 dataset: one row per published value, a column per dimension (codes),
    plus ``value`` (float) and ``status`` (str, '' if none). Cells with no value are not rows.
    """
    if not isinstance(doc, dict) or doc.get("class", "dataset") != "dataset":
        raise PrepareError(path, "not a JSON-stat dataset (class must be 'dataset')", column="class")
    ids, sizes, dims = doc.get("id"), doc.get("size"), doc.get("dimension")
    if not isinstance(ids, list) or not isinstance(sizes, list) or not isinstance(dims, dict):
        raise PrepareError(path, "missing 'id', 'size' or 'dimension'", column="id")
    if len(ids) != len(sizes):
        raise PrepareError(path, f"'id' has {len(ids)} dimensions but 'size' has {len(sizes)}", column="size")
    if not all(isinstance(s, int) and s > 0 for s in sizes):
        raise PrepareError(path, f"sizes must be positive integers, got {sizes}", column="size")
    codes = {}
    for dim_id, size in zip(ids, sizes, strict=True):
        if dim_id not in dims:
            raise PrepareError(path, f"dimension {dim_id!r} is listed in 'id' but not described",
                               column=f"dimension.{dim_id}")
        codes[dim_id] = _category_codes(path, dim_id, dims[dim_id], size)
    total = int(np.prod(sizes))
    values = _sparse(path, "value", doc.get("value"), total)
    status = _sparse(path, "status", doc.get("status"), total)
    positions = np.array(sorted(values), dtype="int64")
    out: dict[str, Any] = {}
    coords = np.unravel_index(positions, sizes) if len(positions) else [np.array([], dtype="int64")] * len(ids)
    for dim_id, coord in zip(ids, coords, strict=True):
        out[dim_id] = np.asarray(codes[dim_id], dtype=object)[coord] if len(coord) else []
    raw_values = [values[p] for p in positions]
    for p, v in zip(positions, raw_values, strict=True):
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise PrepareError(path, f"value {v!r} is not a number", column=f"value[{p}]")
    out["value"] = np.asarray(raw_values, dtype="float64")
    out["status"] = [str(status.get(p, "")) for p in positions]
    df = pd.DataFrame(out)
    for dim_id in ids:
        df[dim_id] = df[dim_id].astype("str")
    df["status"] = df["status"].astype("str")
    return df
