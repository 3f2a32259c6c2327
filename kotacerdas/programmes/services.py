"""Writes to the programme registry: programmes with their years and partners, evidence, quick wins.

Who may do what:
- create/update/delete a programme, its years, partners and evidence, and its quick-win sheet:
  coordinators (and the ministry) for every programme; a department operator for the
  programmes its department leads (`permissions.can_edit_programme`);
- quick-win scores and stages (shortlist, final selection) are decisions of the city:
  coordinators and the ministry only.
"""
from __future__ import annotations

import os

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.core import permissions
from kotacerdas.core.errors import Conflict, ServiceError
from kotacerdas.core.services import record_create, record_delete, record_update
from kotacerdas.programmes.models import Evidence, Programme, ProgrammeStakeholder, ProgrammeYear, QuickWin, QuickWinScore
from kotacerdas.regions.models import Level

# The final selection of quick wins per masterplan (DOMAIN.md §4: often 3); raise it here if a cohort allows more.
MAX_SELECTED_QUICK_WINS = 5
EVIDENCE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "xlsx", "docx", "csv")

PROGRAMME_FIELDS = {
    "name", "description", "problem", "dimension", "element", "lead_opd", "supporting_opds", "person_in_charge",
    "horizon", "start_year", "end_year", "status", "outcome_indicator", "outcome_baseline", "outcome_target",
    "district", "village", "is_quick_win", "origin",
}
TEXT_FIELDS = {"name", "description", "problem", "person_in_charge", "outcome_indicator", "outcome_baseline", "outcome_target"}
YEAR_FIELDS = {"year", "output_indicator", "target", "unit", "budget", "funding_source", "realisation"}
SHEET_FIELDS = {"problem", "innovation", "benefit", "partners", "risks", "timeline"}


# --- programmes ---------------------------------------------------------------------------

@transaction.atomic
def programme_create(*, actor, masterplan, years: list[dict] = (), partners: list[dict] = (), **fields) -> Programme:
    """Add a programme to a masterplan with its yearly rows and partners (all or nothing)."""
    city = masterplan.city
    permissions.ensure(permissions.can_create_programme(actor, city, fields.get("lead_opd")), "programme.create")
    _check_fields(fields, PROGRAMME_FIELDS)
    supporting = list(fields.pop("supporting_opds", []) or [])
    data = _clean_text(fields)
    data.setdefault("is_quick_win", False)
    _infer_district(data)
    _validate(masterplan, data, supporting)
    _check_unique_name(masterplan, data["name"])
    programme = record_create(actor=actor, model=Programme, data={"masterplan": masterplan, **data},
                              m2m={"supporting_opds": supporting}, city=city)
    _sync_years(actor, programme, years)
    _sync_partners(actor, programme, partners)
    if programme.is_quick_win:
        _ensure_sheet(actor, programme)
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, years: list[dict] | None = None, partners: list[dict] | None = None,
                     **fields) -> Programme:
    """Change a programme; `years`/`partners`, when given, replace its yearly rows/partners."""
    masterplan = programme.masterplan
    city = masterplan.city
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    _check_fields(fields, PROGRAMME_FIELDS)
    if "lead_opd" in fields and _pk(fields["lead_opd"]) != programme.lead_opd_id:
        # An operator may not hand its programme over to another department (nor drop the lead).
        permissions.ensure(permissions.can_create_programme(actor, city, fields["lead_opd"]), "programme.edit")
    supporting = fields.pop("supporting_opds", None)
    data = _clean_text(fields)
    current = {name: getattr(programme, name) for name in PROGRAMME_FIELDS - {"supporting_opds"}}
    merged = {**current, **data}
    if "village" in data and "district" not in data:
        merged["district"] = None
    _infer_district(merged)
    data["district"] = merged["district"]
    _validate(masterplan, merged, list(programme.supporting_opds.all()) if supporting is None else list(supporting))
    if merged["name"] != programme.name:
        _check_unique_name(masterplan, merged["name"], exclude=programme.pk)
    m2m = {} if supporting is None else {"supporting_opds": list(supporting)}
    was_quick_win = programme.is_quick_win
    programme = record_update(actor=actor, instance=programme, data=data, m2m=m2m, city=city)
    if years is not None:
        _sync_years(actor, programme, years)
    else:
        _check_existing_years(programme)
    if partners is not None:
        _sync_partners(actor, programme, partners)
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
        raise Conflict("programme_linked", _("“%(name)s” cannot be deleted: it is still linked (%(links)s).")
                       % {"name": programme.name, "links": "; ".join(links)})
    files = [e.file.name for e in programme.evidence.all()]
    record_delete(actor=actor, instance=programme, city=city)
    _delete_files_after_commit(Evidence, files)


