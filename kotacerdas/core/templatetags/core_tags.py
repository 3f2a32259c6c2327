"""Template helpers every app shares: form fields with Bootstrap, pager links."""

from django import forms, template

from kotacerdas.core import audit
from kotacerdas.core.forms import widget_css

register = template.Library()


@register.filter
def is_checkbox(field) -> bool:
    return getattr(field.field.widget, "input_type", "") == "checkbox" and not isinstance(field.field.widget, forms.CheckboxSelectMultiple)


@register.simple_tag
def bootstrap_widget(field):
    """The field's widget with Bootstrap's classes, its error state and its help text linked."""
    attrs = {"class": " ".join(filter(None, [field.field.widget.attrs.get("class", ""), widget_css(field)]))}
    if field.help_text:
        attrs["aria-describedby"] = f"{field.auto_id}_helptext"
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def page_query(request, param: str, number: int) -> str:
    """The current query string with `param` set to `number` (filters and other lists' pages kept)."""
    query = request.GET.copy()
    query[param or "page"] = number
    return query.urlencode()


@register.simple_tag
def download_query(request, fmt: str) -> str:
    """The current query string (the list's filters) for a download in `fmt`, without page numbers."""
    query = request.GET.copy()
    for key in [key for key in query if key == "page" or key.endswith("_page")]:
        del query[key]
    query["format"] = fmt
    return query.urlencode()


@register.simple_tag
def city_time(moment, city, fmt: str = "j M Y H:i") -> str:
    """A record's time in the city's own zone with its abbreviation (WIB/WITA/WIT), as the audit trail
    shows it; the `date` filter would show the server's zone."""
    if not moment:
        return "–"
    return audit.local_time(moment, audit.city_zone(city), fmt)
