"""Benchmark of the books: Buku II for the Ambon demo and for a synthetic city with 300 programmes,
as DOCX and as PDF (typst), beside LibreOffice converting the same DOCX to PDF. Prints figures only.

    python bench/books.py                       # SQLite in a temporary file
    BENCH_REPEAT=3 python bench/books.py        # median of three runs each
"""

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-books.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
os.environ["DEBUG"] = "False"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import synthetic  # noqa: E402
from kotacerdas.books.build import build  # noqa: E402
from kotacerdas.cities.models import City, Cohort, Opd, Stakeholder  # noqa: E402
from kotacerdas.framework.models import StakeholderType  # noqa: E402
from kotacerdas.masterplan.models import Masterplan  # noqa: E402
from kotacerdas.regions.models import Region  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "1"))


def timed(fn) -> tuple[float, object, int]:
    """(median seconds, last result, queries of the last run)."""
    timings, result, queries = [], None, 0
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = fn()
            timings.append(time.perf_counter() - start)
        queries = len(captured)
    return statistics.median(timings), result, queries


def soffice(docx: bytes) -> float | None:
    binary = shutil.which("soffice")
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="kc-bench-") as tmp:
        source = Path(tmp) / "book.docx"
        source.write_bytes(docx)
        # A first run creates the private profile, so the timed runs measure the conversion.
        command = [binary, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)]
        subprocess.run(command, capture_output=True, check=True, timeout=600)
        timings = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, timeout=600)
            timings.append(time.perf_counter() - start)
        return statistics.median(timings)


def synthetic_city(programmes: int) -> Masterplan:
    region = Region.objects.filter(level="regency", city__isnull=True).order_by("code").first()
    city = City.objects.create(region=region, cohort=Cohort.objects.filter(year=2021).first(), is_demo=True)
    Opd.objects.bulk_create([Opd(city=city, name=f"Dinas Sintetis {k}", short_name=f"DS{k}") for k in range(25)])
    bumn = StakeholderType.objects.get(code="bumn")
    Stakeholder.objects.bulk_create([Stakeholder(city=city, name=f"Mitra Sintetis {k}", type=bumn) for k in range(12)])
    plan = Masterplan.objects.create(
        city=city, title="Masterplan Smart City", start_year=2022, end_year=2026, vision="Kota sintetis yang cerdas"
    )
    synthetic._programmes(plan, programmes, list(city.opds.all()), list(city.stakeholders.all()), "bench")
    return Masterplan.objects.select_related("city__region__parent").get(pk=plan.pk)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_reference", only_regency="81.71", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    ambon = Masterplan.objects.select_related("city__region__parent").get(city__region_id="81.71")
    cases = [("Ambon demo", ambon), ("synthetic, 300 programmes", synthetic_city(300))]
    build(ambon, "3", "pdf", "id")  # warm up: imports, fonts, matplotlib
    print(f"Buku II, median of {REPEAT} run(s) each\n")
    print(f"{'city':<28}{'programmes':>11}{'format':>8}{'queries':>9}{'pages/KiB':>12}{'seconds':>9}")
    for label, plan in cases:
        n = plan.programmes.count()
        results = {}
        for fmt in ("docx", "pdf"):
            seconds, built, queries = timed(lambda fmt=fmt, plan=plan: build(plan, "2", fmt, "id"))
            results[fmt] = (seconds, built)
            size = f"{len(built.content) / 1024:,.0f} KiB"
            if fmt == "pdf":
                import pypdf

                size = f"{len(pypdf.PdfReader(io.BytesIO(built.content)).pages)} p."
            print(f"{label:<28}{n:>11}{fmt:>8}{queries:>9}{size:>12}{seconds:>9.2f}")
        office = soffice(results["docx"][1].content)
        if office is None:
            print(f"{label:<28}{n:>11}{'soffice':>8}{'':>9}{'':>12}{'absent':>9}")
            continue
        print(f"{label:<28}{n:>11}{'soffice':>8}{'':>9}{'DOCX→PDF':>12}{office:>9.2f}")
        ours = results["pdf"][0]
        print(f"{'':<28}{'':>11}  ratio: our PDF takes {ours / office:.2f}× LibreOffice's conversion time ({office / ours:.1f}× faster)\n")


if __name__ == "__main__":
    main()
