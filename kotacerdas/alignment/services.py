"""Writes to the official plans, their items, and the links of masterplan programmes to them."""
from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.alignment.models import NOMENCLATURE_RE, PlanDocument, PlanItem, ProgrammeLink
from kotacerdas.cities.models import City
from kotacerdas.core import permissions
from kotacerdas.core.errors import Conflict, ServiceError
from kotacerdas.core.services import record_create, record_delete, record_update

Kind = PlanDocument.Kind
ItemKind = PlanItem.Kind

DOCUMENT_FIELDS = {"kind", "title", "start_year", "end_year", "opd", "legal_basis"}
ITEM_FIELDS = {"parent", "kind", "code", "text", "order"}

# Longest period (last year − first year) of each kind of plan: RPJPD 2005–2025, RPJMD 2017–2022, RKPD one year.
MAX_SPAN = {Kind.RPJPD: 20, Kind.RPJMD: 5, Kind.RENSTRA: 5, Kind.RKPD: 0, Kind.RENJA: 0}
DEPARTMENT_KINDS = {Kind.RENSTRA, Kind.RENJA}

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


# --- plan documents ---------------------------------------------------------------------------

@transaction.atomic
def plan_document_create(*, actor, city: City, **fields) -> PlanDocument:
    """Register an official plan of the city (RPJPD, RPJMD, a department's Renstra, RKPD, Renja)."""
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")
    _check_fields(fields, DOCUMENT_FIELDS)
    data = {"legal_basis": "", "opd": None, **fields, "city": city}
    data["title"] = (data.get("title") or "").strip()
    data["legal_basis"] = data["legal_basis"].strip()
    _check_document(city, data)
    return record_create(actor=actor, model=PlanDocument, data=data)


