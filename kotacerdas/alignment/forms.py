"""Forms of the alignment pages; the services validate the domain rules."""
from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.alignment.models import PlanDocument, PlanItem


class BootstrapForm(forms.Form):
    """Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class PlanDocumentForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("kind"), choices=PlanDocument.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=250)
    start_year = forms.IntegerField(label=_("first year"), min_value=1945, max_value=2100)
    end_year = forms.IntegerField(label=_("last year"), min_value=1945, max_value=2100)
    opd = forms.ModelChoiceField(label=_("department (for a Renstra or Renja)"), queryset=None, required=False)
    legal_basis = forms.CharField(label=_("legal basis"), max_length=250, required=False,
                                  help_text=_("e.g. Perda Kota Ambon Nomor 6 Tahun 2017"))

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = city.opds.order_by("short_name")


class PlanItemForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("kind"), choices=PlanItem.Kind.choices)
    code = forms.CharField(label=_("nomenclature code"), max_length=30, required=False,
                           help_text=_("Required for programmes, activities and sub-activities, e.g. 2.16.02."))
    text = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 2}))
    parent = forms.ModelChoiceField(label=_("parent"), queryset=None, required=False)
    order = forms.IntegerField(label=_("order"), min_value=0, required=False)

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = document.items.exclude(kind=PlanItem.Kind.SUB_ACTIVITY).order_by("order", "pk")


class LinkForm(BootstrapForm):
    plan_item = forms.ModelChoiceField(label=_("plan item"), queryset=None)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = PlanItem.objects.filter(document__city=city).select_related("document")


class ImportForm(BootstrapForm):
    file = forms.FileField(label=_("Excel workbook (.xlsx)"),
                           help_text=_("First row: kind, code, text, parent code. Kinds: vision, mission, goal, programme, activity, sub-activity (or visi, misi, tujuan, program, kegiatan, sub kegiatan)."))
