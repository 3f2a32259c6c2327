"""Forms of the evaluation pages (rendered by the core form renderer); the services validate the domain rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.models import Role, User
from kotacerdas.cities.models import City
from kotacerdas.evaluation.models import FollowUp


class CycleForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2017, max_value=2100)
    opened_on = forms.DateField(label=_("opened on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class RoundForm(forms.Form):
    number = forms.IntegerField(label=_("number"), min_value=1, max_value=20)
    name = forms.CharField(label=_("name"), max_length=100, help_text=_("e.g. Tahap I"))
    starts_on = forms.DateField(label=_("starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class AssignmentForm(forms.Form):
    city = forms.ModelChoiceField(label=_("city"), queryset=City.objects.select_related("region").order_by("region__name"))
    assessor = forms.ModelChoiceField(label=_("assessor"), queryset=User.objects.filter(role=Role.ASSESSOR, is_active=True))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].label_from_instance = lambda u: u.get_full_name() or u.username


class StartForm(forms.Form):
    round = forms.ChoiceField(label=_("round"))

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [(str(r.pk), f"{r.cycle.year.year} · {r.name}") for r in rounds]


class SelfAssessmentForm(forms.Form):
    narrative = forms.CharField(label=_("narrative"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=20000)


class EvidenceForm(forms.Form):
    description = forms.CharField(label=_("description"), max_length=300)
    file = forms.FileField(label=_("file"), required=False)
    link = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")


class ScoresForm(forms.Form):
    """One field per evaluation dimension of the year (named by its code)."""

    def __init__(self, *args, dimensions, **kwargs):
        super().__init__(*args, **kwargs)
        for dimension in dimensions:
            self.fields[dimension.code] = forms.DecimalField(
                label=dimension.name,
                min_value=0,
                max_value=5,
                max_digits=3,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.01"}),
            )


class FindingsForm(forms.Form):
    strengths = forms.CharField(
        label=_("strengths"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One per line.")
    )
    weaknesses = forms.CharField(
        label=_("weaknesses"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One per line.")
    )
    recommendations = forms.CharField(
        label=_("recommendations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line; each becomes a follow-up for the city when the round is published."),
    )


class LetterForm(forms.Form):
    letter_number = forms.CharField(label=_("results letter number"), max_length=120)
    letter_date = forms.DateField(label=_("results letter date"), widget=forms.DateInput(attrs={"type": "date"}))


class ImportForm(forms.Form):
    round = forms.ChoiceField(label=_("round"))
    final_index = forms.DecimalField(label=_("final index"), min_value=0, max_value=5, max_digits=3, decimal_places=2)
    source = forms.CharField(label=_("source"), max_length=500, help_text=_("The letter or the press report the index comes from."))

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [(str(r.pk), f"{r.cycle.year.year} · {r.name}") for r in rounds]


class FollowUpForm(forms.Form):
    owner_opd_id = forms.ModelChoiceField(label=_("owner department"), queryset=None, required=False)
    due_date = forms.DateField(label=_("due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("status"), choices=FollowUp.Status.choices)
    evidence_note = forms.CharField(label=_("what was done"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence_link = forms.URLField(label=_("evidence link"), required=False, max_length=500, assume_scheme="https")
    evidence_file = forms.FileField(label=_("evidence file"), required=False)

    def __init__(self, *args, city, can_assign: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_opd_id"].queryset = city.opds.order_by("short_name")
        if not can_assign:
            del self.fields["owner_opd_id"]
            del self.fields["due_date"]
