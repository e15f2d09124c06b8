"""Settings read from the environment, so one code base serves development, tests and production."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Config:
    """Everything the app factory needs to know about its surroundings."""

    data_dir: Path = field(default_factory=lambda: Path(os.environ.get("SEE_DATA_DIR", REPO_ROOT / "data")))
    decks_dir: Path = field(default_factory=lambda: Path(os.environ.get("SEE_DECKS_DIR", REPO_ROOT / "decks")))
    #: Debug mode and Dash dev tools; only ever switched on from the environment, never by a request.
    debug: bool = field(default_factory=lambda: _env_flag("SEE_DEBUG"))
    #: Origins allowed to frame the embed pages (space separated in SEE_EMBED_ORIGINS).
    embed_origins: tuple[str, ...] = field(
        default_factory=lambda: tuple(os.environ.get("SEE_EMBED_ORIGINS", "").split())
    )
    #: Precompute the opening view's panels for every year at start-up (SEE_WARM=1; gunicorn_conf.py sets it,
    #: so the workers share the result; tests and development skip the few seconds it takes).
    warm: bool = field(default_factory=lambda: _env_flag("SEE_WARM"))
    #: Prefix when served under a sub-path (e.g. "/see/"); must start and end with "/".
    base_path: str = field(default_factory=lambda: os.environ.get("SEE_BASE_PATH", "/"))
    #: The Chromium kaleido drives for PNG/SVG export (Debian's; never downloaded). BROWSER_PATH is kaleido's own.
    chromium: Path = field(default_factory=lambda: Path(
        os.environ.get("SEE_CHROMIUM") or os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"))
