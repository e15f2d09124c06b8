"""Settings read from the environment, so one code base serves development, tests and production."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
#: Request threads per gunicorn worker unless GUNICORN_THREADS says otherwise (dashboard/gunicorn_conf.py).
DEFAULT_THREADS = 4


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, minimum: int = 0) -> int:
    """A whole number from the environment, or `default` when unset; ValueError naming the variable if not."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}, not {text[:20]!r}")
    return int(text)


def _threads() -> int:
    return env_int("GUNICORN_THREADS", DEFAULT_THREADS, minimum=1)


def _default_export_slots() -> int:
    """One request thread fewer than a worker has (at least one): the last one always stays free for pages,
    callbacks and /healthz while the others wait on exports (dashboard/export/queue.py)."""
    return env_int("SEE_EXPORT_SLOTS", max(1, _threads() - 1), minimum=1)


def _test_hold() -> Path | None:
    folder = os.environ.get("SEE_TEST_HOLD_EXPORTS", "").strip()
    return Path(folder) if folder else None


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
    #: Image exports (PNG, SVG, report packs) one worker holds at once, the one being rendered included
    #: (SEE_EXPORT_SLOTS; default: its request threads less one). An export beyond them answers 503 at once.
    #: With one thread per worker there is no thread to spare: exports and pages then take turns.
    export_slots: int = field(default_factory=_default_export_slots)
    #: Seconds a request waits for its accepted export, queue included, before it answers 503 (SEE_EXPORT_WAIT).
    export_wait: int = field(default_factory=lambda: env_int("SEE_EXPORT_WAIT", 60, minimum=1))
    #: Finished exports kept per worker for repeats, in megabytes (SEE_EXPORT_CACHE_MB; 0 keeps none).
    export_cache_mb: int = field(default_factory=lambda: env_int("SEE_EXPORT_CACHE_MB", 8))
    #: TEST ONLY (SEE_TEST_HOLD_EXPORTS, a folder): while <folder>/hold exists no export job starts, and each
    #: accepted job leaves a marker there, so a test can hold every render slot busy. Unset in production,
    #: where it does nothing at all.
    test_hold_exports: Path | None = field(default_factory=_test_hold)

    def __post_init__(self) -> None:
        threads = _threads()
        if threads > 1 and self.export_slots >= threads:
            raise ValueError(f"SEE_EXPORT_SLOTS ({self.export_slots}) must be below GUNICORN_THREADS ({threads}): "
                             "with every request thread waiting on an export, a worker answers nothing else")
