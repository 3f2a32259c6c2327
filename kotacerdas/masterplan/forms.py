"""Forms of the masterplan pages: they clean input; the services decide and write."""
from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.framework.models import Dimension
from kotacerdas.masterplan.models import Masterplan

YEAR = {"min_value": 2000, "max_value": 2100}


class MasterplanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    start_year = forms.IntegerField(label=_("First year"), **YEAR)
    end_year = forms.IntegerField(label=_("Last year"), **YEAR)
    vision = forms.CharField(label=_("Vision"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class MasterplanEditForm(MasterplanForm):
    status = forms.ChoiceField(label=_("Status"), choices=[(Masterplan.Status.DRAFT, _("Draft")), (Masterplan.Status.FINAL, _("Final"))])

    def __init__(self, *args, masterplan: Masterplan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if masterplan is not None and masterplan.status == Masterplan.Status.LEGALISED:
            self.fields["status"].choices = Masterplan.Status.choices


class LegaliseForm(forms.Form):
    # Not required here: the service names what is missing (code `regulation_missing`).
    regulation_number = forms.CharField(label=_("Regulation (Perwali/Perbup) number"), max_length=120, required=False)
    regulation_date = forms.DateField(label=_("Regulation date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class MissionForm(forms.Form):
    text = forms.CharField(label=_("Mission"), widget=forms.Textarea(attrs={"rows": 2}))


class ObjectiveForm(forms.Form):
    text = forms.CharField(label=_("Objective"), widget=forms.Textarea(attrs={"rows": 2}))
    dimensions = forms.ModelMultipleChoiceField(label=_("Dimensions served"), queryset=Dimension.objects.all(), required=False)


class TargetForm(forms.Form):
    indicator = forms.CharField(label=_("Indicator"), max_length=300)
    value = forms.CharField(label=_("Target value"), max_length=60)
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR)
