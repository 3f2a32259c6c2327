"""Jobs run to their end on a real Celery worker, in a thread of the web process and at once, with visible progress."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse
from django.utils import translation

from kotacerdas.jobs.models import Job
from kotacerdas.jobs.services import job_start
from kotacerdas.jobs.tests.conftest import gate, wait_for


def _api(client, job):
    response = client.get(f"/api/v1/jobs/{job.pk}")
    assert response.status_code == 200, response.content
    return response.json()


def _follow_steps(client, job, steps=3):
    """Let a waiting `tests.count` job go step by step, checking what the API shows at each."""
    for step in range(steps):
        assert gate["reached"].wait(20), "the job did not reach its next step"
        gate["reached"].clear()
        shown = _api(client, job)
        assert shown["status"] == "running"
        assert (shown["progress_done"], shown["progress_total"], shown["message"]) == (step, steps, f"step {step + 1}")
        page = client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
        assert f'value="{step}"' in page and f'max="{steps}"' in page and 'hx-trigger="every 1s"' in page
        gate["step"].set()
    wait_for(lambda: Job.objects.get(pk=job.pk).finished)
    shown = _api(client, job)
    assert shown["status"] == "done" and shown["result"] == {"summary": "Counted to 3."}
    download = client.get(shown["result_url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"counted 3"
    assert 'filename="count.txt"' in download["Content-Disposition"]
    page = client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in page and reverse("jobs:result", args=[job.pk]) in page  # polling stops


def test_a_celery_worker_runs_the_job_and_its_progress_shows(celery_worker, login, koordinator, ambon):
    client = login(koordinator)
    job = job_start(actor=koordinator, kind="tests.count", city=ambon, params={"steps": 3, "wait": True})
    assert job.status == "queued"
    _follow_steps(client, job)


def test_a_failing_job_on_the_worker_ends_failed_with_its_message(celery_worker, login, koordinator, ambon):
    job = job_start(actor=koordinator, kind="tests.refuse", city=ambon)
    job = wait_for(lambda: Job.objects.filter(pk=job.pk, status="failed").first())
    with translation.override("id"):
        assert job.error == translation.gettext("A value is outside the allowed range.")
    assert job.error != "A value is outside the allowed range."  # in the starter's language (Indonesian)


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_a_thread_of_the_web_process_runs_the_job(settings, login, koordinator, ambon):
    settings.JOBS_RUNNER = "thread"
    client = login(koordinator)
    try:
        job = job_start(actor=koordinator, kind="tests.count", city=ambon, params={"steps": 3, "wait": True})
        _follow_steps(client, job)
    finally:
        gate["step"].set()  # never leave the thread waiting


@pytest.mark.django_db(transaction=True)
def test_the_thread_starts_only_after_the_request_commits(settings, login, koordinator, ambon):
    """The page answers at once: the job starts after the starting request's transaction, not inside it."""
    settings.JOBS_RUNNER = "thread"
    response = login(koordinator).post(reverse("jobs:city_export", args=[ambon.code]))
    assert response.status_code == 302
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    done = wait_for(lambda: Job.objects.filter(pk=job.pk, status="done").first())
    assert done.result_name.startswith("kotacerdas-81.71-") and done.result["records"] > 0


def test_a_refusal_inside_a_job_fails_it_with_the_translated_message(login, koordinator, ambon):
    job = job_start(actor=koordinator, kind="tests.refuse", city=ambon)
    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at is not None
    client = login(koordinator)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert job.error in page and "alert-danger" in page and "hx-trigger" not in page


def test_an_unexpected_error_fails_the_job_with_a_neutral_message_and_logs_the_traceback(login, koordinator, ambon, caplog):
    with caplog.at_level(logging.ERROR, logger="kotacerdas.jobs.runner"):
        job = job_start(actor=koordinator, kind="tests.crash", city=ambon)
    job.refresh_from_db()
    assert job.status == "failed" and str(job.pk) in job.error
    assert "hunter2" not in job.error and "Traceback" not in job.error
    assert any("hunter2" in (record.exc_text or "") or record.exc_info for record in caplog.records)
    client = login(koordinator)
    for body in (client.get(reverse("jobs:detail", args=[job.pk])).content.decode(), client.get(f"/api/v1/jobs/{job.pk}").content.decode()):
        assert "hunter2" not in body and "Traceback" not in body and "RuntimeError" not in body


def test_a_permission_refusal_inside_a_job_fails_it(koordinator, ambon):
    job = job_start(actor=koordinator, kind="tests.forbidden", city=ambon)
    job.refresh_from_db()
    assert job.status == "failed" and job.error == "You may not."


def test_a_redelivered_running_job_is_marked_interrupted(koordinator, ambon):
    from kotacerdas.jobs import runner

    job = Job.objects.create(kind="tests.count", city=ambon, actor=koordinator, status="running")
    runner.run(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and job.error


def test_starting_a_job_is_audited(koordinator, ambon):
    from kotacerdas.core.models import AuditEvent

    job = job_start(actor=koordinator, kind="tests.count", city=ambon)
    event = AuditEvent.objects.get(model="jobs.job")
    assert event.object_pk == str(job.pk) and event.actor == koordinator and event.city == ambon and event.action == "create"


def test_my_jobs_lists_mine_only(login, koordinator, operator_dinkes, ambon, django_assert_max_num_queries):
    for _ in range(30):
        Job.objects.create(kind="tests.count", city=ambon, actor=koordinator)
    Job.objects.create(kind="tests.count", city=ambon, actor=operator_dinkes)
    client = login(koordinator)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("jobs:list")).content.decode()
    assert page.count("Counting (test)") == 25
    assert client.get("/api/v1/jobs").json()["count"] == 30


