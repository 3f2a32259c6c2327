"""The whole package as a background job: every book in every format in one zip, for signed-in readers of the city."""

import io
import zipfile

import pytest
from django.urls import reverse

from kotacerdas.books.build import BOOKS, FORMATS, filename
from kotacerdas.jobs.models import Job

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