@transaction.atomic
def plan_document_update(*, actor, document: PlanDocument, **fields) -> PlanDocument:
    permissions.ensure(permissions.can_manage_city(actor, document.city), "city.manage")
    _check_fields(fields, DOCUMENT_FIELDS)
    for name in ("title", "legal_basis"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    merged = {name: getattr(document, name) for name in DOCUMENT_FIELDS} | fields
    _check_document(document.city, merged, exclude=document.pk)
    return record_update(actor=actor, instance=document, data=fields)


@transaction.atomic
def plan_document_delete(*, actor, document: PlanDocument) -> None:
    """Delete a plan with its items, unless masterplan programmes are still linked to them."""
    permissions.ensure(permissions.can_manage_city(actor, document.city), "city.manage")
    linked = ProgrammeLink.objects.filter(plan_item__document=document).count()
    if linked:
        raise Conflict("still_linked", _("“%(plan)s” cannot be deleted: %(n)d programme links still point at its items. Unlink them first.")
                       % {"plan": document.title, "n": linked})
    record_delete(actor=actor, instance=document)


def _check_document(city: City, data: dict, exclude: int | None = None) -> None:
    kind = data.get("kind")
    if kind not in Kind.values:
        raise ServiceError("invalid_kind", _("Choose the kind of plan (RPJPD, RPJMD, Renstra, RKPD or Renja)."), field="kind")
    if not data.get("title"):
        raise ServiceError("title_required", _("Give the plan a title."), field="title")
    start, end = data.get("start_year"), data.get("end_year")
    if start is None or end is None:
        raise ServiceError("years_required", _("Give the first and last year of the plan."), field="start_year")
    if start > end:
        raise ServiceError("years_reversed", _("The first year must not be after the last year."), field="end_year")
    if end - start > MAX_SPAN[kind]:
        message = (_("An annual plan (RKPD or Renja) covers a single year: the first and last year must be the same.")
                   if MAX_SPAN[kind] == 0 else
                   _("A %(kind)s spans at most %(n)d years from its first to its last year.") % {"kind": Kind(kind).label, "n": MAX_SPAN[kind]})
        raise ServiceError("period_invalid", message, field="end_year")
    opd = data.get("opd")
    if kind in DEPARTMENT_KINDS:
        if opd is None:
            raise ServiceError("opd_required", _("A Renstra or Renja belongs to a department: choose it."), field="opd")
        if opd.city_id != city.pk:
            raise ServiceError("opd_other_city", _("%(opd)s is a department of another city.") % {"opd": opd}, field="opd")
    elif opd is not None:
        raise ServiceError("opd_not_allowed", _("Only a Renstra or Renja belongs to a department; an RPJPD, RPJMD or RKPD is the whole city's."), field="opd")
    twins = PlanDocument.objects.filter(city=city, kind=kind, start_year=start, opd=opd).exclude(pk=exclude)
    if twins.exists():
        raise Conflict("duplicate_plan", _("This city already has a %(kind)s starting in %(year)d%(opd)s.")
                       % {"kind": Kind(kind).label, "year": start, "opd": f" ({opd})" if opd else ""}, field="start_year")


# --- plan items -------------------------------------------------------------------------------

@transaction.atomic
def plan_item_create(*, actor, document: PlanDocument, kind: str, text: str, code: str = "", parent: PlanItem | None = None,
                     order: int | None = None) -> PlanItem:
    """Add a vision, mission, goal, programme, activity or sub-activity to a plan."""
    permissions.ensure(permissions.can_manage_city(actor, document.city), "city.manage")
    data = {"document": document, "parent": parent, "kind": kind, "code": (code or "").strip(), "text": (text or "").strip()}
    _check_item(document, data)
    if order is None:
        order = PlanItem.objects.filter(document=document, parent=parent).count() + 1
    return record_create(actor=actor, model=PlanItem, data={**data, "order": order}, city=document.city)


@transaction.atomic
def plan_item_update(*, actor, item: PlanItem, **fields) -> PlanItem:
    permissions.ensure(permissions.can_manage_city(actor, item.document.city), "city.manage")
    _check_fields(fields, ITEM_FIELDS)
    for name in ("code", "text"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    merged = {name: getattr(item, name) for name in ITEM_FIELDS} | fields
    _check_item(item.document, merged, item=item)
    return record_update(actor=actor, instance=item, data=fields, city=item.document.city)


@transaction.atomic
def plan_item_delete(*, actor, item: PlanItem) -> None:
    """Delete an item and the items below it, unless a programme is linked to one of them."""
    permissions.ensure(permissions.can_manage_city(actor, item.document.city), "city.manage")
    subtree = _subtree_ids(item)
    linked = ProgrammeLink.objects.filter(plan_item_id__in=subtree).count()
    if linked:
        raise Conflict("still_linked", _("“%(item)s” cannot be deleted: %(n)d programme links still point at it or at items below it. Unlink them first.")
                       % {"item": item, "n": linked})
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
        raise ServiceError("invalid_kind", _("Choose the kind of item (vision, mission, goal, programme, activity or sub-activity)."), field="kind")
    if not data.get("text"):
        raise ServiceError("text_required", _("Write the text of the item."), field="text")
    _check_parent(document, kind, parent, item)
    if kind in CODE_PARTS:
        _check_code(kind, code, parent)
    elif code and not is_valid_code(code):
        raise ServiceError("invalid_code", _("“%(code)s” is not a nomenclature code (Permendagri 90/2019), e.g. 2.16.02.") % {"code": code}, field="code")
    if code and document.items.filter(code=code).exclude(pk=getattr(item, "pk", None)).exists():
        raise Conflict("duplicate_code", _("This plan already has an item with the code %(code)s.") % {"code": code}, field="code")


def _check_parent(document: PlanDocument, kind: str, parent: PlanItem | None, item: PlanItem | None) -> None:
    if parent is not None and parent.document_id != document.pk:
        raise ServiceError("parent_other_plan", _("The parent item belongs to another plan."), field="parent")
    if item is not None and parent is not None and parent.pk in _subtree_ids(item):
        raise ServiceError("parent_cycle", _("An item cannot be placed under itself or under one of its own sub-items."), field="parent")
    allowed = ALLOWED_PARENTS[kind]
    if (parent.kind if parent else None) not in allowed:
        raise ServiceError("invalid_parent", _parent_rule(kind), field="parent")
    if item is not None and item.kind != kind:
        for child in item.children.all():
            if kind not in ALLOWED_PARENTS[child.kind]:
                raise ServiceError("invalid_parent", _("The item's sub-items (%(child)s) cannot sit under a %(kind)s.")
                                   % {"child": ItemKind(child.kind).label, "kind": ItemKind(kind).label}, field="kind")


def _parent_rule(kind: str) -> str:
    allowed = ALLOWED_PARENTS[kind]
    names = ", ".join(str(ItemKind(k).label) for k in ItemKind.values if k in allowed)
    label = ItemKind(kind).label
    if not names:
        return _("A %(kind)s sits at the top of the plan, under no other item.") % {"kind": label}
    if None in allowed:
        return _("A %(kind)s sits at the top of the plan or under a %(parents)s.") % {"kind": label, "parents": names}
    return _("A %(kind)s must sit under a %(parents)s.") % {"kind": label, "parents": names}


def _check_code(kind: str, code: str, parent: PlanItem | None) -> None:
    parts = CODE_PARTS[kind]
    if not code:
        raise ServiceError("code_required", _("A %(kind)s needs its nomenclature code, e.g. %(example)s.")
                           % {"kind": ItemKind(kind).label, "example": CODE_EXAMPLE[kind]}, field="code")
    if not is_valid_code(code) or code.count(".") + 1 != parts:
        raise ServiceError("invalid_code", _("“%(code)s” is not a %(kind)s code of Permendagri 90/2019; write it like %(example)s.")
                           % {"code": code, "kind": ItemKind(kind).label, "example": CODE_EXAMPLE[kind]}, field="code")
    if parent is not None and parent.kind in CODE_PARTS and parent.code and not code.startswith(parent.code + "."):
        raise ServiceError("code_outside_parent", _("The code %(code)s does not extend the code of its parent (%(parent)s).")
                           % {"code": code, "parent": parent.code}, field="code")


# --- links ------------------------------------------------------------------------------------

@transaction.atomic
def programme_link_create(*, actor, programme, plan_item: PlanItem, note: str = "") -> ProgrammeLink:
    """Align a masterplan programme with an item of an official plan (the department that leads it may)."""
    permissions.ensure(permissions.can_edit_programme(actor, programme), "programme.edit")
    city = programme.masterplan.city
    if plan_item.document.city_id != city.pk:
        raise ServiceError("other_city", _("The plan item belongs to another city's plan."), field="plan_item")
    if plan_item.kind == ItemKind.VISION:
        raise ServiceError("not_linkable", _("Link a programme to a mission, goal, programme, activity or sub-activity, not to the vision."), field="plan_item")
    if ProgrammeLink.objects.filter(programme=programme, plan_item=plan_item).exists():
        raise Conflict("duplicate_link", _("“%(programme)s” is already linked to %(item)s.") % {"programme": programme, "item": plan_item}, field="plan_item")
    return record_create(actor=actor, model=ProgrammeLink, data={"programme": programme, "plan_item": plan_item, "note": (note or "").strip()}, city=city)


@transaction.atomic
def programme_link_delete(*, actor, link: ProgrammeLink) -> None:
    permissions.ensure(permissions.can_edit_programme(actor, link.programme), "programme.edit")
    record_delete(actor=actor, instance=link, city=link.programme.masterplan.city)


def _check_fields(fields: dict, allowed: set[str]) -> None:
    extra = sorted(set(fields) - allowed)
    if extra:
        raise ServiceError("field_not_editable", _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(extra)}, field=extra[0])


# --- import from a spreadsheet ----------------------------------------------------------------

class ImportRejected(ServiceError):
    """The spreadsheet had errors: nothing was imported; `rows` lists them by row number."""

    def __init__(self, rows: list[tuple[int, str]]):
        super().__init__("import_rejected", _("Nothing was imported: %(n)d rows have errors.") % {"n": len(rows)}, field="file")
        self.rows = rows


# Column "kind" accepts the English kinds and their Indonesian names.
KIND_NAMES = {
    **{kind: kind for kind in ItemKind.values},
    "visi": ItemKind.VISION, "misi": ItemKind.MISSION, "tujuan": ItemKind.GOAL, "sasaran": ItemKind.GOAL,
    "program": ItemKind.PROGRAMME, "kegiatan": ItemKind.ACTIVITY, "sub kegiatan": ItemKind.SUB_ACTIVITY,
    "sub-kegiatan": ItemKind.SUB_ACTIVITY, "subkegiatan": ItemKind.SUB_ACTIVITY, "sub-activity": ItemKind.SUB_ACTIVITY,
}
IMPORT_COLUMNS = ["kind", "code", "text", "parent code"]


def read_items_xlsx(file) -> list[tuple[int, dict]]:
    """Rows of an .xlsx sheet with the columns kind, code, text, parent code (header row first)."""
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(file, read_only=True, data_only=True).active
    except Exception as exc:  # openpyxl raises many kinds of errors on a file that is not a workbook
        raise ServiceError("invalid_file", _("The file is not an Excel workbook (.xlsx)."), field="file") from exc
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise ServiceError("empty_file", _("The workbook is empty."), field="file")
    header = [str(cell or "").strip().lower() for cell in rows[0]]
    missing = [name for name in IMPORT_COLUMNS if name not in header]
    if missing:
        raise ServiceError("missing_columns", _("The first row must name the columns %(columns)s; missing: %(missing)s.")
                           % {"columns": ", ".join(IMPORT_COLUMNS), "missing": ", ".join(missing)}, field="file")
    index = {name: header.index(name) for name in IMPORT_COLUMNS}
    parsed = []
    for number, row in enumerate(rows[1:], start=2):
        values = {name: str(row[i] if i < len(row) and row[i] is not None else "").strip() for name, i in index.items()}
        if any(values.values()):
            parsed.append((number, values))
    return parsed


@transaction.atomic
def plan_items_import(*, actor, document: PlanDocument, rows: list[tuple[int, dict]]) -> list[PlanItem]:
    """Create the items of the rows in order (a parent code may name an earlier row); all or nothing."""
    permissions.ensure(permissions.can_manage_city(actor, document.city), "city.manage")
    by_code = {item.code: item for item in document.items.exclude(code="")}
    created, errors = [], []
    for number, values in rows:
        kind = KIND_NAMES.get(values["kind"].lower())
        parent_code = values["parent code"]
        parent = by_code.get(parent_code) if parent_code else _nearest_parent(created, kind)
        if kind is None:
            errors.append((number, _("Unknown kind “%(kind)s”.") % {"kind": values["kind"]}))
            continue
        if parent_code and parent is None:
            errors.append((number, _("No item with the parent code %(code)s above this row or in the plan.") % {"code": parent_code}))
            continue
        try:
            with transaction.atomic():
                item = plan_item_create(actor=actor, document=document, kind=kind, code=values["code"], text=values["text"], parent=parent)
        except ServiceError as exc:
            errors.append((number, exc.message))
            continue
        created.append(item)
        if item.code:
            by_code[item.code] = item
    if errors:
        raise ImportRejected(errors)
    return created


def _nearest_parent(created: list[PlanItem], kind: str | None) -> PlanItem | None:
    """A row without a parent code hangs under the nearest earlier row of a kind it may sit under."""
    if kind is None:
        return None
    wanted = ALLOWED_PARENTS[kind] - {None}
    for item in reversed(created):
        if item.kind in wanted:
            return item
    return None
