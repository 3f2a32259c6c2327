"""Forms of the monitoring pages; values are typed as text and parsed by the services (Indonesian formats)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.monitoring.models import Indicator, ReferenceIndicator
from kotacerdas.programmes import files

TEXTAREA = forms.Textarea(attrs={"rows": 2})


class IndicatorForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Indicator.Kind.choices)
    name = forms.CharField(label=_("name"), max_length=300)
    value_type = forms.ChoiceField(label=_("value type"), choices=Indicator.ValueType.choices)
    unit = forms.CharField(label=_("unit"), max_length=60, required=False)
    direction = forms.ChoiceField(label=_("direction"), choices=Indicator.Direction.choices)
    baseline = forms.CharField(label=_("baseline"), max_length=300, required=False, help_text=_("For example 1.234,5 or 75%."))
    baseline_year = forms.IntegerField(label=_("baseline year"), min_value=1945, max_value=2100, required=False)
    references = forms.ModelMultipleChoiceField(
        label=_("reference codes (ISO 37120/37122, U4SSC, SDG)"),
        queryset=ReferenceIndicator.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6, "data-filterable": ""}),
        help_text=_("Type in the search box above the list to find a code or a name."),
    )


def indicator_initial(indicator: Indicator) -> dict:
    """The indicator's values for its form (a baseline number written the Indonesian way: 1234,5)."""
    baseline = indicator.baseline_text
    if indicator.baseline_number is not None:
        baseline = format(indicator.baseline_number.normalize(), "f").replace(".", ",")
    return {
        "kind": indicator.kind,
        "name": indicator.name,
        "value_type": indicator.value_type,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "baseline": baseline,
        "baseline_year": indicator.baseline_year,
        "references": list(indicator.references.all()),
    }


class TargetsForm(forms.Form):
    """One text field per year of the programme (blank removes the year's target)."""

    def __init__(self, *args, indicator, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.years = list(years)
        for year in self.years:
            self.fields[f"y{year}"] = forms.CharField(label=str(year), max_length=300, required=False)

    def targets(self) -> dict[int, str]:
        return {year: self.cleaned_data.get(f"y{year}", "") for year in self.years}


class RealisationForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("indicator"), coerce=int)
    year = forms.TypedChoiceField(label=_("year"), coerce=int)
    value = forms.CharField(label=_("realised value"), max_length=300, help_text=_("A number such as 1.234,5 or 75%; ya/tidak; or text."))
    note = forms.CharField(label=_("note"), required=False, widget=TEXTAREA)
    file = forms.FileField(
        label=_("evidence file (data dukung)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in files.EXTENSIONS)}),
    )
    link = forms.URLField(label=_("evidence link"), required=False, max_length=500, assume_scheme="https")

    def __init__(self, *args, indicators, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = {i.pk: i for i in indicators}
        self.fields["indicator"].choices = [(i.pk, f"{i.name} ({i.get_kind_display()})") for i in indicators]
        self.fields["year"].choices = [(y, y) for y in years]


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("file"), required=False, widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in files.EXTENSIONS)})
    )
    url = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")
    description = forms.CharField(label=_("description"), max_length=300, required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("reason for returning"), widget=TEXTAREA)


class BudgetForm(forms.Form):
    year = forms.TypedChoiceField(label=_("year"), coerce=int)
    amount = forms.CharField(
        label=_("budget realised (Rp)"), max_length=40, required=False, help_text=_("Whole Rupiah, e.g. 1.250.000.000.")
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]


class ConfirmForm(forms.Form):
    """A button that runs one action (verify, delete): the refusal lands on its non-field errors."""
