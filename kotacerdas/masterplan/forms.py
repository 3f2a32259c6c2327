"""Forms of the masterplan pages: they clean input; the services decide and write.

They render with the core form renderer; the vision tree's forms are small (`form-control-sm`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.framework.models import Dimension
from kotacerdas.masterplan.models import Masterplan

YEAR = {"min_value": 2000, "max_value": 2100}
SMALL = {"class": "form-control-sm"}


class MasterplanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    start_year = forms.IntegerField(label=_("First year"), **YEAR)
    end_year = forms.IntegerField(label=_("Last year"), **YEAR)
    vision = forms.CharField(label=_("Vision"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    period_reason = forms.CharField(
        label=_("Why the period is not 5–10 years"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Only for a period shorter than 5 or longer than 10 years."),
    )


class MasterplanEditForm(MasterplanForm):
    status = forms.ChoiceField(label=_("Status"), choices=[(Masterplan.Status.DRAFT, _("Draft")), (Masterplan.Status.FINAL, _("Final"))])

    def __init__(self, *args, masterplan: Masterplan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if masterplan is not None and masterplan.status == Masterplan.Status.LEGALISED:
            self.fields["status"].choices = Masterplan.Status.choices


class LegaliseForm(forms.Form):
    # Not required here: the service names what is missing (code `regulation_missing`).
    regulation_number = forms.CharField(label=_("Regulation (Perwali/Perbup) number"), max_length=120, required=False)
    regulation_date = forms.DateField(
        label=_("Regulation date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_reason = forms.CharField(
        label=_("Why the period is not 5–10 years"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Only for a period shorter than 5 or longer than 10 years."),
    )


class RevisionOpenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the revision"), widget=forms.Textarea(attrs={"rows": 2}))


class MissionForm(forms.Form):
    text = forms.CharField(label=_("Mission"), widget=forms.Textarea(attrs={"rows": 2, **SMALL}))


class ObjectiveForm(forms.Form):
    text = forms.CharField(label=_("Objective"), widget=forms.Textarea(attrs={"rows": 2, **SMALL}))
    dimension_codes = forms.MultipleChoiceField(
        label=_("Smart-city dimensions it serves"), required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
    )

    def __init__(self, *args, dimensions=None, **kwargs):
        """`dimensions`: the smart-city dimensions already at hand (the tree shows a form per mission: no query each)."""
        super().__init__(*args, **kwargs)
        if dimensions is None:
            dimensions = Dimension.objects.order_by("order", "code")
        self.fields["dimension_codes"].choices = [(d.code, d.name) for d in dimensions]


class TargetForm(forms.Form):
    indicator = forms.CharField(label=_("Indicator"), max_length=300, widget=forms.TextInput(attrs=SMALL))
    value = forms.CharField(label=_("Target value"), max_length=60, widget=forms.TextInput(attrs=SMALL))
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False, widget=forms.TextInput(attrs=SMALL))
    year = forms.IntegerField(label=_("Year"), required=False, widget=forms.NumberInput(attrs=SMALL), **YEAR)
