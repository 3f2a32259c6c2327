"""The audit trail over the API: who changed one record, when, and its values before and after."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from kotacerdas.core import permissions
from kotacerdas.core.api import ERROR_RESPONSES, Paging, page, user_of
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent

router = Router(tags=["audit"])


class AuditEventFilters(Paging):
    model: str = Field(max_length=100, description="The record type as `app_label.modelname`, e.g. `programmes.programme`.")
    object_pk: str = Field(max_length=64, description="The record's id.")


class AuditEventOut(Schema):
    id: int
    at: datetime
    actor_id: int | None = Field(description="The acting user's id; null for loaders and for a deleted account.")
    actor_name: str = Field(description="Username of the actor (kept after the account is deleted); `system` for loaders.")
    action: Literal[tuple(AuditEvent.Action.values)]
    action_label: str = Field(description="The action in the language of `Accept-Language`.")
    object_repr: str
    before: dict[str, Any] | None = Field(description="The record's fields before the change (null on create).")
    after: dict[str, Any] | None = Field(description="The record's fields after the change (null on delete).")

    @staticmethod
    def resolve_action_label(event: AuditEvent) -> str:
        return str(event.get_action_display())


class AuditEventPage(Schema):
    count: int
    items: list[AuditEventOut]


def _ensure_may_see(user, model: str, object_pk: str) -> None:
    """City records: users who may see the city (404 otherwise); records without a city: national users."""
    if permissions.role_of(user) is None:
        raise PermissionDenied(_("Sign in or send an API token to do this."))
    try:
        apps.get_model(model)
    except (LookupError, ValueError):
        raise ServiceError(
            CoreError.UNKNOWN_MODEL, _("“%(model)s” is not a record type (use app_label.modelname).") % {"model": model}, field="model"
        ) from None
    latest = AuditEvent.objects.filter(model=model.lower(), object_pk=object_pk).select_related("city").first()
    if latest is None:
        raise Http404(_("No audit trail for this record."))
    if latest.city is not None:
        if not permissions.can_view_audit(user, latest.city):
            raise Http404(_("No audit trail for this record."))
    else:
        permissions.ensure(permissions.is_national(user), "audit.view")


@router.get("", response={200: AuditEventPage, **ERROR_RESPONSES}, summary="Audit trail of one record")
def list_audit_events(request, filters: Query[AuditEventFilters]):
    """Events newest first. Signed-in users who may see the record's city; national users for
    national reference data. Errors: `not_authenticated` (401), `forbidden` (403), `not_found` (404),
    `unknown_model` (400)."""
    user = user_of(request)
    _ensure_may_see(user, filters.model, filters.object_pk)
    return page(AuditEvent.objects.filter(model=filters.model.lower(), object_pk=filters.object_pk), filters)
