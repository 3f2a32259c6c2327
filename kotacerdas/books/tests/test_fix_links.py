"""The books' checklist sends to the pages that fill a gap only those who may fill it (issue 10):
a citizen reads the gaps without “Perbaiki” links that would end on a refusal."""

import pytest

from kotacerdas.masterplan.tests.factories import MasterplanFactory

FIX = ">Perbaiki<"


@pytest.fixture
def gaps(ambon):
    """A bare masterplan of a published city: the checklist has gaps to show."""
    ambon.is_published = True
    ambon.save(update_fields=["is_published"])
    return MasterplanFactory(city=ambon)


@pytest.mark.django_db
def test_the_coordinator_is_sent_to_fix_the_gaps(login, koordinator, gaps):
    page = login(koordinator).get("/cities/81.71/documents/").content.decode()
    assert page.count(FIX) > 3


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["warga", "mitra", "penilai"])
def test_those_who_may_not_edit_read_the_gaps_without_fix_links(request, login, persona, gaps):
    page = login(request.getfixturevalue(persona)).get("/cities/81.71/documents/").content.decode()
    assert "belum diisi" in page  # the gaps are listed
    assert FIX not in page
    assert "koordinator daerah yang melengkapi" in page
