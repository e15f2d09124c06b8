"""create_app: refuses a broken data folder with a DataError naming the file; serves the pages it registers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.config import Config
from dashboard.store import DataError
from tests.conftest import DATA_DIR
from tests.unit.dash_post import post


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ to break, one file or column at a time."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    return data


def test_create_app_on_a_missing_data_folder(make_app, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="does not exist"):
        make_app(data_dir=tmp_path / "data")


@pytest.mark.parametrize(("name", "message"), [("incidents.parquet", "incidents.parquet is missing"),
                                               ("countries.geojson", "countries.geojson is missing")])
def test_create_app_on_a_folder_lacking_a_file(make_app, data_copy: Path, name: str, message: str) -> None:
    (data_copy / name).unlink()
    with pytest.raises(DataError, match=message):
        make_app(data_dir=data_copy)


def test_create_app_on_a_file_lacking_a_column(make_app, data_copy: Path) -> None:
    frame = pd.read_parquet(data_copy / "route_detections.parquet").drop(columns=["detections", "border_type"])
    frame.to_parquet(data_copy / "route_detections.parquet")
    with pytest.raises(DataError, match=r"route_detections.parquet lacks the column\(s\) border_type, detections"):
        make_app(data_dir=data_copy)


def test_create_app_on_a_copy_of_the_data_serves_it(make_app, data_copy: Path) -> None:
    client = make_app(data_dir=data_copy).server.test_client()
    assert client.get("/healthz").get_json()["status"] == "ok"
    csv = client.get("/api/country-indicators.csv?indicator=smuggling_offences&year=2019&country=TUR")
    assert csv.get_data(as_text=True).splitlines()[1] == "TUR,2019,migrant-smuggling,smuggling_offences,6302.0,," \
                                                          "unodc_cts,,,"


def test_pages_and_unknown_paths(app, client) -> None:
    assert client.get("/").status_code == 200
    # Dash answers every path with the page shell; the router callback decides what the page shows.
    about = post(client, app, "page-content.children", {"page-location.pathname": "/about"},
                 ["page-location.pathname"])
    assert "About the data" in json.dumps(about)
    for path in ("/nothing/here", None, 5, {"a": 1}):
        shown = post(client, app, "page-content.children", {"page-location.pathname": path},
                     ["page-location.pathname"])
        assert ("Page not found" in json.dumps(shown)) == (path not in (None,))


def test_debug_is_off_and_no_version_check(app, monkeypatch) -> None:
    assert app.server.debug is False
    assert app._dev_tools["ui"] is False and app._dev_tools["serve_dev_bundles"] is False
    assert app._dev_tools["disable_version_check"] is True  # no call home, the hall may be offline
    monkeypatch.delenv("SEE_DEBUG", raising=False)
    assert Config().debug is False
    monkeypatch.setenv("SEE_DEBUG", "1")
    assert Config().debug is True
