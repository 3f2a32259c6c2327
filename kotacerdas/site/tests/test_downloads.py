"""Every list page's download (Excel and CSV) on the Ambon demo: the page's rows, translated headers,
the page's scoping, a number of queries that does not follow the number of rows."""

import csv
import io

import pytest
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from openpyxl import load_workbook

from kotacerdas.accounts.demo import system_actor
from kotacerdas.accounts.tests.factories import UserFactory
from kotacerdas.cities import demo as cities_demo
from kotacerdas.cities.models import City
from kotacerdas.core.roles import Role
from kotacerdas.site.management.commands.load_demo import APP_DEMOS

CITY = "/cities/81.71/"
# (list page, its download, the first headers in Indonesian and English, at least this many rows)
DOWNLOADS = [
    ("programmes/", "programmes/export/", ["ID", "Nama", "Dimensi"], ["ID", "Name", "Dimension"], 30),
    ("programmes/roadmap/", "programmes/roadmap/export/", ["Dimensi", "Program"], ["Dimension", "Programme"], 30),
    ("programmes/quick-wins/", "programmes/quick-wins/export/", ["Program", "Dimensi"], ["Programme", "Dimension"], 3),
    ("readiness/", "readiness/export/", ["Aspek", "Jenis"], ["Lens", "Kind"], 20),
    ("alignment/", "alignment/export/", ["Dimensi", "Elemen"], ["Dimension", "Element"], 30),
    ("opd/", "opd/export/", ["Perangkat daerah"], ["Department"], 10),
    ("stakeholders/", "stakeholders/export/", ["Nama", "Jenis"], ["Name", "Type"], 5),
    ("monitoring/", "monitoring/export/", ["Dimensi", "Elemen", "Program"], ["Dimension", "Element", "Programme"], 30),
]


@pytest.fixture(scope="module")
def demo_seeded(django_db_setup, django_db_blocker):
    """The Ambon demo seeded once for the module, rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            actor = system_actor()
            city = cities_demo.seed(actor=actor)
            for dotted in APP_DEMOS:
                import_string(dotted)(actor=actor, city=city)
            yield city.pk
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_seeded, db):
    return City.objects.get(pk=demo_seeded)


@pytest.fixture
def coordinator(demo, client):
    client.force_login(UserFactory(role=Role.COORDINATOR, city=demo))
    return client


def _xlsx(response) -> list[list]:
    assert response.status_code == 200, response.status_code
    return [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize(("page", "download", "headers_id", "headers_en", "at_least"), DOWNLOADS)
def test_each_list_downloads_its_rows_in_few_queries(
    page, download, headers_id, headers_en, at_least, coordinator, django_assert_max_num_queries
):
    html = coordinator.get(CITY + page).content.decode()
    assert f'href="{CITY}{download}?format=xlsx' in html, "the list page offers its download"
    with django_assert_max_num_queries(15):  # the demo has 30+ rows: a query per row would exceed it
        rows = _xlsx(coordinator.get(CITY + download + "?format=xlsx"))
    assert rows[0][: len(headers_id)] == headers_id
    assert len(rows) - 1 >= at_least
    assert all(any(cell not in (None, "") for cell in row) for row in rows[1:])
    response = coordinator.get(CITY + download + "?format=csv")
    text_rows = _csv(response)
    assert len(text_rows) == len(rows), "the CSV holds the same rows as the workbook"
    assert response["Content-Disposition"].endswith(f'-81.71-kota-ambon-{timezone.localdate().isoformat()}.csv"')
    coordinator.cookies["django_language"] = "en"
    assert _csv(coordinator.get(CITY + download + "?format=csv"))[0][: len(headers_en)] == headers_en


@pytest.mark.parametrize(
    ("model", "path", "header"), [("Body", "bodies", "Peran dalam lembaga"), ("Commitment", "commitment", "Atas nama")]
)
def test_members_of_a_body_and_signatories_of_a_commitment_download(model, path, header, demo, coordinator):
    from kotacerdas.cities import models

    record = getattr(models, model).objects.filter(city=demo).first()
    assert f'href="{CITY}{path}/{record.pk}/export/?format=xlsx' in coordinator.get(f"{CITY}{path}/{record.pk}/").content.decode()
    rows = _xlsx(coordinator.get(f"{CITY}{path}/{record.pk}/export/?format=xlsx"))
    assert header in rows[0] and len(rows) > 2


@pytest.mark.parametrize("download", [d[1] for d in DOWNLOADS])
def test_an_unpublished_city_downloads_nothing_for_the_public(download, demo, client):
    City.objects.filter(pk=demo.pk).update(is_published=False)
    assert client.get(CITY + download + "?format=csv").status_code == 404


def test_the_national_ranking_downloads_for_anyone(demo, client, django_assert_max_num_queries):
    page = client.get("/evaluation/").content.decode()
    assert 'href="/evaluation/export/?format=xlsx' in page
    with django_assert_max_num_queries(10):
        rows = _xlsx(client.get("/evaluation/export/?format=xlsx"))
    assert rows[0] == ["Peringkat", "Daerah", "Provinsi", "Tahap kepesertaan", "Peringkat provinsi", "Indeks akhir", "Peningkatan"]
    assert len(rows) > 2 and rows[1][0] == 1
