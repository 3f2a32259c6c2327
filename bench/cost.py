"""Per-request cost of the load test's reads (bench/load.py READS), one client, no server: for each URL
the median wall time, the median CPU time of this (Django) process, and the number of queries.
A loaded machine inflates wall time; CPU time and query counts are the figures to compare.
With the public cache on (`PUBLIC_CACHE_SECONDS`, on by default when DEBUG is off) the anonymous
pages and API reads come from the cache after the first request: set it to 0 to measure their rendering.

    DATABASE_URL=postgresql://…/db .venv/bin/python bench/cost.py      # a database with the Ambon demo
    N=50 .venv/bin/python bench/cost.py                                # more repetitions
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.load import READS  # noqa: E402
from kotacerdas.accounts.models import User  # noqa: E402
from kotacerdas.accounts.services import token_issue  # noqa: E402


def main() -> None:
    repeat = int(os.environ.get("N", "20"))
    token = token_issue(user=User.objects.filter(role="national_admin").first(), label="bench cost")
    client = Client()
    rows = []
    for path in READS:
        for auth in [False, True] if path.startswith("/api/") else [False]:
            headers = {"Authorization": f"Bearer {token}"} if auth else {}
            response = client.get(path, headers=headers)  # warm up
            assert response.status_code == 200, (path, response.status_code)
            wall, cpu = [], []
            for _ in range(repeat):
                started_cpu, started = time.process_time(), time.perf_counter()
                client.get(path, headers=headers)
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(path, headers=headers)
            rows.append((path + (" [token]" if auth else ""), statistics.median(wall), statistics.median(cpu), len(queries)))
    print(f"{'url':50} {'wall ms':>8} {'cpu ms':>7} {'queries':>7}")
    for name, wall_ms, cpu_ms, count in rows:
        print(f"{name:50} {wall_ms:8.1f} {cpu_ms:7.1f} {count:7d}")
    means = [statistics.mean(row[i] for row in rows) for i in (1, 2, 3)]
    print(f"{'mean':50} {means[0]:8.1f} {means[1]:7.1f} {means[2]:7.1f}")


if __name__ == "__main__":
    main()
