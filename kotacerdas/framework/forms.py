from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.framework.services import YEAR_RANGE


class WeightsForm(forms.Form):
    """One weight per evaluation dimension (fields `weight_<code>`), the source, and the year for a new one."""

    year = forms.IntegerField(label=_("Evaluation year"), min_value=YEAR_RANGE[0], max_value=YEAR_RANGE[1])
    source = forms.CharField(
        label=_("Source of the weights"),
        max_length=300,
        required=False,
        help_text=_("For example the ministry's letter or evaluation guideline."),
    )

    def __init__(self, *args, dimensions, with_year: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_year:
            del self.fields["year"]
        self.dimensions = list(dimensions)
        for dim in self.dimensions:
            self.fields[f"weight_{dim.code}"] = forms.DecimalField(
                label=_("%(dimension)s (%%)") % {"dimension": dim.name},
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.01", "class": "weight"}),
            )

    def weight_fields(self):
        return [self[f"weight_{dim.code}"] for dim in self.dimensions]

    def weights(self) -> dict:
        return {dim.code: self.cleaned_data[f"weight_{dim.code}"] for dim in self.dimensions}
