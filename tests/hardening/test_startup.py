"""Start-up: with no usable data/ the real gunicorn refuses to start, says why in one line, and serves nothing.

The app reads and checks every prepared file in gunicorn's master before it binds its port (preload_app), so a
missing folder, an unreadable file or one that breaks the schema stops the server before anyone could be
answered from half-loaded data. The test keeps knocking on the port while the server starts and fails: no
connection may ever be accepted.
"""

from __future__ import annotations

import json
import shutil
import socket
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from tests.conftest import DATA_DIR
from tests.hardening.server import gunicorn, start, stop
from tests.patience import SERVER_START_S


def _truncate(folder: Path) -> None:
    path = folder / "flows.parquet"
    path.write_bytes(path.read_bytes()[:500])


def _drop_column(folder: Path) -> None:
    frame = pd.read_csv(folder / "countries.csv", keep_default_na=False)
    frame.drop(columns="role").to_csv(folder / "countries.csv", index=False)


def _text_values(folder: Path) -> None:
    frame = pd.read_parquet(folder / "country_indicators.parquet")
    frame["value"] = frame["value"].astype(str)
    frame.to_parquet(folder / "country_indicators.parquet")


def _missing_file(folder: Path) -> None:
    (folder / "route_detections.parquet").unlink()


def _bad_json(folder: Path) -> None:
    (folder / "datapackage.json").write_text('{"version": "x", ')


BROKEN = {
    # name: (how to break a copy of data/, what the one-line error must say)
    "no data folder": (None, "does not exist"),
    "truncated parquet": (_truncate, "flows.parquet cannot be read"),
    "column missing": (_drop_column, "countries.csv lacks the column(s) role"),
    "text where numbers belong": (_text_values, "country_indicators.parquet: column(s) value must be numeric"),
    "file missing": (_missing_file, "route_detections.parquet is missing"),
    "unparseable descriptor": (_bad_json, "datapackage.json cannot be read"),
}


def _accepts(base_url: str) -> bool:
    parts = urlsplit(base_url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.parametrize("case", list(BROKEN))
def test_the_server_refuses_to_start_on_broken_data(case, tmp_path):
    breaker, expected = BROKEN[case]
    folder = tmp_path / "data"
    if breaker is not None:
        shutil.copytree(DATA_DIR, folder)
        breaker(folder)
    proc, base_url, log_path = start({"SEE_DATA_DIR": str(folder)}, name=f"startup-{case.replace(' ', '-')}")
    accepted = False
    try:
        deadline = time.monotonic() + SERVER_START_S
        while proc.poll() is None and time.monotonic() < deadline:
            accepted = accepted or _accepts(base_url)
            time.sleep(0.05)
    finally:
        stop(proc)
    log = log_path.read_text(errors="replace")
    assert proc.returncode not in (0, None), log
    assert not accepted, "the port accepted a connection although the data was broken"
    errors = [line for line in log.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and expected in errors[0], log
    assert "Traceback" not in log, log


def test_healthz_reports_loaded_data_and_its_version():
    with gunicorn(name="healthz") as server, urllib.request.urlopen(server.base_url + "/healthz") as response:
        body = json.loads(response.read())
    version = json.loads((DATA_DIR / "datapackage.json").read_text())["version"]
    assert body["status"] == "ok" and body["data_loaded"] is True
    assert body["data_version"] == version
