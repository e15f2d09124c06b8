"""The prepare step's checks on the prepared tables, built from the one contract in dashboard/schema.py.

dashboard/schema.py defines each table once (columns, types, descriptions, checks, keys); this module turns a
table into the pandera schema that validates it before it is written. The pyarrow schema that fixes its on-disk
types and the Frictionless field list for datapackage.json come from the same :class:`Table`, and the store reads
its required columns from it too, so the four cannot drift apart. The tables are re-exported here for the
prepare step's own modules.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.prepare.errors import PrepareError
from dashboard.schema import (
    COUNTRIES,
    COUNTRY_INDICATORS,
    FLAG_PATTERN,
    FLOWS,
    INCIDENTS,
    ISO3_PATTERN,
    MISSING_VALUES,
    ROUTE_DETECTIONS,
    TABLES,
    Field,
    Table,
)

__all__ = ["COUNTRIES", "COUNTRY_INDICATORS", "FLAG_PATTERN", "FLOWS", "INCIDENTS", "ISO3_PATTERN", "MISSING_VALUES",
           "ROUTE_DETECTIONS", "TABLES", "Field", "Table", "pandera_schema", "validate"]

#: field type -> the pandas dtype pandera checks the column against
_DTYPES = {"string": "str", "integer": "int64", "number": "float64", "boolean": "bool"}


def pandera_schema(table: Table, codes: Iterable[str] = (), groups: Iterable[str] = ()):  # noqa: ANN201
    """The pandera schema for ``table``; ``codes`` are the known ISO-3 codes, ``groups`` named flow origins."""
    import pandera.pandas as pa_  # prepare-only dependency

    codes = set(codes)
    columns = {}
    for f in table.fields:
        checks = []
        if f.minimum is not None:
            checks.append(pa_.Check.ge(f.minimum))
        if f.maximum is not None:
            checks.append(pa_.Check.le(f.maximum))
        if f.allowed is not None:
            checks.append(pa_.Check.isin(list(f.allowed)))
        if f.pattern is not None:
            checks.append(pa_.Check.str_matches(f.pattern))
        if f.name in table.code_columns and codes:
            checks.append(pa_.Check.isin(sorted(codes), name="known_iso3"))
        if table.name == "flows" and f.name == "origin":
            checks.append(pa_.Check.isin(sorted(codes | set(groups)), name="known_origin"))
        columns[f.name] = pa_.Column(_DTYPES[f.type], checks=checks, nullable=f.nullable)
    return pa_.DataFrameSchema(columns, strict=True, ordered=True, unique=list(table.key) or None)


def validate(table: Table, df: pd.DataFrame, codes: Iterable[str] = (), groups: Iterable[str] = ()) -> pd.DataFrame:
    """Validate a prepared table; a failure names the output file, the row and the column."""
    import pandera.errors as pe

    try:
        return pandera_schema(table, codes, groups).validate(df)
    except pe.SchemaError as exc:
        row = None
        fc = exc.failure_cases
        if isinstance(fc, pd.DataFrame) and "index" in fc.columns and len(fc) and pd.notna(fc["index"].iloc[0]):
            row = int(fc["index"].iloc[0]) + 2
        column = getattr(getattr(exc, "schema", None), "name", None)
        first = fc["failure_case"].iloc[0] if isinstance(fc, pd.DataFrame) and len(fc) else fc
        raise PrepareError(f"data/{table.path}", f"failed validation: {exc.check} (e.g. {first!r})",
                           row=row, column=column if isinstance(column, str) else None) from None
