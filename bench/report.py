"""Summaries (median, p95, ratios against the baseline), the goals (issues 5 and 11), bench/RESULTS.md and the
headline numbers of bench/results.json."""

from __future__ import annotations

import math
import os
import platform
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent


def pct(values: list[float], q: float) -> float | None:
    """The q-th percentile (linear interpolation), or None when there is nothing to summarise."""
    clean = [v for v in values if v is not None and not math.isnan(v)]
    return float(np.percentile(clean, q)) if clean else None


def summary(values: list[float]) -> dict[str, float | None]:
    return {"p50": pct(values, 50), "p95": pct(values, 95), "n": len([v for v in values if v is not None])}


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{len(os.sched_getaffinity(0))} cores ({model or platform.machine()}), {mem_gb:.0f} GB RAM, " \
           f"{platform.system()} {platform.release()}, Python {platform.python_version()}"


def commit() -> str:
    if os.environ.get("BENCH_COMMIT"):  # a benchmarked snapshot outside the repository names its commit
        return os.environ["BENCH_COMMIT"]
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO_ROOT,
                               capture_output=True, text=True).stdout.strip()
        return out.stdout.strip() + (" (+ uncommitted changes)" if dirty else "")
    except OSError:
        return "unknown"


# ------------------------------------------------------------------------------------------- formatting


def _ms(v: float | None) -> str:
    return "–" if v is None else f"{v:,.0f} ms" if v >= 10 else f"{v:.1f} ms"


def _kb(v: float | None) -> str:
    if v is None:
        return "–"
    return f"{v / 1e6:,.2f} MB" if v >= 1e6 else f"{v / 1e3:,.1f} kB"


def _num(v: float | None, unit: str = "") -> str:
    return "–" if v is None else f"{v:,.0f}{unit}"


def _load(values: list[float] | None) -> str:
    return "unknown" if not values else " / ".join(f"{v:.1f}" for v in values)


def _ratio(ours: float | None, base: float | None, higher_is_better: bool = False) -> str:
    """How many times better ours is than the baseline (× > 1 means better)."""
    if ours is None or base is None or base == 0 or (ours == 0 and higher_is_better):
        return "–"
    if ours == 0:
        return "∞ (ours: none)"
    r = ours / base if higher_is_better else base / ours
    return f"{r:,.1f}×"


def _ok(value: float | None, limit: float, at_least: bool = False) -> str:
    if value is None:
        return "not measured"
    return "yes" if (value >= limit if at_least else value <= limit) else "**NO**"


def get(app: dict, *path: str) -> float | None:
    """The number at `path` in one app's results, or None where this run did not measure it."""
    node: object = app
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, int | float) else None


#: bench/results.json's headline key -> where the number sits in an app's results (issue 11's list).
HEADLINE: dict[str, tuple[str, ...]] = {
    "cold_load_bytes": ("cold", "received", "p50"),
    "cold_load_drawn_ms": ("cold", "drawn_ms", "p50"),
    "year_step_slider_p95_ms": ("steps", "slider", "ms", "p95"),
    "year_step_play_p95_ms": ("steps", "play", "ms", "p95"),
    "worker_rss_max_mb": ("memory", "rss_max_mb"),
    "healthz_p95_ms_during_exports": ("healthz_p95_ms_during_exports",),
}


def headline(results: dict) -> dict:
    """The numbers bench/results.json keeps for both apps, with the commit measured and the load average."""
    out: dict = {"commit": results["commit"], "date": results["date"], "mode": results["mode"],
                 "machine": results["machine"], "load_before": results.get("load_before"),
                 "load_after": results.get("load_after")}
    for name in ("ours", "baseline"):
        app = results["apps"].get(name, {})
        out[name] = {key: get(app, *path) for key, path in HEADLINE.items()}
    return out


