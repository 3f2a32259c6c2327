"""The kinds of job there are: each app registers its long work with `@job_kind` in `<app>/job_kinds.py`.

    from kotacerdas.core import permissions
    from kotacerdas.jobs.registry import job_kind

    @job_kind("city.export", label=_("Export of a city's records"), allowed=permissions.can_manage_city, action="city.manage")
    def export_city(job, **params):
        job.progress(0, 10, _("Reading…"))
        ...
        attach_result(job, "export.zip", file)   # optional: a downloadable file
        job.result = {...}                        # optional: figures shown when done

The function runs in a Celery worker or in the web process (`jobs.runner`), in the language
of the person who started it. A `ServiceError` (or `PermissionDenied`) ends the job failed with
its translated message; any other exception ends it failed with a neutral message, the
traceback going to the log only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError


@dataclass(frozen=True)
class JobKind:
    name: str
    function: Callable
    label: str
    allowed: Callable  # (actor, city) -> bool: who may start it
    action: str  # the `core.permissions` message key of a refusal


KINDS: dict[str, JobKind] = {}


def job_kind(name: str, *, label, allowed: Callable, action: str):
    """Register `function(job, **params)` as the job kind `name`."""

    def register(function):
        KINDS[name] = JobKind(name=name, function=function, label=label, allowed=allowed, action=action)
        return function

    return register


def discover() -> None:
    autodiscover_modules("job_kinds")


def kind_of(name: str) -> JobKind:
    discover()
    if name not in KINDS:
        raise ServiceError(CoreError.BAD_REQUEST, f"Unknown job kind {name!r}", field="kind")
    return KINDS[name]


def label_of(name: str) -> str:
    discover()
    return str(KINDS[name].label) if name in KINDS else name
