"""python -m bench [--smoke] [--out bench/RESULTS.md]: the whole benchmark, ours and the baseline side by side.

1. cold load in headless Chromium: bytes on the wire and time until all three panels are drawn;
2. year steps by the slider and by play: time until all three panels show the year, bytes per step;
3. server scenarios with locust (steady 200 users, plenary burst, saturation) and worker memory;
4. /healthz while 40 report packs are asked for at once (bench/exports.py), after the memory is read.
Each measurement runs for ours, then for the baseline, before the next one starts. Raw numbers go to
artifacts/bench/results.json, the summary to RESULTS.md, and the headline numbers of both apps, with the commit
and the load average, to bench/results.json (committed; --smoke writes it beside its raw numbers instead).
--smoke runs a few iterations of everything (CI).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

from bench import browser, exports, load, report
from bench.baseline_app import PLAY_INTERVAL_MS
from bench.servers import REPO_ROOT, serve

WORK = REPO_ROOT / "artifacts" / "bench"


def _relative(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


#: Unmeasured slider steps first: a page's first plotly redraws pay for JIT compilation, in both apps alike.
WARMUP_STEPS = 2


def measure_browser(chrome, url: str, loads: int, steps: int) -> dict:  # noqa: ANN001
    """Cold loads, then slider and play steps on one more loaded page: raw numbers and the replay."""
    cold = []
    page_requests: list[dict] = []
    for _ in range(loads):
        numbers, requests = browser.cold_load(chrome, url)
        cold.append(numbers)
        page_requests = page_requests or requests
    with browser.recorded_page(chrome) as (page, traffic):
        page.goto(url + "/", wait_until="commit")
        page.wait_for_function("() => window.__bench && window.__bench.drawn !== null", timeout=60_000)
        browser.wait_quiet(page, traffic)
        page_callbacks = list(traffic.callbacks)
        browser.slider_steps(page, traffic, WARMUP_STEPS)
        slider = browser.slider_steps(page, traffic, steps)
        played, play_totals = browser.play_steps(page, traffic, steps, PLAY_INTERVAL_MS)
    # Ours steps the years in the browser, with no request. The server scenarios replay the requests of a
    # year step the server answers (before a new view's frames arrive, or with IOM incidents on the map).
    with browser.recorded_page(chrome, withhold_frames=True) as (page, traffic):
        page.goto(url + "/", wait_until="commit")
        page.wait_for_function("() => window.__bench && window.__bench.drawn !== null", timeout=60_000)
        browser.wait_quiet(page, traffic)
        browser.slider_steps(page, traffic, WARMUP_STEPS)
        first_step = len(traffic.callbacks)
        server_steps = browser.slider_steps(page, traffic, steps)
        step_callbacks = traffic.callbacks[first_step:]
    replay = {"page": [_relative(r["url"]) for r in page_requests if r["method"] == "GET"],
              "page_callbacks": page_callbacks, "step_callbacks": step_callbacks}
    return {"cold": cold, "slider": slider, "play": played, "play_totals": play_totals, "server": server_steps,
            "replay": replay}


def summarise(rounds: list[dict]) -> dict:
    """Medians and p95 over all rounds of one app."""
    cold = [c for r in rounds for c in r["cold"]]
    slider = [s for r in rounds for s in r["slider"]]
    server = [s for r in rounds for s in r["server"]]
    played = [s for r in rounds for s in r["play"]]
    totals = {k: sum(r["play_totals"][k] for r in rounds) for k in ("sent", "received", "requests")}
    shown = [s for s in played if s["ms"] is not None]
    per_step = len(played) or 1
    return {
        "cold": {k: report.summary([c[k] for c in cold]) for k in ("drawn_ms", "received", "sent", "requests")},
        "steps": {
            **{how: {"ms": report.summary([s["ms"] for s in steps]),
                     "bytes": report.summary([s["sent"] + s["received"] for s in steps]),
                     **{k: report.summary([s[k] for s in steps]) for k in ("sent", "received", "requests")},
                     "dropped": sum(1 for s in steps if s["ms"] is None)}
               for how, steps in (("slider", slider), ("server", server))},
            "play": {"ms": report.summary([s["ms"] for s in shown]),
                     "bytes": {"p50": (totals["sent"] + totals["received"]) / per_step},
                     "sent": {"p50": totals["sent"] / per_step},
                     "received": {"p50": totals["received"] / per_step},
                     "requests": {"p50": totals["requests"] / per_step},
                     "dropped": len(played) - len(shown)},
        },
        "raw": {"cold": cold, "slider": slider, "play": played, "server": server},
    }


def measure_exports(servers: dict, results: dict, smoke: bool) -> None:
    """The export burst against each app in turn, each after both have gone idle; numbers into `results`.

    It runs after the workers' memory is read: a worker that has exported holds a browser driver and finished
    files, which the memory figure (taken after the interactive load) is not about.
    """
    burst = exports.SMOKE if smoke else exports.FULL
    for name, server in servers.items():
        for other in servers.values():
            other.wait_idle()
        print(f"bench: {burst['packs']} report packs at once, {name}", flush=True)
        numbers = exports.measure(server.url, name, burst["packs"], burst["window"])
        numbers["drained_s"] = round(server.wait_idle(), 1)
        results["apps"][name]["exports"] = numbers
        results["apps"][name]["healthz_p95_ms_during_exports"] = numbers["healthz_ms"]["p95"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a few iterations of everything, for CI")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=WORK, help="logs, locust CSVs and results.json")
    parser.add_argument("--headline", type=Path, default=None,
                        help="where the headline numbers go (default bench/results.json; with --smoke, WORK)")
    parser.add_argument("--no-load", action="store_true", help="skip the locust scenarios")
    parser.add_argument("--no-exports", action="store_true", help="skip /healthz during report packs")
    parser.add_argument("--apps", default="ours,baseline", help="comma-separated: ours, baseline")
    args = parser.parse_args(argv)
    loads, steps, rounds = (1, 3, 1) if args.smoke else (6, 50, 2)
    scenarios = load.SMOKE if args.smoke else load.FULL
    apps = [a for a in args.apps.split(",") if a]
    args.work.mkdir(parents=True, exist_ok=True)
    command = "python -m bench" + (" --smoke" if args.smoke else "")
    results: dict = {"command": command, "date": report.stamp(), "mode": "smoke" if args.smoke else "full",
                     "machine": report.machine(), "commit": report.commit(), "play_ms": PLAY_INTERVAL_MS,
                     "apps": {}, "load_before": os.getloadavg()}
    started = time.monotonic()
    with ExitStack() as stack:
        servers = {name: stack.enter_context(serve(name, args.work)) for name in apps}
        replays = {}
        with browser.chromium() as chrome:
            # In rounds that alternate the apps, so a burst of load from elsewhere hits both alike.
            raw: dict[str, list[dict]] = {name: [] for name in servers}
            for number in range(rounds):
                for name, server in servers.items():
                    print(f"bench: browser round {number + 1}/{rounds}, {name} ({server.url})", flush=True)
                    for other in servers.values():
                        other.wait_idle()
                    raw[name].append(measure_browser(chrome, server.url, loads // rounds, steps // rounds))
            for name, measured in raw.items():
                results["apps"][name] = summarise(measured)
                replays[name] = args.work / f"replay-{name}.json"
                replays[name].write_text(json.dumps(measured[0]["replay"]), encoding="utf-8")
        if not args.no_load:
            for scenario in scenarios:
                for name, server in servers.items():
                    print(f"bench: locust {scenario.name}, {name}", flush=True)
                    numbers = load.run(scenario, server.url, replays[name], args.work)
                    numbers["drained_s"] = round(server.wait_idle(), 1)
                    results["apps"][name].setdefault("load", {})[scenario.name] = numbers
        for name, server in servers.items():
            results["apps"][name]["memory"] = server.worker_memory_mb()
        if not args.no_exports:
            measure_exports(servers, results, args.smoke)
    results["seconds"] = round(time.monotonic() - started, 1)
    results["load_after"] = os.getloadavg()
    (args.work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    args.out.write_text(report.markdown(results), encoding="utf-8")
    headline = args.headline or (args.work / "headline.json" if args.smoke else Path(__file__).parent / "results.json")
    headline.write_text(json.dumps(report.headline(results), indent=1) + "\n", encoding="utf-8")
    print(f"bench: wrote {args.out} in {results['seconds']:.0f} s", flush=True)
    for floor, required, measured, met in report.floors(results):
        print(f"  {floor}: {measured} (floor {required}) {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
