"""Writes to the programme registry: programmes with their years and partners, evidence, quick wins.

Who may do what:
- create/update/delete a programme, its years, partners and evidence, and its quick-win sheet:
  coordinators (and the ministry) for every programme; a department operator for the
  programmes its department leads (`permissions.can_edit_programme`);
- quick-win scores and stages (shortlist, final selection) are decisions of the city:
  coordinators and the ministry only.

Every service checks permission first, then validates everything, then writes: a refusal
leaves nothing behind.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kotacerdas.core import permissions
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import check_editable, record_create, record_delete, record_update
from kotacerdas.core.spreadsheets import cell_text, check_import_file, read_table, sheet_titles
from kotacerdas.framework.models import Dimension, Element, FundingSource, Horizon, ProgrammeStatus
from kotacerdas.programmes import files, tables
from kotacerdas.programmes.error_codes import ProgrammeError
from kotacerdas.programmes.models import (
    ActionStep,
    Evidence,
    Programme,
    ProgrammeFunding,
    ProgrammeStakeholder,
    ProgrammeYear,
    QuickWin,
    QuickWinScore,
)
from kotacerdas.regions.models import Level

EVIDENCE_EXTENSIONS = files.EXTENSIONS

PROGRAMME_FIELDS = {
    "name",
    "description",
    "problem",
    "dimension",
    "element",
    "lead_opd",
    "supporting_opds",
    "person_in_charge",
    "horizon",
    "start_year",
    "end_year",
    "status",
    "district",
    "village",
    "is_quick_win",
    "origin",
}
TEXT_FIELDS = {"name", "description", "problem", "person_in_charge"}
YEAR_FIELDS = {"year", "budget", "status", "funding"}
FUNDING_FIELDS = {"source", "amount", "stakeholder"}
STEP_FIELDS = {"year", "description", "milestone", "opd"}
# The quick-win sheet's text, in the order of Buku III (books/content/buku3.py), its form and its display.
SHEET_FIELDS = ("problem", "innovation", "benefit", "partners", "timeline", "risks")


# --- programmes ---------------------------------------------------------------------------


@transaction.atomic
def programme_create(
    *, actor, masterplan, years: list[dict] = (), partners: list[dict] = (), steps: list[dict] = (), **fields
) -> Programme:
    """Add a programme to a masterplan with its yearly rows, partners and action-plan steps (all or nothing)."""
    city = masterplan.city
    permissions.ensure(permissions.can_create_programme(actor, city, fields.get("lead_opd")), "programme.create")
    check_editable(fields, PROGRAMME_FIELDS)
    supporting = list(fields.pop("supporting_opds", []) or [])
    data = _clean_text(fields)
    data.setdefault("is_quick_win", False)
    _infer_district(data)
    _validate(masterplan, data, supporting)
    _check_unique_name(masterplan, data["name"])
    _check_years(city, data["start_year"], data["end_year"], years)
    _check_partners(city, partners)
    _check_steps(data["start_year"], data["end_year"], data.get("lead_opd"), supporting, steps)
    programme = record_create(
        actor=actor, model=Programme, data={"masterplan": masterplan, **data}, m2m={"supporting_opds": supporting}, city=city
    )
    _sync_years(actor, programme, years)
    _sync_partners(actor, programme, partners)
    _sync_steps(actor, programme, steps)
    if programme.is_quick_win:
        _ensure_sheet(actor, programme)
    return programme


@transaction.atomic
def programme_update(
    *,
    actor,
    programme: Programme,
    years: list[dict] | None = None,
    partners: list[dict] | None = None,
    steps: list[dict] | None = None,
    **fields,
) -> Programme:
    """Change a programme; `years`/`partners`/`steps`, when given, replace its yearly rows/partners/action plan."""
    masterplan = programme.masterplan
    city = masterplan.city
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    if "lead_opd" in fields and _pk(fields["lead_opd"]) != programme.lead_opd_id:
        # An operator may not hand its programme over to another department (nor drop the lead).
        permissions.ensure(permissions.can_create_programme(actor, city, fields["lead_opd"]), "programme.edit")
    check_editable(fields, PROGRAMME_FIELDS)
    supporting = fields.pop("supporting_opds", None)
    data = _clean_text(fields)
    current = {name: getattr(programme, name) for name in PROGRAMME_FIELDS - {"supporting_opds"}}
    merged = {**current, **data}
    if "village" in data and "district" not in data:
        merged["district"] = None
    _infer_district(merged)
    data["district"] = merged["district"]
    supporting_now = list(programme.supporting_opds.all()) if supporting is None else list(supporting)
    _validate(masterplan, merged, supporting_now)
    if merged["name"] != programme.name:
        _check_unique_name(masterplan, merged["name"], exclude=programme.pk)
    start, end = int(merged["start_year"]), int(merged["end_year"])
    if years is not None:
        _check_years(city, start, end, years, saved=_saved_funding(programme))
    else:
        _check_existing_years(programme, start, end)
    if partners is not None:
        _check_partners(city, partners)
    # Without new steps, the kept ones must still fit the programme's (possibly changed) years and departments.
    kept = [_step_row(step) for step in programme.steps.select_related("opd")] if steps is None else steps
    _check_steps(start, end, merged["lead_opd"], supporting_now, kept)
    m2m = {} if supporting is None else {"supporting_opds": list(supporting)}
    was_quick_win = programme.is_quick_win
    programme = record_update(actor=actor, instance=programme, data=data, m2m=m2m, city=city)
    if years is not None:
        _sync_years(actor, programme, years)
    if partners is not None:
        _sync_partners(actor, programme, partners)
    if steps is not None:
        _sync_steps(actor, programme, steps)
    if programme.is_quick_win and not was_quick_win:
        _ensure_sheet(actor, programme)
    elif was_quick_win and not programme.is_quick_win:
        _drop_sheet(actor, programme)
    return programme


def programme_links(programme: Programme) -> list[str]:
    """What still points at a programme, in words (empty when it may simply be deleted)."""
    links = []
    n_plan = programme.plan_links.count()
    if n_plan:
        links.append(_("%(n)d link(s) to official plans") % {"n": n_plan})
    n_gaps = programme.gaps.count()
    if n_gaps:
        links.append(_("%(n)d readiness gap(s) it closes") % {"n": n_gaps})
    if QuickWin.objects.filter(programme=programme, stage=QuickWin.Stage.SELECTED).exists():
        links.append(_("its selection as a quick win"))
    return links


@transaction.atomic
def programme_delete(*, actor, programme: Programme, force: bool = False) -> None:
    """Delete a programme; a linked one only with `force` by a coordinator (the links go with it)."""
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    city = programme.masterplan.city
    links = programme_links(programme)
    if links and not (force and permissions.can_manage_city(actor, city)):
        raise ServiceError(
            CoreError.STILL_LINKED,
            _("“%(name)s” cannot be deleted: it is still linked (%(links)s).") % {"name": programme.name, "links": "; ".join(links)},
        )
    stored = [e.file.name for e in programme.evidence.all()]
    record_delete(actor=actor, instance=programme, city=city)
    files.delete_after_commit(stored)


# --- evidence -----------------------------------------------------------------------------


@transaction.atomic
def evidence_upload(*, actor, programme: Programme, file, description: str, year: int | None = None) -> Evidence:
    """Attach a supporting file (data dukung) to a programme, stored privately under a generated name.

    The file must be one of the allowed types by its content, not only by its name
    (`files.checked_extension`), and at most `settings.EVIDENCE_MAX_BYTES` large.
    """
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    extension = files.checked_extension(file)
    description = (description or "").strip()
    if not description:
        raise ServiceError(CoreError.REQUIRED, _("Describe what the file shows."), field="description")
    if len(description) > Evidence._meta.get_field("description").max_length:
        raise ServiceError(
            CoreError.TOO_LONG,
            _("The description is longer than %(n)d characters.") % {"n": Evidence._meta.get_field("description").max_length},
            field="description",
        )
    if year is not None and not programme.start_year <= year <= programme.end_year:
        raise ServiceError(
            CoreError.OUT_OF_RANGE,
            _("%(year)s is outside the programme's years (%(start)s–%(end)s).")
            % {"year": year, "start": programme.start_year, "end": programme.end_year},
            field="year",
        )
    return record_create(
        actor=actor,
        model=Evidence,
        city=programme.masterplan.city,
        data={
            "programme": programme,
            "file": File(file, name=f"upload.{extension}"),
            "original_name": files.original_name(file.name, Evidence._meta.get_field("original_name").max_length),
            "description": description,
            "year": year,
            "uploaded_by": actor if getattr(actor, "pk", None) else None,
        },
    )


@transaction.atomic
def evidence_delete(*, actor, evidence: Evidence) -> None:
    permissions.ensure(permissions.can_edit_programme(actor, evidence.programme), "programme.edit")
    name = evidence.file.name
    record_delete(actor=actor, instance=evidence, city=evidence.programme.masterplan.city)
    files.delete_after_commit([name])


# --- quick wins ---------------------------------------------------------------------------


@transaction.atomic
def quick_win_update(*, actor, programme: Programme, scores: dict | None = None, stage: str | None = None, **sheet) -> QuickWin:
    """Mark a programme as a quick win and write its sheet (problem, innovation, benefit …);
    with `scores` ({criterion or its code: score}) and `stage`, score it and move it.

    The sheet is the lead department's to write; scores and stage are the city's decisions
    (coordinators). Sheet fields not given stay as they are. Every permission is checked, then
    everything is validated, before anything is written.
    """
    masterplan = programme.masterplan
    city = masterplan.city
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    if scores is not None or stage is not None:
        permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    check_editable(sheet, set(SHEET_FIELDS))
    data = {name: (value or "").strip() for name, value in sheet.items()}
    for name, value in data.items():
        limit = QuickWin._meta.get_field(name).max_length
        if limit and len(value) > limit:
            raise ServiceError(
                CoreError.TOO_LONG,
                _("%(field)s is longer than %(n)d characters.") % {"field": QuickWin._meta.get_field(name).verbose_name, "n": limit},
                field=name,
            )
    existing = QuickWin.objects.filter(programme=programme).first()
    checked_scores = _checked_scores(scores) if scores is not None else []
    if stage is not None:
        _check_stage(stage)

    if not programme.is_quick_win:
        record_update(actor=actor, instance=programme, data={"is_quick_win": True}, city=city)
    if existing is None:
        quick_win = record_create(actor=actor, model=QuickWin, city=city, data={"programme": programme, **data})
    else:
        quick_win = record_update(actor=actor, instance=existing, data=data, city=city) if data else existing
    current = {s.criterion_id: s for s in quick_win.scores.all()} if existing else {}
    for criterion, value in checked_scores:
        row = current.get(criterion.pk)
        if row is None:
            record_create(
                actor=actor, model=QuickWinScore, city=city, data={"quick_win": quick_win, "criterion": criterion, "score": value}
            )
        else:
            record_update(actor=actor, instance=row, data={"score": value}, city=city)
    if stage is not None and quick_win.stage != stage:
        record_update(actor=actor, instance=quick_win, data={"stage": stage}, city=city)
    return quick_win


@transaction.atomic
def quick_win_remove(*, actor, programme: Programme) -> None:
    """The programme is no longer a quick win: its sheet and scores go."""
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    city = programme.masterplan.city
    if programme.is_quick_win:
        record_update(actor=actor, instance=programme, data={"is_quick_win": False}, city=city)
    _drop_sheet(actor, programme)


@transaction.atomic
def quick_win_set_stage(*, actor, programme: Programme, stage: str) -> QuickWin:
    """Move a quick win between candidate, shortlisted and selected (any number may be selected)."""
    masterplan = programme.masterplan
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    quick_win = QuickWin.objects.filter(programme=programme).first()
    if quick_win is None:
        raise ServiceError(ProgrammeError.NOT_A_QUICK_WIN, _("“%(name)s” is not marked as a quick win.") % {"name": programme.name})
    _check_stage(stage)
    return record_update(actor=actor, instance=quick_win, data={"stage": stage}, city=masterplan.city)


def _checked_scores(scores: dict) -> list[tuple]:
    """(criterion, score) pairs of {criterion or its code: 0..max_score}."""
    from kotacerdas.framework.models import QuickWinCriterion

    criteria = {c.code: c for c in QuickWinCriterion.objects.all()}
    checked = []
    for key, value in scores.items():
        criterion = criteria.get(getattr(key, "code", key))
        if criterion is None:
            raise ServiceError(
                CoreError.UNKNOWN_CODE, _("No quick-win criterion with code “%(code)s”.") % {"code": str(key)[:100]}, field="scores"
            )
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= criterion.max_score:
            raise ServiceError(
                CoreError.OUT_OF_RANGE,
                _("The score for “%(criterion)s” must be a whole number from 0 to %(max)d.")
                % {"criterion": criterion.name, "max": criterion.max_score},
                field="scores",
            )
        checked.append((criterion, value))
    return checked


def _check_stage(stage: str) -> None:
    if stage not in QuickWin.Stage.values:
        raise ServiceError(
            CoreError.INVALID,
            _("Unknown quick-win stage “%(stage)s”; use one of: %(stages)s.")
            % {"stage": str(stage)[:50], "stages": ", ".join(QuickWin.Stage.values)},
            field="stage",
        )
    # Any number of quick wins may be selected (published masterplans list many): the usual number is
    # reference data (framework.AdvisoryNumber) that the quick-win pages warn about, never a refusal.


# --- helpers ------------------------------------------------------------------------------


def _validate(masterplan, data: dict, supporting: list) -> None:
    city = masterplan.city
    for name in ("name", "dimension", "element", "horizon", "status", "start_year", "end_year"):
        if data.get(name) in (None, ""):
            raise ServiceError(
                CoreError.REQUIRED,
                _("This field is required: %(field)s.") % {"field": Programme._meta.get_field(name).verbose_name},
                field=name,
            )
    if data["element"].dimension_id != data["dimension"].pk:
        raise ServiceError(
            ProgrammeError.ELEMENT_NOT_IN_DIMENSION,
            _("The element “%(element)s” does not belong to the dimension “%(dimension)s”.")
            % {"element": data["element"].name, "dimension": data["dimension"].name},
            field="element",
        )
    start, end = int(data["start_year"]), int(data["end_year"])
    if start > end:
        raise ServiceError(CoreError.RANGE_REVERSED, _("The first year must not be after the last year."), field="end_year")
    for field, year in (("start_year", start), ("end_year", end)):
        if year not in masterplan.years:
            raise ServiceError(
                CoreError.OUT_OF_RANGE,
                _("%(year)d is outside the masterplan period %(start)d–%(end)d.")
                % {"year": year, "start": masterplan.start_year, "end": masterplan.end_year},
                field=field,
            )
    for opd, field in [(data.get("lead_opd"), "lead_opd")] + [(o, "supporting_opds") for o in supporting]:
        if opd is not None and opd.city_id != city.pk:
            _unknown(opd, field)
    _validate_location(city, data.get("district"), data.get("village"))
    origin = data.get("origin")
    if origin is not None and origin.workshop.masterplan_id != masterplan.pk:
        _unknown(origin, "origin")


def _unknown(record, field: str):
    """A record of another city (or masterplan) is answered like one that does not exist (`core.api.resolve`)."""
    raise ServiceError(
        CoreError.UNKNOWN_REFERENCE,
        _("No %(thing)s with id %(ids)s here.") % {"thing": record._meta.verbose_name, "ids": record.pk},
        field=field,
    )


def _validate_location(city, district, village) -> None:
    if district is not None and (district.level != Level.DISTRICT or not district.code.startswith(f"{city.code}.")):
        raise ServiceError(
            ProgrammeError.REGION_OUTSIDE_CITY,
            _("%(region)s is not a district of %(city)s.") % {"region": district, "city": city.name},
            field="district",
        )
    if village is not None and (village.level != Level.VILLAGE or village.parent_id != getattr(district, "pk", None)):
        raise ServiceError(
            ProgrammeError.VILLAGE_NOT_IN_DISTRICT,
            _("%(village)s is not a village of the chosen district.") % {"village": village},
            field="village",
        )


def _infer_district(data: dict) -> None:
    """A village alone locates the programme in the village's district."""
    village = data.get("village")
    if village is not None and data.get("district") is None:
        data["district"] = village.parent


