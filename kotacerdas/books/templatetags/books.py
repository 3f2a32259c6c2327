"""`{% book_downloads masterplan version as books %}`: the books × formats × languages of a masterplan (or of
one of its versions), for `books/_downloads.html` (the including page needs only `city`, `masterplan` and
`version` in its context)."""

from django import template

from kotacerdas.books import selectors

register = template.Library()


@register.simple_tag
def book_downloads(masterplan, version=None):
    return selectors.downloads(masterplan, version=version or None) if masterplan else []