# --- evidence -----------------------------------------------------------------------------

@transaction.atomic
def evidence_upload(*, actor, programme: Programme, file, description: str, year: int | None = None) -> Evidence:
    """Attach a supporting file (data dukung) to a programme."""
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    if file is None:
        raise ServiceError("file_required", _("Choose a file to upload."), field="file")
    extension = os.path.splitext(file.name)[1].lower().lstrip(".")
    if extension not in EVIDENCE_EXTENSIONS:
        raise ServiceError("file_type_not_allowed", _("Files of type “%(ext)s” are not accepted; allowed: %(allowed)s.")
                           % {"ext": extension or "?", "allowed": ", ".join(EVIDENCE_EXTENSIONS)}, field="file")
    if file.size > settings.MAX_UPLOAD_BYTES:
        raise ServiceError("file_too_large", _("The file is %(size)s MB; at most %(max)s MB is accepted.")
                           % {"size": _mb(file.size), "max": _mb(settings.MAX_UPLOAD_BYTES)}, field="file")
    description = (description or "").strip()
    if not description:
        raise ServiceError("description_required", _("Describe what the file shows."), field="description")
    if year is not None and not programme.start_year <= year <= programme.end_year:
        raise ServiceError("year_outside_programme", _("%(year)s is outside the programme's years (%(start)s–%(end)s).")
                           % {"year": year, "start": programme.start_year, "end": programme.end_year}, field="year")
    return record_create(actor=actor, model=Evidence, city=programme.masterplan.city, data={
        "programme": programme, "file": file, "description": description, "year": year,
        "uploaded_by": actor if getattr(actor, "pk", None) else None,
    })


@transaction.atomic
def evidence_delete(*, actor, evidence: Evidence) -> None:
    permissions.ensure(permissions.can_edit_programme(actor, evidence.programme), "programme.edit")
    name = evidence.file.name
    record_delete(actor=actor, instance=evidence, city=evidence.programme.masterplan.city)
    _delete_files_after_commit(Evidence, [name])


# --- quick wins ---------------------------------------------------------------------------

@transaction.atomic
def quick_win_save(*, actor, programme: Programme, **sheet) -> QuickWin:
    """Mark a programme as a quick win and write its sheet (problem, innovation, benefit …)."""
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    _check_fields(sheet, SHEET_FIELDS)
    city = programme.masterplan.city
    if not programme.is_quick_win:
        record_update(actor=actor, instance=programme, data={"is_quick_win": True}, city=city)
    data = {k: (v or "").strip() for k, v in sheet.items()}
    existing = QuickWin.objects.filter(programme=programme).first()
    if existing is None:
        return record_create(actor=actor, model=QuickWin, city=city, data={"programme": programme, **data})
    return record_update(actor=actor, instance=existing, data=data, city=city)


@transaction.atomic
def quick_win_remove(*, actor, programme: Programme) -> None:
    """The programme is no longer a quick win: its sheet and scores go."""
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    city = programme.masterplan.city
    if programme.is_quick_win:
        record_update(actor=actor, instance=programme, data={"is_quick_win": False}, city=city)
    _drop_sheet(actor, programme)


@transaction.atomic
def quick_win_score(*, actor, programme: Programme, scores: dict) -> QuickWin:
    """Score a quick win per criterion: {criterion (or its code): score 0..max_score}."""
    from kotacerdas.framework.models import QuickWinCriterion

    city = programme.masterplan.city
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    quick_win = _sheet_or_error(programme)
    criteria = {c.code: c for c in QuickWinCriterion.objects.all()}
    existing = {s.criterion_id: s for s in quick_win.scores.all()}
    for key, value in scores.items():
        criterion = criteria.get(getattr(key, "code", key))
        if criterion is None:
            raise ServiceError("unknown_criterion", _("No quick-win criterion with code “%(code)s”.") % {"code": key}, field="scores")
        if value is None or not 0 <= int(value) <= criterion.max_score:
            raise ServiceError("score_out_of_range", _("The score for “%(criterion)s” must be between 0 and %(max)d.")
                               % {"criterion": criterion.name, "max": criterion.max_score}, field="scores")
        row = existing.get(criterion.pk)
        if row is None:
            record_create(actor=actor, model=QuickWinScore, city=city, data={"quick_win": quick_win, "criterion": criterion, "score": int(value)})
        else:
            record_update(actor=actor, instance=row, data={"score": int(value)}, city=city)
    return quick_win


