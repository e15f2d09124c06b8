"""How long the suite waits for a state before it calls the wait a failure, in one place, and generous on purpose.

Every wait ends as soon as its state is reached (a server answers 200, a panel shows the year), so a fast machine
never waits these out: they only bound how long a hung server or page can hold the suite. They used to be
30-90 s, scattered over the files, and on a 2-core machine also running `make bench` (load average 20-80) a cold
gunicorn took longer than that to serve its first page and a whole browser module errored. `TEST_PATIENCE`
multiplies them, for a machine slower still.
"""

from __future__ import annotations

import os


def _factor() -> float:
    try:
        return max(1.0, float(os.environ.get("TEST_PATIENCE", "1")))
    except ValueError:
        return 1.0


FACTOR = _factor()
#: Seconds for a gunicorn to serve its first page (it loads the prepared data and every catalogue first).
SERVER_START_S = 300.0 * FACTOR
#: Milliseconds for a page, a figure or a download to reach the state a browser test waits for.
PAGE_WAIT_MS = int(120_000 * FACTOR)
#: Seconds for one HTTP request of a readiness probe to answer.
PROBE_S = 60.0 * FACTOR
