"""What every app's forms share: Bootstrap rendering, and running a write behind a form."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.renderers import DjangoTemplates

from kotacerdas.core.errors import ServiceError


class Renderer(DjangoTemplates):
    """`{{ form }}` and `{{ field.as_field_group }}` render with the one pair of templates in core."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


def widget_css(field: forms.BoundField) -> str:
    """Bootstrap's class for a field's widget, with its error state."""
    widget = field.field.widget
    if getattr(widget, "input_type", "") in {"checkbox", "radio"} and not isinstance(widget, forms.CheckboxSelectMultiple):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    elif isinstance(widget, forms.CheckboxSelectMultiple):
        css = ""
    else:
        css = "form-control"
    return f"{css} is-invalid" if field.errors else css


def add_write_error(form, exc: Exception) -> None:
    """Show a refused write (ServiceError or ValidationError) on the form, on the field it names when the form has it."""
    if isinstance(exc, ServiceError):
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    elif hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def write_from_form(form, write: Callable[[dict], object]):
    """Validate the form and run `write(cleaned_data)` (one service call) in a savepoint.

    Returns what `write` returned, or None when the form or the service refused: then the
    refusal is on the form and nothing the write began is kept.
    """
    if not form.is_valid():
        return None
    try:
        with transaction.atomic():
            result = write(form.cleaned_data)
    except (ServiceError, ValidationError) as exc:
        add_write_error(form, exc)
        return None
    return True if result is None else result