def floors(results: dict) -> list[tuple[str, str, str, str]]:
    """(goal, required, measured for ours, met?) for every goal of issues 5 and 11 that this run measured."""
    ours, base = results["apps"].get("ours", {}), results["apps"].get("baseline", {})
    rows: list[tuple[str, str, str, str]] = []

    for how in ("slider", "play"):
        p95 = get(ours, "steps", how, "ms", "p95")
        rows.append((f"year step by {how}, all panels updated, p95", "≤ 50 ms", _ms(p95), _ok(p95, 50)))
    wire = get(ours, "steps", "slider", "bytes", "p95")
    rows.append(("year step on the wire (sent + received), p95", "≤ 5 kB", _kb(wire), _ok(wire, 5000)))
    cold_bytes = get(ours, "cold", "received", "p50")
    rows.append(("cold load, compressed bytes received", "≤ 1.0 MB", _kb(cold_bytes), _ok(cold_bytes, 1.0e6)))
    cold_ms = get(ours, "cold", "drawn_ms", "p50")
    rows.append(("cold load, all panels drawn (median)", "≤ 1.0 s", _ms(cold_ms), _ok(cold_ms, 1000)))
    steady = get(ours, "load", "steady", "p95_ms"), get(ours, "load", "steady", "p99_ms")
    rows.append(("200 users, one action a second: p95", "≤ 50 ms", _ms(steady[0]), _ok(steady[0], 50)))
    rows.append(("200 users, one action a second: p99", "≤ 200 ms", _ms(steady[1]), _ok(steady[1], 200)))
    for name in ("steady", "plenary", "saturation"):
        errors = get(ours, "load", name, "errors")
        rows.append((f"{name}: errors", "0", _num(errors), _ok(errors, 0)))
    rps = get(ours, "load", "saturation", "rps")
    rows.append(("saturation, 50 clients: year-step callbacks/s", "≥ 500/s", _num(rps, "/s"), _ok(rps, 500, True)))
    rss = get(ours, "memory", "rss_max_mb")
    rows.append(("memory per gunicorn worker (RSS, largest)", "≤ 150 MB", _num(rss, " MB"), _ok(rss, 150)))
    b_wire, o_wire = get(base, "steps", "slider", "bytes", "p50"), get(ours, "steps", "slider", "bytes", "p50")
    wire_ratio = (b_wire / o_wire if o_wire else float("inf")) if b_wire and o_wire is not None else None
    rows.append(("bytes per year step vs baseline (median)", "≥ 10× fewer",
                 _ratio(o_wire, b_wire), _ok(wire_ratio, 10, True)))
    b_ms, o_ms = get(base, "steps", "slider", "ms", "p95"), get(ours, "steps", "slider", "ms", "p95")
    ms_ratio = b_ms / o_ms if b_ms and o_ms else None
    rows.append(("year step time vs baseline (p95, slider)", "≥ 3× faster", _ratio(o_ms, b_ms),
                 _ok(ms_ratio, 3, True)))
    healthz = get(ours, "exports", "healthz_ms", "p95")
    rows.append((f"/healthz p95 while {ours.get('exports', {}).get('packs', 40)} report packs are asked for at once "
                 "(issue 11)", "< 500 ms", _ms(healthz), _ok(healthz, 499.9)))
    return rows


def _exports(ours: dict, base: dict) -> list[str]:
    """The export burst (bench/exports.py) side by side: /healthz while it lasted, and what became of the packs."""
    if not (ours.get("exports") or base.get("exports")):
        return []
    burst = ours.get("exports") or base.get("exports")

    def row(label: str, fmt, *path: str) -> str:  # noqa: ANN001
        return f"| {label} | {fmt(get(ours, 'exports', *path))} | {fmt(get(base, 'exports', *path))} |"

    return ["", f"## /healthz while {burst['packs']} report packs are asked for at once (within "
                f"{burst['window_s']:.0f} s)", "",
            "Each client retries after a 503 with Retry-After, as the Export menu does (bench/exports.py).", "",
            "| | ours | baseline |", "|---|---|---|",
            row("/healthz, p50", _ms, "healthz_ms", "p50"), row("/healthz, p95", _ms, "healthz_ms", "p95"),
            row("/healthz, slowest", _ms, "healthz_max_ms"), row("/healthz probes", _num, "healthz_ms", "n"),
            row("/healthz probes failed", _num, "healthz_failed"),
            row("packs delivered within the window", _num, "packs_done"),
            row("packs failed (not a 503 to retry)", _num, "packs_failed"),
            row("packs still unanswered at the end", _num, "packs_unfinished"),
            row("503 + Retry-After answers (then retried)", _num, "refusals"),
            row("time to a delivered pack, median", _ms, "pack_ms", "p50"),
            row("busy after the window", lambda v: "–" if v is None else f"{v:.0f} s", "drained_s")]


def markdown(results: dict) -> str:
    """bench/RESULTS.md: how the run was made, the goals, then each measurement with ours beside the baseline."""
    ours, base = results["apps"].get("ours", {}), results["apps"].get("baseline", {})
    lines = [*_preamble(results), *_goals(results), *_cold_load(ours, base),
             *_year_steps(ours, base, results.get("play_ms", "")), *_server_load(ours, base), *_memory(ours, base),
             *_exports(ours, base)]
    return "\n".join(lines) + "\n"


def _preamble(results: dict) -> list[str]:
    """What was run, where and when, and how busy the machine was: a reader judges every time below by it."""
    return [
        "# Benchmark results",
        "",
        f"Written by `{results['command']}` on {results['date']} ({results['mode']} run), commit "
        f"{results['commit']}.  ",
        f"Machine: {results['machine']}. Both apps ran side by side under gunicorn with the Procfile's settings "
        "(`dashboard/gunicorn_conf.py`), on 127.0.0.1, driven by headless Chromium (Playwright) and locust.  ",
        f"Load average (1, 5, 15 min) at the start {_load(results.get('load_before'))}, at the end "
        f"{_load(results.get('load_after'))}: above 2, other processes were competing for the 2 cores, and times "
        "(not bytes) are pessimistic.",
        "",
        "Ratios say how many times better ours is than `bench/baseline_app.py` (a tutorial-style Dash app: "
        "whole figures rebuilt on every callback with unsimplified Natural Earth 10m outlines, no compression, "
        "no caching). How each number is taken: `bench/README.md`.",
    ]


