"""Official Kemendagri region codes (idn-area-data, ODbL): a public, read-only API."""
from __future__ import annotations

from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from kotacerdas.core.api import ERROR_RESPONSES
from kotacerdas.regions import selectors
from kotacerdas.regions.models import Level

router = Router(tags=["regions"])

LevelName = Literal[tuple(Level.values)]


class RegionOut(Schema):
    code: str = Field(examples=["81.71"])
    name: str = Field(examples=["Kota Ambon"])
    level: LevelName
    parent: str | None = Field(None, alias="parent_id", description="Code of the parent region (null for provinces).")
    latitude: float | None = None
    longitude: float | None = None


class RegionRef(Schema):
    code: str
    name: str
    level: LevelName


class RegionDetailOut(RegionOut):
    parents: list[RegionRef] = Field(description="The parent chain, province first.")
    children_count: int


class RegionList(Schema):
    count: int
    items: list[RegionOut]


class RegionFilters(Schema):
    level: LevelName | None = Field(None, description="province, regency, district or village.")
    parent: str | None = Field(
        None, description="Code of a parent region (e.g. 81.71): its direct children, or its descendants at `level`."
    )
    q: str | None = Field(None, max_length=100, description="Part of the name (case-insensitive).")
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)


@router.get("", response={200: RegionList, **ERROR_RESPONSES}, summary="List regions")
def region_list(request, filters: Query[RegionFilters]):
    """Regions by level and parent, ordered by code. Public; `limit` ≤ 1000.

    Errors: `invalid_code` (malformed `parent`), `not_found` (unknown `parent`),
    `level_not_below_parent`, `validation_error` (unknown `level`, bad `limit`).
    """
    queryset = selectors.regions(level=filters.level, parent=filters.parent, q=filters.q)
    return {"count": queryset.count(), "items": list(queryset[filters.offset : filters.offset + filters.limit])}


@router.get("/{code}", response={200: RegionDetailOut, **ERROR_RESPONSES}, summary="One region")
def region_detail(request, code: str):
    """One region with its parent chain. Errors: `invalid_code` (400), `not_found` (404)."""
    region = selectors.region_or_404(code)
    region.parents = selectors.parent_chain(region)
    region.children_count = region.children.count()
    return region
