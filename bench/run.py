"""Benchmarks: time and query count of the main reads as the data grows. Prints figures only.

    make bench                      # SQLite in a temporary file
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kc_bench make bench

Builds a throw-away database: the full national reference data, the Ambon demo, then
synthetic programmes (with yearly rows and partners) and synthetic cities on top, and measures
each page and API read at every size. No assertion: read the numbers.
"""

import io
import logging
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
os.environ["DEBUG"] = "False"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from bench import synthetic  # noqa: E402

PAGES = [
    ("home (national admin)", "/"),
    ("city dashboard", "/cities/81.71/"),
    ("bimtek list", "/cities/81.71/bimtek/"),
    ("readiness overview", "/cities/81.71/readiness/"),
    ("vision tree", "/cities/81.71/plan/vision/"),
    ("programme table", "/cities/81.71/programmes/"),
    ("roadmap", "/cities/81.71/programmes/roadmap/"),
    ("quick wins", "/cities/81.71/programmes/quick-wins/"),
    ("alignment matrix", "/cities/81.71/alignment/"),
    ("alignment gaps", "/cities/81.71/alignment/gaps/"),
    ("API cities", "/api/v1/cities"),
    ("API regions (villages)", "/api/v1/regions?level=village&limit=500"),
    ("API programmes", "/api/v1/cities/81.71/programmes"),
    ("API alignment gaps", "/api/v1/cities/81.71/alignment/gaps"),
]


def measure(client: Client, url: str, repeat: int = 5) -> tuple[int, int, float]:
    """(status, queries, median ms) of GET url."""
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
    return response.status_code, len(queries), statistics.median(timings)


def main() -> None:
    logging.disable(logging.WARNING)  # 404s of pages are reported in the table
    setup_test_environment()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    tracemalloc.start()
    call_command("load_reference", stdout=io.StringIO())
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"load_reference (all 91,599 regions + framework): {time.perf_counter() - start:.1f} s, peak Python memory {peak / 1e6:.0f} MB")
    start = time.perf_counter()
    call_command("load_demo", stdout=io.StringIO())
    print(f"load_demo (Kota Ambon): {time.perf_counter() - start:.1f} s")

    client = Client()
    client.login(username="kementerian", password="kotacerdas-demo")
    print(f"\n{'read':<28}{'size':>18}{'status':>8}{'queries':>9}{'median ms':>11}")
    for extra_programmes, extra_cities in [(0, 0), (200, 50), (1000, 514)]:
        synthetic.grow(programmes=extra_programmes, cities=extra_cities)
        size = f"{synthetic.programme_count()} prog/{synthetic.city_count()} cities"
        for name, url in PAGES:
            status, queries, ms = measure(client, url)
            print(f"{name:<28}{size:>18}{status:>8}{queries:>9}{ms:>11.1f}")
        print()
    for alias in connections:
        connections[alias].close()


if __name__ == "__main__":
    main()