def _goals(results: dict) -> list[str]:
    """The goals table: whether this run met the floors of issues 5 and 11, which is what a run is for."""
    return ["", "## Goals (issues 5 and 11)", "",
            "| floor | required | ours | met |", "|---|---|---|---|",
            *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in floors(results))]


def _compared(ours: dict, base: dict, label: str, path: tuple[str, ...], fmt: Callable[[float | None], str],
              higher_is_better: bool = False) -> str:
    """One table row: the number at `path` for ours, for the baseline, and how many times better ours is."""
    o, b = get(ours, *path), get(base, *path)
    return f"| {label} | {fmt(o)} | {fmt(b)} | {_ratio(o, b, higher_is_better)} |"


def _cold_load(ours: dict, base: dict) -> list[str]:
    """A first visit with an empty cache: until all three panels are drawn, and what crossed the wire."""
    n_cold = ours.get("cold", {}).get("drawn_ms", {}).get("n", 0)
    return ["", f"## Cold load ({n_cold} loads each, empty cache)", "",
            "| | ours | baseline | ours better by |", "|---|---|---|---|",
            _compared(ours, base, "all three panels drawn, median", ("cold", "drawn_ms", "p50"), _ms),
            _compared(ours, base, "all three panels drawn, p95", ("cold", "drawn_ms", "p95"), _ms),
            _compared(ours, base, "bytes received (compressed, every request), median", ("cold", "received", "p50"),
                      _kb),
            _compared(ours, base, "bytes sent, median", ("cold", "sent", "p50"), _kb),
            _compared(ours, base, "requests, median", ("cold", "requests", "p50"), _num)]


def _year_steps(ours: dict, base: dict, play_ms: object) -> list[str]:
    """One table per way of stepping the year (slider, play, server-answered): they exercise different paths,
    the first two the year frames held in the browser, the last the callbacks the locust scenarios replay."""
    lines: list[str] = []
    for how, text in (("slider", "by the slider (a click on the next year's mark, waiting for each step)"),
                      ("play", f"by play ({play_ms} ms a year)"),
                      ("server", "answered by the server (the slider with the year frames withheld: ours before a "
                                 "new view's frames arrive, or with IOM incidents on; what the locust scenarios "
                                 "replay)")):
        n = ours.get("steps", {}).get(how, {}).get("ms", {}).get("n", 0)
        lines += ["", f"## Year step {text}: {n} steps", "",
                  "| | ours | baseline | ours better by |", "|---|---|---|---|",
                  *(_compared(ours, base, label, ("steps", how, *path), fmt) for label, path, fmt in (
                      ("until all three panels show the year, p50", ("ms", "p50"), _ms),
                      ("until all three panels show the year, p95", ("ms", "p95"), _ms),
                      ("bytes sent + received per step, median", ("bytes", "p50"), _kb),
                      ("bytes sent per step, median", ("sent", "p50"), _kb),
                      ("bytes received per step, median", ("received", "p50"), _kb),
                      ("requests per step, median", ("requests", "p50"), _num),
                      ("steps overtaken before they were shown (dropped)", ("dropped",), _num)))]
    return lines


def _server_load(ours: dict, base: dict) -> list[str]:
    """The locust scenarios, one row per scenario and app; a scenario this run did not play is left out."""
    lines = ["", "## Server load (locust)", "",
             "| scenario | app | requests | errors | req/s | p50 | p95 | p99 | max | busy after |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name in ("steady", "plenary", "saturation"):
        for label, app in (("ours", ours), ("baseline", base)):
            s = app.get("load", {}).get(name)
            if not s:
                continue
            lines.append(f"| {name} ({s['users']} users, {s['seconds']} s; {s['judged']}) | {label} | "
                         f"{s['requests']:,} | {s['errors']} | {_num(s['rps'])} | {_ms(s['p50_ms'])} | "
                         f"{_ms(s['p95_ms'])} | {_ms(s['p99_ms'])} | {_ms(s['max_ms'])} | "
                         f"{s.get('drained_s', '–')} s |")
    return lines


def _memory(ours: dict, base: dict) -> list[str]:
    """Worker memory once the load is over: RSS for the goal, USS for what each worker holds on its own."""
    lines = ["", "## Memory per gunicorn worker, after the load", "", "| | ours | baseline |", "|---|---|---|"]
    for key, label in (("workers", "workers"), ("rss_max_mb", "largest worker, RSS"),
                       ("uss_max_mb", "largest worker, unique (USS)")):
        o, b = get(ours, "memory", key), get(base, "memory", key)
        unit = "" if key == "workers" else " MB"
        lines.append(f"| {label} | {_num(o, unit)} | {_num(b, unit)} |")
    return lines


def stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
