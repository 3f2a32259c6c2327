"""Writes to the official plans, their items, and the links of masterplan programmes to them.

References arrive as `<thing>_id` (an id from the API, or the record a form chose) and are
resolved in the city after the permission check (`core.api.resolve`): a record of another city
answers like one that does not exist (`unknown_reference`, the field named, no names).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from kotacerdas.alignment.error_codes import AlignmentError
from kotacerdas.alignment.models import (
    DEPARTMENT_KINDS,
    NOMENCLATURE_KINDS,
    NOMENCLATURE_RE,
    PlanDocument,
    PlanItem,
    ProgrammeLink,
)
from kotacerdas.cities.models import City, Opd
from kotacerdas.core import permissions
from kotacerdas.core.api import resolve
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import check_editable, record_create, record_delete, record_update
from kotacerdas.core.spreadsheets import cell_text, check_import_file, read_table
from kotacerdas.programmes.models import Programme

Kind = PlanDocument.Kind
ItemKind = PlanItem.Kind

DOCUMENT_FIELDS = {"kind", "title", "start_year", "end_year", "opd_id", "legal_basis"}
ITEM_FIELDS = {"parent_id", "kind", "code", "text", "indicator", "target", "indicative_ceiling", "order"}
ITEM_TEXT_FIELDS = ("code", "text", "indicator", "target")

# Longest period (last year − first year) of each kind of plan: RPJPD 2005–2025, RPJMD 2017–2022, RKPD one
# year; RPJMN 2020–2024 (Perpres 18/2020), five calendar years; RTRW 20 years (UU 26/2007, e.g. 2011–2031); RPD at most
# 2023–2026 (Inmendagri 70/2021); the head of region's priority programmes, one term.
MAX_SPAN = {
    Kind.RPJMN: 4,
    Kind.RPJPD: 20,
    Kind.RTRW: 20,
    Kind.RPJMD: 5,
    Kind.RPD: 3,
    Kind.PRIORITY: 5,
    Kind.RENSTRA: 5,
    Kind.RKPD: 0,
    Kind.RENJA: 0,
}

# The kinds an item may hang under (None: top level of the plan).
ALLOWED_PARENTS = {
    ItemKind.VISION: {None},
    ItemKind.MISSION: {ItemKind.VISION},
    ItemKind.GOAL: {ItemKind.MISSION, None},
    ItemKind.PROGRAMME: {ItemKind.GOAL, None},
    ItemKind.ACTIVITY: {ItemKind.PROGRAMME},
    ItemKind.SUB_ACTIVITY: {ItemKind.ACTIVITY},
}
# Coded kinds and the number of dot-separated parts of their code.
CODE_PARTS = {ItemKind.PROGRAMME: 3, ItemKind.ACTIVITY: 5, ItemKind.SUB_ACTIVITY: 6}
CODE_EXAMPLE = {ItemKind.PROGRAMME: "2.16.02", ItemKind.ACTIVITY: "2.16.02.1.01", ItemKind.SUB_ACTIVITY: "2.16.02.1.01.0001"}


def is_valid_code(code: str) -> bool:
    """A Permendagri 90/2019 code of any level (affair, programme, activity, sub-activity)."""
    return re.match(NOMENCLATURE_RE, code) is not None


def _reference(model: type[models.Model], value, *, city, field: str, queryset=None):
    """The record `value` names (an id, or a record a form chose) in `city`; None stays None."""
    if value is None:
        return None
    return resolve(model, value.pk if isinstance(value, model) else value, city=city, field=field, queryset=queryset)


# --- plan documents ---------------------------------------------------------------------------


@transaction.atomic
def plan_document_create(*, actor, city: City, **fields) -> PlanDocument:
    """Register an official plan of the city (RPJPD, RPJMD, a department's Renstra, RKPD, Renja)."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    check_editable(fields, DOCUMENT_FIELDS)
    data = {"legal_basis": "", **fields}
    data["opd"] = _reference(Opd, data.pop("opd_id", None), city=city, field="opd_id")
    data["title"] = (data.get("title") or "").strip()
    data["legal_basis"] = (data["legal_basis"] or "").strip()
    _check_document(city, data)
    return record_create(actor=actor, model=PlanDocument, data={**data, "city": city})


@transaction.atomic
def plan_document_update(*, actor, document: PlanDocument, **fields) -> PlanDocument:
    permissions.ensure(permissions.can_manage_city(actor, document.city), "city.manage")
    check_editable(fields, DOCUMENT_FIELDS)
    if "opd_id" in fields:
        fields["opd"] = _reference(Opd, fields.pop("opd_id"), city=document.city, field="opd_id")
    for name in ("title", "legal_basis"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    merged = {name: getattr(document, name) for name in ("kind", "title", "start_year", "end_year", "opd", "legal_basis")} | fields
    _check_document(document.city, merged, exclude=document.pk)
    _check_kind_change(document, merged["kind"])
    return record_update(actor=actor, instance=document, data=fields)


def _check_kind_change(document: PlanDocument, kind: str) -> None:
    """Items already written for a plan with Permendagri 90/2019 codes (or without them) keep their kind of plan."""
    if (kind in NOMENCLATURE_KINDS) != (document.kind in NOMENCLATURE_KINDS) and document.items.exists():
        raise ServiceError(
            AlignmentError.PLAN_KIND_LOCKED,
            _(
                "The plan has items coded for a %(old)s: it cannot become a %(new)s, whose items are coded differently. "
                "Register the %(new)s as a plan of its own."
            )
            % {"old": Kind(document.kind).label, "new": Kind(kind).label},
            field="kind",
        )


@transaction.atomic
def plan_document_delete(*, actor, document: PlanDocument) -> None:
    """Delete a plan with its items, unless masterplan programmes are still linked to them."""
    permissions.ensure(permissions.can_manage_city(actor, document.city), "city.manage")
    linked = ProgrammeLink.objects.filter(plan_item__document=document).count()
    if linked:
        raise ServiceError(
            CoreError.STILL_LINKED,
            _("“%(plan)s” cannot be deleted: %(n)d programme links still point at its items. Unlink them first.")
            % {"plan": document.title, "n": linked},
        )
    record_delete(actor=actor, instance=document)


def _check_document(city: City, data: dict, exclude: int | None = None) -> None:
    kind = data.get("kind")
    if kind not in Kind.values:
        raise ServiceError(
            CoreError.INVALID,
            _("Choose the kind of plan (RPJMN, RPJPD, RTRW, RPJMD, RPD, priority programmes, Renstra, RKPD or Renja)."),
            field="kind",
        )
    if not data.get("title"):
        raise ServiceError(CoreError.REQUIRED, _("Give the plan a title."), field="title")
    start, end = data.get("start_year"), data.get("end_year")
    if start is None or end is None:
        raise ServiceError(
            CoreError.REQUIRED, _("Give the first and last year of the plan."), field="start_year" if start is None else "end_year"
        )
    if start > end:
        raise ServiceError(CoreError.RANGE_REVERSED, _("The first year must not be after the last year."), field="end_year")
    if end - start > MAX_SPAN[kind]:
        message = (
            _("An annual plan (RKPD or Renja) covers a single year: the first and last year must be the same.")
            if MAX_SPAN[kind] == 0
            else _("A %(kind)s spans at most %(n)d years from its first to its last year.")
            % {"kind": Kind(kind).label, "n": MAX_SPAN[kind]}
        )
        raise ServiceError(AlignmentError.PLAN_PERIOD_TOO_LONG, message, field="end_year")
    opd = data.get("opd")
    if kind in DEPARTMENT_KINDS and opd is None:
        raise ServiceError(CoreError.REQUIRED, _("A Renstra or Renja belongs to a department: choose it."), field="opd_id")
    if kind not in DEPARTMENT_KINDS and opd is not None:
        raise ServiceError(
            AlignmentError.PLAN_OPD_NOT_ALLOWED,
            _("Only a Renstra or Renja belongs to a department; the other plans are the whole region's (the RPJMN the nation's)."),
            field="opd_id",
        )
    twins = PlanDocument.objects.filter(city=city, kind=kind, start_year=start, opd=opd).exclude(pk=exclude)
    if twins.exists():
        raise ServiceError(
            CoreError.DUPLICATE,
            _("This city already has a %(kind)s starting in %(year)d%(opd)s.")
            % {"kind": Kind(kind).label, "year": start, "opd": f" ({opd})" if opd else ""},
            field="start_year",
        )


# --- plan items -------------------------------------------------------------------------------


@transaction.atomic
def plan_item_create(
    *,
    actor,
    document: PlanDocument,
    kind: str,
    text: str,
    code: str = "",
    parent_id=None,
    indicator: str = "",
    target: str = "",
    indicative_ceiling=None,
    order: int | None = None,
) -> PlanItem:
    """Add a vision, mission, goal, programme, activity or sub-activity to a plan (`parent_id`: an item of the same plan),
    with its indicator, target and indicative ceiling (pagu indikatif, Rp) where the plan states them."""
    permissions.ensure(permissions.can_manage_city(actor, document.city), "city.manage")
    parent = _reference(PlanItem, parent_id, city=document.city, field="parent_id")
    texts = {"code": code, "text": text, "indicator": indicator, "target": target}
    data = {
        "document": document,
        "parent": parent,
        "kind": kind,
        **{name: (value or "").strip() for name, value in texts.items()},
        "indicative_ceiling": indicative_ceiling,
    }
    _check_item(document, data)
    if order is None:
        order = PlanItem.objects.filter(document=document, parent=parent).count() + 1
    return record_create(actor=actor, model=PlanItem, data={**data, "order": order}, city=document.city)


@transaction.atomic
def plan_item_update(*, actor, item: PlanItem, **fields) -> PlanItem:
    permissions.ensure(permissions.can_manage_city(actor, item.document.city), "city.manage")
    check_editable(fields, ITEM_FIELDS)
    if "parent_id" in fields:
        fields["parent"] = _reference(PlanItem, fields.pop("parent_id"), city=item.document.city, field="parent_id")
    for name in ITEM_TEXT_FIELDS:
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    merged = {name: getattr(item, name) for name in ("parent", "kind", *ITEM_TEXT_FIELDS, "indicative_ceiling", "order")} | fields
    _check_item(item.document, merged, item=item)
    return record_update(actor=actor, instance=item, data=fields, city=item.document.city)


@transaction.atomic
def plan_item_delete(*, actor, item: PlanItem) -> None:
    """Delete an item and the items below it, unless a programme is linked to one of them."""
    permissions.ensure(permissions.can_manage_city(actor, item.document.city), "city.manage")
    subtree = _subtree_ids(item)
    linked = ProgrammeLink.objects.filter(plan_item_id__in=subtree).count()
    if linked:
        raise ServiceError(
            CoreError.STILL_LINKED,
            _("“%(item)s” cannot be deleted: %(n)d programme links still point at it or at items below it. Unlink them first.")
            % {"item": item, "n": linked},
        )
    record_delete(actor=actor, instance=item, city=item.document.city)


def _subtree_ids(item: PlanItem) -> set[int]:
    """The item and its descendants, one query per level (a plan has at most six levels)."""
    ids, frontier = {item.pk}, [item.pk]
    while frontier:
        frontier = list(PlanItem.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.update(frontier)
    return ids


def _check_item(document: PlanDocument, data: dict, item: PlanItem | None = None) -> None:
    kind, parent, code = data.get("kind"), data.get("parent"), data.get("code") or ""
    if kind not in ItemKind.values:
        raise ServiceError(
            CoreError.INVALID, _("Choose the kind of item (vision, mission, goal, programme, activity or sub-activity)."), field="kind"
        )
    if not data.get("text"):
        raise ServiceError(CoreError.REQUIRED, _("Write the text of the item."), field="text")
    ceiling = data.get("indicative_ceiling")
    if ceiling is not None and ceiling < 0:
        raise ServiceError(
            CoreError.OUT_OF_RANGE, _("The indicative ceiling (pagu indikatif) cannot be negative."), field="indicative_ceiling"
        )
    _check_parent(document, kind, parent, item)
    if document.kind in NOMENCLATURE_KINDS:
        _check_nomenclature(kind, code, parent)
    if code and document.items.filter(code=code).exclude(pk=getattr(item, "pk", None)).exists():
        raise ServiceError(CoreError.DUPLICATE, _("This plan already has an item with the code %(code)s.") % {"code": code}, field="code")


def _check_parent(document: PlanDocument, kind: str, parent: PlanItem | None, item: PlanItem | None) -> None:
    if parent is not None and parent.document_id != document.pk:
        raise ServiceError(AlignmentError.PARENT_OTHER_PLAN, _("The parent item belongs to another plan."), field="parent_id")
    if item is not None and parent is not None and parent.pk in _subtree_ids(item):
        raise ServiceError(
            AlignmentError.PARENT_CYCLE, _("An item cannot be placed under itself or under one of its own sub-items."), field="parent_id"
        )
    allowed = ALLOWED_PARENTS[kind]
    if (parent.kind if parent else None) not in allowed:
        raise ServiceError(AlignmentError.PARENT_KIND_NOT_ALLOWED, _parent_rule(kind), field="parent_id")
    if item is not None and item.kind != kind:
        for child in item.children.all():
            if kind not in ALLOWED_PARENTS[child.kind]:
                raise ServiceError(
                    AlignmentError.PARENT_KIND_NOT_ALLOWED,
                    _("The item's sub-items (%(child)s) cannot sit under a %(kind)s.")
                    % {"child": ItemKind(child.kind).label, "kind": ItemKind(kind).label},
                    field="kind",
                )


def _parent_rule(kind: str) -> str:
    allowed = ALLOWED_PARENTS[kind]
    names = ", ".join(str(ItemKind(k).label) for k in ItemKind.values if k in allowed)
    label = ItemKind(kind).label
    if not names:
        return _("A %(kind)s sits at the top of the plan, under no other item.") % {"kind": label}
    if None in allowed:
        return _("A %(kind)s sits at the top of the plan or under a %(parents)s.") % {"kind": label, "parents": names}
    return _("A %(kind)s must sit under a %(parents)s.") % {"kind": label, "parents": names}


def _check_nomenclature(kind: str, code: str, parent: PlanItem | None) -> None:
    """In a plan coded after Permendagri 90/2019: programmes, activities and sub-activities carry their level's
    code; another item's code, if any, is a code of some level."""
    if kind in CODE_PARTS:
        _check_code(kind, code, parent)
    elif code and not is_valid_code(code):
        raise ServiceError(
            AlignmentError.NOMENCLATURE_CODE_INVALID,
            _("“%(code)s” is not a nomenclature code (Permendagri 90/2019), e.g. 2.16.02.") % {"code": code},
            field="code",
        )


def _check_code(kind: str, code: str, parent: PlanItem | None) -> None:
    parts = CODE_PARTS[kind]
    if not code:
        raise ServiceError(
            CoreError.REQUIRED,
            _("A %(kind)s needs its nomenclature code, e.g. %(example)s.") % {"kind": ItemKind(kind).label, "example": CODE_EXAMPLE[kind]},
            field="code",
        )
    if not is_valid_code(code) or code.count(".") + 1 != parts:
        raise ServiceError(
            AlignmentError.NOMENCLATURE_CODE_INVALID,
            _("“%(code)s” is not a %(kind)s code of Permendagri 90/2019; write it like %(example)s.")
            % {"code": code, "kind": ItemKind(kind).label, "example": CODE_EXAMPLE[kind]},
            field="code",
        )
    if parent is not None and parent.kind in CODE_PARTS and parent.code and not code.startswith(parent.code + "."):
        raise ServiceError(
            AlignmentError.CODE_OUTSIDE_PARENT,
            _("The code %(code)s does not extend the code of its parent (%(parent)s).") % {"code": code, "parent": parent.code},
            field="code",
        )


# --- links ------------------------------------------------------------------------------------


def _may_link_in(actor, city: City) -> bool:
    """Whether the actor may align any programme of the city: its managers, and operators of its departments
    (who then link only the programmes their department leads)."""
    opd = getattr(actor, "opd", None) if getattr(actor, "is_authenticated", False) else None
    return permissions.can_manage_city(actor, city) or (opd is not None and opd.city_id == city.pk and permissions.can_edit_opd(actor, opd))


@transaction.atomic
def programme_link_create(*, actor, city: City, programme_id, plan_item_id, note: str = "") -> ProgrammeLink:
    """Align a masterplan programme of the city with an item of one of its official plans (the department that leads it may)."""
    permissions.ensure(_may_link_in(actor, city), "programme.edit")
    programme = _reference(
        Programme, programme_id, city=city, field="programme_id", queryset=Programme.objects.select_related("masterplan__city")
    )
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    plan_item = _reference(PlanItem, plan_item_id, city=city, field="plan_item_id", queryset=PlanItem.objects.select_related("document"))
    if plan_item.kind == ItemKind.VISION:
        raise ServiceError(
            AlignmentError.NOT_LINKABLE,
            _("Link a programme to a mission, goal, programme, activity or sub-activity, not to the vision."),
            field="plan_item_id",
        )
    if ProgrammeLink.objects.filter(programme=programme, plan_item=plan_item).exists():
        raise ServiceError(
            CoreError.DUPLICATE,
            _("“%(programme)s” is already linked to %(item)s.") % {"programme": programme, "item": plan_item},
            field="plan_item_id",
        )
    return record_create(
        actor=actor, model=ProgrammeLink, data={"programme": programme, "plan_item": plan_item, "note": (note or "").strip()}, city=city
    )


@transaction.atomic
def programme_link_delete(*, actor, link: ProgrammeLink) -> None:
    permissions.ensure(permissions.can_edit_programme(actor, link.programme), "programme.edit")
    record_delete(actor=actor, instance=link, city=link.programme.masterplan.city)


# --- import from a spreadsheet ----------------------------------------------------------------


class ImportRejected(ServiceError):
    """The spreadsheet had errors: nothing was imported; `rows` lists them by row number."""

    def __init__(self, rows: list[tuple[int, str]]):
        super().__init__(
            AlignmentError.IMPORT_REJECTED, _("Nothing was imported: %(n)d rows have errors.") % {"n": len(rows)}, field="file"
        )
        self.rows = rows


# Column "kind" accepts the English kinds and their Indonesian names.
KIND_NAMES = {
    **{kind: kind for kind in ItemKind.values},
    "visi": ItemKind.VISION,
    "misi": ItemKind.MISSION,
    "tujuan": ItemKind.GOAL,
    "sasaran": ItemKind.GOAL,
    "program": ItemKind.PROGRAMME,
    "kegiatan": ItemKind.ACTIVITY,
    "sub kegiatan": ItemKind.SUB_ACTIVITY,
    "sub-kegiatan": ItemKind.SUB_ACTIVITY,
    "subkegiatan": ItemKind.SUB_ACTIVITY,
    "sub-activity": ItemKind.SUB_ACTIVITY,
}
IMPORT_COLUMNS = ["kind", "code", "text", "parent code"]
OPTIONAL_COLUMNS = ["indicator", "target", "indicative ceiling"]


def read_items_xlsx(file, progress=None) -> list[tuple[int, dict]]:
    """Rows of an .xlsx sheet with the columns kind, code, text, parent code (header row first) and, if
    present, indicator, target, indicative ceiling, read within the import limits (`core.spreadsheets.read_table`)."""
    header, rows = read_table(file, progress)
    missing = [name for name in IMPORT_COLUMNS if name not in header]
    if missing:
        raise ServiceError(
            AlignmentError.IMPORT_COLUMNS_MISSING,
            _("The first row must name the columns %(columns)s; missing: %(missing)s.")
            % {"columns": ", ".join(IMPORT_COLUMNS), "missing": ", ".join(missing)},
            field="file",
        )
    index = {name: header.index(name) for name in [*IMPORT_COLUMNS, *OPTIONAL_COLUMNS] if name in header}
    parsed = [(number, {name: cell_text(row, i) for name, i in index.items()}) for number, row in rows]
    return [(number, values) for number, values in parsed if any(values.values())]


@transaction.atomic
def plan_items_import_start(*, actor, document: PlanDocument, file):
    """Check the workbook's size, keep it, and start the import as a background job (`alignment.plan_items_import`); the job."""
    from kotacerdas.jobs.services import job_start, stash_upload

    permissions.ensure(permissions.can_manage_city(actor, document.city), "city.manage")
    check_import_file(file)
    name = stash_upload(file)
    try:
        return job_start(
            actor=actor, kind="alignment.plan_items_import", city=document.city, params={"document_id": document.pk, "upload": name}
        )
    except Exception:
        from kotacerdas.jobs.services import discard_upload

        discard_upload(name)
        raise


@transaction.atomic
def plan_items_import(*, actor, document: PlanDocument, file, progress=None) -> list[PlanItem]:
    """Create the items of an .xlsx workbook's rows in order (a parent code may name an earlier row); all or nothing.

    `progress(done, total, message)` hears about it every 25 rows.
    """
    permissions.ensure(permissions.can_manage_city(actor, document.city), "city.manage")
    rows = read_items_xlsx(file, progress)
    by_code = {item.code: item for item in document.items.exclude(code="")}
    created, errors = [], []
    total = len(rows)
    for done, (number, values) in enumerate(rows):
        if progress and done % 25 == 0:
            progress(done, total, _("Importing row %(n)d of %(total)d…") % {"n": done + 1, "total": total})
        kind = KIND_NAMES.get(values["kind"].lower())
        parent_code = values["parent code"]
        ceiling = _rupiah(values.get("indicative ceiling", ""))
        parent = by_code.get(parent_code) if parent_code else _nearest_parent(created, kind)
        if kind is None:
            errors.append((number, _("Unknown kind “%(kind)s”.") % {"kind": values["kind"][:100]}))
            continue
        if parent_code and parent is None:
            errors.append((number, _("No item with the parent code %(code)s above this row or in the plan.") % {"code": parent_code[:100]}))
            continue
        if ceiling is INVALID:
            errors.append((number, _("“%(value)s” is not an amount in Rupiah.") % {"value": values["indicative ceiling"][:20]}))
            continue
        try:
            with transaction.atomic():
                item = plan_item_create(
                    actor=actor,
                    document=document,
                    kind=kind,
                    code=values["code"],
                    text=values["text"],
                    parent_id=parent,
                    indicator=values.get("indicator", ""),
                    target=values.get("target", ""),
                    indicative_ceiling=ceiling,
                )
        except ServiceError as exc:
            errors.append((number, exc.message))
            continue
        except ValidationError as exc:
            errors.append((number, " ".join(exc.messages)))
            continue
        created.append(item)
        if item.code:
            by_code[item.code] = item
    if errors:
        raise ImportRejected(errors)
    if progress:
        progress(total, total, _("%(n)d items were imported.") % {"n": len(created)})
    return created


INVALID = object()


def _rupiah(text: str):
    """A cell's whole Rupiah amount: a number (12500000000, or 12500000000.0 from a number cell) or one written
    with thousands separators (12.500.000.000); None when blank, INVALID when it is no whole amount."""
    text = text.removeprefix("Rp").strip()
    if not text:
        return None
    if re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", text):
        return Decimal(re.sub(r"[.,]", "", text))
    if re.fullmatch(r"-?\d+(\.0+)?", text):
        return Decimal(text.split(".")[0])
    return INVALID


def _nearest_parent(created: list[PlanItem], kind: str | None) -> PlanItem | None:
    """A row without a parent code hangs under the nearest earlier row of a kind it may sit under."""
    if kind is None:
        return None
    wanted = ALLOWED_PARENTS[kind] - {None}
    for item in reversed(created):
        if item.kind in wanted:
            return item
    return None