@transaction.atomic
def quick_win_set_stage(*, actor, programme: Programme, stage: str) -> QuickWin:
    """Move a quick win between candidate, shortlisted and selected (the final choice is limited)."""
    masterplan = programme.masterplan
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")
    if stage not in QuickWin.Stage.values:
        raise ServiceError("invalid_stage", _("Unknown quick-win stage “%(stage)s”; use one of: %(stages)s.")
                           % {"stage": stage, "stages": ", ".join(QuickWin.Stage.values)}, field="stage")
    quick_win = _sheet_or_error(programme)
    if stage == QuickWin.Stage.SELECTED and quick_win.stage != stage:
        selected = QuickWin.objects.filter(programme__masterplan=masterplan, stage=QuickWin.Stage.SELECTED).count()
        if selected >= MAX_SELECTED_QUICK_WINS:
            raise Conflict("too_many_quick_wins", _("At most %(n)d quick wins can be selected; move one back to the shortlist first.")
                           % {"n": MAX_SELECTED_QUICK_WINS}, field="stage")
    return record_update(actor=actor, instance=quick_win, data={"stage": stage}, city=masterplan.city)


# --- helpers ------------------------------------------------------------------------------

def _validate(masterplan, data: dict, supporting: list) -> None:
    city = masterplan.city
    for name in ("name", "dimension", "element", "horizon", "status", "start_year", "end_year"):
        if data.get(name) in (None, ""):
            raise ServiceError("required", _("This field is required: %(field)s.") % {"field": Programme._meta.get_field(name).verbose_name}, field=name)
    if data["element"].dimension_id != data["dimension"].pk:
        raise ServiceError("element_not_in_dimension", _("The element “%(element)s” does not belong to the dimension “%(dimension)s”.")
                           % {"element": data["element"].name, "dimension": data["dimension"].name}, field="element")
    start, end = int(data["start_year"]), int(data["end_year"])
    if start > end:
        raise ServiceError("years_reversed", _("The first year must not be after the last year."), field="end_year")
    for field, year in (("start_year", start), ("end_year", end)):
        if year not in masterplan.years:
            raise ServiceError("year_outside_period", _("%(year)d is outside the masterplan period %(start)d–%(end)d.")
                               % {"year": year, "start": masterplan.start_year, "end": masterplan.end_year}, field=field)
    for opd, field in [(data.get("lead_opd"), "lead_opd")] + [(o, "supporting_opds") for o in supporting]:
        if opd is not None and opd.city_id != city.pk:
            raise ServiceError("other_city", _("%(record)s belongs to another city.") % {"record": opd}, field=field)
    _validate_location(city, data.get("district"), data.get("village"))
    origin = data.get("origin")
    if origin is not None and origin.workshop.masterplan_id != masterplan.pk:
        raise ServiceError("origin_other_masterplan", _("The proposal comes from a bimtek of another masterplan."), field="origin")


def _validate_location(city, district, village) -> None:
    if district is not None and (district.level != Level.DISTRICT or not district.code.startswith(f"{city.code}.")):
        raise ServiceError("region_outside_city", _("%(region)s is not a district of %(city)s.") % {"region": district, "city": city.name}, field="district")
    if village is not None and (village.level != Level.VILLAGE or village.parent_id != getattr(district, "pk", None)):
        raise ServiceError("village_not_in_district", _("%(village)s is not a village of the chosen district.") % {"village": village}, field="village")


def _infer_district(data: dict) -> None:
    """A village alone locates the programme in the village's district."""
    village = data.get("village")
    if village is not None and data.get("district") is None:
        data["district"] = village.parent


def _check_unique_name(masterplan, name: str, exclude: int | None = None) -> None:
    clash = masterplan.programmes.filter(name__iexact=name).exclude(pk=exclude)
    if clash.exists():
        raise Conflict("duplicate_programme", _("This masterplan already has a programme named “%(name)s”.") % {"name": name}, field="name")


def _sync_years(actor, programme: Programme, rows: list[dict]) -> None:
    """Make the programme's yearly rows exactly `rows` (matched by year)."""
    city = programme.masterplan.city
    seen: set[int] = set()
    existing = {y.year: y for y in programme.years.all()}
    for row in rows:
        _check_fields(row, YEAR_FIELDS)
        data = _year_data(programme, row, seen)
        current = existing.pop(data["year"], None)
        if current is None:
            record_create(actor=actor, model=ProgrammeYear, city=city, data={"programme": programme, **data})
        else:
            record_update(actor=actor, instance=current, data=data, city=city)
    for leftover in existing.values():
        record_delete(actor=actor, instance=leftover, city=city)


