"""Forms of the governance pages. They only validate input: writes go through governance.services,
which take the ids and codes the forms turn the chosen records into (`service_args`)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kotacerdas.framework.models import MeetingKind, RegulationType
from kotacerdas.governance import selectors
from kotacerdas.governance.models import Meeting, Regulation
from kotacerdas.programmes import files

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 6})


def _file_field(required: bool) -> forms.FileField:
    field = forms.FileField(label=_("file"), required=required)
    field.widget.attrs["accept"] = ",".join(f".{e}" for e in files.EXTENSIONS)
    field.help_text = _("Allowed: %(types)s; at most %(max)s MB.") % {
        "types": ", ".join(files.EXTENSIONS),
        "max": f"{settings.EVIDENCE_MAX_BYTES / (1024 * 1024):g}",
    }
    return field


class RegulationForm(forms.Form):
    type = forms.ModelChoiceField(label=_("type"), queryset=RegulationType.objects.all(), to_field_name="code")
    number = forms.CharField(label=_("number"), max_length=120, required=False, help_text=_("Leave empty while it is a draft."))
    title = forms.CharField(label=_("title"), max_length=300)
    issued_on = forms.DateField(label=_("date"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("status"), choices=Regulation.Status.choices)
    masterplan = forms.ModelChoiceField(label=_("masterplan it concerns"), queryset=None, required=False)
    body = forms.ModelChoiceField(label=_("body it sets up"), queryset=None, required=False)
    revises = forms.ModelChoiceField(label=_("revises"), queryset=None, required=False)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = _file_field(required=False)

    def __init__(self, *args, city, regulation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["masterplan"].queryset = city.masterplans.all()
        self.fields["body"].queryset = city.bodies.all()
        others = Regulation.objects.filter(city=city)
        self.fields["revises"].queryset = others.exclude(pk=regulation.pk) if regulation else others
        if regulation and regulation.file:
            self.fields["file"].help_text = _("A new file replaces “%(name)s”.") % {"name": regulation.original_name}

    @staticmethod
    def initial_of(regulation: Regulation) -> dict:
        return {
            "type": regulation.type.code,
            "number": regulation.number,
            "title": regulation.title,
            "issued_on": regulation.issued_on,
            "status": regulation.status,
            "masterplan": regulation.masterplan_id,
            "body": regulation.body_id,
            "revises": regulation.revises_id,
            "note": regulation.note,
        }

    def service_args(self, *, changed_only: bool = False) -> dict:
        data = self.cleaned_data
        args = {
            "type_code": data["type"].code,
            "number": data["number"],
            "title": data["title"],
            "issued_on": data["issued_on"],
            "status": data["status"],
            "masterplan_id": data["masterplan"].pk if data["masterplan"] else None,
            "body_id": data["body"].pk if data["body"] else None,
            "revises_id": data["revises"].pk if data["revises"] else None,
            "note": data["note"],
        }
        if changed_only:
            names = {"type": "type_code", "masterplan": "masterplan_id", "body": "body_id", "revises": "revises_id"}
            changed = {names.get(name, name) for name in self.changed_data}
            args = {k: v for k, v in args.items() if k in changed}
        return {**args, "file": data["file"]}


class AmendingRegulationForm(forms.Form):
    """The regulation that closes a masterplan revision: an entry of the register, or a new one."""

    regulation = forms.ModelChoiceField(
        label=_("regulation in the register"),
        queryset=None,
        required=False,
        empty_label=_("— a new entry, as below —"),
        help_text=_("Choose it when the register holds the amending regulation already; otherwise fill in the new entry."),
    )
    type = forms.ModelChoiceField(label=_("type"), queryset=RegulationType.objects.all(), to_field_name="code", required=False)
    number = forms.CharField(label=_("number"), max_length=120, required=False)
    issued_on = forms.DateField(label=_("date"), required=False, widget=DATE)
    title = forms.CharField(label=_("title"), max_length=300, required=False)
    file = _file_field(required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regulation"].queryset = candidates

    def service_args(self) -> dict:
        data = self.cleaned_data
        if data["regulation"] is not None:
            return {"regulation_id": data["regulation"].pk}
        return {
            "type_code": data["type"].code if data["type"] else "",
            "number": data["number"],
            "issued_on": data["issued_on"],
            "title": data["title"],
            "file": data["file"],
        }


class MeetingForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("kind"), queryset=MeetingKind.objects.all(), to_field_name="code")
    title = forms.CharField(label=_("title"), max_length=300)
    held_on = forms.DateField(label=_("date"), widget=DATE)
    place = forms.CharField(label=_("place"), max_length=200, required=False)
    body = forms.ModelChoiceField(label=_("body that met"), queryset=None, required=False)
    opds = forms.ModelMultipleChoiceField(
        label=_("departments present"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    stakeholders = forms.ModelMultipleChoiceField(
        label=_("stakeholders present"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    attendance_count = forms.IntegerField(
        label=_("number of participants"), min_value=1, required=False, help_text=_("When the attendance list is not itemised.")
    )
    minutes = forms.CharField(label=_("minutes"), required=False, widget=TEXTAREA)

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = city.bodies.all()
        self.fields["opds"].queryset = city.opds.all()
        self.fields["stakeholders"].queryset = city.stakeholders.all()

    @staticmethod
    def initial_of(meeting: Meeting) -> dict:
        return {
            "kind": meeting.kind.code,
            "title": meeting.title,
            "held_on": meeting.held_on,
            "place": meeting.place,
            "body": meeting.body_id,
            "opds": [o.pk for o in meeting.opds.all()],
            "stakeholders": [s.pk for s in meeting.stakeholders.all()],
            "attendance_count": meeting.attendance_count,
            "minutes": meeting.minutes,
        }

    def service_args(self, *, changed_only: bool = False) -> dict:
        data = self.cleaned_data
        args = {
            "kind_code": data["kind"].code,
            "title": data["title"],
            "held_on": data["held_on"],
            "place": data["place"],
            "body_id": data["body"].pk if data["body"] else None,
            "opd_ids": [o.pk for o in data["opds"]],
            "stakeholder_ids": [s.pk for s in data["stakeholders"]],
            "attendance_count": data["attendance_count"],
            "minutes": data["minutes"],
        }
        if changed_only:
            names = {"kind": "kind_code", "body": "body_id", "opds": "opd_ids", "stakeholders": "stakeholder_ids"}
            changed = {names.get(name, name) for name in self.changed_data}
            args = {k: v for k, v in args.items() if k in changed}
        return args


class AttachmentForm(forms.Form):
    record = forms.ChoiceField(label=_("attached to"))
    file = _file_field(required=True)
    description = forms.CharField(label=_("description"), max_length=300)

    def __init__(self, *args, city, fixed: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if fixed:
            self.fields["record"].initial = fixed
            self.fields["record"].choices = [(fixed, fixed)]
            self.fields["record"].widget = forms.HiddenInput()
        else:
            self.fields["record"].choices = selectors.subject_choices(city)

    def service_args(self) -> dict:
        subject, _sep, pk = self.cleaned_data["record"].partition(":")
        return {
            "subject": subject,
            "record_id": int(pk) if pk.isdigit() else None,
            "file": self.cleaned_data["file"],
            "description": self.cleaned_data["description"],
        }
