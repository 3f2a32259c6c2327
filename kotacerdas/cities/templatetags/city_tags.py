from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("cities/_audit_panel.html", takes_context=True)
def audit_panel(context, record):
    """The record's audit trail, loaded by htmx when opened (signed-in users only)."""
    user = context["request"].user
    return {
        "show": user.is_authenticated,
        "url": reverse("core:audit_trail", args=[record._meta.label_lower, record.pk]),
        "panel_id": f"audit-{record._meta.model_name}-{record.pk}",
    }


@register.inclusion_tag("cities/_section_nav.html", takes_context=True)
def city_sections(context, city, active=""):
    """Tabs between the city's onboarding sections."""
    return {"city": city, "active": active}
