"""Writes to the bimtek workshops, their participants and their outputs."""
from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.bimtek.models import Output, Participant, Workshop
from kotacerdas.cities.models import City, Stage
from kotacerdas.cities.services import city_reach_stage
from kotacerdas.core import permissions
from kotacerdas.core.errors import Conflict, ServiceError
from kotacerdas.core.services import record_create, record_delete, record_update
from kotacerdas.masterplan.models import Masterplan

# A bimtek lasts one or two days; a week is the most that still makes sense.
MAX_DAYS = 7
# Bimtek come before the masterplan they produce (Ambon: 2019 for 2020–2024), at most this many years before.
YEARS_BEFORE_PLAN = 2

DEFAULT_TITLES = {
    1: gettext_lazy("Strategic analysis: readiness, gaps and vision"),
    2: gettext_lazy("Strategy and programmes per dimension"),
    3: gettext_lazy("Masterplan, roadmap and quick-win shortlist"),
    4: gettext_lazy("Review of the books and commitment signing"),
}
STAGE_OF = {1: Stage.BIMTEK_1, 2: Stage.BIMTEK_2, 3: Stage.BIMTEK_3, 4: Stage.BIMTEK_4}
WORKSHOP_FIELDS = {"number", "title", "start_date", "end_date", "venue", "agenda", "mentors", "minutes"}
PARTICIPANT_FIELDS = {"name", "group", "organisation", "opd", "stakeholder", "attended"}
OUTPUT_FIELDS = {"kind", "text", "dimension", "lens", "swot_category", "proposed_by_opd", "proposed_by_stakeholder"}

# What each kind of output carries besides its text.
NEEDS_LENS = {Output.Kind.SWOT, Output.Kind.GAP}
NEEDS_DIMENSION = {Output.Kind.PROGRAMME_IDEA, Output.Kind.STRATEGY}
TAKES_DIMENSION = NEEDS_DIMENSION | {Output.Kind.QUICK_WIN}


# --- workshops ------------------------------------------------------------------------------

@transaction.atomic
def workshop_create(*, actor, masterplan: Masterplan, number: int, start_date: datetime.date, end_date: datetime.date,
                    title: str = "", venue: str = "", agenda: str = "", mentors: str = "", minutes: str = "") -> Workshop:
    """Plan bimtek `number` (1–4) of a masterplan; the title defaults to what that bimtek is about."""
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    data = {"masterplan": masterplan, "number": number, "title": (title or "").strip(), "start_date": start_date, "end_date": end_date,
            "venue": venue.strip(), "agenda": agenda.strip(), "mentors": _clean_lines(mentors), "minutes": minutes.strip()}
    _check_workshop(data, instance=None)
    return record_create(actor=actor, model=Workshop, data=data)


