"""Load test: 50 concurrent clients against the production way (`make serve`: gunicorn on PostgreSQL)
and the embedded demo (`make run`: runserver on SQLite), side by side. Loopback only, bounded in time.

    .venv/bin/python bench/load.py                      # both, 20 s of load each
    .venv/bin/python bench/load.py --seconds 10 --clients 20 --only sqlite

Each setup gets a database of its own (a temporary SQLite file; the PostgreSQL database
`kotacerdas_bench_jobs`, created and dropped here, PG_URL to change the server), the reference
data of Kota Ambon and the demo. Clients loop over a mix: the public pages and API reads of the
demo city (anonymous and with a token) and, for one request in ten, a PATCH of a programme
through the API. Then the concurrent-writer check: 10 writers x 20 PATCHes of the same programme,
counting 5xx answers, 412s and lost updates. Prints a table; asserts nothing (read the numbers).

Each setup keeps its own default for the public cache (`PUBLIC_CACHE_SECONDS`: 10 s under
`make serve`, off under `make run`); the anonymous reads of the mix (pages, half the API reads) are
served from it. `PUBLIC_CACHE_SECONDS=0 .venv/bin/python bench/load.py` renders every request;
`WORKERS=3` changes gunicorn's workers.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_URL = os.environ.get("PG_URL", "postgresql://postgres@127.0.0.1:5432")
PG_DB = "kotacerdas_bench_jobs"
CITY = "81.71"
WORKERS = os.environ.get("WORKERS", "4")  # as `make serve`
READS = [
    "/",
    f"/cities/{CITY}/",
    f"/cities/{CITY}/programmes/",
    f"/cities/{CITY}/plan/vision/",
    f"/cities/{CITY}/alignment/",
    "/api/v1/cities",
    f"/api/v1/cities/{CITY}/programmes",
    f"/api/v1/cities/{CITY}/alignment/gaps",
]


def run(args, env, **kw):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kw)


def prepare(env) -> dict:
    """Migrate, load Ambon and the demo; an API token of the national admin and a programme id."""
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PY, "manage.py", "load_reference", "--only-regency", CITY], env)
    run([PY, "manage.py", "load_demo"], env)
    code = (
        "from kotacerdas.accounts.models import User; from kotacerdas.accounts.services import token_issue; "
        "u = User.objects.filter(role='national_admin').first() or User.objects.filter(is_superuser=True).first(); "
        "print('TOKEN=' + token_issue(user=u, label='bench'))"
    )
    out = run([PY, "manage.py", "shell", "-c", code], env).stdout
    token = next(line[6:] for line in out.splitlines() if line.startswith("TOKEN="))
    return {"token": token}


def wait_up(port: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status in {200, 503}:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server on port {port} did not start")


class Client(threading.Thread):
    def __init__(self, port, token, programme_ids, stop_at, results, write_share):
        super().__init__(daemon=True)
        self.port, self.token, self.ids, self.stop_at, self.results, self.write_share = (
            port,
            token,
            programme_ids,
            stop_at,
            results,
            write_share,
        )

    def request(self, conn, method, path, body=None, auth=False):
        headers = {"Authorization": f"Bearer {self.token}"} if auth else {}
        if body is not None:
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        try:
            conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
        return status, (time.perf_counter() - start) * 1000

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        rng = random.Random(self.ident)
        while time.monotonic() < self.stop_at:
            if self.ids and rng.random() < self.write_share:
                pk = rng.choice(self.ids)
                status, ms = self.request(
                    conn, "PATCH", f"/api/v1/cities/{CITY}/programmes/{pk}", {"problem": f"load test {rng.random():.6f}"}, auth=True
                )
                self.results.append(("write", status, ms))
            else:
                path = rng.choice(READS)
                status, ms = self.request(conn, "GET", path, auth=path.startswith("/api/") and rng.random() < 0.5)
                self.results.append(("read", status, ms))


def load(port, token, clients, seconds, write_share=0.1) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", f"/api/v1/cities/{CITY}/programmes?limit=50", headers={"Authorization": f"Bearer {token}"})
    ids = [p["id"] for p in json.loads(conn.getresponse().read())["items"]]
    results: list = []
    stop_at = time.monotonic() + seconds
    threads = [Client(port, token, ids, stop_at, results, write_share) for _ in range(clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    return summarise(results, elapsed)


def summarise(results, elapsed) -> dict:
    out = {"rps": len(results) / elapsed}
    for kind in ("read", "write"):
        times = sorted(ms for k, _, ms in results if k == kind)
        statuses = [s for k, s, _ in results if k == kind]
        if not times:
            continue
        q = statistics.quantiles(times, n=100) if len(times) > 1 else [times[0]] * 99
        out[kind] = {
            "n": len(times),
            "p50": q[49],
            "p95": q[94],
            "p99": q[98],
            "5xx": sum(1 for s in statuses if s >= 500),
            "failed": sum(1 for s in statuses if s == 0),
            "other": sum(1 for s in statuses if 0 < s < 500 and s >= 400),
        }
    return out


def writers(port, token, writers_n=10, each=20) -> dict:
    """Read-modify-write of one programme by `writers_n` clients at once: each appends its own
    mark to the text it read, sending the version it read in `If-Match`, and reads again after a
    412. A mark that was acknowledged (2xx) but is missing from the final text is a lost update."""
    auth = {"Authorization": f"Bearer {token}"}
    path_list = f"/api/v1/cities/{CITY}/programmes?limit=1"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path_list, headers=auth)
    pk = json.loads(conn.getresponse().read())["items"][0]["id"]
    path = f"/api/v1/cities/{CITY}/programmes/{pk}"
    conn.request("PATCH", path, body=json.dumps({"problem": ""}), headers={**auth, "Content-Type": "application/json"})
    conn.getresponse().read()
    statuses: list = []
    landed: list = []

    def writer(n):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for i in range(each):
            mark = f"[{n}.{i}]"
            for _attempt in range(50):
                try:
                    c.request("GET", path, headers=auth)
                    r = c.getresponse()
                    current = json.loads(r.read())
                    c.request(
                        "PATCH",
                        path,
                        body=json.dumps({"problem": (current.get("problem") or "") + mark}),
                        headers={**auth, "Content-Type": "application/json", "If-Match": r.getheader("ETag") or "*"},
                    )
                    r = c.getresponse()
                    r.read()
                    statuses.append(r.status)
                except (OSError, http.client.HTTPException, ValueError):
                    statuses.append(0)
                    c.close()
                    continue
                if 200 <= r.status < 300:
                    landed.append(mark)
                if r.status != 412:
                    break

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=auth)
    final = json.loads(conn.getresponse().read()).get("problem") or ""
    return {
        "writes": len(statuses),
        "2xx": sum(200 <= s < 300 for s in statuses),
        "412": sum(s == 412 for s in statuses),
        "5xx": sum(s >= 500 for s in statuses),
        "failed": sum(s == 0 for s in statuses),
        "other": sum(300 <= s < 500 and s != 412 for s in statuses),
        "lost": sum(mark not in final for mark in landed),
    }


def psql(sql: str) -> None:
    subprocess.run(["psql", "-q", f"{PG_URL}/postgres", "-c", sql], check=True, capture_output=True)


def setup_run(name, clients, seconds) -> dict:
    env = {**os.environ, "LOG_LEVEL": "ERROR"}
    env.pop("CELERY_BROKER_URL", None)
    tmp = Path(tempfile.mkdtemp(prefix="kc-load-"))
    env["PRIVATE_MEDIA_ROOT"] = str(tmp / "private")
    server = None
    try:
        if name == "sqlite":  # `make run`: the development server, DEBUG on, SQLite
            env.update(DATABASE_URL=f"sqlite:///{tmp}/load.sqlite3", DEBUG="1")
            port = 8106
            data = prepare(env)
            server = subprocess.Popen(
                [PY, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        else:  # `make serve`: gunicorn, WORKERS workers, DEBUG off, PostgreSQL
            psql(f"DROP DATABASE IF EXISTS {PG_DB}")
            psql(f"CREATE DATABASE {PG_DB}")
            env.update(DATABASE_URL=f"{PG_URL}/{PG_DB}", SECRET_KEY="bench-" + "x" * 60, ALLOWED_HOSTS="127.0.0.1", DEBUG="0")
            port = 8116
            data = prepare(env)
            run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], {**env, "STATIC_ROOT": str(tmp / "static")})
            gunicorn = str(Path(PY).parent / "gunicorn")
            server = subprocess.Popen(
                [gunicorn, "kotacerdas.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", WORKERS],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        wait_up(port)
        result = load(port, data["token"], clients, seconds)
        result["writers"] = writers(port, data["token"])
        return result
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if name == "postgres":
            time.sleep(1)
            psql(f"DROP DATABASE IF EXISTS {PG_DB}")
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    options = parser.parse_args()
    names = [options.only] if options.only else ["postgres", "sqlite"]
    labels = {"postgres": f"make serve (gunicorn x{WORKERS}, PostgreSQL)", "sqlite": "make run (runserver, SQLite)"}
    results = {}
    for name in names:
        print(f"== {labels[name]}: preparing, then {options.clients} clients for {options.seconds:g} s", flush=True)
        results[name] = setup_run(name, options.clients, options.seconds)
    print()
    print(f"{'setup':40} {'req/s':>7} {'kind':>6} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'5xx':>5} {'4xx':>5} {'fail':>5}")
    for name, r in results.items():
        for kind in ("read", "write"):
            if kind in r:
                k = r[kind]
                print(
                    f"{labels[name]:40} {r['rps']:7.1f} {kind:>6} {k['n']:6d} {k['p50']:8.0f} {k['p95']:8.0f} {k['p99']:8.0f} {k['5xx']:5d} {k['other']:5d} {k['failed']:5d}"
                )
    print()
    print("concurrent writers (10 x 20 read-modify-writes of one programme, If-Match, retry after 412):")
    for name, r in results.items():
        w = r["writers"]
        print(
            f"  {labels[name]:40} {w['2xx']}/{w['writes']} landed, 412 {w['412']}, lost updates {w['lost']}, 5xx {w['5xx']},"
            f" other 4xx {w['other']}, connection failures {w['failed']}"
        )


if __name__ == "__main__":
    main()