def _check_unique_name(masterplan, name: str, exclude: int | None = None) -> None:
    clash = masterplan.programmes.filter(name__iexact=name).exclude(pk=exclude)
    if clash.exists():
        raise ServiceError(
            CoreError.DUPLICATE, _("This masterplan already has a programme named “%(name)s”.") % {"name": name}, field="name"
        )


def _check_years(city, start: int, end: int, rows: list[dict], saved: dict | None = None) -> None:
    """Yearly rows: each with its year, within the programme's years, once, with a budget of at least 0
    and funding shares (`_check_funding`) that add up to the budget: the row's, or without `funding`
    the year's `saved` shares ({year: [share]}), which it keeps."""
    seen: set[int] = set()
    for row in rows:
        check_editable(row, YEAR_FIELDS)
        year = row.get("year")
        if year is None:
            raise ServiceError(CoreError.REQUIRED, _("Every yearly row needs its year."), field="years")
        year = int(year)
        if not start <= year <= end:
            raise ServiceError(
                CoreError.OUT_OF_RANGE,
                _("%(year)s is outside the programme's years (%(start)s–%(end)s).") % {"year": year, "start": start, "end": end},
                field="years",
            )
        if year in seen:
            raise ServiceError(CoreError.DUPLICATE, _("The year %(year)s appears twice.") % {"year": year}, field="years")
        seen.add(year)
        budget = row.get("budget") or 0
        if budget < 0:
            raise ServiceError(CoreError.OUT_OF_RANGE, _("The budget for %(year)s cannot be negative.") % {"year": year}, field="years")
        shares = (row["funding"] or []) if "funding" in row else (saved or {}).get(year, [])
        _check_funding(city, year, budget, shares)


