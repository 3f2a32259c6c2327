"""Loading the official region codes (idn-area-data) into the database."""

from __future__ import annotations

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction

from kotacerdas.core.models import ReferenceDataset
from kotacerdas.regions.models import Level, Region

REGIONS_DIR = settings.BASE_DIR / "data" / "regions"
FILES = [
    ("provinces.csv", Level.PROVINCE, None),
    ("regencies.csv", Level.REGENCY, "province_code"),
    ("districts.csv", Level.DISTRICT, "regency_code"),
    ("villages.csv", Level.VILLAGE, "district_code"),
]
DATASET = {
    "name": "idn-area-data",
    "version": "4.0.1",
    "source": "npm package idn-area-data 4.0.1 (Kemendagri codes)",
    "licence": "Open Database License (ODbL) 1.0",
    "attribution": "Region data © idn-area-data contributors (fityannugroho/idn-area-data), ODbL 1.0.",
}


def _rows(directory: Path, only_regency: str | None):
    for filename, level, parent_column in FILES:
        with open(directory / filename, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                code = row["code"]
                parent = row[parent_column] if parent_column else None
                if only_regency and level in (Level.DISTRICT, Level.VILLAGE) and not code.startswith(only_regency + "."):
                    continue
                yield code, row["name"], level, parent


@transaction.atomic
def regions_load(*, directory: Path = REGIONS_DIR, only_regency: str | None = None) -> dict[str, int]:
    """Insert new regions and rename changed ones; idempotent. Returns counts per level.

    `only_regency` limits districts and villages to one regency (fast test databases).
    """
    existing = dict(Region.objects.values_list("code", "name"))
    new, renamed = [], []
    counts = {level.value: 0 for level in Level}
    for code, name, level, parent in _rows(directory, only_regency):
        counts[level] += 1
        if code not in existing:
            new.append(Region(code=code, name=name, level=level, parent_id=parent))
        elif existing[code] != name:
            renamed.append(Region(code=code, name=name))
    Region.objects.bulk_create(new, batch_size=5000)
    Region.objects.bulk_update(renamed, ["name"], batch_size=2000)
    _load_points(directory)
    _load_time_zones(directory)
    ReferenceDataset.objects.update_or_create(
        name=DATASET["name"], defaults={**{k: v for k, v in DATASET.items() if k != "name"}, "row_count": sum(counts.values())}
    )
    return counts


TIME_ZONES = {
    "name": "time-zones",
    "version": "Keppres 41/1987",
    "source": "Keputusan Presiden No. 41 Tahun 1987 (three time zones: WIB, WITA, WIT), per province; data/regions/time_zones.csv",
    "licence": "Public law (not subject to copyright, UU 28/2014 art. 42)",
    "attribution": "",
}


def _load_time_zones(directory: Path) -> None:
    """Each province's time zone (a city's times show in it); idempotent."""
    with open(directory / "time_zones.csv", newline="", encoding="utf-8") as handle:
        zones = {row["code"]: row["time_zone"] for row in csv.DictReader(handle)}
    provinces = [region for region in Region.objects.filter(code__in=zones) if region.time_zone != zones[region.code]]
    for region in provinces:
        region.time_zone = zones[region.code]
    Region.objects.bulk_update(provinces, ["time_zone"])
    ReferenceDataset.objects.update_or_create(
        name=TIME_ZONES["name"], defaults={**{k: v for k, v in TIME_ZONES.items() if k != "name"}, "row_count": len(zones)}
    )


def _load_points(directory: Path) -> None:
    with open(directory / "points.csv", newline="", encoding="utf-8") as handle:
        points = {row["code"]: row for row in csv.DictReader(handle)}
    regions = list(Region.objects.filter(code__in=points, latitude__isnull=True))
    for region in regions:
        region.latitude = points[region.code]["latitude"]
        region.longitude = points[region.code]["longitude"]
    Region.objects.bulk_update(regions, ["latitude", "longitude"])
