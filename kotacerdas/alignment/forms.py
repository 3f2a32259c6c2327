"""Forms of the alignment pages (rendered by the core form renderer); the services validate the domain rules.

Reference fields carry the services' (and the API's) names, `opd_id`, `parent_id`, `plan_item_id`, so a
refusal lands on the field it names; their choices are scoped to the city (and the plan).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.alignment.models import PlanDocument, PlanItem


class PlanDocumentForm(forms.Form):
    # The plan most cities register first, rather than the first kind listed (the national RPJMN).
    kind = forms.ChoiceField(label=_("kind"), choices=PlanDocument.Kind.choices, initial=PlanDocument.Kind.RPJMD)
    title = forms.CharField(label=_("title"), max_length=250)
    start_year = forms.IntegerField(label=_("first year"), min_value=1945, max_value=2100)
    end_year = forms.IntegerField(label=_("last year"), min_value=1945, max_value=2100)
    opd_id = forms.ModelChoiceField(
        label=_("department (for a Renstra or Renja)"),
        queryset=None,
        required=False,
        help_text=_("A national plan (RPJMN) is recorded by the city as the one its programmes align with; it names no department."),
    )
    legal_basis = forms.CharField(
        label=_("legal basis"), max_length=250, required=False, help_text=_("e.g. Perda Kota Ambon Nomor 6 Tahun 2017")
    )

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd_id"].queryset = city.opds.order_by("short_name")


class PlanItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=PlanItem.Kind.choices)
    code = forms.CharField(
        label=_("code"),
        max_length=30,
        required=False,
        help_text=_(
            "Required for programmes, activities and sub-activities of regional plans (Permendagri 90/2019), e.g. 2.16.02; "
            "in an RPJMN, RTRW or priority programmes, a reference such as PN 5, if any."
        ),
    )
    text = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 2}))
    parent_id = forms.ModelChoiceField(label=_("parent"), queryset=None, required=False)
    indicator = forms.CharField(label=_("indicator"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    target = forms.CharField(label=_("target"), max_length=150, required=False, help_text=_("e.g. 95 percent, or an index of 3.5"))
    indicative_ceiling = forms.DecimalField(
        label=_("indicative ceiling (Rp)"),
        max_digits=18,
        decimal_places=0,
        required=False,
        help_text=_("Pagu indikatif: the amount the plan sets aside, in whole Rupiah."),
    )
    order = forms.IntegerField(label=_("order"), min_value=0, max_value=32767, required=False)

    def __init__(self, *args, document, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = document.items.exclude(kind=PlanItem.Kind.SUB_ACTIVITY).order_by("order", "pk")
        self.fields["parent_id"].queryset = parents.exclude(pk=item.pk) if item is not None else parents


class LinkForm(forms.Form):
    plan_item_id = forms.ModelChoiceField(label=_("plan item"), queryset=None)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item_id"].queryset = PlanItem.objects.filter(document__city=city).select_related("document")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel workbook (.xlsx)"),
        help_text=_(
            "First row: kind, code, text, parent code, and if the plan states them indicator, target, indicative ceiling. "
            "Kinds: vision, mission, goal, programme, activity, sub-activity (or visi, misi, tujuan, program, kegiatan, sub kegiatan)."
        ),
    )
