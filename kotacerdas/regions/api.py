"""Official Kemendagri region codes (idn-area-data, ODbL): a public, read-only API."""

from __future__ import annotations

from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from kotacerdas.core.api import ERROR_RESPONSES, Paging, page
from kotacerdas.regions import selectors
from kotacerdas.regions.models import Level, Region

router = Router(tags=["regions"])

LevelName = Literal[tuple(Level.values)]


def _level_label(region: Region) -> str:
    return str(region.get_level_display())


class RegionParentOut(Schema):
    code: str
    name: str
    level: LevelName
    level_label: str = Field(description="The level in the language of `Accept-Language`.")

    resolve_level_label = staticmethod(_level_label)


class RegionOut(Schema):
    code: str = Field(examples=["81.71"])
    name: str = Field(examples=["Kota Ambon"])
    level: LevelName
    level_label: str = Field(description="The level in the language of `Accept-Language`.")
    parent_code: str | None = Field(description="Code of the parent region (null for provinces).")
    latitude: float | None = None
    longitude: float | None = None

    resolve_level_label = staticmethod(_level_label)

    @staticmethod
    def resolve_parent_code(region: Region) -> str | None:
        return region.parent_id


class RegionDetailOut(RegionOut):
    parents: list[RegionParentOut] = Field(description="The parent chain, province first.")
    children_count: int


class RegionPage(Schema):
    count: int
    items: list[RegionOut]


class RegionFilters(Paging):
    level: LevelName | None = Field(None, description="province, regency, district or village.")
    parent_code: str | None = Field(
        None, description="Code of a parent region (e.g. 81.71): its direct children, or its descendants at `level`."
    )
    q: str | None = Field(None, max_length=100, description="Part of the name (case-insensitive).")


@router.get("", response={200: RegionPage, **ERROR_RESPONSES}, summary="List regions")
def list_regions(request, filters: Query[RegionFilters]):
    """Regions by level and parent, ordered by code. Public.

    Errors: `invalid_code` (malformed `parent_code`), `unknown_code` (no region has `parent_code`),
    `level_not_below_parent`, `validation_error` (unknown `level`, `limit` outside 1–500).
    """
    return page(selectors.regions(level=filters.level, parent_code=filters.parent_code, q=filters.q), filters)


@router.get("/{code}", response={200: RegionDetailOut, **ERROR_RESPONSES}, summary="One region")
def get_region(request, code: str):
    """One region with its parent chain. Errors: `invalid_code` (400), `not_found` (404)."""
    region = selectors.region_or_404(code)
    region.parents = selectors.parent_chain(region)
    region.children_count = region.children.count()
    return region
