"""Getting the books: the API operation, the download view, its partial, the batch command."""

import io

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse

from kotacerdas.masterplan.tests.factories import MasterplanFactory
from kotacerdas.programmes.tests.factories import ProgrammeFactory, ProgrammeYearFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/cities/81.71/books"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def plan(ambon, dinkes):
    plan = MasterplanFactory(city=ambon, start_year=2019, end_year=2024)
    programme = ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name="Telemedisin Puskesmas", start_year=2021, end_year=2021)
    ProgrammeYearFactory(programme=programme, year=2021, budget=1_250_000_000)
    return plan


def test_the_api_answers_the_file_with_its_type_and_name(client, api_token, koordinator, plan):
    response = client.get(f"{API}/2?format=docx&lang=id", headers=api_token(koordinator))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="Buku-II-Masterplan-Kota-Ambon-2019-2024.docx"'
    assert response.content[:2] == b"PK"
    response = client.get(f"{API}/presentation?format=pptx&lang=en", headers=api_token(koordinator))
    assert response.status_code == 200 and response["Content-Type"].endswith("presentationml.presentation")
    assert "Masterplan-Presentation-Kota-Ambon-2019-2024-EN.pptx" in response["Content-Disposition"]
    response = client.get(f"{API}/commitment", headers=api_token(koordinator))  # pdf and Indonesian by default
    assert response["Content-Type"] == "application/pdf" and "Lembar-Komitmen" in response["Content-Disposition"]


@pytest.mark.parametrize("persona", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra"])
def test_whoever_may_view_the_city_may_download(client, api_token, personas, persona, plan):
    response = client.get(f"{API}/3?format=pdf", headers=api_token(personas[persona]))
    assert response.status_code == 200 and response.content[:4] == b"%PDF"


def test_a_city_the_user_may_not_see_is_not_found(client, api_token, personas, plan, ambon, unchanged):
    headers = api_token(personas["koordinator_lain"])
    with unchanged():
        response = client.get(f"{API}/3?format=pdf", headers=headers)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
        response = client.get(f"{API}/3?format=pdf")  # the public, an unpublished city
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    ambon.is_published = True
    ambon.save()
    assert client.get(f"{API}/3?format=pdf").status_code == 200


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/5?format=pdf", 404, "unknown_book"),
        ("/buku?format=pdf", 404, "unknown_book"),
        ("/2?format=pptx", 400, "format_not_available"),
        ("/presentation?format=docx", 400, "format_not_available"),
        ("/2?format=exe", 422, "validation_error"),
        ("/2?format=pdf&lang=fr", 422, "validation_error"),
        ("/2?format=pdf&masterplan_id=999999", 400, "unknown_reference"),
    ],
)
def test_refusals_have_a_stable_code(client, api_token, koordinator, plan, url, status, code):
    response = client.get(API + url, headers=api_token(koordinator))
    assert response.status_code == status and response.json()["code"] == code


def test_another_masterplan_of_the_city_by_id_and_not_one_of_another_city(client, api_token, koordinator, plan, tual):
    older = MasterplanFactory(city=plan.city, start_year=2014, end_year=2018, title="Masterplan lama")
    response = client.get(f"{API}/2?format=docx&masterplan_id={older.pk}", headers=api_token(koordinator))
    assert response.status_code == 200 and "2014-2018" in response["Content-Disposition"]
    foreign = MasterplanFactory(city=tual)
    response = client.get(f"{API}/2?format=docx&masterplan_id={foreign.pk}", headers=api_token(koordinator))
    assert response.status_code == 400 and response.json()["code"] == "unknown_reference"


def test_the_download_view_and_its_partial(client, login, koordinator, koordinator_lain, plan):
    url = reverse("books:download", args=["81.71", "2"])
    response = login(koordinator).get(url + "?format=pdf&lang=en")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Book-II-Masterplan-Kota-Ambon-2019-2024-EN.pdf" in response["Content-Disposition"]
    assert client.get(url + "?format=pptx").status_code == 404
    assert client.get(reverse("books:download", args=["81.71", "9"])).status_code == 404
    client.logout()
    assert login(koordinator_lain).get(url).status_code == 404
    html = render_to_string("books/_downloads.html", {"city": plan.city, "masterplan": plan})
    links = [
        f"/cities/81.71/documents/download/{book}/?format={fmt}&amp;lang={lang}"
        for book, fmts in (
            ("1", "docx pdf"),
            ("2", "docx pdf"),
            ("3", "docx pdf"),
            ("4", "docx pdf"),
            ("commitment", "docx pdf"),
            ("presentation", "pptx pdf"),
        )
        for fmt in fmts.split()
        for lang in ("id", "en")
    ]
    for link in links:
        assert link in html
    assert html.count('download="') == 24
    assert "Belum ada" not in render_to_string("books/_downloads.html", {"city": plan.city, "masterplan": plan})


def test_the_command_builds_the_chosen_books_with_progress(plan, tmp_path):
    out = io.StringIO()
    call_command("build_books", city="81.71", book=["3", "commitment"], format=["pdf"], lang=["id"], out=str(tmp_path), stdout=out)
    files = sorted(p.name for p in (tmp_path / "81.71").iterdir())
    assert files == ["Buku-III-Quick-Win-Kota-Ambon-2019-2024.pdf", "Lembar-Komitmen-Kota-Ambon-2019-2024.pdf"]
    assert "[1/2]" in out.getvalue() and "[2/2]" in out.getvalue() and "2 files" in out.getvalue()
    out = io.StringIO()
    call_command("build_books", all=True, book=["presentation"], format=["pptx"], lang=["en"], out=str(tmp_path), stdout=out)
    assert (tmp_path / "81.71" / "Masterplan-Presentation-Kota-Ambon-2019-2024-EN.pptx").exists()
