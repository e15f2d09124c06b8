"""The static edition written once per test session, for a reduced set of views (tests/unit and tests/browser
test_site.py share it): English, the two crime types whose views the tests read, and the decks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.config import Config
from dashboard.site.build import build_site

LANGS = ["en"]
CRIMES = ["migrant-smuggling", "human-trafficking"]


def write_site(factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The folder (under a parent of its own, so a static server can serve it under a path prefix)."""
    out = factory.mktemp("edition") / "site"
    config = Config()
    manifest = build_site(out, config.data_dir, LANGS, CRIMES, full_url="https://example.org/see/",
                          decks_dir=config.decks_dir)
    return out, manifest


def read_script(path: Path) -> dict:
    """The value a data script assigns (its second line: `window.SEE_SITE.… = <json>;`)."""
    line = path.read_text(encoding="utf-8").splitlines()[1]
    return json.loads(line[line.index("= ") + 2:].rstrip(";"))
