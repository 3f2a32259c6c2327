"""Forms of the Documents page: they clean input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FreezeForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("What this version is, e.g. “Draf setelah Bimtek III”."),
    )
    legalised = forms.BooleanField(label=_("This is the version the regulation legalised"), required=False)
