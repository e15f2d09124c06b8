"""The serving app never imports the prepare step or geopandas, so gunicorn workers stay lean."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO_ROOT


def test_serving_imports_neither_geopandas_nor_the_prepare_step() -> None:
    code = (
        "import sys; from dashboard.app import create_app; create_app(); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'geopandas', 'shapely', 'pyogrio', 'pandera'} "
        "or m.startswith('dashboard.prepare')); print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                         check=True, env={"PATH": "/usr/bin:/bin", "SEE_WARM": "0"})
    assert out.stdout.strip() == "", f"the serving app imported {out.stdout.strip()}"
