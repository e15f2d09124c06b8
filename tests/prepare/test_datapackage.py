"""data/datapackage.json passes the Frictionless reference validator, and says what a reader needs per resource.

The validator is frictionless-py's own command line, pinned in requirements-dev.txt, run on the committed data/
exactly as a reader would run it (``frictionless validate data/datapackage.json``). A second run on a copy with one
impossible value proves it checks the files, not only the descriptor.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard.catalog import INDICATOR_ALIASES, INDICATORS
from dashboard.prepare.package import PACKAGE_FILE
from dashboard.prepare.sources import NOT_DATED
from tests.prepare.conftest import COMMITTED_DATA

PACKAGE = COMMITTED_DATA / PACKAGE_FILE


def _validate(descriptor: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(descriptor)],
                          capture_output=True, text=True, timeout=600, check=False)
    return json.loads(done.stdout)


def _errors(report: dict) -> list[str]:
    found = [e["message"] for e in report.get("errors", [])]
    return found + [f"{t['name']}: {e['message']}" for t in report["tasks"] for e in t["errors"]]


@pytest.fixture(scope="module")
def package() -> dict:
    return json.loads(PACKAGE.read_text(encoding="utf-8"))


def test_frictionless_validate_finds_zero_errors() -> None:
    report = _validate(PACKAGE)
    assert _errors(report) == [] and report["valid"] is True
    assert {t["name"] for t in report["tasks"]} >= {"country_indicators", "flows", "incidents", "route_detections"}


def test_the_validator_reads_the_rows(tmp_path: Path) -> None:
    """A negative value in a copy of country_indicators must be caught: the check is not only of the descriptor."""
    data = tmp_path / "data"
    shutil.copytree(COMMITTED_DATA, data)
    path = data / "country_indicators.parquet"
    table = pq.read_table(path)
    df = table.to_pandas()
    df.loc[df["value"].notna().idxmax(), "value"] = -1.0
    pq.write_table(pa.Table.from_pandas(df, schema=table.schema, preserve_index=False), path)
    report = _validate(data / PACKAGE_FILE)
    assert any('constraint "minimum"' in m and '"value"' in m for m in _errors(report))


def test_every_resource_lists_its_own_sources_and_licences(package: dict) -> None:
    ids = {s["id"] for s in package["sources"]}
    by_name = {r["name"]: r for r in package["resources"]}
    for resource in package["resources"]:
        assert resource["sources"] and resource["licenses"], resource["name"]
        assert {s["id"] for s in resource["sources"]} <= ids
        assert all(lic.get("name") and lic.get("title") for lic in resource["licenses"])
    assert [s["id"] for s in by_name["route_detections"]["sources"]] == ["frontex"]
    flows = pd.read_parquet(COMMITTED_DATA / "flows.parquet")
    assert {s["id"] for s in by_name["flows"]["sources"]} == set(flows["source"])
    assert {"name": "CC-BY-4.0", "title": "CC BY 4.0"} in by_name["flows"]["licenses"]


def test_every_source_has_an_iso_release_or_says_it_is_undated(package: dict) -> None:
    for source in package["sources"]:
        release = source["release"]
        assert release == NOT_DATED or re.fullmatch(r"\d{4}-\d{2}-\d{2}", release), source["id"]
        assert "version" in source
        for key in ("id", "title", "publisher", "licence", "url", "carrier"):
            assert source[key], (source["id"], key)
    by_id = {s["id"]: s for s in package["sources"]}
    for sid in ("unhcr_asylum_applications", "unhcr_asylum_decisions", "unhcr_population"):
        assert (by_id[sid]["release"], by_id[sid]["version"]) == ("2026-06-25", "2025.12.1")
    assert (by_id["natural_earth"]["release"], by_id["natural_earth"]["version"]) == (NOT_DATED, "5.1.1")
    assert by_id["eurostat_migr_eipre"]["release"] == "2026-05-12"
    assert (by_id["frontex"]["coverage_end"], by_id["iom_mmp"]["coverage_end"]) == ("2025-04", "2025-04")
    assert "coverage_end" not in by_id["unhcr_population"]
    assert "unhcr" not in by_id  # the old forcibly-displaced file is no longer read


def test_the_eurostat_series_is_all_applicants_never_first_time(package: dict) -> None:
    text = json.dumps({k: v for k, v in package.items() if k != "indicator_aliases"}, ensure_ascii=False).lower()
    assert "first-time" not in text and "first_time" not in text and "first time" not in text
    labels = {i["id"]: i["label"] for i in package["indicators"]}
    assert labels["asylum_applicants_eu"] == "Asylum applicants (Eurostat)"
    assert "asylum_applicants_first_time" not in labels
    assert package["indicator_aliases"] == INDICATOR_ALIASES == {"asylum_applicants_first_time":
                                                                 "asylum_applicants_eu"}
    measures = {m["id"]: m["label"] for m in package["flow_measures"]}
    assert measures["asylum_applicants"] == "Asylum applicants (Eurostat): citizenship → country of application"
    assert INDICATORS["asylum_recognition_rate"].unit == "percent"
    assert INDICATORS["asylum_recognition_rate"].per_capita is False