def _check_funding(city, year: int, budget, shares: list[dict]) -> None:
    """A year's funding shares ({source, amount, stakeholder}): a source, an amount of at least 0, the
    contributing stakeholder (one of the city's) where the source is from a partner, each source and
    stakeholder once; together exactly the year's budget. No shares: the funding is not recorded yet."""
    wanted = set()
    for share in shares:
        check_editable(share, FUNDING_FIELDS)
        source, stakeholder, amount = share.get("source"), share.get("stakeholder"), share.get("amount")
        if source is None or amount is None:
            raise ServiceError(
                CoreError.REQUIRED, _("Every funding share of %(year)s needs its source and amount.") % {"year": year}, field="years"
            )
        if amount < 0:
            raise ServiceError(CoreError.OUT_OF_RANGE, _("A funding share of %(year)s cannot be negative.") % {"year": year}, field="years")
        if stakeholder is None and source.from_partner:
            raise ServiceError(
                CoreError.REQUIRED,
                _("The %(source)s share of %(year)s needs the stakeholder who contributes it.") % {"source": source.name, "year": year},
                field="years",
            )
        if stakeholder is not None and stakeholder.city_id != city.pk:
            _unknown(stakeholder, "years")
        key = (source.pk, _pk(stakeholder))
        if key in wanted:
            raise ServiceError(
                CoreError.DUPLICATE,
                _("%(year)s lists the %(source)s share twice for the same stakeholder.") % {"year": year, "source": source.name},
                field="years",
            )
        wanted.add(key)
    total = sum((Decimal(share["amount"]) for share in shares), Decimal(0))
    if shares and total != Decimal(budget):
        raise ServiceError(
            ProgrammeError.FUNDING_NOT_MATCHING_BUDGET,
            _(
                "The funding shares of %(year)s add up to Rp %(total)s, not the year's budget of Rp %(budget)s "
                "(a difference of Rp %(difference)s)."
            )
            % {
                "year": year,
                "total": _rupiah(total),
                "budget": _rupiah(budget),
                "difference": _rupiah(abs(total - Decimal(budget))),
            },
            field="years",
        )


