"""Forms of the readiness pages: they clean input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import CheckboxList
from kotacerdas.framework.models import Dimension, ReadinessRating
from kotacerdas.readiness import selectors
from kotacerdas.readiness.models import Strategy, SwotItem

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


class SwotChoice(forms.ModelMultipleChoiceField):
    """SWOT items named with their aspect and category: “Struktur · Weakness: …”."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.lens.name} · {obj.get_category_display()}: {obj.text}"


class StrategyForm(forms.Form):
    """A strategy of a dimension; the SWOT items and programmes to tick are those of its masterplan only."""

    dimension = forms.ModelChoiceField(label=_("Dimension"), queryset=Dimension.objects.order_by("order", "code"), to_field_name="code")
    title = forms.CharField(label=_("Title"), max_length=Strategy._meta.get_field("title").max_length)
    text = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What the strategy does, in a few sentences."),
    )
    pairing = forms.ChoiceField(
        label=_("TOWS pairing"),
        choices=[("", _("none"))] + Strategy.Pairing.choices,
        required=False,
        help_text=_("Which quadrant of the TOWS matrix the strategy comes from, if any."),
    )
    swot_items = SwotChoice(
        label=_("SWOT items it answers"), queryset=None, required=False, widget=CheckboxList, help_text=_("Tick the SWOT items it answers.")
    )
    programmes = forms.ModelMultipleChoiceField(
        label=_("Programmes carrying it"),
        queryset=None,
        required=False,
        widget=CheckboxList,
        help_text=_("Tick every programme that carries the strategy out."),
    )

    def __init__(self, *args, masterplan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swot_items"].queryset = selectors.swot_choices(masterplan)
        self.fields["programmes"].queryset = selectors.programmes_of(masterplan)

    @staticmethod
    def initial_of(strategy: Strategy) -> dict:
        return {
            "dimension": strategy.dimension.code,
            "title": strategy.title,
            "text": strategy.text,
            "pairing": strategy.pairing,
            "swot_items": [s.pk for s in strategy.swot_items.all()],
            "programmes": [p.pk for p in strategy.programmes.all()],
        }

    def service_args(self, *, changed_only: bool = False) -> dict:
        """The service's arguments; `changed_only`: those the user changed (a concurrent change of the others is kept)."""
        data = self.cleaned_data
        args = {
            "dimension_code": data["dimension"].code,
            "title": data["title"],
            "text": data["text"],
            "pairing": data["pairing"],
            "swot_item_ids": [s.pk for s in data["swot_items"]],
            "programme_ids": [p.pk for p in data["programmes"]],
        }
        if changed_only:
            names = {"dimension": "dimension_code", "swot_items": "swot_item_ids", "programmes": "programme_ids"}
            changed = {names.get(name, name) for name in self.changed_data}
            args = {k: v for k, v in args.items() if k in changed}
        return args
