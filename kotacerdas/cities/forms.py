"""Forms of the city pages. They only validate input: writes go through cities.services.

Edit forms are built from `initial` values, never bound to the record itself, so the record
stays untouched until the service compares before and after for the audit trail.
"""

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotacerdas.cities.models import Body, BodyMember, City, Cohort, Commitment, Opd, Signatory, Stage, StageEvent, Stakeholder
from kotacerdas.cities.services import CITY_FIELDS, COHORT_FIELDS
from kotacerdas.regions.models import Level, Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def initial_of(instance, form_class) -> dict:
    return model_to_dict(instance, fields=list(form_class.base_fields))


def cohort_field(*, required: bool) -> forms.ModelChoiceField:
    """A choice among the programme's cohorts, by their labels (Tahap III (2019) …)."""
    field = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.all(),
        required=required,
        help_text=_("The ministry records the cohorts; ask it when the right one is missing."),
    )
    field.label_from_instance = lambda cohort: cohort.label
    return field


class CohortFilterForm(forms.Form):
    """The cohort a list is narrowed to (`?cohort=<id>`; empty or unknown: every cohort)."""

    cohort = forms.ModelChoiceField(
        label=_("Cohort"),
        queryset=Cohort.objects.all(),
        required=False,
        empty_label=_("All cohorts"),
        widget=forms.Select(attrs={"class": "form-select", "data-autosubmit": ""}),
    )

    def __init__(self, data=None):
        super().__init__(data, auto_id="filter-%s")
        self.fields["cohort"].label_from_instance = lambda cohort: cohort.label

    def chosen(self) -> Cohort | None:
        return self.cleaned_data["cohort"] if self.is_valid() else None


class CityForm(forms.ModelForm):
    cohort = cohort_field(required=False)

    class Meta:
        model = City
        fields = ["cohort", *sorted(CITY_FIELDS - {"cohort_id"})]
        widgets = {"invited_on": DATE, "selected_on": DATE, "mou_date": DATE, "mou_signatories": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, can_choose_cohort: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_choose_cohort:
            self.fields["cohort"].disabled = True
            self.fields["cohort"].help_text = _("The ministry selects the cohort.")


class CityCreateForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Regency or city"),
        queryset=Region.objects.none(),
        help_text=_("Only regencies and cities that do not take part yet are listed."),
    )
    cohort = cohort_field(required=True)
    invited_on = forms.DateField(label=_("Invited on"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = (
            Region.objects.filter(level=Level.REGENCY, city__isnull=True).select_related("parent").order_by("code")
        )
        self.fields["region"].label_from_instance = lambda r: f"{r.name} ({r.code}) — {r.parent.name}"
        self.fields["cohort"].initial = Cohort.objects.order_by("-year", "-stage_number").values_list("pk", flat=True).first()


# A cohort's fields as a plain form: the service checks the rules (counts in order, one cohort per
# year and stage), so an unchanged record is never mistaken for its own duplicate.
CohortForm = type(
    "CohortForm",
    (forms.Form,),
    fields_for_model(
        Cohort,
        fields=list(COHORT_FIELDS),
        widgets={"selection_criteria": forms.Textarea(attrs={"rows": 4}), "source_note": forms.Textarea(attrs={"rows": 2})},
    ),
)


def cycle_field() -> forms.TypedChoiceField:
    """The masterplan cycle a stage belongs to (empty: the one its date falls in)."""
    return forms.TypedChoiceField(
        label=_("masterplan cycle"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Left empty: the masterplan whose period the date falls in. Stages up to the MoU belong to no cycle."),
    )


def cycle_choices(city) -> list:
    return [("", _("By the date"))] + [(p.pk, f"{p.title} {p.start_year}–{p.end_year}") for p in city.masterplans.order_by("-start_year")]


class StageForm(forms.ModelForm):
    masterplan_id = cycle_field()

    class Meta:
        model = StageEvent
        fields = ["stage", "reached_on", "masterplan_id", "note"]
        widgets = {"reached_on": DATE}

    def __init__(self, *args, city=None, **kwargs):
        super().__init__(*args, **kwargs)
        if city is not None:
            self.fields["masterplan_id"].choices = cycle_choices(city)
        if city is not None and not self.is_bound:
            following = min(Stage.index(city.stage) + 1, len(Stage.values) - 1)
            self.initial.setdefault("stage", Stage.values[following])
            self.initial.setdefault("reached_on", timezone.localdate())


class OpdForm(forms.ModelForm):
    class Meta:
        model = Opd
        fields = ["name", "short_name", "head_name", "head_title", "is_leading_sector"]


class OpdOperatorForm(forms.ModelForm):
    """What a department's own operator may change."""

    class Meta:
        model = Opd
        fields = ["name", "short_name", "head_name", "head_title"]


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["kind", "name", "decree_number", "decree_date"]
        widgets = {"decree_date": DATE}


class CityChoicesMixin:
    """Limit department and stakeholder choices to the city's own."""

    def limit_to(self, city):
        if "opd" in self.fields:
            self.fields["opd"].queryset = city.opds.all()
        if "stakeholder" in self.fields:
            self.fields["stakeholder"].queryset = city.stakeholders.all()


class MemberForm(CityChoicesMixin, forms.ModelForm):
    class Meta:
        model = BodyMember
        fields = ["name", "role", "position", "organisation", "opd", "order"]

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to(city)


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "type", "contact_person", "email", "phone"]


class StakeholderContactForm(forms.ModelForm):
    """What a stakeholder account may change of its own organisation."""

    class Meta:
        model = Stakeholder
        fields = ["contact_person", "email", "phone"]


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["signed_on", "place", "text"]
        widgets = {"signed_on": DATE, "text": forms.Textarea(attrs={"rows": 5})}


class NewCommitmentForm(CommitmentForm):
    """A new commitment, in a masterplan cycle."""

    masterplan_id = cycle_field()

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["masterplan_id"].choices = cycle_choices(city)


class SignatoryForm(CityChoicesMixin, forms.ModelForm):
    class Meta:
        model = Signatory
        fields = ["kind", "name", "role", "organisation", "on_behalf_of", "opd", "stakeholder"]

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_to(city)
        self.fields["organisation"].required = False
        self.fields["organisation"].help_text = _("Left empty: the name of the chosen department or stakeholder.")


class BaseSignatoryFormSet(forms.BaseFormSet):
    def __init__(self, *args, city, **kwargs):
        self.city = city
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"city": self.city}

    @property
    def empty_form(self):
        return self.form(
            auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), empty_permitted=True, use_required_attribute=False, city=self.city
        )

    def signatories(self) -> list[dict]:
        return [f.cleaned_data for f in self.forms if f.has_changed() and f.cleaned_data]


SignatoryFormSet = forms.formset_factory(SignatoryForm, formset=BaseSignatoryFormSet, extra=3)
