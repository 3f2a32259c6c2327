"""The audit trail: every write names its actor and records before/after."""

from __future__ import annotations

import datetime
import decimal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

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


# --- reading the trail: what people see (the stored values stay raw) ---------------------------

# Bookkeeping fields a reader does not need.
NOISE = frozenset({"id", "version", "created_at", "updated_at", "password", "last_login", "date_joined"})
# Keys some services record beside the fields.
PSEUDO_FIELDS = {
    "has_password": _l("Has a password"),
    "password_changed": _l("Password changed"),
    "set_password_link_issued": _l("One-time set-password link issued"),
}
# Records whose child rows belong on their trail: parent label → [(child label, FK to the parent)].
# Registered by the top layer (site), which knows every app.
CHILDREN: dict[str, list[tuple[str, str]]] = {}


def register_children(parent: str, children: list[tuple[str, str]]) -> None:
    CHILDREN.setdefault(parent, [])
    CHILDREN[parent].extend(child for child in children if child not in CHILDREN[parent])


def family_trail(model_label: str, pk: str, limit: int = 200) -> list[AuditEvent]:
    """The events of one record and of its child rows (and theirs), newest first."""
    query = Q(model=model_label, object_pk=str(pk))
    pending = [(model_label, {str(pk)})]
    depth = 0
    while pending and depth < 3:
        depth += 1
        found = []
        for parent, pks in pending:
            for child, fk in CHILDREN.get(parent, []):
                ids = [int(p) if p.isdigit() else p for p in pks]
                child_q = Q(model=child) & (Q(**{f"after__{fk}__in": ids}) | Q(**{f"before__{fk}__in": ids}))
                query |= child_q
                child_pks = set(AuditEvent.objects.filter(child_q).values_list("object_pk", flat=True))
                if child_pks:
                    found.append((child, child_pks))
        pending = found
    return list(AuditEvent.objects.filter(query).select_related("city__region__parent")[:limit])


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


class _Names:
    """Related records by their names, one query per related model for a whole trail."""

    def __init__(self):
        self.wanted: dict = {}
        self.found: dict = {}

    def want(self, model, value):
        if value in (None, "", []):
            return
        values = value if isinstance(value, list) else [value]
        self.wanted.setdefault(model, set()).update(values)

    def load(self):
        for model, pks in self.wanted.items():
            self.found[model] = {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=pks)}

    def name(self, model, pk):
        return self.found.get(model, {}).get(pk, _("#%(id)s (deleted)") % {"id": pk})


def _field(model, key):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def city_zone(city, default: str = "") -> ZoneInfo:
    """The city's own time zone (WIB/WITA/WIT by its province), else `default`, else the server's."""
    name = city.region.zone_name if city is not None else ""
    return ZoneInfo(name or default or settings.TIME_ZONE)


def local_time(moment: datetime.datetime, zone: ZoneInfo, fmt: str = "j M Y H:i") -> str:
    """The moment as read in `zone`, with the zone's abbreviation: “3 Mar 2026 14:05 WIT”."""
    at = moment.astimezone(zone)
    return f"{date_format(at, fmt)} {at.tzname()}"


def _zone(event: AuditEvent, default: str):
    return city_zone(event.city, default)


def _shown(field, value, names: _Names, zone) -> str:
    """One stored value as a person reads it."""
    if value is None or value == "" or value == []:
        return "–"
    if field is None:
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return str(value)
    if field.many_to_many:
        return ", ".join(names.name(field.related_model, pk) for pk in value)
    if field.is_relation:
        return names.name(field.related_model, value)
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    try:
        if isinstance(field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(value)
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, datetime.UTC)
            return local_time(moment, zone, "j F Y H:i")
        if isinstance(field, models.DateField):
            return date_format(datetime.date.fromisoformat(value), "j F Y")
        if isinstance(field, models.DecimalField):
            number = decimal.Decimal(value)
            shown = number_format(number, decimal_pos=0 if number == number.to_integral() else None, use_l10n=True, force_grouping=True)
            return f"Rp {shown}" if _is_money(field) else shown
        if isinstance(field, (models.IntegerField, models.FloatField)) and not isinstance(value, bool):
            return number_format(
                value, use_l10n=True, force_grouping=field.name not in {"year", "start_year", "end_year", "order", "number"}
            )
    except (TypeError, ValueError, decimal.InvalidOperation):
        return str(value)
    return str(value)


def _is_money(field) -> bool:
    text = f"{field.name} {field.verbose_name}".lower()
    return any(word in text for word in ("budget", "anggaran", "amount", "(rp)", "realised_budget", "cost"))


def _label(model, key) -> str:
    field = _field(model, key)
    if field is not None:
        return capfirst(str(field.verbose_name))
    return capfirst(str(PSEUDO_FIELDS.get(key, key.replace("_", " "))))


def readable(events: list[AuditEvent], *, parent_label: str = "", default_zone: str = "") -> list[dict]:
    """The events as people read them: field labels, choice labels, related records by name,
    Ya/Tidak, formatted money and dates, no bookkeeping fields, times in the city's own zone
    (WIB/WITA/WIT by its province). `parent_label` marks the child rows of the record shown."""
    default_zone = default_zone or settings.TIME_ZONE
    names = _Names()
    prepared = []
    for event in events:
        model = _model(event.model)
        before, after = event.before or {}, event.after or {}
        if event.action == AuditEvent.Action.UPDATE:
            keys = [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
        else:
            data = after if event.action == AuditEvent.Action.CREATE else before
            keys = [k for k in data if data.get(k) not in (None, "", [], False)]
        keys = [k for k in keys if k not in NOISE]
        for key in keys:
            field = _field(model, key)
            if field is not None and field.is_relation:
                names.want(field.related_model, before.get(key))
                names.want(field.related_model, after.get(key))
        prepared.append((event, model, keys))
    names.load()
    result = []
    for event, model, keys in prepared:
        zone = _zone(event, default_zone)
        at = event.at.astimezone(zone)
        before, after = event.before or {}, event.after or {}
        rows = []
        for key in keys:
            field = _field(model, key)
            rows.append(
                {
                    "label": _label(model, key),
                    "old": _shown(field, before.get(key), names, zone) if event.action != AuditEvent.Action.CREATE else None,
                    "new": _shown(field, after.get(key), names, zone) if event.action != AuditEvent.Action.DELETE else None,
                }
            )
        result.append(
            {
                "event": event,
                "at": at,
                # formatted here: the template's date filter would convert back to the server's zone
                "at_text": local_time(at, zone),
                "record_type": capfirst(str(model._meta.verbose_name)) if model else event.model,
                "is_child": bool(parent_label) and event.model != parent_label,
                "rows": rows,
            }
        )
    return result
