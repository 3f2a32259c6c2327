"""Writes to the readiness analysis: lens assessments, SWOT items, gap items, adopted bimtek outputs.

Every service checks the permission first, then resolves the references it was given (masterplan,
lens and rating codes, programme ids: unknown ones, and those of another city or masterplan, are
refused alike), then validates and writes.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.core import permissions
from kotacerdas.core.api import resolve_code, resolve_many
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import record_create, record_delete, record_update, required_text
from kotacerdas.framework.models import ReadinessLens, ReadinessRating
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.masterplan.services import reorder
from kotacerdas.readiness import selectors
from kotacerdas.readiness.error_codes import ReadinessError
from kotacerdas.readiness.models import GapItem, LensAssessment, SwotItem

MAX_RATING = 32767  # the rating scale's values are small integers


def _ensure(actor, city) -> None:
    permissions.ensure(permissions.can_manage_city(actor, city), "city.manage")


# --- references ------------------------------------------------------------------------------


def _lens(code: str, field: str = "lens_code") -> ReadinessLens:
    return resolve_code(ReadinessLens, code, field=field)


def _rating(code: int | None) -> ReadinessRating | None:
    """A level of the configurable rating scale by its value (its code); None leaves the lens unrated."""
    if code is None:
        return None
    rating = ReadinessRating.objects.filter(value=code).first() if isinstance(code, int) and 0 <= code <= MAX_RATING else None
    if rating is None:
        values = ", ".join(str(v) for v in ReadinessRating.objects.values_list("value", flat=True))
        raise ServiceError(
            CoreError.UNKNOWN_CODE,
            _("Unknown rating code %(code)s; the scale has: %(values)s.") % {"code": code, "values": values},
            field="rating_code",
        )
    return rating


def _programmes(masterplan: Masterplan, ids) -> list:
    """Programmes of this masterplan: an id of another masterplan or city names none (no names told)."""
    from kotacerdas.programmes.models import Programme

    return resolve_many(
        Programme, dict.fromkeys(ids), city=masterplan.city, field="programme_ids", queryset=Programme.objects.filter(masterplan=masterplan)
    )


# --- the lens assessment --------------------------------------------------------------------


@transaction.atomic
def assessment_save(
    *,
    actor,
    city,
    lens: ReadinessLens,
    masterplan_id: int | None = None,
    rating_code: int | None = None,
    current_condition: str = "",
    target_condition: str = "",
) -> LensAssessment:
    """Set a lens's rating (a value of the configurable scale, or none) and its current vs target condition."""
    _ensure(actor, city)
    masterplan = selectors.masterplan_of(city, masterplan_id)
    data = {
        "rating": _rating(rating_code),
        "current_condition": (current_condition or "").strip(),
        "target_condition": (target_condition or "").strip(),
    }
    existing = LensAssessment.objects.filter(masterplan=masterplan, lens=lens).first()
    if existing is not None:
        existing.masterplan = masterplan
        return record_update(actor=actor, instance=existing, data=data, city=city)
    return record_create(actor=actor, model=LensAssessment, city=city, data={"masterplan": masterplan, "lens": lens, **data})


# --- SWOT items -----------------------------------------------------------------------------


def _last_order(masterplan, lens, category) -> int:
    last = (
        SwotItem.objects.filter(masterplan=masterplan, lens=lens, category=category)
        .order_by("-order")
        .values_list("order", flat=True)
        .first()
    )
    return last or 0


def _swot_create(*, actor, masterplan: Masterplan, lens, category: str, text: str, order: int | None = None, origin=None) -> SwotItem:
    text = required_text(text, "text", _("Write the text."))
    if order is None:
        order = _last_order(masterplan, lens, category) + 1
    return record_create(
        actor=actor,
        model=SwotItem,
        city=masterplan.city,
        data={
            "masterplan": masterplan,
            "lens": lens,
            "category": category,
            "text": text,
            "order": order,
            "origin": origin,
        },
    )


@transaction.atomic
def swot_item_create(
    *, actor, city, lens_code: str, category: str, text: str, masterplan_id: int | None = None, order: int | None = None
) -> SwotItem:
    """A strength, weakness, opportunity or threat of a lens (last of its category unless `order` is given)."""
    _ensure(actor, city)
    masterplan = selectors.masterplan_of(city, masterplan_id)
    return _swot_create(actor=actor, masterplan=masterplan, lens=_lens(lens_code), category=category, text=text, order=order)


@transaction.atomic
def swot_item_update(*, actor, item: SwotItem, category: str | None = None, text: str | None = None, order: int | None = None) -> SwotItem:
    """Change the text, category or order (None: unchanged; a new category puts the item last in it)."""
    _ensure(actor, item.masterplan.city)
    data = {}
    if text is not None:
        data["text"] = required_text(text, "text", _("Write the text."))
    if category is not None:
        data["category"] = category
        if category != item.category and order is None:
            order = _last_order(item.masterplan, item.lens, category) + 1
    if order is not None:
        data["order"] = order
    return record_update(actor=actor, instance=item, data=data, city=item.masterplan.city)


