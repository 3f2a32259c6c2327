"""Writes to the bimtek workshops, their participants and their outputs.

Every service checks permission first, then resolves the references it was given (ids of the
city's departments, stakeholders and participants, codes of reference data), then checks the
data, then writes through `core.services`. Update services take only the fields to change
(`UNCHANGED` marks the others).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.models import Mentor
from kotacerdas.accounts.selectors import city_mentors, registered_mentors
from kotacerdas.bimtek.error_codes import BimtekError
from kotacerdas.bimtek.models import Output, Participant, Workshop, roman
from kotacerdas.cities.models import City, Opd, Stage, Stakeholder
from kotacerdas.cities.services import YEARS_BEFORE_PLAN, city_reach_stage
from kotacerdas.core import permissions
from kotacerdas.core.api import resolve, resolve_code, resolve_many
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import UNCHANGED, given, record_create, record_delete, record_update
from kotacerdas.framework.models import Dimension, ReadinessLens
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.masterplan.selectors import current_masterplan

# A bimtek lasts one or two days; a week is the most that still makes sense.
MAX_DAYS = 7
# Bimtek come before the masterplan they produce at most YEARS_BEFORE_PLAN years before (the cycle's rule, cities.services).

DEFAULT_TITLES = {
    1: gettext_lazy("Strategic analysis: readiness, gaps and vision"),
    2: gettext_lazy("Strategy and programmes per dimension"),
    3: gettext_lazy("Masterplan, roadmap and quick-win shortlist"),
    4: gettext_lazy("Review of the books and commitment signing"),
}
STAGE_OF = {1: Stage.BIMTEK_1, 2: Stage.BIMTEK_2, 3: Stage.BIMTEK_3, 4: Stage.BIMTEK_4}
WORKSHOP_FIELDS = ("number", "title", "start_date", "end_date", "venue", "agenda", "minutes")

# What each kind of output carries besides its text.
NEEDS_LENS = {Output.Kind.SWOT, Output.Kind.GAP}
NEEDS_DIMENSION = {Output.Kind.PROGRAMME_IDEA, Output.Kind.STRATEGY}
TAKES_DIMENSION = NEEDS_DIMENSION | {Output.Kind.QUICK_WIN}


# --- workshops ------------------------------------------------------------------------------


@transaction.atomic
def workshop_create(
    *,
    actor,
    city: City,
    number: int,
    start_date: datetime.date,
    end_date: datetime.date,
    masterplan_id: int | None = None,
    title: str = "",
    venue: str = "",
    agenda: str = "",
    mentor_ids: list[int] = (),
    minutes: str = "",
) -> Workshop:
    """Plan bimtek `number` (1–4) of a masterplan of the city (its current one by default); the title defaults to what that bimtek is about."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    if masterplan_id is not None:
        masterplan = resolve(Masterplan, masterplan_id, city=city, field="masterplan_id")
    else:
        masterplan = current_masterplan(city)
        if masterplan is None:
            raise ServiceError(
                CoreError.REQUIRED, _("%(city)s has no masterplan yet: open one first.") % {"city": city.name}, field="masterplan_id"
            )
    masterplan.city = city
    data = {
        "masterplan": masterplan,
        "number": number,
        "title": (title or "").strip(),
        "start_date": start_date,
        "end_date": end_date,
        "venue": (venue or "").strip(),
        "agenda": (agenda or "").strip(),
        "minutes": (minutes or "").strip(),
    }
    _check_workshop(data, instance=None)
    mentors = city_mentors_chosen(city, mentor_ids)
    return record_create(actor=actor, model=Workshop, data=data, m2m={"mentors": mentors}, city=city)


