"""The Documents page, a version's page, the diff page and its report: content, permissions, queries."""

import io

import pytest
from openpyxl import load_workbook

from kotacerdas.books import versions
from kotacerdas.books.models import MasterplanVersion
from kotacerdas.books.tests.conftest import add_programmes
from kotacerdas.programmes.models import ProgrammeYear

DOCS = "/cities/81.71/documents/"
ROLES = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]
READERS = {"kementerian", "penilai", "koordinator", "operator_dinkes", "mitra"}
FREEZERS = {"kementerian", "koordinator"}


def test_the_page_shows_checklist_versions_and_forms(complete, login, koordinator):
    complete["programmes"][3].lead_opd = None
    complete["programmes"][3].save()
    versions.version_freeze(actor=koordinator, masterplan=complete["masterplan"], note="Draf setelah Bimtek III")
    page = login(koordinator).get(DOCS).content.decode()
    assert complete["programmes"][3].name in page and f"/programmes/{complete['programmes'][3].pk}/edit/" in page
    assert "Draf setelah Bimtek III" in page and 'name="note"' in page and 'id="diff-a"' in page
    assert 'id="downloads"' in page


def test_a_city_without_masterplan_is_told_so(ambon, login, koordinator):
    answer = login(koordinator).get(DOCS)
    assert answer.status_code == 200
    assert "/plan/" in answer.content.decode() and 'name="note"' not in answer.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_and_who_freezes(role, personas, complete, login, kementerian, unchanged):
    versions.version_freeze(actor=kementerian, masterplan=complete["masterplan"])
    client = login(personas[role])
    for url in [DOCS, f"{DOCS}versions/1/", f"{DOCS}versions/diff/?a=1&b=live", f"{DOCS}versions/diff/report.xlsx?a=1&b=1"]:
        assert client.get(url).status_code == (200 if role in READERS else 404 if role != "warga" else 404), url
    page = client.get(DOCS).content.decode()
    assert ('name="note"' in page) is (role in FREEZERS)
    if role in FREEZERS:
        answer = client.post(f"{DOCS}versions/freeze/", {"note": "Versi final", "masterplan": complete["masterplan"].pk})
        assert answer.status_code == 302 and MasterplanVersion.objects.count() == 2
    else:
        with unchanged():
            answer = client.post(f"{DOCS}versions/freeze/", {"note": "x", "masterplan": complete["masterplan"].pk})
        assert answer.status_code in {302, 403, 404}


def test_the_diff_page_and_its_report(complete, login, koordinator):
    v1 = versions.version_freeze(actor=koordinator, masterplan=complete["masterplan"])
    ProgrammeYear.objects.filter(programme=complete["programmes"][0]).update(budget=1_250_000_000)
    versions.version_freeze(actor=koordinator, masterplan=complete["masterplan"])
    client = login(koordinator)
    page = client.get(f"{DOCS}versions/diff/?a={v1.number}&b=2").content.decode()
    assert complete["programmes"][0].name in page and "Rp 1.250.000.000" in page and "Rp 100.000.000" in page
    report = client.get(f"{DOCS}versions/diff/report.xlsx?a=1&b=2")
    assert report["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in report["Content-Disposition"]
    book = load_workbook(io.BytesIO(report.content))
    cells = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert complete["programmes"][0].name in cells and "Rp 1.250.000.000" in cells
    assert client.get(f"{DOCS}versions/diff/?a=9&b=live").status_code == 404
    assert client.get(f"{DOCS}versions/diff/?a=x&b=live").status_code == 404
    assert client.get(f"{DOCS}versions/7/").status_code == 404


def test_the_version_page(complete, login, koordinator):
    versions.version_freeze(actor=koordinator, masterplan=complete["masterplan"], note="Versi final")
    page = login(koordinator).get(f"{DOCS}versions/1/").content.decode()
    assert "Versi final" in page and "A. G. Latuheru" in page and complete["programmes"][0].name in page


def test_a_refused_freeze_lands_on_the_form(complete, login, koordinator, unchanged):
    client = login(koordinator)
    with unchanged():
        answer = client.post(f"{DOCS}versions/freeze/", {"note": "x", "legalised": "on", "masterplan": complete["masterplan"].pk})
    assert answer.status_code == 200 and "invalid-feedback" in answer.content.decode()


def test_query_counts_do_not_grow(complete, login, koordinator, django_assert_max_num_queries):
    masterplan = complete["masterplan"]
    add_programmes(masterplan, 40, prefix="Tambahan")
    for _ in range(25):
        versions.version_freeze(actor=koordinator, masterplan=masterplan)
    client = login(koordinator)
    with django_assert_max_num_queries(26):
        assert client.get(f"{DOCS}?all=1").status_code == 200
    # The live side is a snapshot taken now: the plan, the city's register and the strategies (26 queries).
    with django_assert_max_num_queries(47):
        assert client.get(f"{DOCS}versions/diff/?a=1&b=live").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"{DOCS}versions/3/").status_code == 200