def _saved_funding(programme: Programme) -> dict[int, list[dict]]:
    shares: dict[int, list[dict]] = {}
    for share in ProgrammeFunding.objects.filter(year__programme=programme).select_related("year", "source", "stakeholder"):
        shares.setdefault(share.year.year, []).append({"source": share.source, "amount": share.amount, "stakeholder": share.stakeholder})
    return shares


def _rupiah(value) -> str:
    return number_format(Decimal(value), decimal_pos=0, use_l10n=True, force_grouping=True)


def _check_existing_years(programme: Programme, start: int, end: int) -> None:
    """Shortening a programme must not leave yearly rows outside its years."""
    outside = programme.years.exclude(year__range=(start, end)).values_list("year", flat=True)
    if outside:
        raise ServiceError(
            CoreError.OUT_OF_RANGE,
            _("Yearly rows for %(years)s fall outside the programme's years; remove them first.")
            % {"years": ", ".join(str(y) for y in sorted(outside))},
            field="end_year",
        )


def _sync_years(actor, programme: Programme, rows: list[dict]) -> None:
    """Make the programme's yearly rows exactly `rows` (matched by year; `_check_years` passed), each
    with its funding shares when the row gives them."""
    city = programme.masterplan.city
    existing = {y.year: y for y in programme.years.all()}
    for row in rows:
        data = {k: row[k] for k in YEAR_FIELDS - {"funding"} if k in row}
        data.update(year=int(row["year"]), budget=row.get("budget") or 0)
        current = existing.pop(data["year"], None)
        if current is None:
            current = record_create(actor=actor, model=ProgrammeYear, city=city, data={"programme": programme, **data})
        else:
            current = record_update(actor=actor, instance=current, data=data, city=city)
        if "funding" in row:
            _sync_funding(actor, current, row["funding"] or [], city)
    for leftover in existing.values():
        record_delete(actor=actor, instance=leftover, city=city)


