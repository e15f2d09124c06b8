"""The README's deployment: scripts/deploy/nginx-site.conf, run by Debian's nginx in front of two real gunicorns.

Both replicas answer through nginx, and after one is killed every GET is still answered: nginx retries an
idempotent request on the other replica. The site file is used as written; only its two replica addresses and its
port are replaced by free ones, and a minimal nginx.conf around it puts nginx's own files in a temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import LOCAL_HOST, REPO_ROOT, _free_port, wait_until_serving
from tests.hardening.server import gunicorn
from tests.patience import PROBE_S

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE = REPO_ROOT / "scripts" / "deploy" / "nginx-site.conf"
#: What a reader asks for: pages, the data API, an asset and the health check, all GETs.
GETS = ("/healthz", "/", "/about", "/api/country-indicators.json?indicator=smuggling_offences&year=2019",
        "/api/openapi.json", "/assets/app.css")

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(),
                                reason="nginx is missing: run scripts/install-system-deps (apt-get install nginx)")


def _nginx_conf(folder: Path, port: int, replicas: list[str]) -> Path:
    site = SITE.read_text()
    site = site.replace("127.0.0.1:8051", replicas[0]).replace("127.0.0.1:8052", replicas[1])
    site = re.sub(r"listen 80;", f"listen {LOCAL_HOST}:{port};", site)
    (folder / "site.conf").write_text(site)
    user = "user root;\n" if os.geteuid() == 0 else ""  # as root, workers would otherwise run as nobody
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        "  log_format upstream '$request_uri $status $upstream_addr';\n"
        f"  access_log {folder}/access.log upstream;\n"
        f"  client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;\n"
        f"  fastcgi_temp_path {folder}/fcgi; uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;\n"
        f"  include {folder}/site.conf;\n"
        "}\n")
    return conf


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=PROBE_S) as response:
        response.read()
        return response.status


def _upstreams(log: Path) -> set[str]:
    return {line.split()[-1] for line in log.read_text().splitlines() if line.split()[-1] != "-"}


def test_two_replicas_behind_nginx_and_one_killed(tmp_path):
    port = _free_port()
    with gunicorn(name="nginx-a") as a, gunicorn(name="nginx-b") as b:
        replicas = [a.base_url.removeprefix("http://"), b.base_url.removeprefix("http://")]
        conf = _nginx_conf(tmp_path, port, replicas)
        check = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        proc = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        front = f"http://{LOCAL_HOST}:{port}"
        try:
            wait_until_serving(front + "/healthz", proc, "nginx",
                               lambda: proc.stderr.read().decode(errors="replace") if proc.poll() is not None else "")
            # Round robin: a few passes reach both replicas, and every answer is a 200.
            for _ in range(3):
                assert [_get(front + path) for path in GETS] == [200] * len(GETS)
            assert _upstreams(tmp_path / "access.log") == set(replicas)

            os.killpg(a.proc.pid, signal.SIGKILL)  # the first replica dies, master and workers at once
            a.proc.wait(timeout=30)
            before = len((tmp_path / "access.log").read_text().splitlines())
            for _ in range(5):
                assert [_get(front + path) for path in GETS] == [200] * len(GETS)
            after = (tmp_path / "access.log").read_text().splitlines()[before:]
            assert len(after) == 5 * len(GETS)
            # Every answer after the kill came from the live replica (a retried one logs both addresses).
            assert all(line.split()[-1].endswith(replicas[1]) for line in after), after
        finally:
            proc.send_signal(signal.SIGQUIT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
