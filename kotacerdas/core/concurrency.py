"""No lost edits: a change based on an older version of a record is refused, not written over
someone else's.

Every editable record is `core.models.Versioned`. The edge that received a change says which
version it was based on, for the duration of the service call:
- the API from the `If-Match` header (`from_request`; the ETag it answers is `etag(version)`);
- a page from the form's hidden `version` field (`track_version` + `core.forms.write_from_form`).
`core.services.record_update` then re-reads the row under a lock (`lock`), refuses a different
version with 412 `version_conflict` and bumps the version when the change alters the record.
A stale page form is shown again with what changed meanwhile (`merge_form`): the other person's
changes to fields this person left alone are taken over, fields both changed are listed, and
saving again applies the form.
"""

from __future__ import annotations

import json
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

from kotacerdas.core import audit
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent

# (model label, pk) → the versions a change may be based on, for the service call running now.
_expected: ContextVar[dict | None] = ContextVar("expected_versions", default=None)


def is_versioned(instance_or_model) -> bool:
    return any(field.name == "version" for field in instance_or_model._meta.concrete_fields)


def _key(instance: models.Model) -> tuple[str, str]:
    return instance._meta.label_lower, str(instance.pk)


@contextmanager
def expect(instance: models.Model, versions):
    """While the block runs, a change of `instance` must be based on one of `versions` (an int or
    a set of ints); None expects nothing."""
    if versions is None or not is_versioned(instance):
        yield
        return
    versions = frozenset([versions] if isinstance(versions, int) else versions)
    if instance.version not in versions:
        raise conflict(instance, min(versions))
    token = _expected.set({**(_expected.get() or {}), _key(instance): versions})
    try:
        yield
    finally:
        _expected.reset(token)


def lock(instance: models.Model) -> None:
    """Re-read the record's row under a lock (SELECT … FOR UPDATE; SQLite's write transaction
    serialises writers already), so a change applies to its current values only, and refuse it
    if it was based on another version than the current one."""
    instance.refresh_from_db(from_queryset=type(instance)._default_manager.select_for_update())
    versions = (_expected.get() or {}).get(_key(instance))
    if versions is not None and instance.version not in versions:
        raise conflict(instance, min(versions))


def bump(instance: models.Model) -> None:
    """The rows a record holds (an evaluation's findings, an indicator's targets, a year's weights)
    were replaced: that is a change of the record, one version more, so a client that read it
    before is refused. Call `lock(instance)` before writing the rows (it refuses another version)."""
    type(instance)._default_manager.filter(pk=instance.pk).update(version=models.F("version") + 1)
    instance.version += 1


def conflict(instance: models.Model, based_on: int) -> ServiceError:
    last = audit.trail(instance).filter(action=AuditEvent.Action.UPDATE).first()
    who = last.actor_name if last else _("someone")
    return ServiceError(
        CoreError.VERSION_CONFLICT,
        _("“%(record)s” was changed by %(who)s since you read it (your version %(yours)d, now %(now)d): nothing was saved.")
        % {"record": instance, "who": who, "yours": based_on, "now": instance.version},
    )


# --- the API: ETag / If-Match -----------------------------------------------------------------


def etag(version: int) -> str:
    return f'"{version}"'


def _parse_if_match(header: str) -> frozenset[int] | None:
    """The versions an `If-Match` header accepts; None for `*` (any)."""
    if header.strip() == "*":
        return None
    versions = set()
    for tag in header.split(","):
        tag = tag.strip()
        # A weak tag never matches (RFC 9110 uses the strong comparison for If-Match).
        if len(tag) > 2 and tag[0] == tag[-1] == '"' and tag[1:-1].isdigit() and len(tag) < 20:
            versions.add(int(tag[1:-1]))
    return frozenset(versions) or frozenset({0})


