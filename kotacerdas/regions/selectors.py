"""Reads of the official region codes: filters, search and the parent chain."""

from __future__ import annotations

import re

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.core.api import resolve_code
from kotacerdas.core.errors import ServiceError
from kotacerdas.regions.error_codes import RegionError
from kotacerdas.regions.models import LEVEL_BY_PARTS, Level, Region

# 81 / 81.71 / 81.71.01 / 81.71.01.1001
CODE_PATTERN = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
LEVEL_ORDER = [Level.PROVINCE, Level.REGENCY, Level.DISTRICT, Level.VILLAGE]


def level_of_code(code: str, *, field: str = "code") -> Level:
    """The level a well-formed code stands for; 400 `invalid_code` (naming `field`) otherwise."""
    if not CODE_PATTERN.match(code or ""):
        raise ServiceError(
            RegionError.INVALID_CODE,
            _("“%(code)s” is not a region code: use the Kemendagri format 81, 81.71, 81.71.01 or 81.71.01.1001.") % {"code": code},
            field=field,
        )
    return LEVEL_BY_PARTS[code.count(".") + 1]


def region_or_404(code: str) -> Region:
    level_of_code(code)
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404(_("No region with code %(code)s.") % {"code": code})
    return region


def regions(*, level: str | None = None, parent_code: str | None = None, q: str | None = None) -> QuerySet:
    """Regions of one level, under one parent (direct children unless a deeper level is asked).

    Checks the parent's code format and existence so a typo answers 400, not an empty list.
    """
    queryset = Region.objects.all()
    if parent_code:
        parent_level = level_of_code(parent_code, field="parent_code")
        resolve_code(Region, parent_code, field="parent_code")
        child_level = LEVEL_ORDER[LEVEL_ORDER.index(parent_level) + 1] if parent_level != Level.VILLAGE else None
        level = level or child_level
        if level is None or LEVEL_ORDER.index(Level(level)) <= LEVEL_ORDER.index(parent_level):
            raise ServiceError(
                RegionError.LEVEL_NOT_BELOW_PARENT,
                _("A %(parent)s has no %(level)s below it: ask for a deeper level.")
                % {"parent": parent_level.label, "level": Level(level).label if level else _("region")},
                field="level",
            )
        queryset = queryset.filter(code__startswith=parent_code + ".")
    if level:
        queryset = queryset.filter(level=level)
    if q:
        queryset = queryset.filter(name__icontains=q.strip())
    return queryset.order_by("code")


def parent_chain(region: Region) -> list[Region]:
    """The region's ancestors, province first, in one query (their codes are prefixes of its code)."""
    parts = region.code.split(".")
    prefixes = [".".join(parts[:i]) for i in range(1, len(parts))]
    return list(Region.objects.filter(code__in=prefixes).order_by("code"))
