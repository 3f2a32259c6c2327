"""Build the masterplan package of one city or of every city, as files in a folder.

manage.py build_books --city 81.71                       # every book, every format, both languages
manage.py build_books --all --format pdf --lang id --out /tmp/books
manage.py build_books --city 81.71 --book 2 --book 3
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kotacerdas.books.build import BOOKS, FORMATS, LANGS, build
from kotacerdas.cities.models import City
from kotacerdas.masterplan import selectors as plan_selectors


class Command(BaseCommand):
    help = "Build Buku I–IV, the commitment sheet and the presentation of a city's current masterplan (or of every city's)."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--city", help="Region code of the city, e.g. 81.71")
        which.add_argument("--all", action="store_true", help="Every city that has a masterplan")
        parser.add_argument("--book", action="append", choices=BOOKS, help="Only this book (repeatable); all by default")
        parser.add_argument("--format", action="append", choices=("docx", "pdf", "pptx"), help="Only this format (repeatable)")
        parser.add_argument("--lang", action="append", choices=LANGS, help="Only this language (repeatable)")
        parser.add_argument("--out", default="books", help="Folder for the files (one subfolder per city); default ./books")

    def handle(self, *args, city=None, all=False, book=None, format=None, lang=None, out="books", **options):
        cities = City.objects.select_related("region__parent").order_by("region__code")
        if city:
            cities = cities.filter(region_id=city)
            if not cities.exists():
                raise CommandError(f"No city with code {city}.")
        jobs = []
        for each in cities:
            plan = plan_selectors.current_masterplan(each)
            if plan is None:
                self.stdout.write(self.style.WARNING(f"{each.code} {each.name}: no masterplan, skipped"))
                continue
            plan.city = each
            for b in book or BOOKS:
                for fmt in FORMATS[b]:
                    if format and fmt not in format:
                        continue
                    for language in lang or LANGS:
                        jobs.append((plan, b, fmt, language))
        if not jobs:
            raise CommandError("Nothing to build (no masterplan, or no book in the chosen formats).")
        total = len(jobs)
        started = time.perf_counter()
        for n, (plan, b, fmt, language) in enumerate(jobs, 1):
            folder = Path(out) / plan.city.code
            folder.mkdir(parents=True, exist_ok=True)
            t = time.perf_counter()
            built = build(plan, b, fmt, language)
            (folder / built.filename).write_bytes(built.content)
            self.stdout.write(
                f"[{n:>{len(str(total))}}/{total}] {plan.city.code} {built.filename}  {len(built.content) / 1024:,.0f} KiB  {time.perf_counter() - t:.1f} s"
            )
        self.stdout.write(self.style.SUCCESS(f"{total} files in {out} ({time.perf_counter() - started:.1f} s)"))
