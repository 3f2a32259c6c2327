"""Who may start a city's export, and who sees a job, its page, its API record and its result file."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.jobs.models import Job
from kotacerdas.jobs.services import job_start

EXPORTERS = {"kementerian", "koordinator"}


@pytest.mark.parametrize("who", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_only_coordinators_and_the_ministry_export_a_city(who, personas, login, ambon, unchanged):
    client = login(personas[who])
    url = reverse("jobs:city_export", args=[ambon.code])
    if who in EXPORTERS:
        response = client.post(url)
        job = Job.objects.get()
        assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
        assert job.status == "done" and job.actor == personas[who] and job.city == ambon
    else:
        with unchanged():
            response = client.post(url)
        assert response.status_code in {403, 404} if who != "warga" else response.status_code in {302, 403, 404}
        assert not Job.objects.exists()


def test_the_export_is_started_by_post_only(login, koordinator, ambon):
    assert login(koordinator).get(reverse("jobs:city_export", args=[ambon.code])).status_code == 405


@pytest.fixture
def export_job(koordinator, ambon):
    return job_start(actor=koordinator, kind="city.export", city=ambon)


# The job's starter, the coordinators of its city and the ministry's admins see it; nobody else (404, like a job that does not exist).
VIEWERS = {"kementerian", "koordinator"}


@pytest.mark.parametrize("who", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_who_sees_a_job_and_downloads_its_result(who, personas, login, api_token, export_job):
    export_job.refresh_from_db()
    assert export_job.status == "done"
    client = login(personas[who])
    page = client.get(reverse("jobs:detail", args=[export_job.pk]))
    download = client.get(reverse("jobs:result", args=[export_job.pk]))
    user = personas[who]
    headers = api_token(user) if user.is_authenticated else {}
    api = client.get(f"/api/v1/jobs/{export_job.pk}", headers=headers)
    api_file = client.get(f"/api/v1/jobs/{export_job.pk}/result", headers=headers)
    if who in VIEWERS:
        assert page.status_code == 200 and download.status_code == 200 and api.status_code == 200 and api_file.status_code == 200
        assert download["Content-Type"] == "application/zip" and download["Cache-Control"] == "private, no-cache"
        assert api.json()["result_url"] == f"/api/v1/jobs/{export_job.pk}/result"
    else:
        assert page.status_code == 404 and download.status_code == 404
        expected = 401 if who == "warga" else 404
        assert api.status_code == expected and api_file.status_code == expected
        assert api.json()["code"] == ("not_authenticated" if who == "warga" else "not_found")


def test_the_starter_sees_a_job_the_coordinator_of_its_city_too(login, operator_dinkes, koordinator, koordinator_lain, ambon):
    job = job_start(actor=operator_dinkes, kind="tests.count", city=ambon)
    assert login(operator_dinkes).get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    assert login(koordinator).get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    assert login(koordinator_lain).get(reverse("jobs:detail", args=[job.pk])).status_code == 404


def test_a_job_without_a_city_is_its_starters_and_the_ministrys(login, operator_dinkes, koordinator, kementerian):
    job = job_start(actor=operator_dinkes, kind="tests.count")
    assert login(koordinator).get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert login(kementerian).get(reverse("jobs:detail", args=[job.pk])).status_code == 200


def test_no_result_while_running_or_after_failing(login, koordinator, ambon):
    running = Job.objects.create(kind="tests.count", city=ambon, actor=koordinator, status="running")
    failed = job_start(actor=koordinator, kind="tests.refuse", city=ambon)
    client = login(koordinator)
    for job in (running, failed):
        assert client.get(reverse("jobs:result", args=[job.pk])).status_code == 404
        response = client.get(f"/api/v1/jobs/{job.pk}/result")
        assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_unknown_job_ids_answer_404(login, koordinator):
    client = login(koordinator)
    assert client.get("/api/v1/jobs/999999").status_code == 404
    assert client.get(f"/api/v1/jobs/{2**63}").status_code == 422
    assert client.get("/jobs/999999/").status_code == 404


def test_the_public_has_no_job_list(client):
    assert client.get(reverse("jobs:list")).status_code == 302
    assert client.get("/api/v1/jobs").status_code == 401


@pytest.mark.parametrize("who", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_the_api_starts_a_city_export_for_coordinators_and_the_ministry_only(who, personas, client, api_token, ambon, unchanged):
    import io
    import json
    import zipfile

    ambon.is_published = True  # the public sees it: a refusal, not a 404
    ambon.save()
    user = personas[who]
    headers = api_token(user) if user.is_authenticated else {}
    url = f"/api/v1/cities/{ambon.code}/exports"
    if who in EXPORTERS:
        response = client.post(url, headers=headers)
        assert response.status_code == 202, response.content
        job = Job.objects.get()
        started = response.json()
        assert started["id"] == job.pk and started["url"] == f"/api/v1/jobs/{job.pk}" == response["Location"]
        assert (started["kind"], started["city_code"], started["status"]) == ("city.export", "81.71", "done")  # tests run jobs at once
        assert job.actor == user and job.city == ambon
        followed = client.get(started["url"], headers=headers).json()
        assert followed["status"] == "done" and followed["url"] == started["url"]
        archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(followed["result_url"], headers=headers).streaming_content)))
        assert json.loads(archive.read("manifest.json"))["city"]["code"] == "81.71"
    else:
        with unchanged():
            response = client.post(url, headers=headers)
        expected = {"warga": 401, "koordinator_lain": 404}.get(who, 403)  # another city's coordinator sees only theirs
        assert response.status_code == expected, response.content
        assert response.json()["code"] == {401: "not_authenticated", 403: "forbidden", 404: "not_found"}[expected]
        assert not Job.objects.exists()


def test_the_api_answers_before_the_export_has_run(settings, client, api_token, koordinator, ambon):
    """With a runner in the background, 202 comes back with the job still queued (it starts once the request has committed)."""
    settings.JOBS_RUNNER = "thread"
    response = client.post(f"/api/v1/cities/{ambon.code}/exports", headers=api_token(koordinator))
    assert response.status_code == 202 and response.json()["status"] == "queued" and response.json()["result_url"] is None


def test_an_unknown_or_unseen_city_has_no_export(client, api_token, kementerian, koordinator_lain, ambon, unchanged):
    for user, code in (
        (kementerian, "99.99"),
        (koordinator_lain, ambon.code),
    ):  # Ambon is not published: Tual's coordinator does not see it
        headers = api_token(user)
        with unchanged():
            response = client.post(f"/api/v1/cities/{code}/exports", headers=headers)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
