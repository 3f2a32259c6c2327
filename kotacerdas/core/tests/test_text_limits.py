"""Every text field has a maximum length on pages and in the API, refused with one message naming the field and the limit."""

from __future__ import annotations

import pytest
from django import forms
from django.test import override_settings
from django.utils import translation
from pydantic import ValidationError as PydanticError

from kotacerdas.core.api import Input, _schema_message
from kotacerdas.core.forms import write_from_form


class NoteForm(forms.Form):
    title = forms.CharField(label="Title", max_length=20)
    description = forms.CharField(label="Description", widget=forms.Textarea)


@override_settings(TEXT_MAX_LENGTH=50)
@pytest.mark.django_db
def test_a_form_refuses_text_over_its_limit_naming_field_and_limit():
    written = []
    with translation.override("en"):
        form = NoteForm({"title": "t" * 21, "description": "d" * 51})
        assert write_from_form(form, written.append) is None
        assert form.errors["title"] == ["Title: at most 20 characters are allowed; this has 21."]
        assert form.errors["description"] == ["Description: at most 50 characters are allowed; this has 51."]
    assert not written
    assert form.fields["description"].widget.attrs["maxlength"] == "50"


@override_settings(TEXT_MAX_LENGTH=50)
@pytest.mark.django_db
def test_a_form_within_the_limits_writes():
    form = NoteForm({"title": "t" * 20, "description": "d" * 50})
    assert write_from_form(form, lambda data: data["description"]) == "d" * 50


class Body(Input):
    note: str = ""


@override_settings(TEXT_MAX_LENGTH=50)
def test_an_api_body_refuses_text_without_its_own_limit_over_the_setting():
    with translation.override("en"), pytest.raises(PydanticError) as refused:
        Body(note="n" * 51)
    assert "note: at most 50 characters are allowed; this has 51." in str(refused.value)
    assert Body(note="n" * 50).note == "n" * 50


def test_the_api_words_a_schema_length_error_like_the_pages():
    error = {"type": "string_too_long", "loc": ("body", "payload", "name"), "ctx": {"max_length": 150}, "input": "x" * 151}
    with translation.override("en"):
        assert _schema_message(error) == "name: at most 150 characters are allowed; this has 151."


def test_a_page_form_refuses_a_long_name(login, koordinator, ambon):
    from django.urls import reverse

    client = login(koordinator)
    response = client.post(reverse("cities:opd_create", args=[ambon.code]), {"name": "x" * 5000, "short_name": "X"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "5000" in page and "is-invalid" in page
