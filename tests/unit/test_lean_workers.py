"""The serving app never imports the prepare step or geopandas, so gunicorn workers stay lean."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO_ROOT


def test_serving_imports_neither_geopandas_nor_the_prepare_step() -> None:
    code = (
        "import sys; from dashboard.web.app import create_app; create_app(); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'geopandas', 'shapely', 'pyogrio', 'pandera'} "
        "or m.startswith('dashboard.prepare')); print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                         check=True, env={"PATH": "/usr/bin:/bin", "SEE_WARM": "0"})
    assert out.stdout.strip() == "", f"the serving app imported {out.stdout.strip()}"


def test_the_master_hands_back_freed_memory_and_freezes_what_workers_share() -> None:
    """gunicorn's when_ready hook, run in a fresh interpreter as the master runs it after preloading the app."""
    code = (
        "import gc; from dashboard import gunicorn_conf; from dashboard.web.app import create_app; create_app(); "
        "gunicorn_conf.when_ready(None); print(gc.get_freeze_count())"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                         check=True, env={"PATH": "/usr/bin:/bin", "SEE_WARM": "0"})
    assert int(out.stdout.strip()) > 100_000  # the loaded app's objects, out of every collection's reach


def test_gunicorn_gives_the_app_arrows_system_allocator_and_the_warm_up() -> None:
    """What gunicorn's arbiter puts in the environment before it preloads the app, read as gunicorn reads the file,
    and the allocator Arrow then picks (mimalloc would keep the parquet reader's arenas resident: bench/NOTES.md)."""
    code = (
        "import json, runpy; from gunicorn.config import Config; cfg = Config(); "
        "[cfg.set(k, v) for k, v in runpy.run_path('dashboard/gunicorn_conf.py').items() if k in cfg.settings]; "
        "print(json.dumps(cfg.env))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
                         check=True, env={"PATH": "/usr/bin:/bin"})
    env = json.loads(out.stdout)
    assert env == {"SEE_WARM": "1", "ARROW_DEFAULT_MEMORY_POOL": "system"}
    pool = subprocess.run([sys.executable, "-c", "import pyarrow; print(pyarrow.default_memory_pool().backend_name)"],
                          capture_output=True, text=True, timeout=60, check=True,
                          env={"PATH": "/usr/bin:/bin", **env})
    assert pool.stdout.strip() == "system"
