"""What every app's forms share: Bootstrap rendering, and running a write behind a form."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from kotacerdas.core import concurrency
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.text import text_limit, too_long


class Renderer(DjangoTemplates):
    """`{{ form }}` and `{{ field.as_field_group }}` render with the one pair of templates in core."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class CheckboxList(forms.CheckboxSelectMultiple):
    """Several choices as ticks in a scrollable list, with a box that filters it (site/behaviours.js; without
    script the box stays hidden and every choice is listed): no Ctrl-click to learn."""

    template_name = "core/forms/checkbox_list.html"

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["attrs"]["class"] = "form-check-input"
        return option


class OptionData(forms.Select):
    """A select whose options carry `data-*` attributes (`option_data`: {value: {"data-…": …}}), for
    scripts that filter one choice by another; the server still checks the pair."""

    def __init__(self, *args, option_data=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_data = option_data or {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"].update(self.option_data.get(str(value), {}))
        return option


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


class LengthLimit:
    """A text field's maximum length, refused with a message naming the field and the limit (`core.text.too_long`)."""

    def __init__(self, label: str, limit: int):
        self.label, self.limit = label, limit

    def __call__(self, value) -> None:
        if value is not None and len(value) > self.limit:
            raise ValidationError(too_long(self.label, self.limit, len(value)), code="max_length")


def limit_text_fields(form) -> None:
    """Give every text field of `form` a maximum length: its own, else `settings.TEXT_MAX_LENGTH`.

    `write_from_form` applies it to every form behind a write; the API applies the same limits
    with the same message (`core.api.Input`).
    """
    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField) or any(isinstance(v, LengthLimit) for v in field.validators):
            continue
        limit = field.max_length or text_limit()
        field.max_length = limit
        field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
        field.validators.append(LengthLimit(str(field.label or name.replace("_", " ").capitalize()), limit))
        field.widget.attrs.setdefault("maxlength", str(limit))


def write_from_form(form, write: Callable[[dict], object]):
    """Validate the form and run `write(cleaned_data)` (one service call) in a savepoint.

    Returns what `write` returned, or None when the form or the service refused: then the
    refusal is on the form and nothing the write began is kept. Every text field is limited in
    length first (`limit_text_fields`). A form showing a record (`concurrency.track_version`)
    is refused if the record changed since the form was opened, and comes back merged
    (`concurrency.merge_form`).
    """
    limit_text_fields(form)
    if not form.is_valid():
        return None
    instance = getattr(form, "versioned_instance", None)
    based_on = concurrency.posted_version(form)
    form.cleaned_data.pop("version", None)
    try:
        with transaction.atomic(), concurrency.expect(instance, based_on) if instance is not None else nullcontext():
            result = write(form.cleaned_data)
    except (ServiceError, ValidationError) as exc:
        if isinstance(exc, ServiceError) and exc.code == CoreError.VERSION_CONFLICT and based_on is not None:
            concurrency.merge_form(form, based_on)
        add_write_error(form, exc)
        return None
    return True if result is None else result


class SpreadsheetForm(forms.Form):
    """The upload of a workbook to import (its limits are checked by `core.spreadsheets`)."""

    file = forms.FileField(
        label=_("Excel workbook (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    )