@transaction.atomic
def swot_item_delete(*, actor, item: SwotItem) -> None:
    _ensure(actor, item.masterplan.city)
    record_delete(actor=actor, instance=item, city=item.masterplan.city)


@transaction.atomic
def swot_item_move(*, actor, item: SwotItem, offset: int) -> SwotItem:
    """Move an item up (-1) or down (+1) within its lens and category."""
    _ensure(actor, item.masterplan.city)
    siblings = SwotItem.objects.filter(masterplan=item.masterplan, lens=item.lens, category=item.category)
    reorder(actor=actor, item=item, siblings=siblings, offset=offset)
    return item


# --- gap items ------------------------------------------------------------------------------


def _gap_create(
    *,
    actor,
    masterplan: Masterplan,
    lens,
    description: str,
    current_condition: str = "",
    target_condition: str = "",
    programmes=(),
    origin=None,
) -> GapItem:
    return record_create(
        actor=actor,
        model=GapItem,
        city=masterplan.city,
        m2m={"programmes": list(programmes)},
        data={
            "masterplan": masterplan,
            "lens": lens,
            "description": required_text(description, "description", _("Write the text.")),
            "current_condition": (current_condition or "").strip(),
            "target_condition": (target_condition or "").strip(),
            "origin": origin,
        },
    )


@transaction.atomic
def gap_item_create(
    *,
    actor,
    city,
    lens_code: str,
    description: str,
    masterplan_id: int | None = None,
    current_condition: str = "",
    target_condition: str = "",
    programme_ids=(),
) -> GapItem:
    """A gap between the current and the target condition, with the programmes of the masterplan that close it."""
    _ensure(actor, city)
    masterplan = selectors.masterplan_of(city, masterplan_id)
    lens = _lens(lens_code)
    return _gap_create(
        actor=actor,
        masterplan=masterplan,
        lens=lens,
        description=description,
        current_condition=current_condition,
        target_condition=target_condition,
        programmes=_programmes(masterplan, programme_ids),
    )


@transaction.atomic
def gap_item_update(
    *,
    actor,
    item: GapItem,
    description: str | None = None,
    current_condition: str | None = None,
    target_condition: str | None = None,
    programme_ids=None,
) -> GapItem:
    """Change the gap's text or conditions (None: unchanged); `programme_ids` (when given) replaces the closing programmes."""
    _ensure(actor, item.masterplan.city)
    data = {}
    if description is not None:
        data["description"] = required_text(description, "description", _("Write the text."))
    for name, value in (("current_condition", current_condition), ("target_condition", target_condition)):
        if value is not None:
            data[name] = value.strip()
    m2m = {"programmes": _programmes(item.masterplan, programme_ids)} if programme_ids is not None else None
    return record_update(actor=actor, instance=item, data=data, m2m=m2m, city=item.masterplan.city)


@transaction.atomic
def gap_item_delete(*, actor, item: GapItem) -> None:
    _ensure(actor, item.masterplan.city)
    record_delete(actor=actor, instance=item, city=item.masterplan.city)


# --- adopting bimtek outputs ----------------------------------------------------------------

ADOPTABLE = {"swot", "gap"}


@transaction.atomic
def output_adopt(*, actor, output, lens_code: str | None = None) -> SwotItem | GapItem:
    """Turn a bimtek output (SWOT item or gap) into content of its masterplan's analysis, keeping where it came from.

    A gap output recorded without a lens takes `lens_code`.
    """
    masterplan = output.workshop.masterplan
    _ensure(actor, masterplan.city)
    if output.kind not in ADOPTABLE:
        raise ServiceError(
            ReadinessError.NOT_ADOPTABLE,
            _("Only SWOT and gap outputs can be adopted into the readiness analysis, not “%(kind)s”.")
            % {"kind": output.get_kind_display()},
            field="output_id",
        )
    if SwotItem.objects.filter(origin=output).exists() or GapItem.objects.filter(origin=output).exists():
        raise ServiceError(ReadinessError.ALREADY_ADOPTED, _("This bimtek output has already been adopted."), field="output_id")
    lens = output.lens
    if lens is None:
        if not lens_code:
            raise ServiceError(CoreError.REQUIRED, _("Choose the readiness lens this gap belongs to."), field="lens_code")
        lens = _lens(lens_code)
    if output.kind == "swot":
        return _swot_create(actor=actor, masterplan=masterplan, lens=lens, category=output.swot_category, text=output.text, origin=output)
    return _gap_create(actor=actor, masterplan=masterplan, lens=lens, description=output.text, origin=output)
