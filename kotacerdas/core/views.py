from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from kotacerdas.core import audit, permissions


@login_required
def audit_trail(request, model: str, pk: str):
    """Who changed one record (and its child rows), when, and what changed, as people read it:
    for those who may see the record."""
    events = audit.family_trail(model, pk)
    if not events:
        raise Http404
    own = [e for e in events if e.model == model and e.object_pk == str(pk)] or events
    city = own[0].city
    allowed = permissions.can_view_audit(request.user, city) if city else permissions.is_national(request.user)
    if not allowed:
        raise Http404
    template = "core/_audit_trail.html" if request.htmx else "core/audit_trail.html"
    return render(
        request,
        template,
        {
            "events": audit.readable(events, parent_label=model),
            "model": model,
            "pk": pk,
            "record": own[0].object_repr if own[0].model == model else "",
        },
    )
