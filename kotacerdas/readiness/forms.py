"""Forms of the readiness pages: they clean input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import CheckboxList
from kotacerdas.framework.models import ReadinessRating
from kotacerdas.readiness import selectors
from kotacerdas.readiness.models import SwotItem

SMALL_TEXT = {"class": "form-control-sm", "rows": 2}


class AssessmentForm(forms.Form):
    rating = forms.ModelChoiceField(
        label=_("Rating"),
        queryset=ReadinessRating.objects.order_by("value"),
        required=False,
        empty_label=_("not rated"),
        widget=forms.Select(attrs={"class": "form-select-sm"}),
    )
    current_condition = forms.CharField(
        label=_("Current condition"), widget=forms.Textarea(attrs={**SMALL_TEXT, "rows": 3}), required=False
    )
    target_condition = forms.CharField(label=_("Target condition"), widget=forms.Textarea(attrs={**SMALL_TEXT, "rows": 3}), required=False)


class SwotForm(forms.Form):
    """A SWOT item: adding to one quadrant (`fixed_category`: the category is a hidden field) or editing one."""

    category = forms.ChoiceField(
        label=_("Category"), choices=SwotItem.Category.choices, widget=forms.Select(attrs={"class": "form-select-sm"})
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs=SMALL_TEXT))

    def __init__(self, *args, fixed_category: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_category:
            self.fields["category"].widget = forms.HiddenInput()


class GapForm(forms.Form):
    """A gap; the programmes closing it are those of its masterplan only."""

    description = forms.CharField(label=_("Gap"), widget=forms.Textarea(attrs=SMALL_TEXT))
    current_condition = forms.CharField(label=_("Current condition"), widget=forms.Textarea(attrs=SMALL_TEXT), required=False)
    target_condition = forms.CharField(label=_("Target condition"), widget=forms.Textarea(attrs=SMALL_TEXT), required=False)
    programmes = forms.ModelMultipleChoiceField(
        label=_("Programmes closing the gap"),
        queryset=None,
        required=False,
        help_text=_("Tick every programme that closes the gap."),
        widget=CheckboxList,
    )

    def __init__(self, *args, masterplan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programmes"].queryset = selectors.programmes_of(masterplan)
