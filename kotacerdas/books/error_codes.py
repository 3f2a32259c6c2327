"""Error codes of books (the generic ones are core's `CoreError`)."""

from kotacerdas.core.errors import ErrorCode


class BooksError(ErrorCode):
    pass