@transaction.atomic
def workshop_update(*, actor, workshop: Workshop, **fields) -> Workshop:
    """Change dates, venue, agenda, mentors or minutes (results stay editable after the bimtek)."""
    permissions.ensure(permissions.can_manage_city(actor, workshop.masterplan.city), "city.manage")
    _check_fields(fields, WORKSHOP_FIELDS)
    for name in ("title", "venue", "agenda", "minutes"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if "mentors" in fields:
        fields["mentors"] = _clean_lines(fields["mentors"])
    data = {name: getattr(workshop, name) for name in WORKSHOP_FIELDS} | {"masterplan": workshop.masterplan} | fields
    _check_workshop(data, instance=workshop)
    if workshop.is_held and data["end_date"] > timezone.localdate():
        raise ServiceError("held_in_future", _("This bimtek is marked as held, so it cannot end in the future."), field="end_date")
    fields["title"] = data["title"]
    workshop = record_update(actor=actor, instance=workshop, data=fields)
    if workshop.is_held:
        _reach_stage(actor, workshop)
    return workshop


@transaction.atomic
def workshop_delete(*, actor, workshop: Workshop) -> None:
    """Delete a bimtek with its participants; refused while outputs of it became plan content."""
    permissions.ensure(permissions.can_manage_city(actor, workshop.masterplan.city), "city.manage")
    adopted = workshop.outputs.filter(_adopted_q()).count()
    if adopted:
        raise Conflict("outputs_adopted", _("%(workshop)s cannot be deleted: %(n)d of its outputs became plan content.")
                       % {"workshop": workshop, "n": adopted})
    record_delete(actor=actor, instance=workshop, city=workshop.masterplan.city)


@transaction.atomic
def workshop_mark_held(*, actor, workshop: Workshop, held: bool = True) -> Workshop:
    """Record that the bimtek took place: the city reaches the stage "Bimtek N held" on its last day.

    Unmarking does not move the city's stage back (the lifecycle never goes backwards).
    """
    permissions.ensure(permissions.can_manage_city(actor, workshop.masterplan.city), "city.manage")
    if held and workshop.end_date > timezone.localdate():
        raise ServiceError("not_yet_held", _("%(workshop)s ends on %(date)s: it cannot be marked as held before then.")
                           % {"workshop": workshop, "date": workshop.end_date.isoformat()}, field="is_held")
    workshop = record_update(actor=actor, instance=workshop, data={"is_held": held}, city=workshop.masterplan.city)
    if held:
        _reach_stage(actor, workshop)
    return workshop


def _reach_stage(actor, workshop: Workshop) -> None:
    city_reach_stage(actor=actor, city=workshop.masterplan.city, stage=STAGE_OF[workshop.number], reached_on=workshop.end_date)


def _check_workshop(data: dict, *, instance: Workshop | None) -> None:
    number, start, end, plan = data["number"], data["start_date"], data["end_date"], data["masterplan"]
    if number not in DEFAULT_TITLES:
        raise ServiceError("invalid_bimtek_number", _("A bimtek is numbered 1 to 4, not %(n)s.") % {"n": number}, field="number")
    if start is None or end is None:
        raise ServiceError("dates_missing", _("A bimtek needs its start and end dates."), field="start_date" if start is None else "end_date")
    if start > end:
        raise ServiceError("dates_reversed", _("The bimtek cannot end (%(end)s) before it starts (%(start)s).")
                           % {"start": start.isoformat(), "end": end.isoformat()}, field="end_date")
    if (end - start).days + 1 > MAX_DAYS:
        raise ServiceError("too_long", _("A bimtek lasts at most %(n)d days.") % {"n": MAX_DAYS}, field="end_date")
    if start.year < plan.start_year - YEARS_BEFORE_PLAN or end.year > plan.end_year:
        raise ServiceError("outside_masterplan_period", _(
            "The bimtek of the masterplan %(first)d–%(last)d take place between %(from)d and %(last)d."
        ) % {"first": plan.start_year, "last": plan.end_year, "from": plan.start_year - YEARS_BEFORE_PLAN}, field="start_date")
    siblings = plan.workshops.exclude(pk=getattr(instance, "pk", None))
    if siblings.filter(number=number).exists():
        raise Conflict("duplicate_bimtek", _("This masterplan already has Bimtek %(n)s.") % {"n": _roman(number)}, field="number")
    before = siblings.filter(number__lt=number, end_date__gt=start).order_by("-number").first()
    after = siblings.filter(number__gt=number, start_date__lt=end).order_by("number").first()
    clash = before or after
    if clash is not None:
        raise ServiceError("out_of_sequence", _("Bimtek %(n)s must take place after the lower-numbered and before the higher-numbered bimtek (%(other)s: %(start)s–%(end)s).")
                           % {"n": _roman(number), "other": clash, "start": clash.start_date.isoformat(), "end": clash.end_date.isoformat()},
                           field="start_date")
    if not data.get("title"):
        data["title"] = str(DEFAULT_TITLES[number])


# --- participants ---------------------------------------------------------------------------

@transaction.atomic
def participant_add(*, actor, workshop: Workshop, name: str, group: str, organisation: str = "", opd=None, stakeholder=None,
                    attended: bool = False) -> Participant:
    """Invite someone; the organisation defaults to the department's or stakeholder's name."""
    city = workshop.masterplan.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    data = {"workshop": workshop, "name": (name or "").strip(), "group": group, "organisation": (organisation or "").strip(),
            "opd": opd, "stakeholder": stakeholder, "attended": bool(attended)}
    _check_participant(data, city)
    return record_create(actor=actor, model=Participant, data=data, city=city)


@transaction.atomic
def participant_update(*, actor, participant: Participant, **fields) -> Participant:
    city = participant.workshop.masterplan.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_fields(fields, PARTICIPANT_FIELDS)
    for name in ("name", "organisation"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    data = {name: getattr(participant, name) for name in PARTICIPANT_FIELDS} | fields
    _check_participant(data, city)
    changes = {name: data[name] for name in set(fields) | {"organisation"}}
    return record_update(actor=actor, instance=participant, data=changes, city=city)


@transaction.atomic
def participant_remove(*, actor, participant: Participant) -> None:
    city = participant.workshop.masterplan.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    record_delete(actor=actor, instance=participant, city=city)


@transaction.atomic
def participants_mark_attendance(*, actor, workshop: Workshop, attended: list[int] = (), absent: list[int] = ()) -> int:
    """Record the attendance list in one go: who came, who did not. Returns how many rows changed."""
    city = workshop.masterplan.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    wanted = {int(pk): True for pk in attended} | {int(pk): False for pk in absent}
    if set(map(int, attended)) & set(map(int, absent)):
        raise ServiceError("attendance_contradicts", _("A participant cannot be both present and absent."), field="attended")
    rows = {p.pk: p for p in workshop.participants.filter(pk__in=wanted)}
    unknown = sorted(set(wanted) - set(rows))
    if unknown:
        raise ServiceError("unknown_participant", _("%(workshop)s has no participant with id %(ids)s.")
                           % {"workshop": workshop, "ids": ", ".join(map(str, unknown))}, field="attended")
    changed = 0
    for pk, value in wanted.items():
        if rows[pk].attended != value:
            record_update(actor=actor, instance=rows[pk], data={"attended": value}, city=city)
            changed += 1
    return changed


def _check_participant(data: dict, city: City) -> None:
    if not data["name"]:
        raise ServiceError("name_missing", _("Every participant needs a name."), field="name")
    if data["group"] not in Participant.Group.values:
        raise ServiceError("invalid_group", _("Unknown participant group: %(group)s.") % {"group": data["group"]}, field="group")
    _same_city(data.get("opd"), city, "opd")
    _same_city(data.get("stakeholder"), city, "stakeholder")
    if not data["organisation"]:
        source = data.get("opd") or data.get("stakeholder")
        data["organisation"] = source.name if source is not None else ""


# --- outputs --------------------------------------------------------------------------------

@transaction.atomic
def output_record(*, actor, workshop: Workshop, kind: str, text: str, dimension=None, lens=None, swot_category: str = "",
                  proposed_by_opd=None, proposed_by_stakeholder=None) -> Output:
    """Record what the bimtek produced, with who proposed it.

    Coordinators record any output; an operator only proposals of their own department, a
    stakeholder only its own.
    """
    city = workshop.masterplan.city
    permissions.ensure(permissions.can_contribute_output(actor, city, opd=proposed_by_opd, stakeholder=proposed_by_stakeholder),
                       "output.contribute")
    data = {"workshop": workshop, "kind": kind, "text": (text or "").strip(), "dimension": dimension, "lens": lens,
            "swot_category": swot_category or "", "proposed_by_opd": proposed_by_opd, "proposed_by_stakeholder": proposed_by_stakeholder,
            "created_by": actor if getattr(actor, "pk", None) else None}
    _check_output(data, city)
    return record_create(actor=actor, model=Output, data=data, city=city)


@transaction.atomic
def output_update(*, actor, output: Output, **fields) -> Output:
    """Edit an output: coordinators any, a contributor only its own (and it stays its own)."""
    city = output.workshop.masterplan.city
    _ensure_own_output(actor, output)
    _check_fields(fields, OUTPUT_FIELDS)
    data = {name: getattr(output, name) for name in OUTPUT_FIELDS} | fields
    permissions.ensure(permissions.can_contribute_output(actor, city, opd=data["proposed_by_opd"], stakeholder=data["proposed_by_stakeholder"]),
                       "output.contribute")
    data["text"] = (data["text"] or "").strip()
    data["swot_category"] = data["swot_category"] or ""
    _check_output(data, city)
    return record_update(actor=actor, instance=output, data=data, city=city)


@transaction.atomic
def output_delete(*, actor, output: Output) -> None:
    """Delete an output unless it already became plan content (that would lose its provenance)."""
    city = output.workshop.masterplan.city
    _ensure_own_output(actor, output)
    if Output.objects.filter(pk=output.pk).filter(_adopted_q()).exists():
        raise Conflict("output_adopted", _("This output already became plan content: remove that first, or edit the output instead."))
    record_delete(actor=actor, instance=output, city=city)


def _ensure_own_output(actor, output: Output) -> None:
    permissions.ensure(permissions.can_contribute_output(
        actor, output.workshop.masterplan.city, opd=output.proposed_by_opd, stakeholder=output.proposed_by_stakeholder,
    ), "output.contribute")


def _check_output(data: dict, city: City) -> None:
    kind = data["kind"]
    if kind not in Output.Kind.values:
        raise ServiceError("invalid_kind", _("Unknown kind of output: %(kind)s.") % {"kind": kind}, field="kind")
    if not data["text"]:
        raise ServiceError("text_missing", _("The output has no text."), field="text")
    if data["proposed_by_opd"] is not None and data["proposed_by_stakeholder"] is not None:
        raise ServiceError("two_proposers", _("An output is proposed by one department or one stakeholder, not both."), field="proposed_by_stakeholder")
    _same_city(data["proposed_by_opd"], city, "proposed_by_opd")
    _same_city(data["proposed_by_stakeholder"], city, "proposed_by_stakeholder")
    if kind in NEEDS_LENS and data["lens"] is None:
        raise ServiceError("lens_missing", _("A %(kind)s needs its readiness lens (Struktur, Infrastruktur, Suprastruktur …).")
                           % {"kind": Output.Kind(kind).label}, field="lens")
    if kind == Output.Kind.SWOT and data["swot_category"] not in Output.SwotCategory.values:
        raise ServiceError("swot_category_missing", _("A SWOT item needs its category: S, W, O or T."), field="swot_category")
    if kind in NEEDS_DIMENSION and data["dimension"] is None:
        raise ServiceError("dimension_missing", _("A %(kind)s needs its smart-city dimension.") % {"kind": Output.Kind(kind).label},
                           field="dimension")
    # Drop what does not belong to the kind (e.g. a lens left over after switching kind in the form).
    if kind not in NEEDS_LENS:
        data["lens"] = None
    if kind != Output.Kind.SWOT:
        data["swot_category"] = ""
    if kind not in TAKES_DIMENSION:
        data["dimension"] = None


def _adopted_q() -> Q:
    return Q(programmes__isnull=False) | Q(swot_items__isnull=False) | Q(gap_items__isnull=False)


# --- helpers --------------------------------------------------------------------------------

def _roman(number: int) -> str:
    return {1: "I", 2: "II", 3: "III", 4: "IV"}.get(number, str(number))


def _clean_lines(text: str) -> str:
    return "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def _check_fields(fields: dict, allowed: set[str]) -> None:
    extra = sorted(set(fields) - allowed)
    if extra:
        raise ServiceError("field_not_editable", _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(extra)}, field=extra[0])


def _same_city(record, city: City, field: str) -> None:
    if record is not None and record.city_id != city.pk:
        raise ServiceError("other_city", _("%(record)s belongs to another city.") % {"record": record}, field=field)