def _sync_funding(actor, year: ProgrammeYear, shares: list[dict], city) -> None:
    """Make a year's funding shares exactly `shares` (matched by source and stakeholder; `_check_funding` passed)."""
    existing = {(f.source_id, f.stakeholder_id): f for f in year.funding.all()}
    for share in shares:
        data = {"source": share["source"], "amount": share["amount"], "stakeholder": share.get("stakeholder")}
        current = existing.pop((share["source"].pk, _pk(share.get("stakeholder"))), None)
        if current is None:
            record_create(actor=actor, model=ProgrammeFunding, city=city, data={"year": year, **data})
        elif current.amount != Decimal(share["amount"]):
            record_update(actor=actor, instance=current, data={"amount": share["amount"]}, city=city)
    for leftover in existing.values():
        record_delete(actor=actor, instance=leftover, city=city)


def _check_partners(city, rows: list[dict]) -> None:
    """Partners ({stakeholder, role}): the city's stakeholders, a known role, each pair once."""
    wanted = set()
    for row in rows:
        stakeholder, role = row.get("stakeholder"), row.get("role")
        if stakeholder is None:
            raise ServiceError(CoreError.REQUIRED, _("Every partner needs a stakeholder."), field="partners")
        if stakeholder.city_id != city.pk:
            _unknown(stakeholder, "partners")
        if role not in ProgrammeStakeholder.Role.values:
            raise ServiceError(
                CoreError.INVALID,
                _("Unknown partner role “%(role)s”; use one of: %(roles)s.")
                % {"role": str(role)[:50], "roles": ", ".join(ProgrammeStakeholder.Role.values)},
                field="partners",
            )
        if (stakeholder.pk, role) in wanted:
            raise ServiceError(
                CoreError.DUPLICATE, _("%(stakeholder)s appears twice with the same role.") % {"stakeholder": stakeholder}, field="partners"
            )
        wanted.add((stakeholder.pk, role))


def _sync_partners(actor, programme: Programme, rows: list[dict]) -> None:
    """Make the programme's partners exactly `rows` (`_check_partners` passed)."""
    city = programme.masterplan.city
    existing = {(p.stakeholder_id, p.role): p for p in programme.partners.all()}
    for row in rows:
        if existing.pop((row["stakeholder"].pk, row["role"]), None) is None:
            record_create(
                actor=actor,
                model=ProgrammeStakeholder,
                city=city,
                data={"programme": programme, "stakeholder": row["stakeholder"], "role": row["role"]},
            )
    for leftover in existing.values():
        record_delete(actor=actor, instance=leftover, city=city)


def _step_row(step: ActionStep) -> dict:
    return {"year": step.year, "description": step.description, "milestone": step.milestone, "opd": step.opd}


