"""The shape every write takes: validate, save, audit, all in one transaction.

Domain services (`<app>/services.py`) check permissions and domain rules, then call these.
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from kotacerdas.core import audit, concurrency
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


# The default of an update service's keyword arguments: "not given, leave as it is" (None may be a value).
UNCHANGED = _Unchanged()


def given(**fields) -> dict:
    """The keyword arguments an update service was actually given."""
    return {name: value for name, value in fields.items() if value is not UNCHANGED}


def check_editable(fields: dict, allowed: set[str]) -> None:
    """Refuse fields an update service may not change for this actor (`not_editable`, naming them)."""
    extra = sorted(set(fields) - allowed)
    if extra:
        raise ServiceError(
            CoreError.NOT_EDITABLE, _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(extra)}, field=extra[0]
        )


def required_text(value, field: str, message: str) -> str:
    """`value` stripped; a blank one is refused with `required` on `field`."""
    text = str(value or "").strip()
    if not text:
        raise ServiceError(CoreError.REQUIRED, message, field=field)
    return text


@transaction.atomic
def record_create(*, actor, model: type[models.Model], data: dict, m2m: dict | None = None, city=None) -> models.Model:
    """Create a validated record and audit it."""
    instance = model(**data)
    instance.full_clean()
    instance.save()
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    audit.record(actor=actor, action="create", instance=instance, city=city)
    return instance


@transaction.atomic
def record_update(*, actor, instance: models.Model, data: dict, m2m: dict | None = None, city=None) -> models.Model:
    """Change fields of a record; audit before/after when something changed.

    The row is re-read under a lock first, so only the fields in `data` (and `m2m`) change and a
    concurrent change of other fields is kept; a change based on another version than the
    current one is refused (`core.concurrency`). A `Versioned` record's version goes up by one
    when the change alters it.
    """
    concurrency.lock(instance)
    before = audit.snapshot(instance)
    for field, value in data.items():
        setattr(instance, field, value)
    instance.full_clean()
    changed_m2m = {name: values for name, values in (m2m or {}).items() if sorted(getattr(v, "pk", v) for v in values) != before.get(name)}
    if audit.snapshot(instance) == before and not changed_m2m:
        return instance
    if concurrency.is_versioned(instance):
        instance.version += 1
    instance.save()
    for name, values in changed_m2m.items():
        getattr(instance, name).set(values)
    audit.record(actor=actor, action="update", instance=instance, before=before, after=audit.snapshot(instance), city=city)
    return instance


@transaction.atomic
def record_delete(*, actor, instance: models.Model, city=None) -> None:
    """Delete a record unless others still point at it; audit what it was."""
    before = audit.snapshot(instance)
    city = city or audit.city_of(instance)
    pk, label = instance.pk, str(instance)
    try:
        instance.delete()
    except (ProtectedError, RestrictedError) as exc:
        raise ServiceError(
            CoreError.STILL_LINKED,
            _("“%(record)s” cannot be deleted: other records still use it (%(count)d).")
            % {"record": label, "count": len(exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects)},
        ) from exc
    instance.pk = pk
    audit.record(actor=actor, action="delete", instance=instance, before=before, after=None, city=city)
