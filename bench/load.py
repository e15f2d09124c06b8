"""Server scenarios driven by locust (headless, one process), reading its CSV summary.

Scenario        users  behaviour                                                  floor
steady          200    each sends one year-step callback a second                 p95 <= 50 ms, p99 <= 200 ms, 0 errors
plenary         200    each loads the whole page once, all started within 10 s     0 errors
saturation      50     closed loop of year-step callbacks                         >= 500 callbacks/s
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


@dataclass(frozen=True)
class Scenario:
    name: str
    user_class: str
    users: int
    spawn_rate: float
    seconds: int
    #: the CSV row the scenario is judged on
    row: str


FULL = (
    Scenario("steady", "Steady", 200, 200, 30, "year-step callback"),
    Scenario("plenary", "Plenary", 200, 20, 40, "full page"),
    Scenario("saturation", "Saturation", 50, 50, 20, "year-step callback"),
)
#: Long enough for locust to start its users on a machine busy with other work: at 3 s, a loaded machine
#: (load average 15) once left the saturation scenario without a single request, and the smoke test failed.
SMOKE = (
    Scenario("steady", "Steady", 20, 20, 10, "year-step callback"),
    Scenario("plenary", "Plenary", 5, 5, 10, "full page"),
    Scenario("saturation", "Saturation", 5, 5, 10, "year-step callback"),
)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def run(scenario: Scenario, url: str, replay: Path, out_dir: Path) -> dict:
    """Run one scenario against url; return its numbers from locust's stats CSV."""
    prefix = out_dir / f"locust-{scenario.name}-{url.rsplit(':', 1)[-1]}"
    env = {**os.environ, "BENCH_REPLAY": str(replay), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), scenario.user_class, "--headless",
               "--host", url, "-u", str(scenario.users), "-r", str(scenario.spawn_rate), "-t",
               f"{scenario.seconds}s", "--csv", str(prefix), "--only-summary", "--stop-timeout", "10",
               "--exit-code-on-error", "0", "--loglevel", "WARNING"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=scenario.seconds + 120)
    stats_path = Path(f"{prefix}_stats.csv")
    if not stats_path.exists():
        raise RuntimeError(f"locust wrote no stats for {scenario.name}: {done.stderr[-2000:]}")
    with stats_path.open(newline="") as fh:
        rows = {row["Name"]: row for row in csv.DictReader(fh)}
    aggregated = rows.get("Aggregated", {})
    judged = rows.get(scenario.row, {})
    return {
        "scenario": scenario.name,
        "users": scenario.users,
        "seconds": scenario.seconds,
        "requests": int(_number(aggregated.get("Request Count")) or 0),
        "errors": int(_number(aggregated.get("Failure Count")) or 0),
        "rps": _number(judged.get("Requests/s")),
        "p50_ms": _number(judged.get("50%")),
        "p95_ms": _number(judged.get("95%")),
        "p99_ms": _number(judged.get("99%")),
        "max_ms": _number(judged.get("Max Response Time")),
        "judged": scenario.row,
        "count": int(_number(judged.get("Request Count")) or 0),
    }
