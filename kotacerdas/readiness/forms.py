"""Forms of the readiness pages: they clean input; the services decide and write."""
from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.framework.models import ReadinessRating
from kotacerdas.readiness.models import SwotItem


class AssessmentForm(forms.Form):
    rating = forms.ModelChoiceField(label=_("Rating"), queryset=ReadinessRating.objects.all(), required=False)
    current_condition = forms.CharField(label=_("Current condition"), widget=forms.Textarea, required=False)
    target_condition = forms.CharField(label=_("Target condition"), widget=forms.Textarea, required=False)


class SwotForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=SwotItem.Category.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea)


class GapForm(forms.Form):
    description = forms.CharField(label=_("Gap"), widget=forms.Textarea)
    current_condition = forms.CharField(label=_("Current condition"), widget=forms.Textarea, required=False)
    target_condition = forms.CharField(label=_("Target condition"), widget=forms.Textarea, required=False)
    programmes = forms.ModelMultipleChoiceField(label=_("Programmes closing the gap"), queryset=None, required=False)

    def __init__(self, *args, programmes=None, **kwargs):
        from kotacerdas.programmes.models import Programme

        super().__init__(*args, **kwargs)
        # Any programme id is accepted here so that one of another masterplan is refused by the
        # service with its own message (`other_masterplan`) rather than a generic "invalid choice".
        self.fields["programmes"].queryset = programmes if programmes is not None else Programme.objects.all()
