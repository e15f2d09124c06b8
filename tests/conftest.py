"""Fixtures shared by every test folder: the committed prepared data, loaded once, and an app built on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.store import Store, load_store
from dashboard.view.state import Domain, domain_from_store

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"


@pytest.fixture(scope="session")
def store() -> Store:
    return load_store(DATA_DIR)


@pytest.fixture(scope="session")
def domain(store: Store) -> Domain:
    return domain_from_store(store)


@pytest.fixture(scope="session")
def app(store: Store):  # noqa: ANN201 - dash.Dash
    from dashboard.config import Config
    from dashboard.web.app import create_app

    return create_app(Config(data_dir=DATA_DIR), store=store)


@pytest.fixture()
def client(app):  # noqa: ANN001, ANN201 - Flask test client
    return app.server.test_client()
