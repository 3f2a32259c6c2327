"""Forms of the programme pages: they clean input; the services validate the domain rules and write."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kotacerdas.framework.models import Dimension, Element, FundingSource, Horizon, ProgrammeStatus
from kotacerdas.programmes.models import ProgrammeStakeholder, QuickWin
from kotacerdas.programmes.services import EVIDENCE_EXTENSIONS, SHEET_FIELDS
from kotacerdas.regions.models import Level, Region

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class Compact:
    """Small widgets for the rows of a formset table (the core renderer adds Bootstrap's base classes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-select-sm" if isinstance(field.widget, forms.Select) else "form-control-sm"


class CodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=250)
    description = forms.CharField(label=_("description"), required=False, widget=TEXTAREA)
    problem = forms.CharField(label=_("problem addressed"), required=False, widget=TEXTAREA)
    dimension = CodeChoiceField(label=_("dimension"), queryset=Dimension.objects.all())
    element = forms.ModelChoiceField(label=_("element"), queryset=Element.objects.select_related("dimension"))
    lead_opd = forms.ModelChoiceField(label=_("lead department"), queryset=None, required=False)
    supporting_opds = forms.ModelMultipleChoiceField(
        label=_("supporting departments"), queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    person_in_charge = forms.CharField(label=_("person in charge"), max_length=150, required=False)
    horizon = CodeChoiceField(label=_("horizon"), queryset=Horizon.objects.all())
    start_year = forms.TypedChoiceField(label=_("first year"), coerce=int)
    end_year = forms.TypedChoiceField(label=_("last year"), coerce=int)
    status = CodeChoiceField(label=_("status"), queryset=ProgrammeStatus.objects.all())
    district = forms.ModelChoiceField(label=_("district"), queryset=None, required=False)
    village = forms.ModelChoiceField(label=_("village"), queryset=None, required=False)
    is_quick_win = forms.BooleanField(label=_("quick win"), required=False)

    def __init__(self, *args, masterplan, **kwargs):
        super().__init__(*args, **kwargs)
        city = masterplan.city
        self.fields["lead_opd"].queryset = city.opds.all()
        self.fields["supporting_opds"].queryset = city.opds.all()
        year_choices = [(y, y) for y in masterplan.years]
        self.fields["start_year"].choices = year_choices
        self.fields["end_year"].choices = year_choices
        self.fields["district"].queryset = Region.objects.filter(level=Level.DISTRICT, parent_id=city.region_id)
        self.fields["village"].queryset = Region.objects.filter(level=Level.VILLAGE, parent__parent_id=city.region_id).select_related(
            "parent"
        )
        self.fields["village"].label_from_instance = lambda r: f"{r.name} ({r.parent.name})"
        grouped: dict = {}
        for element in self.fields["element"].queryset:
            grouped.setdefault(element.dimension.name, []).append((element.pk, element.name))
        self.fields["element"].choices = [("", "---------"), *grouped.items()]


class YearForm(Compact, forms.Form):
    year = forms.TypedChoiceField(label=_("year"), coerce=int)
    budget = forms.DecimalField(label=_("budget (Rp)"), max_digits=18, decimal_places=0, required=False)
    funding_source = CodeChoiceField(label=_("funding source"), queryset=FundingSource.objects.all(), required=False)

    def __init__(self, *args, years=(), funding_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "—")] + [(y, y) for y in years]
        if funding_choices is not None:  # shared by every row: one query per page, not per row
            self.fields["funding_source"].choices = funding_choices


class PartnerForm(Compact, forms.Form):
    stakeholder = forms.ModelChoiceField(label=_("stakeholder"), queryset=None)
    # A blank first choice keeps the empty extra rows unchanged (and so ignored).
    role = forms.ChoiceField(label=_("role"), choices=[("", "---------"), *ProgrammeStakeholder.Role.choices])

    def __init__(self, *args, city=None, stakeholder_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = city.stakeholders.all() if city else ProgrammeStakeholder.objects.none()
        if stakeholder_choices is not None:  # shared by every row: one query per page, not per row
            self.fields["stakeholder"].choices = stakeholder_choices


YearFormSet = forms.formset_factory(YearForm, extra=2, can_delete=True)
PartnerFormSet = forms.formset_factory(PartnerForm, extra=2, can_delete=True)


def choices_of(queryset, label=str) -> list:
    return [("", "---------")] + [(obj.pk, label(obj)) for obj in queryset]


def kept_rows(formset) -> list[dict]:
    """The filled-in rows of a formset that are not marked for deletion."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        rows.append({k: v for k, v in data.items() if k != "DELETE"})
    return rows


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("file"))
    description = forms.CharField(label=_("description"), max_length=300)
    year = forms.TypedChoiceField(label=_("year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "—")] + [(y, y) for y in range(programme.start_year, programme.end_year + 1)]
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{e}" for e in EVIDENCE_EXTENSIONS)
        self.fields["file"].help_text = _("Allowed: %(types)s; at most %(max)s MB.") % {
            "types": ", ".join(EVIDENCE_EXTENSIONS),
            "max": f"{settings.EVIDENCE_MAX_BYTES / (1024 * 1024):g}",
        }


class QuickWinSheetForm(forms.ModelForm):
    class Meta:
        model = QuickWin
        fields = SHEET_FIELDS
        widgets = dict.fromkeys(("problem", "innovation", "benefit", "partners", "risks"), TEXTAREA)


class QuickWinScoreForm(forms.Form):
    """One number field per quick-win criterion, named by its code."""

    def __init__(self, *args, criteria=(), initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[criterion.code] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                required=False,
                initial=(initial_scores or {}).get(criterion.code),
            )

    def scores(self) -> dict:
        return {code: value for code, value in self.cleaned_data.items() if value is not None}


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("stage"), choices=QuickWin.Stage.choices)


class DeleteForm(forms.Form):
    force = forms.BooleanField(label=_("Delete it together with its links"), required=False)