def _check_steps(start: int, end: int, lead, supporting: list, rows: list[dict]) -> None:
    """Action-plan steps ({year, description, milestone, opd}): a year within the programme's years,
    a description, texts within their length, and no department other than the programme's."""
    allowed = {_pk(lead)} | {_pk(opd) for opd in supporting}
    allowed.discard(None)
    for number, row in enumerate(rows, start=1):
        check_editable(row, STEP_FIELDS)
        description = (row.get("description") or "").strip()
        if not description:
            raise ServiceError(CoreError.REQUIRED, _("Step %(n)d: describe the step.") % {"n": number}, field="steps")
        label = {"n": number, "step": description[:60]}
        for name in ("description", "milestone"):
            limit = ActionStep._meta.get_field(name).max_length
            if len((row.get(name) or "").strip()) > limit:
                raise ServiceError(
                    CoreError.TOO_LONG,
                    _("Step %(n)d (“%(step)s”): the %(field)s is longer than %(limit)d characters.")
                    % {**label, "field": ActionStep._meta.get_field(name).verbose_name, "limit": limit},
                    field="steps",
                )
        year = row.get("year")
        if year is None:
            raise ServiceError(CoreError.REQUIRED, _("Step %(n)d (“%(step)s”): give its year.") % label, field="steps")
        if not start <= int(year) <= end:
            raise ServiceError(
                ProgrammeError.STEP_OUTSIDE_YEARS,
                _("Step %(n)d (“%(step)s”): the year %(year)s is outside the programme's years (%(start)s–%(end)s).")
                % {**label, "year": year, "start": start, "end": end},
                field="steps",
            )
        opd = row.get("opd")
        if opd is not None and opd.pk not in allowed:
            raise ServiceError(
                ProgrammeError.STEP_OPD_NOT_IN_PROGRAMME,
                _("Step %(n)d (“%(step)s”): %(opd)s is neither the lead nor a supporting department of the programme.")
                % {**label, "opd": opd},
                field="steps",
            )


def _sync_steps(actor, programme: Programme, rows: list[dict]) -> None:
    """Make the programme's action plan exactly `rows`, in their order (`_check_steps` passed);
    unchanged steps keep their record and version."""
    city = programme.masterplan.city
    existing = list(programme.steps.all())
    for order, row in enumerate(rows, start=1):
        data = {
            "order": order,
            "year": int(row["year"]),
            "description": row["description"].strip(),
            "milestone": (row.get("milestone") or "").strip(),
            "opd": row.get("opd"),
        }
        current = existing.pop(0) if existing else None
        if current is None:
            record_create(actor=actor, model=ActionStep, city=city, data={"programme": programme, **data})
        else:
            record_update(actor=actor, instance=current, data=data, city=city)
    for leftover in existing:
        record_delete(actor=actor, instance=leftover, city=city)


def _ensure_sheet(actor, programme: Programme) -> QuickWin:
    sheet = QuickWin.objects.filter(programme=programme).first()
    return sheet or record_create(actor=actor, model=QuickWin, city=programme.masterplan.city, data={"programme": programme})


def _drop_sheet(actor, programme: Programme) -> None:
    sheet = QuickWin.objects.filter(programme=programme).first()
    if sheet is not None:
        record_delete(actor=actor, instance=sheet, city=programme.masterplan.city)


def _clean_text(fields: dict) -> dict:
    return {k: (v or "").strip() if k in TEXT_FIELDS else v for k, v in fields.items()}


def _pk(record):
    return getattr(record, "pk", None)


# --- import from a spreadsheet ------------------------------------------------------------


@dataclasses.dataclass
class ImportRow:
    """One row of an imported workbook: its number in the sheet, what it does (create, update,
    unchanged), the programme's name and its problems as (column header, message)."""

    number: int
    action: str
    name: str
    errors: list[tuple[str, str]] = dataclasses.field(default_factory=list)


class ImportRejected(ServiceError):
    """The workbook had errors: nothing was imported; `rows` names them."""

    def __init__(self, rows: list[ImportRow]):
        count = sum(1 for row in rows if row.errors)
        super().__init__(ProgrammeError.IMPORT_REJECTED, _("Nothing was imported: %(n)d rows have errors.") % {"n": count}, field="file")
        self.rows = rows


class _DryRun(Exception):
    """Raised at the end of a preview to roll every write back."""


@transaction.atomic
def programme_import_start(*, actor, masterplan, confirm: bool, file=None, upload: str = ""):
    """Start the import as a background job (`programmes.programme_import`): a preview of a new upload
    (checked and kept), or, with `confirm`, the import of an upload already previewed; the job."""
    from kotacerdas.jobs.services import discard_upload, job_start, stash_upload

    permissions.ensure(permissions.can_import_programmes(actor, masterplan.city), "programme.create")
    if file is not None:
        check_import_file(file)
        upload = stash_upload(file, prefix="programme-imports")
    params = {"masterplan_id": masterplan.pk, "upload": upload, "confirm": confirm}
    try:
        return job_start(actor=actor, kind="programmes.programme_import", city=masterplan.city, params=params)
    except Exception:
        if file is not None:
            discard_upload(upload)
        raise


