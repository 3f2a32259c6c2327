"""API: the pre-flight checklist of the masterplan package, versions of a masterplan and their diffs (docs/api.md).

Versions are numbered per masterplan (1, 2, …); the paths name a version by its `number` in the
city's current masterplan, or in the one `masterplan_id` names.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Query, Router, Schema, Status

from kotacerdas.books import checklist as checks
from kotacerdas.books import diff as diffs
from kotacerdas.books import selectors, versions
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core.api import ERROR_RESPONSES, Id, Input, Paging, page, user_of
from kotacerdas.masterplan.selectors import current_masterplan

router = Router(tags=["books"])

VERSION_NUMBER = {"ge": 1, "le": 2**31 - 1}


# --- checklist ------------------------------------------------------------------------------


class BookChecklistItemOut(Schema):
    book: str = Field(description="1, 2, 3 or commitment.")
    book_label: str
    chapter: str
    chapter_label: str
    severity: str = Field(description="missing or inconsistent.")
    severity_label: str
    code: str = Field(description="The stable name of the check, e.g. programme_without_budget.")
    message: str
    url: str = Field(description="The page that fixes it.")
    record_type: str
    record_id: int | None


class BookChecklistPage(Schema):
    masterplan_id: int | None
    missing_count: int
    inconsistent_count: int
    count: int
    items: list[BookChecklistItemOut]


class BookChecklistFilters(Paging):
    masterplan_id: Id | None = None


@router.get(
    "/{code}/books/checklist",
    response={200: BookChecklistPage, **ERROR_RESPONSES},
    summary="Pre-flight checklist of the masterplan package",
)
def get_book_checklist(request, code: str, filters: Query[BookChecklistFilters]):
    """What is missing or inconsistent, by book and chapter, each with a link to the page that fixes it.
    Building the books never refuses because of it."""
    city = city_selectors.city_or_404(user_of(request), code)
    masterplan = (
        selectors.masterplan_for_books(city, filters.masterplan_id) if filters.masterplan_id is not None else current_masterplan(city)
    )
    items = checks.checklist(city, masterplan)
    counts = checks.summary(items)
    return {
        "masterplan_id": masterplan.pk if masterplan else None,
        "missing_count": counts["missing"],
        "inconsistent_count": counts["inconsistent"],
        **page(items, filters, lambda item: item.as_dict()),
    }


# --- versions -------------------------------------------------------------------------------


class BookVersionOut(Schema):
    number: int
    masterplan_id: int
    note: str
    is_legalised: bool
    created_by_name: str | None
    created_at: datetime

    @staticmethod
    def resolve_created_by_name(obj):
        return obj.created_by.username if obj.created_by_id else None


class BookVersionDetailOut(BookVersionOut):
    snapshot: dict = Field(description="The plan data as frozen: masterplan, missions, programmes, readiness, commitment.")


class BookVersionIn(Input):
    note: str = Field("", max_length=300, description="e.g. “Draf setelah Bimtek III”.")
    masterplan_id: Id | None = Field(None, description="The masterplan to freeze; the city's current one by default.")
    legalised: bool = Field(False, description="This is the version the regulation (Perwali/Perbup) legalised.")


class BookVersionFilters(Paging):
    masterplan_id: Id | None = None


class BookVersionQuery(Schema):
    masterplan_id: Id | None = None


class BookVersionPage(Schema):
    count: int
    items: list[BookVersionOut]


@router.get("/{code}/versions", response={200: BookVersionPage, **ERROR_RESPONSES}, summary="Versions of a masterplan")
def list_masterplan_versions(request, code: str, filters: Query[BookVersionFilters]):
    """Newest first."""
    city = city_selectors.city_or_404(user_of(request), code)
    return page(versions.versions_of(selectors.masterplan_for_books(city, filters.masterplan_id)), filters)


@router.post("/{code}/versions", response={201: BookVersionDetailOut, **ERROR_RESPONSES}, summary="Freeze a version of a masterplan")
def create_masterplan_version(request, code: str, payload: BookVersionIn):
    """Freezes the plan data as the masterplan's next version (the city's coordinators and the ministry)."""
    city = city_selectors.city_or_404(user_of(request), code)
    masterplan = selectors.masterplan_for_books(city, payload.masterplan_id)
    version = versions.version_freeze(actor=user_of(request), masterplan=masterplan, note=payload.note, legalised=payload.legalised)
    return Status(201, version)


@router.get("/{code}/versions/{number}", response={200: BookVersionDetailOut, **ERROR_RESPONSES}, summary="One version of a masterplan")
def get_masterplan_version(request, code: str, number: int, query: Query[BookVersionQuery]):
    city = city_selectors.city_or_404(user_of(request), code)
    return versions.version_or_error(selectors.masterplan_for_books(city, query.masterplan_id, field=None), number)


@router.post("/{code}/versions/{number}/legalise", response={200: BookVersionOut, **ERROR_RESPONSES}, summary="Mark the legalised version")
def mark_masterplan_version_legalised(request, code: str, number: int, query: Query[BookVersionQuery]):
    """Marks the version the regulation legalised (the masterplan must be legalised); the one marked before is unmarked."""
    city = city_selectors.city_or_404(user_of(request), code)
    version = versions.version_or_error(selectors.masterplan_for_books(city, query.masterplan_id, field=None), number)
    return versions.version_mark_legalised(actor=user_of(request), version=version)


# --- diffs ----------------------------------------------------------------------------------


class BookDiffChangeOut(Schema):
    label: str
    before: str
    after: str


class BookDiffListOut(Schema):
    added: list[str]
    removed: list[str]
    changed: list[BookDiffChangeOut]


class BookDiffProgrammeOut(Schema):
    programme_id: int | None
    name: str
    dimension_name: str
    budget: int = Field(description="The programme's total budget (whole Rupiah) on the side it appears.")


class BookDiffChangedProgrammeOut(BookDiffProgrammeOut):
    changes: list[BookDiffChangeOut]


class BookDiffProgrammesOut(Schema):
    added: list[BookDiffProgrammeOut]
    removed: list[BookDiffProgrammeOut]
    changed: list[BookDiffChangedProgrammeOut]


class BookDiffBudgetOut(Schema):
    dimension_code: str
    dimension_name: str
    before: int
    after: int
    difference: int


class BookDiffBudgetsOut(Schema):
    rows: list[BookDiffBudgetOut]
    total: BookDiffBudgetOut


class BookDiffQuickWinsOut(Schema):
    added: list[str]
    removed: list[str]


class BookDiffOut(Schema):
    before: str = Field(description="What is compared: “Version 1”.")
    after: str = Field(description="“Version 2” or “Live plan”.")
    change_count: int
    masterplan: list[BookDiffChangeOut]
    missions: BookDiffListOut
    programmes: BookDiffProgrammesOut
    budgets: BookDiffBudgetsOut
    quick_wins: BookDiffQuickWinsOut
    readiness: BookDiffListOut
    strategies: BookDiffListOut = Field(
        description="The strategies per dimension, with the SWOT items they answer and the programmes carrying them."
    )
    commitment: BookDiffListOut = Field(description="The commitment and its signatories.")


@router.get(
    "/{code}/versions/{number}/diff/live", response={200: BookDiffOut, **ERROR_RESPONSES}, summary="Compare a version with the live plan"
)
def compare_masterplan_version_with_live(request, code: str, number: int, query: Query[BookVersionQuery]):
    """What changed in the plan since the version was frozen."""
    city = city_selectors.city_or_404(user_of(request), code)
    masterplan = selectors.masterplan_for_books(city, query.masterplan_id, field=None)
    version = versions.version_or_error(masterplan, number)
    result = diffs.diff(version.snapshot, versions.plan_snapshot(masterplan))
    return {"before": versions.version_label(version), "after": versions.live_label(), **result}


@router.get("/{code}/versions/{number}/diff/{other}", response={200: BookDiffOut, **ERROR_RESPONSES}, summary="Compare two versions")
def compare_masterplan_versions(request, code: str, number: int, other: int, query: Query[BookVersionQuery]):
    """What changed from version `number` to version `other` (either order)."""
    city = city_selectors.city_or_404(user_of(request), code)
    masterplan = selectors.masterplan_for_books(city, query.masterplan_id, field=None)
    before, after = versions.version_or_error(masterplan, number), versions.version_or_error(masterplan, other)
    return {"before": versions.version_label(before), "after": versions.version_label(after), **diffs.diff(before.snapshot, after.snapshot)}