def from_request(request, instance: models.Model | None):
    """The `expect` block for an API write of `instance`: based on the versions the request's
    `If-Match` names (412 `version_conflict` when the record has another). Without the header the
    change applies to the current version, unless `API_REQUIRE_IF_MATCH` asks for it (428).

    `instance` None: the part a PUT writes does not exist yet, so the PUT creates it: nothing to
    lose, no header needed; an `If-Match` (even `*`) matches nothing there (412)."""
    header = request.headers.get("If-Match")
    if instance is None:
        if header is not None:
            raise ServiceError(
                CoreError.VERSION_CONFLICT, _("It does not exist (any more): read it again, and send no If-Match to create it.")
            )
        return nullcontext()
    if header is None:
        if settings.API_REQUIRE_IF_MATCH and is_versioned(instance):
            raise ServiceError(CoreError.VERSION_REQUIRED)
        return nullcontext()
    return expect(instance, _parse_if_match(header))


# --- pages: the hidden version field and the merge of a stale form ------------------------------


class VersionField(forms.IntegerField):
    """The hidden version a page form was opened at: never a change of the record itself."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data) -> bool:
        return False


def track_version(form: forms.Form, instance: models.Model | None) -> forms.Form:
    """Give `form` a hidden `version` field holding the version of `instance` it shows, so that
    `write_from_form` refuses (and merges) the form if the record changed meanwhile."""
    if instance is not None and instance.pk and is_versioned(instance):
        form.fields["version"] = VersionField(required=False, initial=instance.version)
        form.versioned_instance = instance
    return form


def posted_version(form: forms.Form) -> int | None:
    if getattr(form, "versioned_instance", None) is None:
        return None
    value = form.data.get(form.add_prefix("version"), "")
    return int(value) if str(value).isdigit() and len(str(value)) < 19 else None


def _stored(value):
    """A form's cleaned value as the audit trail stores it (ids for records, sorted ids for sets)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (models.QuerySet, list, tuple, set)):
        return sorted(getattr(v, "pk", v) for v in value)
    return json.loads(json.dumps(audit._jsonable(value), default=str))


def _same(a, b) -> bool:
    """Equal as stored values; numbers compare by value ("1500000" and "1500000.00")."""
    if a == b:
        return True
    try:
        return not isinstance(a, bool | list) and not isinstance(b, bool | list) and Decimal(str(a)) == Decimal(str(b))
    except (InvalidOperation, ValueError):
        return False


def _as_form_data(form: forms.Form, name: str, value) -> None:
    """Put a record's current value into the bound form's data, as a browser would post it."""
    field, key = form.fields[name], form.add_prefix(name)
    if isinstance(field, forms.BooleanField):
        if value:
            form.data[key] = "on"
        else:
            form.data.pop(key, None)
    elif isinstance(field, forms.ModelMultipleChoiceField):
        form.data.setlist(key, [str(v.pk) for v in value.all()] if hasattr(value, "all") else [])
    else:
        prepared = field.prepare_value(value)
        form.data[key] = "" if prepared is None else str(prepared)


def merge_form(form: forms.Form, based_on: int) -> None:
    """A stale form: take over the other changes to fields this person left alone, list the
    fields both changed (`form.version_conflict`), and move the hidden version to the current one
    so that saving again applies the form."""
    instance = form.versioned_instance
    fresh = type(instance)._default_manager.get(pk=instance.pk)
    events = list(audit.trail(fresh).filter(action=AuditEvent.Action.UPDATE, after__version__gt=based_on).order_by("at", "id"))
    base: dict = {}
    for event in events:
        for name, before_value, _after in event.changes:
            base.setdefault(name, before_value)
    form.data = form.data.copy()
    taken, both = [], []
    for name, original in base.items():
        if name not in form.fields or name == "version" or name not in form.cleaned_data:
            continue
        mine = _stored(form.cleaned_data[name])
        current = getattr(fresh, name)
        if _same(mine, original):
            _as_form_data(form, name, current)
            taken.append(str(form.fields[name].label or name))
        elif not _same(mine, _stored(current.all() if hasattr(current, "all") else current)):
            both.append(str(form.fields[name].label or name))
    form.data[form.add_prefix("version")] = str(fresh.version)
    form.version_conflict = {
        "changes": audit.readable(list(reversed(events))),
        "taken": taken,
        "both": both,
    }
