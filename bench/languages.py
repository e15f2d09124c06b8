"""python -m bench.languages [--steps N] [--rounds R]: what a language costs (issue 13), English beside the others.

One gunicorn of ours (the Procfile's settings). For each language, in alternating rounds (en, el, sr-Cyrl, bg, then
again), a fresh browser context opens the opening view in that language, takes two unmeasured slider steps and
then N measured ones (bench.browser.slider_steps: the thumb shows a year until the panels show it). Beside the
browser numbers: the bytes of the opening view's year frames in each language (the frames callback, as the
browser posts it), and the largest worker's RSS and USS after all twelve languages' opening views were drawn.
Results go to artifacts/bench/languages.json and are summarised in bench/NOTES.md by hand.
"""

from __future__ import annotations

import argparse
import json
import statistics
import urllib.request
from pathlib import Path

import brotli

from bench.browser import chromium, recorded_page, slider_steps, wait_quiet
from bench.servers import serve
from dashboard.i18n.locales import LANGUAGES
from layouts.ids import Ids

WORK = Path(__file__).resolve().parent.parent / "artifacts" / "bench"
MEASURED = ("en", "el", "sr-Cyrl", "bg")


def _frames_bytes(base: str, lang: str) -> tuple[int, int]:
    """The opening view's year frames in `lang`, as the frames callback answers the browser: (bytes, bytes as
    brotli at Flask-Compress's default quality, as they travel)."""
    query = "" if lang == "en" else f"?lang={lang}"
    body = {"output": f"{Ids.FRAMES}.data", "outputs": {"id": Ids.FRAMES, "property": "data"},
            "inputs": [{"id": Ids.TIMELINE, "property": "data", "value": query}], "changedPropIds": [
                f"{Ids.TIMELINE}.data"], "state": []}
    request = urllib.request.Request(f"{base}/_dash-update-component", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read()
    return len(body), len(brotli.compress(body, quality=4))


def _steps(browser, base: str, lang: str, count: int) -> list[float]:  # noqa: ANN001
    with recorded_page(browser) as (page, traffic):
        page.goto(f"{base}/?lang={lang}")
        page.wait_for_function("() => window.__bench && window.__bench.drawn !== null", timeout=60_000)
        wait_quiet(page, traffic)
        slider_steps(page, traffic, 2)  # plotly's first redraws pay for JIT compilation
        return [step["ms"] for step in slider_steps(page, traffic, count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.languages", description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    results: dict = {"steps_ms": {lang: [] for lang in MEASURED}}
    with serve("ours", WORK / "logs") as server, chromium() as browser:
        results["frames_bytes"] = {lang: _frames_bytes(server.url, lang) for lang in MEASURED}
        for _ in range(args.rounds):
            for lang in MEASURED:
                server.wait_idle()
                results["steps_ms"][lang] += _steps(browser, server.url, lang, args.steps)
        results["memory_after_the_browser_runs"] = server.worker_memory_mb()
        for lang in LANGUAGES:  # every language's opening view drawn once, through every worker's caches
            for _ in range(4):
                _frames_bytes(server.url, lang)
        results["memory_all_languages"] = server.worker_memory_mb()
    summary = {lang: {"median_ms": statistics.median(ms), "p95_ms": sorted(ms)[int(0.95 * (len(ms) - 1))],
                      "steps": len(ms)} for lang, ms in results["steps_ms"].items()}
    results["summary"] = summary
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "languages.json").write_text(json.dumps(results, indent=1))
    print(json.dumps({k: v for k, v in results.items() if k != "steps_ms"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
