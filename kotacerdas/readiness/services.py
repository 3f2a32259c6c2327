"""Writes to the readiness analysis: lens assessments, SWOT items, gap items, adopted bimtek outputs."""
from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.core import permissions
from kotacerdas.core.errors import Conflict, ServiceError
from kotacerdas.core.services import record_create, record_delete, record_update
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.masterplan.services import reorder
from kotacerdas.readiness.models import GapItem, LensAssessment, SwotItem


def _ensure(actor, masterplan: Masterplan) -> None:
    permissions.ensure(permissions.can_manage_city(actor, masterplan.city), "city.manage")


# --- the lens assessment --------------------------------------------------------------------

@transaction.atomic
def assessment_save(*, actor, masterplan: Masterplan, lens, rating=None, current_condition: str = "", target_condition: str = "") -> LensAssessment:
    """Set a lens's rating (from the configurable scale) and its current vs target condition."""
    _ensure(actor, masterplan)
    data = {"rating": rating, "current_condition": (current_condition or "").strip(), "target_condition": (target_condition or "").strip()}
    existing = LensAssessment.objects.filter(masterplan=masterplan, lens=lens).first()
    if existing is not None:
        return record_update(actor=actor, instance=existing, data=data, city=masterplan.city)
    return record_create(actor=actor, model=LensAssessment, city=masterplan.city, data={"masterplan": masterplan, "lens": lens, **data})


# --- SWOT items -----------------------------------------------------------------------------

@transaction.atomic
def swot_item_create(*, actor, masterplan: Masterplan, lens, category: str, text: str, order: int | None = None, origin=None) -> SwotItem:
    _ensure(actor, masterplan)
    _check_category(category)
    if order is None:
        last = (SwotItem.objects.filter(masterplan=masterplan, lens=lens, category=category)
                .order_by("-order").values_list("order", flat=True).first())
        order = (last or 0) + 1
    return record_create(actor=actor, model=SwotItem, city=masterplan.city, data={
        "masterplan": masterplan, "lens": lens, "category": category, "text": text.strip(), "order": order, "origin": origin,
    })


@transaction.atomic
def swot_item_update(*, actor, item: SwotItem, **fields) -> SwotItem:
    """Change the text, category or order (a new category puts the item last in it)."""
    _ensure(actor, item.masterplan)
    _check_fields(fields, {"text", "category", "order"})
    if "category" in fields:
        _check_category(fields["category"])
        if fields["category"] != item.category and "order" not in fields:
            last = (SwotItem.objects.filter(masterplan=item.masterplan, lens=item.lens, category=fields["category"])
                    .order_by("-order").values_list("order", flat=True).first())
            fields["order"] = (last or 0) + 1
    if isinstance(fields.get("text"), str):
        fields["text"] = fields["text"].strip()
    return record_update(actor=actor, instance=item, data=fields, city=item.masterplan.city)


@transaction.atomic
def swot_item_delete(*, actor, item: SwotItem) -> None:
    _ensure(actor, item.masterplan)
    record_delete(actor=actor, instance=item, city=item.masterplan.city)


@transaction.atomic
def swot_item_move(*, actor, item: SwotItem, offset: int) -> SwotItem:
    """Move an item up (-1) or down (+1) within its lens and category."""
    _ensure(actor, item.masterplan)
    siblings = SwotItem.objects.filter(masterplan=item.masterplan, lens=item.lens, category=item.category)
    reorder(actor=actor, item=item, siblings=siblings, offset=offset)
    return item


# --- gap items ------------------------------------------------------------------------------

@transaction.atomic
def gap_item_create(*, actor, masterplan: Masterplan, lens, description: str, current_condition: str = "", target_condition: str = "",
                    programmes=(), origin=None) -> GapItem:
    """A gap between the current and the target condition, with the programmes of this masterplan that close it."""
    _ensure(actor, masterplan)
    programmes = list(programmes)
    _check_programmes(masterplan, programmes)
    return record_create(actor=actor, model=GapItem, city=masterplan.city, m2m={"programmes": programmes}, data={
        "masterplan": masterplan, "lens": lens, "description": description.strip(),
        "current_condition": (current_condition or "").strip(), "target_condition": (target_condition or "").strip(), "origin": origin,
    })


@transaction.atomic
def gap_item_update(*, actor, item: GapItem, programmes=None, **fields) -> GapItem:
    """Change the gap's text or conditions; `programmes` (when given) replaces the closing programmes."""
    _ensure(actor, item.masterplan)
    _check_fields(fields, {"description", "current_condition", "target_condition"})
    for name, value in list(fields.items()):
        fields[name] = (value or "").strip()
    m2m = None
    if programmes is not None:
        programmes = list(programmes)
        _check_programmes(item.masterplan, programmes)
        m2m = {"programmes": programmes}
    return record_update(actor=actor, instance=item, data=fields, m2m=m2m, city=item.masterplan.city)


@transaction.atomic
def gap_item_delete(*, actor, item: GapItem) -> None:
    _ensure(actor, item.masterplan)
    record_delete(actor=actor, instance=item, city=item.masterplan.city)


# --- adopting bimtek outputs ----------------------------------------------------------------

ADOPTABLE = {"swot", "gap"}


@transaction.atomic
def output_adopt(*, actor, city, output, lens=None) -> SwotItem | GapItem:
    """Turn a bimtek output (SWOT item or gap) into plan content, keeping where it came from.

    The output must belong to the city (else 404); a gap output without a lens takes `lens`.
    """
    masterplan = output.workshop.masterplan
    if masterplan.city_id != city.pk:
        raise Http404(_("No such bimtek output in this city."))
    masterplan.city = city
    _ensure(actor, masterplan)
    if output.kind not in ADOPTABLE:
        raise ServiceError("not_adoptable", _("Only SWOT and gap outputs can be adopted into the readiness analysis, not “%(kind)s”.")
                           % {"kind": output.get_kind_display()}, field="output")
    if SwotItem.objects.filter(origin=output).exists() or GapItem.objects.filter(origin=output).exists():
        raise Conflict("already_adopted", _("This bimtek output has already been adopted."), field="output")
    lens = output.lens or lens
    if lens is None:
        raise ServiceError("lens_missing", _("Choose the readiness lens this gap belongs to."), field="lens")
    if output.kind == "swot":
        return swot_item_create(actor=actor, masterplan=masterplan, lens=lens, category=output.swot_category, text=output.text, origin=output)
    return gap_item_create(actor=actor, masterplan=masterplan, lens=lens, description=output.text, origin=output)


# --- checks ---------------------------------------------------------------------------------

def _check_fields(fields: dict, allowed: set[str]) -> None:
    extra = sorted(set(fields) - allowed)
    if extra:
        raise ServiceError("field_not_editable", _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(extra)}, field=extra[0])


def _check_category(category: str) -> None:
    if category not in SwotItem.Category.values:
        raise ServiceError("unknown_category", _("A SWOT item is a strength (S), weakness (W), opportunity (O) or threat (T), not “%(category)s”.")
                           % {"category": category}, field="category")


def _check_programmes(masterplan: Masterplan, programmes: list) -> None:
    foreign = [p for p in programmes if p.masterplan_id != masterplan.pk]
    if foreign:
        raise ServiceError(
            "other_masterplan",
            _("A gap can only be closed by programmes of the same masterplan; not: %(names)s.") % {"names": ", ".join(p.name for p in foreign)},
            field="programmes",
        )