def test_a_job_shows_when_it_started_in_its_city_s_time(login, koordinator, ambon):
    """Ambon reads Eastern Indonesia Time (WIT), as the audit trail shows it, not the server's WIB."""
    job = Job.objects.create(kind="tests.count", city=ambon, actor=koordinator)
    client = login(koordinator)
    assert " WIT" in client.get(reverse("jobs:list")).content.decode()
    assert " WIT" in client.get(reverse("jobs:detail", args=[job.pk])).content.decode()


def _silent_thread_job(actor, city, *, status, seconds, language="id"):
    """A thread job whose process stopped `seconds` ago (its last heartbeat then)."""
    from datetime import timedelta

    from django.utils import timezone

    then = timezone.now() - timedelta(seconds=seconds)
    job = Job.objects.create(kind="tests.count", city=city, actor=actor, status=status, runner="thread", language=language)
    Job.objects.filter(pk=job.pk).update(
        created_at=then, started_at=then if status == "running" else None, heartbeat_at=then if status == "running" else None
    )
    return job


def test_a_thread_job_lost_with_its_process_is_failed_when_someone_looks_at_it(settings, login, koordinator, ambon):
    settings.JOBS_LOST_AFTER_SECONDS = 120
    lost = _silent_thread_job(koordinator, ambon, status="running", seconds=121)
    recent = _silent_thread_job(koordinator, ambon, status="running", seconds=30)
    client = login(koordinator)
    shown = _api(client, lost)
    assert shown["status"] == "failed" and shown["finished_at"]
    with translation.override("id"):
        assert shown["error"] == translation.gettext("The job was interrupted (the server stopped). Please start it again.")
    assert shown["error"] != "The job was interrupted (the server stopped). Please start it again."  # the starter's language
    page = client.get(reverse("jobs:detail", args=[lost.pk]), headers={"HX-Request": "true"}).content.decode()
    assert shown["error"] in page and "hx-trigger" not in page  # the page stops polling
    assert _api(client, recent)["status"] == "running"


def test_my_jobs_fails_my_lost_jobs_only_and_leaves_other_runners_alone(settings, login, koordinator, operator_dinkes, ambon):
    settings.JOBS_LOST_AFTER_SECONDS = 120
    queued = _silent_thread_job(koordinator, ambon, status="queued", seconds=600, language="en")
    others = _silent_thread_job(operator_dinkes, ambon, status="running", seconds=600)
    on_celery = Job.objects.create(kind="tests.count", city=ambon, actor=koordinator, status="queued", runner="celery")
    Job.objects.filter(pk=on_celery.pk).update(created_at=queued.created_at)  # waiting for a worker is not lost
    items = {item["id"]: item for item in login(koordinator).get("/api/v1/jobs").json()["items"]}
    assert items[queued.pk]["status"] == "failed"
    assert items[queued.pk]["error"] == "The job was interrupted (the server stopped). Please start it again."
    assert items[on_celery.pk]["status"] == "queued"
    others.refresh_from_db()
    assert others.status == "running"


def test_the_web_server_fails_lost_jobs_when_it_starts(settings, koordinator, ambon):
    import importlib

    import kotacerdas.wsgi

    settings.JOBS_LOST_AFTER_SECONDS = 120
    lost = _silent_thread_job(koordinator, ambon, status="running", seconds=300)
    done = Job.objects.create(kind="tests.count", city=ambon, actor=koordinator, status="done", runner="thread")
    importlib.reload(kotacerdas.wsgi)
    lost.refresh_from_db()
    done.refresh_from_db()
    assert lost.status == "failed" and lost.error
    assert done.status == "done" and not done.error


@pytest.mark.django_db(transaction=True)
def test_a_running_thread_job_keeps_beating_and_is_never_taken_for_lost(settings, login, koordinator, ambon):
    settings.JOBS_RUNNER = "thread"
    settings.JOBS_HEARTBEAT_SECONDS = 0.05
    settings.JOBS_LOST_AFTER_SECONDS = 1
    gate["step"].clear()
    gate["reached"].clear()
    client = login(koordinator)
    try:
        job = job_start(actor=koordinator, kind="tests.count", city=ambon, params={"steps": 1, "wait": True})
        assert gate["reached"].wait(20)
        first = Job.objects.get(pk=job.pk).heartbeat_at
        wait_for(lambda: Job.objects.get(pk=job.pk).heartbeat_at > first, what="a heartbeat")
        import time

        time.sleep(1.5)  # longer than JOBS_LOST_AFTER_SECONDS since the job started
        assert _api(client, job)["status"] == "running"
        assert client.get("/api/v1/jobs").json()["items"][0]["status"] == "running"
    finally:
        gate["step"].set()
    assert wait_for(lambda: Job.objects.filter(pk=job.pk, status="done").first())
