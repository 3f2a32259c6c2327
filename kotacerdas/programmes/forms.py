"""Forms of the programme pages: they clean input; the services validate the domain rules and write."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import CheckboxList, OptionData
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


# The live check of programmes/form.js: it fills in {year}, {n}, {chosen}, {first} and {last}.
MISMATCH_HINT = _("The first year {year} is year {n} of the masterplan, outside “{chosen}” (plan years {first}–{last}).")

DERIVED_HINT = _("From the first year: “{name}”.")


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=250)
    description = forms.CharField(label=_("description"), required=False, widget=TEXTAREA)
    problem = forms.CharField(label=_("problem addressed"), required=False, widget=TEXTAREA)
    dimension = CodeChoiceField(label=_("dimension"), queryset=Dimension.objects.all())
    element = forms.ModelChoiceField(
        label=_("element"),
        queryset=Element.objects.select_related("dimension"),
        widget=OptionData(attrs={"data-filter-by": "id_dimension"}),
    )
    lead_opd = forms.ModelChoiceField(label=_("lead department"), queryset=None, required=False)
    supporting_opds = forms.ModelMultipleChoiceField(
        label=_("supporting departments"),
        queryset=None,
        required=False,
        widget=CheckboxList,
        help_text=_("Tick every department that supports the programme."),
    )
    person_in_charge = forms.CharField(label=_("person in charge"), max_length=150, required=False)
    horizon = CodeChoiceField(
        label=_("horizon"),
        queryset=Horizon.objects.all(),
        required=False,
        widget=OptionData,
        help_text=_("Leave empty to derive it from the first year."),
    )
    keep_horizon = forms.BooleanField(label=_("Keep the chosen horizon although the first year lies outside it"), required=False)
    start_year = forms.TypedChoiceField(label=_("first year"), coerce=int)
    end_year = forms.TypedChoiceField(label=_("last year"), coerce=int)
    status = CodeChoiceField(label=_("status"), queryset=ProgrammeStatus.objects.all())
    district = forms.ModelChoiceField(label=_("district"), queryset=None, required=False)
    village = forms.ModelChoiceField(
        label=_("village"), queryset=None, required=False, widget=OptionData(attrs={"data-filter-by": "id_district"})
    )
    is_quick_win = forms.BooleanField(label=_("quick win"), required=False)

    def __init__(self, *args, masterplan, **kwargs):
        super().__init__(*args, **kwargs)
        self.masterplan = masterplan
        city = masterplan.city
        self.fields["lead_opd"].queryset = city.opds.all()
        # The city's departments read once, for the lead's choices and those of the action plan's rows.
        self.opd_choices = choices_of(city.opds.all())
        self.fields["lead_opd"].choices = self.opd_choices
        self.fields["supporting_opds"].queryset = city.opds.all()
        year_choices = [(y, y) for y in masterplan.years]
        self.fields["start_year"].choices = year_choices
        self.fields["end_year"].choices = year_choices
        districts = list(Region.objects.filter(level=Level.DISTRICT, parent_id=city.region_id))
        self.fields["district"].queryset = Region.objects.filter(level=Level.DISTRICT, parent_id=city.region_id)
        self.fields["district"].choices = [("", "---------"), *((d.pk, d.name) for d in districts)]
        # Villages grouped by district, each with its code: a district may hold two villages of one
        # name (a kelurahan and a desa, e.g. Nusaniwe 81.71.01.1006 and 81.71.01.2003), and a village
        # may share its district's name.
        villages = Region.objects.filter(level=Level.VILLAGE, parent__parent_id=city.region_id).select_related("parent")
        self.fields["village"].queryset = villages
        by_district: dict = {}
        for village in villages:
            by_district.setdefault(village.parent.name, []).append((village.pk, f"{village.name} ({village.code})"))
            self.fields["village"].widget.option_data[village.pk] = {"data-parent": village.parent_id}
        self.fields["village"].choices = [("", "---------"), *by_district.items()]
        grouped: dict = {}
        for element in self.fields["element"].queryset:
            grouped.setdefault(element.dimension.name, []).append((element.pk, element.name))
            self.fields["element"].widget.option_data[str(element.pk)] = {"data-parent": element.dimension_id}
        self.fields["element"].choices = [("", "---------"), *grouped.items()]
        self.horizons = list(Horizon.objects.all())
        self.fields["horizon"].choices = [("", _("derived from the years")), *((h.pk, h.name) for h in self.horizons)]
        for horizon in self.horizons:
            self.fields["horizon"].widget.option_data[str(horizon.pk)] = {
                "data-first": horizon.first_year,
                "data-last": horizon.last_year,
            }
        self.fields["horizon"].widget.attrs.update(
            {"data-plan-start": masterplan.start_year, "data-mismatch": MISMATCH_HINT, "data-derived": DERIVED_HINT}
        )

    def clean(self):
        """Every check on the choices at once (the services check them again, one by one)."""
        data = super().clean()
        element, dimension = data.get("element"), data.get("dimension")
        if element is not None and dimension is not None and element.dimension_id != dimension.pk:
            self.add_error(
                "element",
                _("The element “%(element)s” does not belong to the dimension “%(dimension)s”.")
                % {"element": element.name, "dimension": dimension.name},
            )
        district, village = data.get("district"), data.get("village")
        if village is not None and district is not None and village.parent_id != district.pk:
            self.add_error(
                "village",
                _("%(village)s is not a village of the chosen district %(district)s.")
                % {"village": village.name, "district": district.name},
            )
        start, end = data.get("start_year"), data.get("end_year")
        if start is not None and end is not None and start > end:
            self.add_error("end_year", _("The first year must not be after the last year."))
        if start is not None:
            self._check_horizon(data, start)
        return data

    def _check_horizon(self, data: dict, start: int) -> None:
        """No horizon: the one whose plan years hold the first year. A chosen one that does not hold
        it is kept only when the person confirms it (horizons are approximate, DOMAIN §6)."""
        plan_year = start - self.masterplan.start_year + 1
        fitting = next((h for h in self.horizons if h.first_year <= plan_year <= h.last_year), None)
        chosen = data.get("horizon")
        if chosen is None:
            if fitting is None:
                self.add_error("horizon", _("No horizon covers year %(n)d of the masterplan: choose one.") % {"n": plan_year})
            data["horizon"] = fitting
            return
        if fitting == chosen or data.get("keep_horizon"):
            return
        if "horizon" not in self.changed_data and "start_year" not in self.changed_data:
            return  # an older mismatch is shown on the programme's page; it does not block other edits
        self.add_error(
            "horizon",
            _(
                "The first year %(year)d is year %(n)d of the masterplan, which falls in “%(fitting)s”, not in the chosen "
                "“%(chosen)s” (plan years %(first)d–%(last)d). Choose “%(fitting)s”, leave the horizon empty, or tick "
                "“Keep the chosen horizon”."
            )
            % {
                "year": start,
                "n": plan_year,
                "fitting": fitting.name if fitting else "–",
                "chosen": chosen.name,
                "first": chosen.first_year,
                "last": chosen.last_year,
            },
        )
        self.horizon_mismatch = True


class YearForm(Compact, forms.Form):
    year = forms.TypedChoiceField(label=_("year"), coerce=int, widget=forms.HiddenInput)  # one row per year, shown as its heading
    budget = forms.DecimalField(label=_("budget (Rp)"), max_digits=18, decimal_places=0, required=False)
    status = CodeChoiceField(label=_("status in the year"), queryset=ProgrammeStatus.objects.all(), required=False)

    def __init__(self, *args, years=(), status_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "—")] + [(y, y) for y in years]
        if status_choices is not None:  # shared by every row: one query per page, not per row
            self.fields["status"].choices = status_choices


class FundingForm(Compact, forms.Form):
    """One funding share of a year (source, amount, contributing stakeholder); the services check that
    a year's shares add up to its budget and name the stakeholder where the source is from a partner."""

    # Blank first choices keep the empty extra rows unchanged (and so ignored).
    year = forms.TypedChoiceField(label=_("year"), coerce=int)
    source = CodeChoiceField(label=_("funding source"), queryset=FundingSource.objects.all())
    amount = forms.DecimalField(label=_("amount (Rp)"), max_digits=18, decimal_places=0, min_value=0)
    stakeholder = forms.ModelChoiceField(label=_("contributing stakeholder"), queryset=None, required=False)

    def __init__(self, *args, city=None, years=(), source_choices=None, stakeholder_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "—")] + [(y, y) for y in years]
        self.fields["stakeholder"].queryset = city.stakeholders.all() if city else ProgrammeStakeholder.objects.none()
        if source_choices is not None:  # shared by every row: one query per page, not per row
            self.fields["source"].choices = source_choices
        if stakeholder_choices is not None:
            self.fields["stakeholder"].choices = stakeholder_choices


