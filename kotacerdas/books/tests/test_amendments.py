"""The books print the masterplan's amending regulations, read from the regulation register (a frozen
version: as they were when it was frozen)."""

import datetime

import pytest

from kotacerdas.books import versions
from kotacerdas.books.build import document
from kotacerdas.governance import services as governance_services
from kotacerdas.masterplan import services as masterplan_services
from kotacerdas.masterplan.models import Masterplan

pytestmark = pytest.mark.django_db
D = datetime.date


def _legal_basis(doc) -> list[list[str]]:
    return next(t for t in doc.tables() if t.caption == "Dasar hukum").rows


def _amend(actor, masterplan, reason, number, day):
    revision = masterplan_services.revision_open(actor=actor, masterplan=masterplan, reason=reason)
    governance_services.amending_regulation_record(actor=actor, revision=revision, number=number, issued_on=day)


def test_buku_i_and_ii_name_each_amending_regulation_and_a_version_keeps_those_of_its_day(complete, koordinator):
    masterplan = complete["masterplan"]
    Masterplan.objects.filter(pk=masterplan.pk).update(
        status="legalised", regulation_number="Perwali 17/2020", regulation_date=D(2020, 6, 8)
    )
    masterplan.refresh_from_db()
    _amend(koordinator, masterplan, "RPJMD baru", "Perwali 5 Tahun 2023", D(2023, 3, 1))
    version = versions.version_freeze(actor=koordinator, masterplan=masterplan)
    _amend(koordinator, masterplan, "Revisi kedua", "Perwali 2 Tahun 2024", D(2024, 2, 1))

    rows = _legal_basis(document(masterplan, "1", "id"))
    assert ["Peraturan perubahan masterplan (revisi 1)", "Perwali 5 Tahun 2023", "1 Maret 2023"] in [r[1:] for r in rows]
    assert ["Peraturan perubahan masterplan (revisi 2)", "Perwali 2 Tahun 2024", "1 Februari 2024"] in [r[1:] for r in rows]
    buku2 = document(masterplan, "2", "id").text()
    assert "Revisi 1 mengubahnya dengan Perwali 5 Tahun 2023 tanggal 1 Maret 2023." in buku2

    frozen = [r[1:] for r in _legal_basis(document(masterplan, "1", "id", version=version))]
    assert ["Peraturan perubahan masterplan (revisi 1)", "Perwali 5 Tahun 2023", "1 Maret 2023"] in frozen
    assert not any("Perwali 2 Tahun 2024" in r for r in frozen)
