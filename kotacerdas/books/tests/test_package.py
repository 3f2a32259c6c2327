"""The whole package as a background job: every book in every format in one zip, for signed-in readers of the city."""

import io
import zipfile

import pytest
from django.urls import reverse

from kotacerdas.books import versions
from kotacerdas.books.build import BOOKS, FORMATS, filename
from kotacerdas.books.tests.helpers import docx_file, docx_text
from kotacerdas.jobs.models import Job
from kotacerdas.programmes.models import ProgrammeYear

ROLES = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]
BUILDERS = {"kementerian", "penilai", "koordinator", "operator_dinkes", "mitra"}


def test_the_package_holds_every_book_in_every_format(complete, login, koordinator):
    plan = complete["masterplan"]
    response = login(koordinator).post(reverse("books:package", args=[plan.city.code]), {"masterplan": plan.pk, "lang": "en"})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert job.status == "done" and job.kind == "books.package" and job.progress_done == job.progress_total == 12
    with job.result_file.open("rb") as stored:
        names = set(zipfile.ZipFile(io.BytesIO(stored.read())).namelist())
    assert names == {filename(plan, book, fmt, "en") for book in BOOKS for fmt in FORMATS[book]}


def test_the_package_of_version_1_holds_the_plan_as_it_was_frozen(complete, login, koordinator, monkeypatch):
    monkeypatch.setattr("kotacerdas.books.job_kinds.BOOKS", ("2", "commitment"))  # Buku II holds the programmes
    plan = complete["masterplan"]
    first = complete["programmes"][0]
    versions.version_freeze(actor=koordinator, masterplan=plan, note="Draf setelah Bimtek III")
    old_name = first.name
    first.name = "Telemedisin Puskesmas Keliling"
    first.save()
    ProgrammeYear.objects.filter(programme=first).update(budget=777_000_000)
    client = login(koordinator)
    page = client.get(reverse("books:version_detail", args=[plan.city.code, 1]) + f"?masterplan={plan.pk}").content.decode()
    assert "Susun paket versi 1 (zip)" in page and 'name="version" value="1"' in page

    client.post(reverse("books:package", args=[plan.city.code]), {"masterplan": plan.pk, "lang": "id", "version": "1"})
    job = Job.objects.get()
    assert job.status == "done" and job.params["version"] == 1
    assert job.result_name.endswith("-v1-id.zip")
    version = versions.version_or_error(plan, 1)
    with job.result_file.open("rb") as stored:
        bundle = zipfile.ZipFile(io.BytesIO(stored.read()))
    assert set(bundle.namelist()) == {
        filename(plan, book, fmt, "id", version=version) for book in ("2", "commitment") for fmt in FORMATS[book]
    }
    text = docx_text(docx_file(bundle.read(filename(plan, "2", "docx", "id", version=version))))
    assert old_name in text.split("\n") and "Telemedisin Puskesmas Keliling" not in text
    assert "Rp 100.000.000" in text and "Rp 777.000.000" not in text


def test_a_package_of_a_version_that_does_not_exist_is_refused(login, koordinator, bare_plan, unchanged):
    with unchanged():
        response = login(koordinator).post(reverse("books:package", args=["81.71"]), {"lang": "id", "version": "7"})
    assert response.status_code == 404


@pytest.mark.parametrize("who", ROLES)
def test_who_may_build_the_package(who, personas, login, ambon, bare_plan, unchanged, monkeypatch):
    monkeypatch.setattr("kotacerdas.books.job_kinds.BOOKS", ("commitment",))  # one book is enough to tell who may
    url = reverse("books:package", args=[ambon.code])
    client = login(personas[who])
    if who in BUILDERS:
        assert client.post(url, {"lang": "id"}).status_code == 302
        assert Job.objects.get().actor == personas[who]
    else:
        with unchanged():
            response = client.post(url, {"lang": "id"})
        assert response.status_code in {403, 404}
        assert not Job.objects.exists()


def test_an_unknown_language_is_refused(login, koordinator, bare_plan, unchanged):
    with unchanged():
        assert login(koordinator).post(reverse("books:package", args=["81.71"]), {"lang": "fr"}).status_code == 404
