"""Background jobs (Celery, or in-process without a broker) with progress and downloadable results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.storage import private_storage


class Job(models.Model):
    """One run of a registered job kind (`jobs.registry`), started by a person, maybe for a city."""

    city_path = "city"

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Runner(models.TextChoices):
        CELERY = "celery", _("Celery worker")
        THREAD = "thread", _("thread of the web process")
        SYNC = "sync", _("at once")

    kind = models.CharField(_("kind"), max_length=60)
    city = models.ForeignKey("cities.City", verbose_name=_("city"), on_delete=models.CASCADE, null=True, blank=True, related_name="jobs")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs"
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="id")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    runner = models.CharField(_("runs on"), max_length=10, choices=Runner.choices, blank=True)
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    result_file = models.FileField(_("result file"), storage=private_storage, max_length=200, blank=True)
    result_name = models.CharField(_("result file name"), max_length=200, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Written every JOBS_HEARTBEAT_SECONDS while a thread of the web process runs the job (`jobs.runner`).
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["actor", "-created_at"]), models.Index(fields=["city", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_done__lte=models.F("progress_total")) | models.Q(progress_total=0),
                name="job_progress_within_total",
                violation_error_message=_("A job cannot have done more than its total."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} #{self.pk}"

    @property
    def label(self) -> str:
        from kotacerdas.jobs.registry import label_of

        return label_of(self.kind)

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report progress from inside a job kind's function (see `jobs.runner.report_progress`)."""
        from kotacerdas.jobs.runner import report_progress

        report_progress(self, done, total, message)