@transaction.atomic
def workshop_update(
    *,
    actor,
    workshop: Workshop,
    number=UNCHANGED,
    title=UNCHANGED,
    start_date=UNCHANGED,
    end_date=UNCHANGED,
    venue=UNCHANGED,
    agenda=UNCHANGED,
    mentor_ids=UNCHANGED,
    minutes=UNCHANGED,
    is_held=UNCHANGED,
) -> Workshop:
    """Change dates, venue, agenda, mentors (`mentor_ids` replaces them) or minutes (results stay editable after the bimtek), or mark it held.

    Held: the workshop's own masterplan cycle reaches the stage "Bimtek N held" on its last day (an
    older masterplan's workshop never touches the current cycle); unmarking keeps the recorded stage.
    """
    city = workshop.masterplan.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    fields = given(
        number=number,
        title=title,
        start_date=start_date,
        end_date=end_date,
        venue=venue,
        agenda=agenda,
        minutes=minutes,
        is_held=is_held,
    )
    for name in ("title", "venue", "agenda", "minutes"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if "is_held" in fields:
        fields["is_held"] = bool(fields["is_held"])
    data = {name: getattr(workshop, name) for name in (*WORKSHOP_FIELDS, "is_held")} | {"masterplan": workshop.masterplan} | fields
    _check_workshop(data, instance=workshop)
    if data["is_held"] and data["end_date"] > timezone.localdate():
        if not workshop.is_held:
            raise ServiceError(
                BimtekError.NOT_YET_HELD,
                _("%(workshop)s ends on %(date)s: it cannot be marked as held before then.")
                % {"workshop": workshop, "date": date_format(data["end_date"], "j F Y")},
                field="is_held",
            )
        raise ServiceError(CoreError.DATE_IN_FUTURE, _("This bimtek is marked as held, so it cannot end in the future."), field="end_date")
    fields["title"] = data["title"]
    m2m = {} if mentor_ids is UNCHANGED else {"mentors": city_mentors_chosen(city, mentor_ids)}
    workshop = record_update(actor=actor, instance=workshop, data=fields, m2m=m2m, city=city)
    if workshop.is_held:
        city_reach_stage(
            actor=actor,
            city=city,
            stage=STAGE_OF[workshop.number],
            reached_on=workshop.end_date,
            masterplan=workshop.masterplan,
            field="end_date",
        )
    return workshop


@transaction.atomic
def workshop_mark_held(*, actor, workshop: Workshop, held: bool = True) -> Workshop:
    """Record that the bimtek took place (or, `held=False`, that it did not after all)."""
    return workshop_update(actor=actor, workshop=workshop, is_held=held)


@transaction.atomic
def workshop_delete(*, actor, workshop: Workshop) -> None:
    """Delete a bimtek with its participants; refused while outputs of it became plan content."""
    permissions.ensure(permissions.can_manage_city(actor, workshop.masterplan.city), "city.manage")
    adopted = workshop.outputs.filter(_adopted_q()).count()
    if adopted:
        raise ServiceError(
            CoreError.STILL_LINKED,
            _("%(workshop)s cannot be deleted: %(n)d of its outputs became plan content.") % {"workshop": workshop, "n": adopted},
        )
    record_delete(actor=actor, instance=workshop, city=workshop.masterplan.city)


def city_mentors_chosen(city: City, mentor_ids) -> list[Mentor]:
    """The mentors `mentor_ids` names, each registered and assigned to the city (the ministry assigns them)."""
    mentors = registered_mentors(mentor_ids or (), field="mentor_ids")
    assigned = set(city_mentors(city).filter(pk__in=[m.pk for m in mentors]).values_list("pk", flat=True))
    strangers = [m.name for m in mentors if m.pk not in assigned]
    if strangers:
        raise ServiceError(
            BimtekError.MENTOR_NOT_ASSIGNED,
            _("%(names)s is not assigned to %(city)s: the ministry assigns mentors to regions first.")
            % {"names": ", ".join(strangers), "city": city.name},
            field="mentor_ids",
        )
    return mentors


def _check_workshop(data: dict, *, instance: Workshop | None) -> None:
    number, start, end, plan = data["number"], data["start_date"], data["end_date"], data["masterplan"]
    if number not in DEFAULT_TITLES:
        raise ServiceError(CoreError.OUT_OF_RANGE, _("A bimtek is numbered 1 to 4, not %(n)s.") % {"n": number}, field="number")
    if start is None or end is None:
        raise ServiceError(
            CoreError.REQUIRED, _("A bimtek needs its start and end dates."), field="start_date" if start is None else "end_date"
        )
    if start > end:
        raise ServiceError(
            CoreError.RANGE_REVERSED,
            _("The bimtek cannot end (%(end)s) before it starts (%(start)s).")
            % {"start": date_format(start, "j F Y"), "end": date_format(end, "j F Y")},
            field="end_date",
        )
    if (end - start).days + 1 > MAX_DAYS:
        raise ServiceError(CoreError.TOO_LONG, _("A bimtek lasts at most %(n)d days.") % {"n": MAX_DAYS}, field="end_date")
    if start.year < plan.start_year - YEARS_BEFORE_PLAN or end.year > plan.end_year:
        raise ServiceError(
            CoreError.OUT_OF_RANGE,
            _("The bimtek of the masterplan %(first)d–%(last)d take place between %(from)d and %(last)d.")
            % {"first": plan.start_year, "last": plan.end_year, "from": plan.start_year - YEARS_BEFORE_PLAN},
            field="start_date",
        )
    siblings = plan.workshops.exclude(pk=getattr(instance, "pk", None))
    if siblings.filter(number=number).exists():
        raise ServiceError(CoreError.DUPLICATE, _("This masterplan already has Bimtek %(n)s.") % {"n": roman(number)}, field="number")
    before = siblings.filter(number__lt=number, end_date__gt=start).order_by("-number").first()
    after = siblings.filter(number__gt=number, start_date__lt=end).order_by("number").first()
    clash = before or after
    if clash is not None:
        raise ServiceError(
            BimtekError.OUT_OF_SEQUENCE,
            _("Bimtek %(n)s must take place after the lower-numbered and before the higher-numbered bimtek (%(other)s: %(start)s–%(end)s).")
            % {"n": roman(number), "other": clash, "start": clash.start_date.isoformat(), "end": clash.end_date.isoformat()},
            field="start_date",
        )
    if not data.get("title"):
        data["title"] = str(DEFAULT_TITLES[number])


# --- participants ---------------------------------------------------------------------------


@transaction.atomic
def participant_add(
    *,
    actor,
    workshop: Workshop,
    name: str,
    group: str,
    organisation: str = "",
    opd_id: int | None = None,
    stakeholder_id: int | None = None,
    attended: bool = False,
) -> Participant:
    """Invite someone; the organisation defaults to the department's or stakeholder's name."""
    city = workshop.masterplan.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    data = {
        "workshop": workshop,
        "name": (name or "").strip(),
        "group": group,
        "organisation": (organisation or "").strip(),
        "opd": _optional(Opd, opd_id, city, "opd_id"),
        "stakeholder": _optional(Stakeholder, stakeholder_id, city, "stakeholder_id"),
        "attended": bool(attended),
    }
    _check_participant(data)
    return record_create(actor=actor, model=Participant, data=data, city=city)


@transaction.atomic
def participant_update(
    *,
    actor,
    participant: Participant,
    name=UNCHANGED,
    group=UNCHANGED,
    organisation=UNCHANGED,
    opd_id=UNCHANGED,
    stakeholder_id=UNCHANGED,
    attended=UNCHANGED,
) -> Participant:
    city = participant.workshop.masterplan.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    fields = given(name=name, group=group, organisation=organisation, attended=attended)
    if opd_id is not UNCHANGED:
        fields["opd"] = _optional(Opd, opd_id, city, "opd_id")
    if stakeholder_id is not UNCHANGED:
        fields["stakeholder"] = _optional(Stakeholder, stakeholder_id, city, "stakeholder_id")
    for text in ("name", "organisation"):
        if text in fields:
            fields[text] = (fields[text] or "").strip()
    if "attended" in fields:
        fields["attended"] = bool(fields["attended"])
    current = {name: getattr(participant, name) for name in ("name", "group", "organisation", "opd", "stakeholder", "attended")}
    data = current | fields
    _check_participant(data)
    return record_update(actor=actor, instance=participant, data={name: data[name] for name in set(fields) | {"organisation"}}, city=city)


@transaction.atomic
def participant_remove(*, actor, participant: Participant) -> None:
    city = participant.workshop.masterplan.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    record_delete(actor=actor, instance=participant, city=city)


@transaction.atomic
def participants_mark_attendance(*, actor, workshop: Workshop, attended_participant_ids=(), absent_participant_ids=()) -> int:
    """Record the attendance list in one go: who came, who did not. Returns how many rows changed."""
    city = workshop.masterplan.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    attended, absent = list(attended_participant_ids), list(absent_participant_ids)
    if set(attended) & set(absent):
        raise ServiceError(
            BimtekError.ATTENDANCE_CONTRADICTS, _("A participant cannot be both present and absent."), field="attended_participant_ids"
        )
    rows = workshop.participants.all()
    wanted = dict.fromkeys(resolve_many(Participant, attended, city=city, field="attended_participant_ids", queryset=rows), True)
    wanted |= dict.fromkeys(resolve_many(Participant, absent, city=city, field="absent_participant_ids", queryset=rows), False)
    changed = 0
    for participant, value in wanted.items():
        if participant.attended != value:
            record_update(actor=actor, instance=participant, data={"attended": value}, city=city)
            changed += 1
    return changed


def _check_participant(data: dict) -> None:
    if not data["name"]:
        raise ServiceError(CoreError.REQUIRED, _("Every participant needs a name."), field="name")
    if data["group"] not in Participant.Group.values:
        raise ServiceError(CoreError.INVALID, _("Unknown participant group: %(group)s.") % {"group": data["group"]}, field="group")
    if not data["organisation"]:
        source = data.get("opd") or data.get("stakeholder")
        data["organisation"] = source.name if source is not None else ""


# --- outputs --------------------------------------------------------------------------------


def may_contribute(actor, city) -> bool:
    """Whether the user may record at least some output of the city (their own proposals, or any)."""
    if permissions.can_manage_city(actor, city):
        return True
    if not getattr(actor, "is_authenticated", False):
        return False
    opd, stakeholder = getattr(actor, "opd", None), getattr(actor, "stakeholder", None)
    return (opd is not None and permissions.can_contribute_output(actor, city, opd=opd)) or (
        stakeholder is not None and permissions.can_contribute_output(actor, city, stakeholder=stakeholder)
    )


@transaction.atomic
def output_record(
    *,
    actor,
    workshop: Workshop,
    kind: str,
    text: str,
    dimension_code: str | None = None,
    lens_code: str | None = None,
    swot_category: str = "",
    proposed_by_opd_id: int | None = None,
    proposed_by_stakeholder_id: int | None = None,
) -> Output:
    """Record what the bimtek produced, with who proposed it.

    Coordinators record any output; an operator only proposals of their own department, a
    stakeholder only its own.
    """
    city = workshop.masterplan.city
    permissions.ensure(may_contribute(actor, city), "output.contribute")
    opd = _optional(Opd, proposed_by_opd_id, city, "proposed_by_opd_id")
    stakeholder = _optional(Stakeholder, proposed_by_stakeholder_id, city, "proposed_by_stakeholder_id")
    permissions.ensure(permissions.can_contribute_output(actor, city, opd=opd, stakeholder=stakeholder), "output.contribute")
    data = {
        "workshop": workshop,
        "kind": kind,
        "text": (text or "").strip(),
        "dimension": _dimension(dimension_code),
        "lens": _lens(lens_code),
        "swot_category": swot_category or "",
        "proposed_by_opd": opd,
        "proposed_by_stakeholder": stakeholder,
        "created_by": actor if getattr(actor, "pk", None) else None,
    }
    _check_output(data)
    return record_create(actor=actor, model=Output, data=data, city=city)


@transaction.atomic
def output_update(
    *,
    actor,
    output: Output,
    kind=UNCHANGED,
    text=UNCHANGED,
    dimension_code=UNCHANGED,
    lens_code=UNCHANGED,
    swot_category=UNCHANGED,
    proposed_by_opd_id=UNCHANGED,
    proposed_by_stakeholder_id=UNCHANGED,
) -> Output:
    """Edit an output: coordinators any, a contributor only its own (and it stays its own)."""
    city = output.workshop.masterplan.city
    _ensure_own_output(actor, output)
    opd, stakeholder = output.proposed_by_opd, output.proposed_by_stakeholder
    if proposed_by_opd_id is not UNCHANGED:
        opd = _optional(Opd, proposed_by_opd_id, city, "proposed_by_opd_id")
    if proposed_by_stakeholder_id is not UNCHANGED:
        stakeholder = _optional(Stakeholder, proposed_by_stakeholder_id, city, "proposed_by_stakeholder_id")
    permissions.ensure(permissions.can_contribute_output(actor, city, opd=opd, stakeholder=stakeholder), "output.contribute")
    data = {
        "kind": output.kind,
        "text": output.text,
        "dimension": output.dimension,
        "lens": output.lens,
        "swot_category": output.swot_category,
        "proposed_by_opd": opd,
        "proposed_by_stakeholder": stakeholder,
    }
    data |= given(kind=kind, text=text, swot_category=swot_category)
    if dimension_code is not UNCHANGED:
        data["dimension"] = _dimension(dimension_code)
    if lens_code is not UNCHANGED:
        data["lens"] = _lens(lens_code)
    data["text"] = (data["text"] or "").strip()
    data["swot_category"] = data["swot_category"] or ""
    _check_output(data)
    return record_update(actor=actor, instance=output, data=data, city=city)


@transaction.atomic
def output_delete(*, actor, output: Output) -> None:
    """Delete an output unless it already became plan content (that would lose its provenance)."""
    city = output.workshop.masterplan.city
    _ensure_own_output(actor, output)
    if Output.objects.filter(pk=output.pk).filter(_adopted_q()).exists():
        raise ServiceError(
            CoreError.STILL_LINKED, _("This output already became plan content: remove that first, or edit the output instead.")
        )
    record_delete(actor=actor, instance=output, city=city)


def _ensure_own_output(actor, output: Output) -> None:
    permissions.ensure(
        permissions.can_contribute_output(
            actor,
            output.workshop.masterplan.city,
            opd=output.proposed_by_opd,
            stakeholder=output.proposed_by_stakeholder,
        ),
        "output.contribute",
    )


def _check_output(data: dict) -> None:
    kind = data["kind"]
    if kind not in Output.Kind.values:
        raise ServiceError(CoreError.INVALID, _("Unknown kind of output: %(kind)s.") % {"kind": kind}, field="kind")
    if not data["text"]:
        raise ServiceError(CoreError.REQUIRED, _("The output has no text."), field="text")
    if data["proposed_by_opd"] is not None and data["proposed_by_stakeholder"] is not None:
        raise ServiceError(
            BimtekError.TWO_PROPOSERS,
            _("An output is proposed by one department or one stakeholder, not both."),
            field="proposed_by_stakeholder_id",
        )
    if kind in NEEDS_LENS and data["lens"] is None:
        raise ServiceError(
            CoreError.REQUIRED,
            _("A %(kind)s needs its readiness lens (Struktur, Infrastruktur, Suprastruktur …).") % {"kind": Output.Kind(kind).label},
            field="lens_code",
        )
    if kind == Output.Kind.SWOT and data["swot_category"] not in Output.SwotCategory.values:
        raise ServiceError(CoreError.REQUIRED, _("A SWOT item needs its category: S, W, O or T."), field="swot_category")
    if kind in NEEDS_DIMENSION and data["dimension"] is None:
        raise ServiceError(
            CoreError.REQUIRED, _("A %(kind)s needs its smart-city dimension.") % {"kind": Output.Kind(kind).label}, field="dimension_code"
        )
    # Drop what does not belong to the kind (e.g. a lens left over after switching kind in the form).
    if kind not in NEEDS_LENS:
        data["lens"] = None
    if kind != Output.Kind.SWOT:
        data["swot_category"] = ""
    if kind not in TAKES_DIMENSION:
        data["dimension"] = None


def _adopted_q() -> Q:
    return Q(programmes__isnull=False) | Q(swot_items__isnull=False) | Q(gap_items__isnull=False) | Q(strategies__isnull=False)


# --- helpers --------------------------------------------------------------------------------


def _optional(model, pk: int | None, city: City, field: str):
    """The city's record `pk` of `model`, or None when no id was given (`core.api.resolve`: 400 `unknown_reference` otherwise)."""
    return None if pk is None else resolve(model, pk, city=city, field=field)


def _dimension(code: str | None):
    return resolve_code(Dimension, code, field="dimension_code") if code else None


def _lens(code: str | None):
    return resolve_code(ReadinessLens, code, field="lens_code") if code else None
