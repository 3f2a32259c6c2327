"""Writes to the readiness analysis: lens assessments, SWOT items, gap items, strategies, adopted bimtek outputs.

Every service checks the permission first, then resolves the references it was given (masterplan,
lens, rating and dimension codes, programme and SWOT item ids: unknown ones and those of another city
are refused alike; a strategy names the SWOT item or programme of another masterplan of the city it
was given), then validates and writes.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from kotacerdas.core import permissions
from kotacerdas.core.api import resolve_code, resolve_many
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import record_create, record_delete, record_update, required_text
from kotacerdas.framework.models import Dimension, ReadinessLens, ReadinessRating
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.masterplan.services import reorder
from kotacerdas.readiness import selectors
from kotacerdas.readiness.error_codes import ReadinessError
from kotacerdas.readiness.models import GapItem, LensAssessment, Strategy, SwotItem

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


# --- strategies -----------------------------------------------------------------------------

TITLE_LENGTH = Strategy._meta.get_field("title").max_length


def _of_masterplan(masterplan: Masterplan, model, ids, field: str) -> list:
    """Records `ids` of the city (unknown ones and another city's: 400 `unknown_reference`) that belong to this
    masterplan (another masterplan's: 400 `other_masterplan`, naming the field)."""
    found = resolve_many(model, dict.fromkeys(ids), city=masterplan.city, field=field)
    strangers = [str(record.pk) for record in found if record.masterplan_id != masterplan.pk]
    if strangers:
        raise ServiceError(
            ReadinessError.OTHER_MASTERPLAN,
            _("%(things)s %(ids)s belong to another masterplan: a strategy links those of its own masterplan only.")
            % {"things": model._meta.verbose_name_plural, "ids": ", ".join(strangers)},
            field=field,
        )
    return found


def _strategy_links(masterplan: Masterplan, swot_item_ids, programme_ids) -> dict:
    """The m2m of a strategy that a call gives (None: left as it is)."""
    from kotacerdas.programmes.models import Programme

    m2m = {}
    if swot_item_ids is not None:
        m2m["swot_items"] = _of_masterplan(masterplan, SwotItem, swot_item_ids, "swot_item_ids")
    if programme_ids is not None:
        m2m["programmes"] = _of_masterplan(masterplan, Programme, programme_ids, "programme_ids")
    return m2m


def _strategy_create(
    *, actor, masterplan: Masterplan, dimension, title: str, text: str = "", pairing: str = "", order=None, m2m=None, origin=None
) -> Strategy:
    if order is None:
        order = _next_strategy_order(masterplan, dimension)
    return record_create(
        actor=actor,
        model=Strategy,
        city=masterplan.city,
        m2m=m2m,
        data={
            "masterplan": masterplan,
            "dimension": dimension,
            "title": required_text(title, "title", _("Write the strategy's title.")),
            "text": (text or "").strip(),
            "pairing": pairing or "",
            "order": order,
            "origin": origin,
        },
    )


def _next_strategy_order(masterplan, dimension) -> int:
    last = Strategy.objects.filter(masterplan=masterplan, dimension=dimension).order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def strategy_create(
    *,
    actor,
    city,
    dimension_code: str,
    title: str,
    text: str = "",
    pairing: str = "",
    masterplan_id: int | None = None,
    order: int | None = None,
    swot_item_ids=(),
    programme_ids=(),
) -> Strategy:
    """A strategy of a dimension (last of its dimension unless `order` is given), with the SWOT items of the
    masterplan it answers and the programmes of the masterplan that carry it."""
    _ensure(actor, city)
    masterplan = selectors.masterplan_of(city, masterplan_id)
    dimension = resolve_code(Dimension, dimension_code, field="dimension_code")
    return _strategy_create(
        actor=actor,
        masterplan=masterplan,
        dimension=dimension,
        title=title,
        text=text,
        pairing=pairing,
        order=order,
        m2m=_strategy_links(masterplan, swot_item_ids, programme_ids),
    )


@transaction.atomic
def strategy_update(
    *,
    actor,
    strategy: Strategy,
    dimension_code: str | None = None,
    title: str | None = None,
    text: str | None = None,
    pairing: str | None = None,
    order: int | None = None,
    swot_item_ids=None,
    programme_ids=None,
) -> Strategy:
    """Change what is given (None: unchanged; a new dimension puts the strategy last in it unless `order` is given);
    `swot_item_ids` and `programme_ids` replace the links."""
    masterplan = strategy.masterplan
    _ensure(actor, masterplan.city)
    data = {}
    if dimension_code is not None:
        data["dimension"] = resolve_code(Dimension, dimension_code, field="dimension_code")
        if data["dimension"].pk != strategy.dimension_id and order is None:
            order = _next_strategy_order(masterplan, data["dimension"])
    if title is not None:
        data["title"] = required_text(title, "title", _("Write the strategy's title."))
    if text is not None:
        data["text"] = text.strip()
    if pairing is not None:
        data["pairing"] = pairing
    if order is not None:
        data["order"] = order
    m2m = _strategy_links(masterplan, swot_item_ids, programme_ids)
    return record_update(actor=actor, instance=strategy, data=data, m2m=m2m or None, city=masterplan.city)


@transaction.atomic
def strategy_delete(*, actor, strategy: Strategy) -> None:
    """Delete a strategy (its SWOT items and programmes stay; the bimtek output it came from can be adopted again)."""
    _ensure(actor, strategy.masterplan.city)
    record_delete(actor=actor, instance=strategy, city=strategy.masterplan.city)


# --- adopting bimtek outputs ----------------------------------------------------------------

ADOPTABLE = {"swot", "gap", "strategy"}


@transaction.atomic
def output_adopt(*, actor, output, lens_code: str | None = None) -> SwotItem | GapItem | Strategy:
    """Turn a bimtek output (SWOT item, gap or strategy) into content of its masterplan, keeping where it came from.

    A gap output recorded without a lens takes `lens_code`. A strategy keeps the output's dimension and text
    (a text longer than a title becomes its description); its SWOT items and programmes are linked afterwards.
    """
    masterplan = output.workshop.masterplan
    _ensure(actor, masterplan.city)
    if output.kind not in ADOPTABLE:
        raise ServiceError(
            ReadinessError.NOT_ADOPTABLE,
            _("Only SWOT, gap and strategy outputs can be adopted into the masterplan, not “%(kind)s”.")
            % {"kind": output.get_kind_display()},
            field="output_id",
        )
    if any(model.objects.filter(origin=output).exists() for model in (SwotItem, GapItem, Strategy)):
        raise ServiceError(ReadinessError.ALREADY_ADOPTED, _("This bimtek output has already been adopted."), field="output_id")
    if output.kind == "strategy":
        if output.dimension is None:
            raise ServiceError(
                CoreError.REQUIRED, _("Give the bimtek output a dimension before adopting it as a strategy."), field="output_id"
            )
        text = output.text.strip()
        return _strategy_create(
            actor=actor,
            masterplan=masterplan,
            dimension=output.dimension,
            title=Truncator(text).chars(TITLE_LENGTH),
            text=text if len(text) > TITLE_LENGTH else "",
            origin=output,
        )
    lens = output.lens
    if lens is None:
        if not lens_code:
            raise ServiceError(CoreError.REQUIRED, _("Choose the readiness lens this gap belongs to."), field="lens_code")
        lens = _lens(lens_code)
    if output.kind == "swot":
        return _swot_create(actor=actor, masterplan=masterplan, lens=lens, category=output.swot_category, text=output.text, origin=output)
    return _gap_create(actor=actor, masterplan=masterplan, lens=lens, description=output.text, origin=output)