def programme_import(*, actor, masterplan, file, confirm: bool, progress=None) -> list[ImportRow]:
    """Read a workbook with the columns of the programme download (`tables.PROGRAMME_COLUMNS`) and
    create the rows without an ID and update those naming a programme of the masterplan, through
    `programme_create`/`programme_update` (checked and audited like a form), all or nothing.

    Without `confirm` it is a preview: every row is tried and everything rolled back; the rows are
    returned with their problems. With `confirm`, a workbook with any problem raises `ImportRejected`.
    """
    permissions.ensure(permissions.can_import_programmes(actor, masterplan.city), "programme.create")
    header, rows = _programme_sheet(file, progress)
    columns = _import_columns(header)
    years_table = read_table(file, progress, sheet_names=tables.years_sheet_names())
    lookups = _Lookups(masterplan)
    results = []
    years, orphans = _import_years(years_table, lookups, rows, columns) if years_table is not None else ({}, [])
    try:
        with transaction.atomic():
            for done, (number, row) in enumerate(rows):
                if progress and done % 25 == 0:
                    progress(done, len(rows), _("Checking row %(n)d of %(total)d…") % {"n": done + 1, "total": len(rows)})
                results.append(_import_row(actor, masterplan, lookups, columns, number, row, years))
            results.extend(orphans)
            if any(result.errors for result in results):
                raise ImportRejected(results)
            if not confirm:
                raise _DryRun
    except _DryRun:
        pass
    except ImportRejected:
        if confirm:
            raise
    return results


def _programme_sheet(file, progress):
    """The workbook's first sheet, which must be the programme table (the years sheet alone is refused)."""
    titles = sheet_titles(file)
    if titles and titles[0].strip().lower() in {name.lower() for name in tables.years_sheet_names()}:
        raise ServiceError(
            CoreError.FILE_INVALID,
            _("The workbook has no programme sheet: its first sheet must list the programmes, before the sheet “%(sheet)s”.")
            % {"sheet": titles[0]},
            field="file",
        )
    return read_table(file, progress, sheet_names=tuple(titles[:1]))


def _import_columns(header: list[str], columns: dict | None = None, imported: list | None = None, what=None) -> dict[str, int]:
    """The position of each imported column; refuses a sheet missing one (naming them)."""
    columns = columns or tables.PROGRAMME_COLUMNS
    keys = tables.header_keys(columns)
    positions = {}
    for index, name in enumerate(header):
        if name in keys:
            positions.setdefault(keys[name], index)
    missing = [str(columns[key].header) for key in (imported or tables.IMPORTED) if key not in positions]
    if missing:
        raise ServiceError(
            CoreError.FILE_INVALID,
            (what or _("The first row must name the columns of the programme download; missing: %(missing)s."))
            % {"missing": ", ".join(missing)},
            field="file",
        )
    return positions


def _import_years(table, lookups, rows, columns) -> tuple[dict, list[ImportRow]]:
    """The years sheet read: {programme ID or lower-case name: [year rows]} for the programmes of the first
    sheet, and the rows naming another programme or with an unreadable cell (as `ImportRow`s with problems)."""
    header, year_rows = table
    positions = _import_columns(
        header,
        tables.YEAR_COLUMNS,
        tables.YEARS_IMPORTED,
        _("The first row of the sheet “Years” must name its columns; missing: %(missing)s."),
    )
    listed_ids = {_year(cell_text(row, columns["id"])) for _n, row in rows if cell_text(row, columns["id"])}
    listed_names = {cell_text(row, columns["name"]).lower() for _n, row in rows if not cell_text(row, columns["id"])}
    label = {key: f"{tables.YEARS_SHEET} · {column.header}" for key, column in tables.YEAR_COLUMNS.items()}
    years: dict = {}
    problems = []
    for number, row in year_rows:
        cells = {key: cell_text(row, index) for key, index in positions.items()}
        result = ImportRow(number=number, action="update", name=f"{tables.YEARS_SHEET} · {cells['programme']}")
        key = _year(cells["programme_id"]) if cells["programme_id"] else cells["programme"].lower()
        if key not in (listed_ids if cells["programme_id"] else listed_names):
            result.errors.append((label["programme_id"], _("This programme is not listed on the first sheet.")))
        year = _year(cells["year"])
        if year is None:
            result.errors.append((label["year"], _("“%(value)s” is not a year.") % {"value": cells["year"][:20]}))
        try:
            budget = Decimal(cells["budget"] or "0")
            if not budget.is_finite() or budget != budget.to_integral_value():
                raise InvalidOperation
        except InvalidOperation:
            budget = None
            result.errors.append((label["budget"], _("“%(value)s” is not an amount in Rupiah.") % {"value": cells["budget"][:20]}))
        source = lookups.funding_source.get(cells["funding_source"].lower()) if cells["funding_source"] else None
        if cells["funding_source"] and source is None:
            result.errors.append(
                (label["funding_source"], _("“%(value)s” is not a known choice.") % {"value": cells["funding_source"][:100]})
            )
        if result.errors:
            problems.append(result)
        else:
            # A source named: one share with the whole budget; none: the year's shares stay as they are.
            funding = {"funding": [{"source": source, "amount": budget}]} if source else {}
            years.setdefault(key, []).append({"year": year, "budget": budget, **funding, "_row": number})
    return years, problems


