"""Error codes of books (the generic ones are core's `CoreError`)."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core.errors import ErrorCode


class BooksError(ErrorCode):
    VERSION_NOT_FOUND = "version_not_found", 404, _("The masterplan has no version with this number.")
    NO_MASTERPLAN = "no_masterplan", 404, _("The city has no masterplan yet.")
    MASTERPLAN_NOT_LEGALISED = (
        "masterplan_not_legalised",
        409,
        _("Only a version of a legalised masterplan can be marked as the legalised version."),
    )
    UNKNOWN_BOOK = "unknown_book", 404, _("There is no such book: ask for 1, 2, 3, 4, commitment or presentation.")
    FORMAT_NOT_AVAILABLE = (
        "format_not_available",
        400,
        _("This book is not made in that format (the presentation is pptx or pdf, the books docx or pdf)."),
    )
