"""`/healthz` while report packs are asked for all at once: does a burst of exports stall the server?

`packs` clients each ask for a report pack of a different view, all at the same moment, and each behaves as the
dashboard's Export menu does: on a 503 with Retry-After it waits that long (at most MAX_RETRY_WAIT s) and asks
again. Meanwhile one probe asks for `/healthz` back to back, each on a fresh connection (so any worker may take
it), until every pack has arrived or `window` seconds have passed. A probe that gets no answer within
PROBE_TIMEOUT_S counts as failed, with the time it waited. Issue 11's floor: 40 packs at once leave `/healthz`
p95 under 500 ms.
"""

from __future__ import annotations

import http.client
import threading
import time
from urllib.parse import urlsplit

from bench import report

FULL = {"packs": 40, "window": 120.0}
SMOKE = {"packs": 2, "window": 10.0}
MAX_RETRY_WAIT = 30.0
PROBE_GAP_S = 0.1
PROBE_TIMEOUT_S = 60.0  # a probe that gets no answer in this long counts as failed, with this long


def pack_paths(app: str, count: int) -> list[str]:
    """`count` report-pack URLs of different views (a repeat could be served from a cache of finished exports)."""
    if app == "baseline":
        from bench.baseline_app import years

        return [f"/export/report-pack.zip?year={years[-1 - n % len(years)]}" for n in range(count)]
    from dashboard.catalog import CRIME_TYPES
    from dashboard.config import REPO_ROOT
    from dashboard.store import load_store
    from dashboard.view.state import default_state, domain_from_store, to_query

    domain = domain_from_store(load_store(REPO_ROOT / "data"))
    views = [default_state(domain, crime) for crime in CRIME_TYPES]
    queries = [to_query(v.with_(year=y), domain) for v in views for y in reversed(domain.years(v.crime, v.indicator))]
    ordered = [queries[(n * 7) % len(queries)] for n in range(len(queries))]  # crime types interleaved
    return [f"/export/report-pack.zip{q}" for q in dict.fromkeys(ordered)][:count]


def _get(url: str, path: str, timeout: float) -> tuple[int | None, dict[str, str]]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Connection": "close"})
        response = conn.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    except (OSError, http.client.HTTPException):
        return None, {}
    finally:
        conn.close()


def _client(url: str, path: str, until: float, outcome: dict) -> None:
    """One user wanting one pack: ask, and after a 503 with Retry-After wait and ask again, until `until`."""
    started = time.monotonic()
    while (left := until - time.monotonic()) > 0:
        status, headers = _get(url, path, left)
        retry = headers.get("retry-after", "")
        if status == 503 and retry.isdigit():
            outcome["refused"] = outcome.get("refused", 0) + 1
            time.sleep(min(float(retry), MAX_RETRY_WAIT, max(0.0, until - time.monotonic())))
            continue
        if status is None and time.monotonic() >= until:
            return  # still unanswered when the window closed: unfinished, not failed
        outcome.update(status=status, ms=(time.monotonic() - started) * 1000)
        return


def measure(url: str, app: str, packs: int, window: float) -> dict:
    """The burst against one running app: /healthz times while it lasts, and what became of the packs."""
    paths = pack_paths(app, packs)
    until = time.monotonic() + window
    outcomes: list[dict] = [{} for _ in paths]
    clients = [threading.Thread(target=_client, args=(url, p, until, o), daemon=True)
               for p, o in zip(paths, outcomes, strict=True)]
    for client in clients:
        client.start()
    healthz: list[float] = []
    failed_probes = 0
    while any(c.is_alive() for c in clients) and time.monotonic() < until:
        started = time.monotonic()
        status, _ = _get(url, "/healthz", PROBE_TIMEOUT_S)
        healthz.append((time.monotonic() - started) * 1000)
        failed_probes += status != 200
        time.sleep(PROBE_GAP_S)
    done = [o["ms"] for o in outcomes if o.get("status") == 200]
    return {
        "packs": len(paths), "window_s": window, "packs_done": len(done),
        "packs_failed": sum(1 for o in outcomes if "status" in o and o["status"] != 200),
        "packs_unfinished": sum(1 for o in outcomes if "status" not in o),
        "refusals": sum(o.get("refused", 0) for o in outcomes), "pack_ms": report.summary(done),
        "healthz_ms": report.summary(healthz), "healthz_max_ms": max(healthz, default=None),
        "healthz_failed": failed_probes,
    }

