"""Forms of the bimtek pages; they only collect input, the services decide. They render with the core form renderer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.selectors import city_mentors
from kotacerdas.bimtek.models import Output, Participant
from kotacerdas.core import permissions
from kotacerdas.core.forms import CheckboxList
from kotacerdas.framework.models import Dimension, ReadinessLens

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WorkshopForm(forms.Form):
    number = forms.TypedChoiceField(label=_("Bimtek"), coerce=int, choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")])
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Leave empty for the usual title of this bimtek.")
    )
    start_date = forms.DateField(label=_("First day"), widget=DATE)
    end_date = forms.DateField(label=_("Last day"), widget=DATE)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One session per line, e.g. “08.30 Opening by the city secretary”."),
    )
    mentors = forms.ModelMultipleChoiceField(
        label=_("Mentors (pembimbing)"),
        queryset=None,
        required=False,
        widget=CheckboxList,
        help_text=_("Chosen among the mentors the ministry assigned to this region (see the region's mentors and assessors)."),
    )
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = city_mentors(city)
        self.fields["mentors"].label_from_instance = lambda m: f"{m.name} – {m.institution}" if m.institution else m.name

    def service_kwargs(self, names=None) -> dict:
        """The cleaned fields (only `names` when given) as the workshop services take them (mentors by id)."""
        data = {name: value for name, value in self.cleaned_data.items() if names is None or name in names}
        if "mentors" in data:
            data["mentor_ids"] = [m.pk for m in data.pop("mentors")]
        data.pop("version", None)
        return data


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    group = forms.ChoiceField(label=_("Group"), choices=Participant.Group.choices)
    opd = forms.ModelChoiceField(label=_("Department"), queryset=None, required=False)
    stakeholder = forms.ModelChoiceField(label=_("Stakeholder"), queryset=None, required=False)
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False, help_text=_("Filled from the department or stakeholder when left empty.")
    )
    attended = forms.BooleanField(label=_("Attended"), required=False)

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = city.opds.order_by("name")
        self.fields["stakeholder"].queryset = city.stakeholders.order_by("name")

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "group": data["group"],
            "organisation": data["organisation"],
            "attended": data["attended"],
            "opd_id": data["opd"].pk if data["opd"] else None,
            "stakeholder_id": data["stakeholder"].pk if data["stakeholder"] else None,
        }


class OutputForm(forms.Form):
    """The proposer is one field ("opd:3" or "stakeholder:7"), limited to what the user may propose for."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Output.Kind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))
    proposer = forms.ChoiceField(label=_("Proposed by"), required=False)
    dimension_code = forms.ModelChoiceField(
        label=_("Dimension"),
        queryset=Dimension.objects.order_by("order"),
        to_field_name="code",
        required=False,
        help_text=_("For programme ideas, strategies and quick-win candidates."),
    )
    lens_code = forms.ModelChoiceField(
        label=_("Readiness lens"),
        queryset=ReadinessLens.objects.order_by("order"),
        to_field_name="code",
        required=False,
        help_text=_("For SWOT and gap items."),
    )
    swot_category = forms.ChoiceField(label=_("SWOT category"), choices=[("", "—"), *Output.SwotCategory.choices], required=False)

    def __init__(self, *args, city, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.city = city
        opds = [o for o in city.opds.order_by("name") if permissions.can_contribute_output(user, city, opd=o)]
        stakeholders = [s for s in city.stakeholders.order_by("name") if permissions.can_contribute_output(user, city, stakeholder=s)]
        choices = [("", _("— nobody in particular —"))] if permissions.can_manage_city(user, city) else []
        if opds:
            choices.append((_("Departments"), [(f"opd:{o.pk}", o.name) for o in opds]))
        if stakeholders:
            choices.append((_("Stakeholders"), [(f"stakeholder:{s.pk}", s.name) for s in stakeholders]))
        self.fields["proposer"].choices = choices

    def service_kwargs(self) -> dict:
        """The service's arguments: references by id and code, as the API sends them."""
        data = self.cleaned_data
        kind, _sep, pk = (data.get("proposer") or "").partition(":")
        return {
            "kind": data["kind"],
            "text": data["text"],
            "swot_category": data["swot_category"],
            "dimension_code": data["dimension_code"].code if data["dimension_code"] else None,
            "lens_code": data["lens_code"].code if data["lens_code"] else None,
            "proposed_by_opd_id": int(pk) if kind == "opd" else None,
            "proposed_by_stakeholder_id": int(pk) if kind == "stakeholder" else None,
        }

    @staticmethod
    def initial_for(output: Output) -> dict:
        proposer = ""
        if output.proposed_by_opd_id:
            proposer = f"opd:{output.proposed_by_opd_id}"
        elif output.proposed_by_stakeholder_id:
            proposer = f"stakeholder:{output.proposed_by_stakeholder_id}"
        return {
            "kind": output.kind,
            "text": output.text,
            "proposer": proposer,
            "dimension_code": output.dimension.code if output.dimension else None,
            "lens_code": output.lens.code if output.lens else None,
            "swot_category": output.swot_category,
        }
