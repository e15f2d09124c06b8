"""Fixtures shared by every test folder: the committed prepared data, loaded once, and apps built on it.

    store     (session) -> Store        data/ loaded once
    domain    (session) -> Domain       what the URL may name, from that store
    make_app  (session) -> make_app(**options) -> Dash: an app of its own from Config(**options), like
                                        Datasette's make_app_client; on data/ and the shared store unless
                                        ``data_dir`` names another folder (then that folder is loaded)
    app       (session) -> Dash         make_app() with every option left at its default
    client    (function) -> FlaskClient the shared app's test client
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dashboard.store import Store, load_store
from dashboard.view.state import Domain, domain_from_store

if TYPE_CHECKING:
    from dash import Dash

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"


@pytest.fixture(scope="session")
def store() -> Store:
    return load_store(DATA_DIR)


@pytest.fixture(scope="session")
def domain(store: Store) -> Domain:
    return domain_from_store(store)


@pytest.fixture(scope="session")
def make_app(store: Store) -> Callable[..., Dash]:
    """A factory, not an app: each test that needs other settings (a base path, embed origins, no Chromium, a
    copy of the data) builds its own in one line, and the session's shared ``app`` stays as it was."""
    from dashboard.config import Config
    from dashboard.web.app import create_app

    def build(**options: object) -> Dash:
        """create_app(Config(**options)); ``data_dir`` defaults to data/, whose store is loaded only once."""
        options.setdefault("data_dir", DATA_DIR)
        shared = store if Path(options["data_dir"]) == DATA_DIR else None
        return create_app(Config(**options), store=shared)

    return build


@pytest.fixture(scope="session")
def app(make_app: Callable[..., Dash]) -> Dash:
    return make_app()


@pytest.fixture()
def client(app):  # noqa: ANN001, ANN201 - Flask test client
    return app.server.test_client()
