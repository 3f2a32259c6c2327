"""Migrations 0005–0007 carry every city's bare cohort year into a cohort record, and back.

Run in a process of its own on a database of its own (a file in the test's temporary folder),
migrated to the schema before the cohorts, so the test database the other tests share is left alone.
"""

import json
import os
import subprocess
import sys

from django.conf import settings

SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE, AFTER = "0004_merge_cycles_and_versions", "0007_remove_city_cohort_year"


def models_at(name):
    return MigrationExecutor(connection).loader.project_state([("cities", name)]).apps


call_command("migrate", "cities", BEFORE, verbosity=0)
old = models_at(BEFORE)
Region, City = old.get_model("regions", "Region"), old.get_model("cities", "City")
province = Region.objects.create(code="81", name="Maluku", level="province")
for code, year in {"81.71": 2019, "81.72": 2021, "81.01": 2019, "81.02": None}.items():
    region = Region.objects.create(code=code, name="Daerah " + code, level="regency", parent=province)
    City.objects.create(region=region, cohort_year=year, mou_number="MoU " + code)

call_command("migrate", "cities", AFTER, verbosity=0)
new = models_at(AFTER)
Cohort, City = new.get_model("cities", "Cohort"), new.get_model("cities", "City")
result = {
    "cohorts": list(Cohort.objects.order_by("year").values_list("year", "stage_number", "selected_count")),
    "after": dict(City.objects.values_list("region_id", "cohort__year")),
    "mou": sorted(City.objects.values_list("mou_number", flat=True)),
}
call_command("migrate", "cities", BEFORE, verbosity=0)
result["back"] = dict(models_at(BEFORE).get_model("cities", "City").objects.values_list("region_id", "cohort_year"))
print(json.dumps(result))
"""


def test_each_cohort_year_becomes_one_cohort_and_comes_back(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'migration.sqlite3'}", "DJANGO_SETTINGS_MODULE": "kotacerdas.settings"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    years = {"81.71": 2019, "81.72": 2021, "81.01": 2019, "81.02": None}
    assert result["cohorts"] == [[2019, None, None], [2021, None, None]]
    assert result["after"] == years and result["back"] == years
    assert result["mou"] == sorted(f"MoU {code}" for code in years)
