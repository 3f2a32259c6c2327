"""The books as files: GET /api/v1/cities/{code}/books/{book}?format=docx|pdf|pptx&lang=id|en[&masterplan_id=N][&version=N]."""

from __future__ import annotations

from typing import Literal

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from kotacerdas.books import selectors, versions
from kotacerdas.books.build import build
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core.api import ERROR_RESPONSES, Id, user_of

router = Router(tags=["books"])


class BookFilters(Schema):
    format: Literal["docx", "pdf", "pptx"] = Field("pdf", description="docx or pdf for the books; pptx or pdf for the presentation.")
    lang: Literal["id", "en"] = Field("id", description="The language of the book (Indonesian by default).")
    masterplan_id: Id | None = Field(None, description="A masterplan of the city; the current one when left out.")
    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="A frozen version of the masterplan: the book as it was then; the live plan when left out."
    )


def attachment(built) -> HttpResponse:
    response = HttpResponse(built.content, content_type=built.content_type)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    response["Content-Length"] = str(len(built.content))
    return response


@router.get(
    "/{code}/books/{book}",
    response={200: None, **ERROR_RESPONSES},
    summary="Export a book of the masterplan package as a file",
    description="`book`: 1, 2, 3, 4 (Buku I–IV), commitment (lembar komitmen) or presentation (paparan). "
    "Built from the live plan, or with `version` from that frozen version's data; answers the file (DOCX, PDF or PPTX) as an attachment.",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file",
                "content": {
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                },
            }
        }
    },
)
def export_book(request, code: str, book: str, filters: Query[BookFilters]):
    city = city_selectors.city_or_404(user_of(request), code)
    selectors.check_request(book, filters.format, filters.lang)
    masterplan = selectors.masterplan_for_books(city, filters.masterplan_id)
    version = versions.version_or_error(masterplan, filters.version) if filters.version is not None else None
    return attachment(build(masterplan, book, filters.format, filters.lang, version=version))