class _Lookups:
    """The masterplan's programmes and the choices a cell may name (by code, Indonesian or English name), read once."""

    def __init__(self, masterplan):
        self.programmes = {
            p.pk: p
            for p in Programme.objects.filter(masterplan=masterplan)
            .select_related("dimension", "element", "lead_opd", "horizon", "status")
            .prefetch_related("supporting_opds", "years__funding")
        }
        self.dimension = _named(Dimension.objects.all())
        self.element = _named(Element.objects.all())
        self.horizon = _named(Horizon.objects.all())
        self.status = _named(ProgrammeStatus.objects.all())
        self.funding_source = _named(FundingSource.objects.all())
        opds = list(masterplan.city.opds.all())
        self.opd = {**{o.name.lower(): o for o in opds}, **{o.short_name.lower(): o for o in opds}}


def _named(records) -> dict:
    names = {}
    for record in records:
        for name in (record.code, record.name_id, record.name_en):
            if name:
                names.setdefault(name.strip().lower(), record)
    return names


YES = {"ya", "yes", "y", "true", "1", "benar"}
NO = {"tidak", "no", "n", "false", "0", "salah", ""}


def _import_row(actor, masterplan, lookups: _Lookups, columns: dict[str, int], number: int, row: tuple, years: dict) -> ImportRow:
    cells = {key: cell_text(row, index) for key, index in columns.items()}
    result = ImportRow(number=number, action="create", name=cells["name"])
    header = {key: str(column.header) for key, column in tables.PROGRAMME_COLUMNS.items()}
    year_rows = years.get(_year(cells["id"]) if cells["id"] else cells["name"].lower())
    if year_rows is not None:
        header["years"] = _("Sheet “%(sheet)s”, rows %(rows)s") % {
            "sheet": tables.YEARS_SHEET,
            "rows": ", ".join(str(y["_row"]) for y in year_rows),
        }
        year_rows = [{k: v for k, v in y.items() if k != "_row"} for y in year_rows]

    def problem(key: str, message: str) -> None:
        result.errors.append((header.get(key, ""), message))

    fields = {key: cells[key] for key in ("name", "description", "problem", "person_in_charge")}
    for key in ("dimension", "element", "horizon", "status"):
        fields[key] = getattr(lookups, key).get(cells[key].lower())
        if fields[key] is None:
            problem(
                key,
                _("“%(value)s” is not a known choice.") % {"value": cells[key][:100]}
                if cells[key]
                else _("This cell is empty; it is required (a merged cell is read as empty: unmerge it and fill every row)."),
            )
    fields["lead_opd"] = lookups.opd.get(cells["lead_opd"].lower())
    if fields["lead_opd"] is None and cells["lead_opd"]:
        problem("lead_opd", _("No department of the city is named “%(value)s”.") % {"value": cells["lead_opd"][:100]})
    fields["supporting_opds"] = []
    for name in filter(None, (part.strip() for part in cells["supporting_opds"].split(";"))):
        opd = lookups.opd.get(name.lower())
        if opd is None:
            problem("supporting_opds", _("No department of the city is named “%(value)s”.") % {"value": name[:100]})
        else:
            fields["supporting_opds"].append(opd)
    for key in ("start_year", "end_year"):
        fields[key] = _year(cells[key])
        if fields[key] is None:
            problem(key, _("“%(value)s” is not a year.") % {"value": cells[key][:20]})
    flag = cells["is_quick_win"].lower()
    fields["is_quick_win"] = flag in YES
    if flag not in YES | NO:
        problem("is_quick_win", _("Write “Ya” or “Tidak”."))
    programme = None
    if cells["id"]:
        programme = lookups.programmes.get(_year(cells["id"]) or 0)
        if programme is None:
            problem("id", _("No programme of this masterplan has the ID %(value)s.") % {"value": cells["id"][:20]})
        result.action = "update"
    if result.errors:
        return result
    try:
        with transaction.atomic():
            if programme is None:
                programme_create(actor=actor, masterplan=masterplan, years=year_rows or (), **fields)
            elif _changes(programme, fields, year_rows):
                programme_update(actor=actor, programme=programme, years=year_rows, **fields)
            else:
                result.action = "unchanged"
    except ServiceError as exc:
        problem(exc.field or "", exc.message)
    except PermissionDenied as exc:
        problem("lead_opd", str(exc))
    except ValidationError as exc:
        for name, messages in exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]:
            problem(name, " ".join(messages))
    return result


def _year(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and 0 < number < 10000 else None


def _changes(programme: Programme, fields: dict, years: list[dict] | None) -> bool:
    supporting = {o.pk for o in fields["supporting_opds"]}
    if years is not None:
        saved = {y.year: y for y in programme.years.all()}
        if sorted(saved) != sorted(y["year"] for y in years):
            return True
        for row in years:
            year = saved[row["year"]]
            if row["budget"] != year.budget:
                return True
            shares = [(f.source_id, f.stakeholder_id, f.amount) for f in year.funding.all()]
            if "funding" in row and [(f["source"].pk, None, f["amount"]) for f in row["funding"]] != shares:
                return True
    return supporting != {o.pk for o in programme.supporting_opds.all()} or any(
        getattr(programme, key) != value for key, value in fields.items() if key != "supporting_opds"
    )
