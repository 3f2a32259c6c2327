"""Books of a frozen version of the Ambon demo: the snapshot keeps everything the books print (its own module: the
demo is seeded once per module)."""

import dataclasses

import pytest

from kotacerdas.books import versions
from kotacerdas.books.build import BOOKS, document


def _without_title(doc) -> dict:
    """The book's content: everything but what names the source (title page label and date, footer)."""
    data = dataclasses.asdict(doc)
    for key in ("title_page", "footer_text"):
        data.pop(key)
    return data


@pytest.mark.parametrize("book", BOOKS)
def test_a_version_frozen_from_the_plan_builds_the_same_book(demo, kementerian, book):
    """The snapshot keeps everything the books print: an unchanged plan builds the same content either way."""
    version = versions.version_freeze(actor=kementerian, masterplan=demo, note="Draf")
    for lang in ("id", "en"):
        live, frozen = document(demo, book, lang), document(demo, book, lang, version=version)
        assert [b for b in frozen.blocks if b not in live.blocks] == []
        assert _without_title(frozen) == _without_title(live)
        assert frozen.title_page.version_label != live.title_page.version_label
