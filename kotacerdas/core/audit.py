"""The audit trail: every write names its actor and records before/after."""

from __future__ import annotations

import datetime
import decimal

from django.db import models
from django.db.models.fields.files import FieldFile

from kotacerdas.core.models import AuditEvent


def snapshot(instance: models.Model) -> dict:
    """A JSON-safe picture of a record's own fields (foreign keys by id, many-to-many by ids)."""
    data: dict = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        data[field.name] = _jsonable(value)
    if instance.pk:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(getattr(instance, field.attname).values_list("pk", flat=True))
    return data


def _jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def record(*, actor, action: str, instance: models.Model, before: dict | None = None, after: dict | None = None, city=None) -> AuditEvent:
    """Write one audit row. `city` scopes who may read it (defaults to the record's city)."""
    if after is None and action != AuditEvent.Action.DELETE:
        after = snapshot(instance)
    if city is None:
        city = city_of(instance)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(getattr(actor, "username", "") or "system")[:150],
        action=action,
        model=instance._meta.label_lower,
        object_pk=str(instance.pk),
        object_repr=str(instance)[:300],
        city=city,
        before=before,
        after=after,
    )


def city_of(instance):
    """The city a record belongs to, by the `city_path` its model declares (None for national data)."""
    path = getattr(type(instance), "city_path", None)
    if path is None:
        return None
    obj = instance
    for part in filter(None, path.split("__")):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def trail(instance: models.Model):
    """The audit events of one record, newest first."""
    return AuditEvent.objects.filter(model=instance._meta.label_lower, object_pk=str(instance.pk)).select_related("actor")