class PartnerForm(Compact, forms.Form):
    stakeholder = forms.ModelChoiceField(label=_("stakeholder"), queryset=None)
    # A blank first choice keeps the empty extra rows unchanged (and so ignored).
    role = forms.ChoiceField(label=_("role"), choices=[("", "---------"), *ProgrammeStakeholder.Role.choices])

    def __init__(self, *args, city=None, stakeholder_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = city.stakeholders.all() if city else ProgrammeStakeholder.objects.none()
        if stakeholder_choices is not None:  # shared by every row: one query per page, not per row
            self.fields["stakeholder"].choices = stakeholder_choices


class StepForm(Compact, forms.Form):
    """One step of the action plan (rencana aksi); the services check its year and department against the programme."""

    # Blank first choices keep the empty extra rows unchanged (and so ignored).
    year = forms.TypedChoiceField(label=_("year"), coerce=int)
    description = forms.CharField(label=_("step"), max_length=300)
    milestone = forms.CharField(label=_("milestone"), max_length=300, required=False)
    opd = forms.ModelChoiceField(label=_("responsible department"), queryset=None, required=False)

    def __init__(self, *args, city=None, years=(), opd_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "—")] + [(y, y) for y in years]
        self.fields["opd"].queryset = city.opds.all() if city else ProgrammeStakeholder.objects.none()
        if opd_choices is not None:  # shared by every row: one query per page, not per row
            self.fields["opd"].choices = opd_choices


# One row per year of the programme (the view gives them as initial rows); partners, steps and funding shares: one empty row,
# and programmes/form.js adds more from the formset's empty form.
YearFormSet = forms.formset_factory(YearForm, extra=0, can_delete=True)
PartnerFormSet = forms.formset_factory(PartnerForm, extra=1, can_delete=True)
StepFormSet = forms.formset_factory(StepForm, extra=1, can_delete=True)
FundingFormSet = forms.formset_factory(FundingForm, extra=1, can_delete=True)


def choices_of(queryset, label=str) -> list:
    return [("", "---------")] + [(obj.pk, label(obj)) for obj in queryset]


def kept_rows(formset, needs=(), saved=()) -> list[dict]:
    """The filled-in rows of a formset that are not marked for deletion, nor new (year not in `saved`)
    and empty in every field of `needs`: a year left blank gets no row, a saved one stays until removed."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        if needs and data.get("year") not in saved and all(data.get(name) in (None, "") for name in needs):
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
                label=_("%(criterion)s (0–%(max)d)") % {"criterion": criterion.name, "max": criterion.max_score},
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
