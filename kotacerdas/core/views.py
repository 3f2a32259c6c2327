from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from kotacerdas.core import permissions
from kotacerdas.core.models import AuditEvent


@login_required
def audit_trail(request, model: str, pk: str):
    """Who changed one record, when, and what changed: for those who may see the record."""
    events = list(AuditEvent.objects.filter(model=model, object_pk=pk).select_related("city__region")[:200])
    if not events:
        raise Http404
    city = events[0].city
    allowed = permissions.can_view_audit(request.user, city) if city else permissions.is_national(request.user)
    if not allowed:
        raise Http404
    template = "core/_audit_trail.html" if request.htmx else "core/audit_trail.html"
    return render(request, template, {"events": events, "model": model, "pk": pk})