def _year_data(programme: Programme, row: dict, seen: set[int]) -> dict:
    year = row.get("year")
    if year is None:
        raise ServiceError("required", _("Every yearly row needs its year."), field="years")
    year = int(year)
    if not programme.start_year <= year <= programme.end_year:
        raise ServiceError("year_outside_programme", _("%(year)s is outside the programme's years (%(start)s–%(end)s).")
                           % {"year": year, "start": programme.start_year, "end": programme.end_year}, field="years")
    if year in seen:
        raise ServiceError("duplicate_year", _("The year %(year)s appears twice.") % {"year": year}, field="years")
    seen.add(year)
    budget = row.get("budget") or 0
    if budget < 0:
        raise ServiceError("negative_budget", _("The budget for %(year)s cannot be negative.") % {"year": year}, field="years")
    data = {k: row[k] for k in YEAR_FIELDS if k in row}
    data.update(year=year, budget=budget)
    for text in ("output_indicator", "unit"):
        data[text] = (data.get(text) or "").strip()
    return data


def _check_existing_years(programme: Programme) -> None:
    """Shortening a programme must not leave yearly rows outside its years."""
    outside = programme.years.exclude(year__range=(programme.start_year, programme.end_year)).values_list("year", flat=True)
    if outside:
        raise ServiceError("year_outside_programme", _("Yearly rows for %(years)s fall outside the programme's years; remove them first.")
                           % {"years": ", ".join(str(y) for y in sorted(outside))}, field="end_year")


def _sync_partners(actor, programme: Programme, rows: list[dict]) -> None:
    """Make the programme's partners exactly `rows` ({stakeholder, role})."""
    city = programme.masterplan.city
    wanted = []
    for row in rows:
        stakeholder, role = row.get("stakeholder"), row.get("role")
        if stakeholder is None:
            raise ServiceError("required", _("Every partner needs a stakeholder."), field="partners")
        if stakeholder.city_id != city.pk:
            raise ServiceError("other_city", _("%(record)s belongs to another city.") % {"record": stakeholder}, field="partners")
        if role not in ProgrammeStakeholder.Role.values:
            raise ServiceError("invalid_role", _("Unknown partner role “%(role)s”; use one of: %(roles)s.")
                               % {"role": role, "roles": ", ".join(ProgrammeStakeholder.Role.values)}, field="partners")
        if (stakeholder.pk, role) in wanted:
            raise ServiceError("duplicate_partner", _("%(stakeholder)s appears twice with the same role.") % {"stakeholder": stakeholder}, field="partners")
        wanted.append((stakeholder.pk, role))
    existing = {(p.stakeholder_id, p.role): p for p in programme.partners.all()}
    for (stakeholder_id, role), row in zip(wanted, rows):
        if existing.pop((stakeholder_id, role), None) is None:
            record_create(actor=actor, model=ProgrammeStakeholder, city=city,
                          data={"programme": programme, "stakeholder": row["stakeholder"], "role": role})
    for leftover in existing.values():
        record_delete(actor=actor, instance=leftover, city=city)


def _ensure_sheet(actor, programme: Programme) -> QuickWin:
    sheet = QuickWin.objects.filter(programme=programme).first()
    return sheet or record_create(actor=actor, model=QuickWin, city=programme.masterplan.city, data={"programme": programme})


def _drop_sheet(actor, programme: Programme) -> None:
    sheet = QuickWin.objects.filter(programme=programme).first()
    if sheet is not None:
        record_delete(actor=actor, instance=sheet, city=programme.masterplan.city)


def _sheet_or_error(programme: Programme) -> QuickWin:
    sheet = QuickWin.objects.filter(programme=programme).first()
    if sheet is None:
        raise ServiceError("not_a_quick_win", _("“%(name)s” is not marked as a quick win.") % {"name": programme.name})
    return sheet


def _delete_files_after_commit(model, names: list[str]) -> None:
    """Files leave storage only once the deletion is committed (a rollback keeps them)."""
    storage = model._meta.get_field("file").storage

    def remove():
        for name in names:
            if name:
                storage.delete(name)

    transaction.on_commit(remove)


def _clean_text(fields: dict) -> dict:
    return {k: (v or "").strip() if k in TEXT_FIELDS else v for k, v in fields.items()}


def _check_fields(fields: dict, allowed: set[str]) -> None:
    extra = sorted(set(fields) - allowed)
    if extra:
        raise ServiceError("field_not_editable", _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(extra)}, field=extra[0])


def _pk(record):
    return getattr(record, "pk", None)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"
