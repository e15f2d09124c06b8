"""One contract, read by both sides: dashboard/schema.py is what the store requires, what the prepare step
validates and writes, and what data/datapackage.json says. If any of them kept a list of its own, these fail."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard import schema, store
from dashboard.prepare import package, schemas
from tests.prepare.conftest import COMMITTED_DATA, REPO_ROOT

TABLES = list(schema.TABLES.values())


def test_the_prepare_step_and_the_store_read_the_one_definition() -> None:
    assert schemas.TABLES is schema.TABLES and package.TABLES is schema.TABLES
    assert (package.PACKAGE_FILE, package.GEOMETRY_FILE) == (schema.PACKAGE_FILE, schema.GEOMETRY_FILE)
    assert list(store.REQUIRED) == [t.path for t in TABLES] + [schema.GEOMETRY_FILE, schema.PACKAGE_FILE]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_store_and_prepare_see_the_same_field_lists(table: schema.Table) -> None:
    validated = schemas.pandera_schema(table)
    assert tuple(validated.columns) == table.columns == store.REQUIRED[table.path]
    assert tuple(table.arrow_schema().names) == table.columns
    numeric = tuple(name for name, column in validated.columns.items()
                    if pd.api.types.is_numeric_dtype(column.dtype.type) and not pd.api.types.is_bool_dtype(
                        column.dtype.type))
    assert numeric == table.numeric == store.NUMERIC[table.path]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_the_committed_datapackage_schema_is_the_contract(table: schema.Table) -> None:
    descriptor = json.loads((COMMITTED_DATA / schema.PACKAGE_FILE).read_text(encoding="utf-8"))
    resource = {r["name"]: r for r in descriptor["resources"]}[table.name]
    assert resource["path"] == table.path
    assert resource["schema"] == table.frictionless()
    assert tuple(f["name"] for f in resource["schema"]["fields"]) == store.REQUIRED[table.path]
    numbers = tuple(f["name"] for f in resource["schema"]["fields"] if f["type"] in ("integer", "number"))
    assert numbers == store.NUMERIC[table.path]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_the_committed_files_carry_exactly_the_contracts_columns(table: schema.Table) -> None:
    path = COMMITTED_DATA / table.path
    if path.suffix == ".parquet":
        names = tuple(pq.read_schema(path).names)
    else:
        names = tuple(pd.read_csv(path, nrows=0).columns)
    assert names == table.columns


def test_the_schema_module_stays_light_enough_to_serve() -> None:
    """The serving workers import dashboard.schema, so it must bring no prepare code and no heavy library."""
    code = ("import sys, dashboard.schema; print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'pandas', 'pyarrow', 'pandera', 'geopandas', 'shapely', 'numpy'} or m.startswith('dashboard.prepare'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
                         check=True, env={"PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == ""


def test_a_field_of_an_unknown_type_is_refused() -> None:
    with pytest.raises(ValueError, match="type 'decimal'"):
        schema.Field("x", "decimal", "no such type")
