import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.programmes.models import ActionStep, Evidence, Programme, QuickWin
from kotacerdas.programmes.tests.factories import (
    OutputFactory,
    PartnerFactory,
    ProgrammeFactory,
    ProgrammeYearFactory,
    QuickWinFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db
BASE = "/cities/81.71/programmes/"


def _many(plan, n, prefix="Program"):
    """n programmes, each with yearly rows, partners, supporting departments, an action-plan step and a quick-win sheet."""
    for i in range(n):
        programme = ProgrammeFactory(masterplan=plan, name=f"{prefix} {i:03d}", is_quick_win=True)
        ProgrammeYearFactory(programme=programme, year=2021)
        ProgrammeYearFactory(programme=programme, year=2022)
        PartnerFactory(programme=programme)
        programme.supporting_opds.add(programme.lead_opd)
        ActionStep.objects.create(programme=programme, order=1, year=2021, description="Survei", opd=programme.lead_opd)
        QuickWinFactory(programme=programme, stage="shortlisted")


def _form_data(valid, **extra):
    data = {
        "name": valid["name"],
        "dimension": valid["dimension"].pk,
        "element": valid["element"].pk,
        "lead_opd": valid["lead_opd"].pk,
        "horizon": valid["horizon"].pk,
        "status": valid["status"].pk,
        "start_year": valid["start_year"],
        "end_year": valid["end_year"],
        # The form's rows: one per year of the programme (2021–2023), the first one filled in.
        "years-TOTAL_FORMS": 3,
        "years-INITIAL_FORMS": 0,
        "partners-TOTAL_FORMS": 1,
        "partners-INITIAL_FORMS": 0,
        "steps-TOTAL_FORMS": 1,
        "steps-INITIAL_FORMS": 0,
        "funding-TOTAL_FORMS": 1,
        "funding-INITIAL_FORMS": 0,
        "years-0-year": 2021,
        "years-0-budget": "150000000",
        "years-1-year": 2022,
        "years-2-year": 2023,
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("page", ["", "roadmap/", "quick-wins/", "dashboard/"])
def test_pages_render_for_the_public_of_a_published_city(page, client, plan, health_programme):
    plan.city.is_published = True
    plan.city.save()
    response = client.get(BASE + page)
    assert response.status_code == 200
    if page in ("", "roadmap/"):
        assert "Sistem Informasi Puskesmas" in response.content.decode()


def test_unpublished_city_is_hidden_from_public_and_other_cities(client, login, koordinator_lain, health_programme):
    assert client.get(BASE).status_code == 404
    assert client.get(f"{BASE}{health_programme.pk}/").status_code == 404
    assert login(koordinator_lain).get(BASE).status_code == 404


@pytest.mark.parametrize("url", ["", "{first}/", "roadmap/", "quick-wins/", "dashboard/", "{first}/edit/"])
def test_query_counts_pinned(url, login, koordinator, plan, django_assert_num_queries):
    """3 programmes or 63, with years, partners and quick-win sheets: each page costs the same queries."""
    _many(plan, 3)
    client = login(koordinator)
    url = BASE + url.format(first=plan.programmes.first().pk)
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(url).status_code == 200
    _many(plan, 60, prefix="Tambahan")
    with django_assert_num_queries(len(baseline)):
        assert client.get(url).status_code == 200
    # The form reads two more tables than the pages: the year statuses and the funding shares.
    assert len(baseline) <= (27 if url.endswith("/edit/") else 25)


def test_list_filters_and_paginates(login, koordinator, plan, settings):
    settings.PAGE_SIZE = 5
    _many(plan, 7)
    client = login(koordinator)
    page = client.get(BASE).content.decode()
    assert "Program 000" in page and "Program 005" not in page
    assert "Program 005" in client.get(BASE + "?page=2").content.decode()
    filtered = client.get(BASE + "?q=Program+006").content.decode()
    assert "Program 006" in filtered and "Program 000" not in filtered


def test_detail_shows_provenance_years_partners_and_audit_loader(login, koordinator, plan, dinkes):
    idea = OutputFactory(workshop=WorkshopFactory(masterplan=plan, number=2), proposed_by_opd=dinkes)
    programme = ProgrammeFactory(masterplan=plan, origin=idea, lead_opd=dinkes)
    ProgrammeYearFactory(programme=programme, year=2022, budget=750_000_000)
    partner = PartnerFactory(programme=programme)
    page = login(koordinator).get(f"{BASE}{programme.pk}/").content.decode()
    assert "Bimtek II" in page and "Dinas Kesehatan" in page
    assert partner.stakeholder.name in page and "750" in page
    assert f"/audit/programmes.programme/{programme.pk}/" in page


def test_create_page_prefills_from_a_bimtek_idea(login, koordinator, plan, dinkes):
    idea = OutputFactory(
        workshop=WorkshopFactory(masterplan=plan), proposed_by_opd=dinkes, text="Posyandu Digital\nPencatatan balita daring."
    )
    page = login(koordinator).get(f"{BASE}new/?origin={idea.pk}").content.decode()
    assert 'value="Posyandu Digital"' in page and "Pencatatan balita daring." in page
    assert f'<option value="{dinkes.pk}" selected' in page


def test_create_through_the_form(login, koordinator, plan, valid, bumn):
    data = _form_data(valid, **{"partners-0-stakeholder": bumn.pk, "partners-0-role": "funder"})
    response = login(koordinator).post(f"{BASE}new/", data)
    programme = Programme.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}{programme.pk}/"
    assert programme.years.get().budget == 150_000_000 and programme.partners.get().stakeholder == bumn


def test_form_shows_domain_errors(login, koordinator, plan, valid, ref):
    data = _form_data(valid, element=ref.element["economy-industry"].pk)
    response = login(koordinator).post(f"{BASE}new/", data)
    assert response.status_code == 200 and "tidak termasuk dalam dimensi" in response.content.decode()
    assert not Programme.objects.exists()
    data = _form_data(valid, **{"years-0-budget": "-1"})
    response = login(koordinator).post(f"{BASE}new/", data)
    assert response.status_code == 200 and not Programme.objects.exists()


def test_edit_replaces_years_and_audits(login, koordinator, health_programme, valid):
    ProgrammeYearFactory(programme=health_programme, year=2021)
    # The year 2021 is left out and its funding share (the form's first share row) removed.
    data = _form_data(
        {**valid, "name": "Sistem Informasi Puskesmas"}, **{"years-0-year": 2022, "years-0-budget": "9", "funding-0-DELETE": "on"}
    )
    response = login(koordinator).post(f"{BASE}{health_programme.pk}/edit/", data)
    assert response.status_code == 302
    assert list(health_programme.years.values_list("year", "budget")) == [(2022, 9)]


@pytest.mark.parametrize("persona, status", [("koordinator", 200), ("operator_dinkes", 200), ("mitra", 403), ("penilai", 403)])
def test_edit_page_permissions(persona, status, personas, login, health_programme):
    assert login(personas[persona]).get(f"{BASE}{health_programme.pk}/edit/").status_code == status


def test_operator_may_not_open_another_departments_programme_form(login, operator_dinkes, plan, dishub):
    other = ProgrammeFactory(masterplan=plan, lead_opd=dishub)
    assert login(operator_dinkes).get(f"{BASE}{other.pk}/edit/").status_code == 403
    assert login(operator_dinkes).post(f"{BASE}{other.pk}/delete/").status_code == 403


def test_delete_page_refuses_linked_programme(login, koordinator, operator_dinkes, health_programme):
    QuickWinFactory(programme=health_programme, stage="selected")
    response = login(operator_dinkes).post(f"{BASE}{health_programme.pk}/delete/")
    assert response.status_code == 409 and Programme.objects.filter(pk=health_programme.pk).exists()
    response = login(koordinator).post(f"{BASE}{health_programme.pk}/delete/", {"force": "on"})
    assert response.status_code == 302 and not Programme.objects.filter(pk=health_programme.pk).exists()


def test_evidence_upload_and_delete_pages(login, operator_dinkes, health_programme, private_media):
    client = login(operator_dinkes)
    url = f"{BASE}{health_programme.pk}/evidence/"
    bad = client.post(url, {"file": SimpleUploadedFile("x.exe", b"MZ"), "description": "x"})
    assert bad.status_code == 400 and not Evidence.objects.exists()
    liar = client.post(url, {"file": SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00program"), "description": "x"})
    assert liar.status_code == 400 and "bukan berkas PDF yang sah" in liar.content.decode() and not Evidence.objects.exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))
    ok = client.post(url, {"file": SimpleUploadedFile("bukti kegiatan.pdf", b"%PDF-1.4 isi"), "description": "Laporan"})
    assert ok.status_code == 302 and Evidence.objects.get().description == "Laporan"
    evidence = Evidence.objects.get()
    page = client.get(f"{BASE}{health_programme.pk}/").content.decode()
    assert "Laporan" in page and "bukti kegiatan.pdf" in page and f"{BASE}{health_programme.pk}/evidence/{evidence.pk}/" in page
    assert evidence.file.name not in page
    assert client.post(f"{BASE}{health_programme.pk}/evidence/{evidence.pk}/delete/").status_code == 302
    assert not Evidence.objects.exists()


def test_evidence_download_checks_who_may_see_the_programme(client, login, koordinator, koordinator_lain, health_programme):
    from kotacerdas.programmes import services

    evidence = services.evidence_upload(
        actor=koordinator,
        programme=health_programme,
        description="Foto",
        file=SimpleUploadedFile("Foto Posyandu.png", b"\x89PNG\r\n\x1a\nbytes"),
    )
    url = f"{BASE}{health_programme.pk}/evidence/{evidence.pk}/"
    response = login(koordinator).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"\x89PNG\r\n\x1a\nbytes"
    assert response["Content-Disposition"] == 'attachment; filename="Foto Posyandu.png"'
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "image/png"
    assert login(koordinator_lain).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404  # the public: the city is not published
    assert client.get(f"{BASE}{health_programme.pk + 1}/evidence/{evidence.pk}/").status_code == 404


def test_evidence_download_can_be_sent_by_the_web_server(login, koordinator, health_programme, settings, private_media):
    from kotacerdas.programmes import services

    evidence = services.evidence_upload(
        actor=koordinator, programme=health_programme, description="Data", file=SimpleUploadedFile("data posyandu.csv", b"a;b\n1;2\n")
    )
    url = f"{BASE}{health_programme.pk}/evidence/{evidence.pk}/"
    settings.EVIDENCE_SENDFILE_HEADER = "X-Sendfile"
    response = login(koordinator).get(url)
    assert response["X-Sendfile"] == str(private_media / evidence.file.name) and response.content == b""
    assert response["Content-Disposition"] == 'attachment; filename="data posyandu.csv"' and response["X-Content-Type-Options"] == "nosniff"
    settings.EVIDENCE_SENDFILE_HEADER, settings.EVIDENCE_SENDFILE_ROOT = "X-Accel-Redirect", "/private/"
    assert login(koordinator).get(url)["X-Accel-Redirect"] == f"/private/{evidence.file.name}"


def test_quick_win_stage_change_with_htmx(login, koordinator, operator_dinkes, health_programme):
    QuickWinFactory(programme=health_programme)
    url = f"{BASE}{health_programme.pk}/quick-win/stage/"
    assert login(operator_dinkes).post(url, {"stage": "selected"}).status_code == 403
    response = login(koordinator).post(url, {"stage": "selected"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert QuickWin.objects.get().stage == "selected"


def test_quick_win_sheet_form(login, koordinator, operator_dinkes, health_programme, unchanged):
    url = f"{BASE}{health_programme.pk}/quick-win/"
    sheet = {"problem": "Antrean", "innovation": "Daring", "benefit": "Cepat", "partners": "", "risks": "", "timeline": "2021"}
    client = login(koordinator)
    with unchanged():
        response = client.post(url, {**sheet, "score-benefit": "9"})
    assert response.status_code == 200 and not QuickWin.objects.exists()
    operator = login(operator_dinkes)
    assert "score-benefit" not in operator.get(url).content.decode()
    response = login(koordinator).post(url, {**sheet, "timeline": "x" * 201})
    assert response.status_code == 200 and not QuickWin.objects.exists()
    response = login(koordinator).post(url, {**sheet, "score-benefit": "4"})
    assert response.status_code == 302
    saved = QuickWin.objects.get()
    assert saved.innovation == "Daring" and saved.scores.get().score == 4
    assert Programme.objects.get(pk=health_programme.pk).is_quick_win


def test_a_sixth_quick_win_can_be_selected_and_the_page_warns_about_the_usual_number(login, koordinator, plan):
    from kotacerdas.framework.models import SELECTED_QUICK_WINS, AdvisoryNumber

    assert AdvisoryNumber.objects.get(code=SELECTED_QUICK_WINS).value == 5
    sheets = [QuickWinFactory(programme=ProgrammeFactory(masterplan=plan, is_quick_win=True), stage="selected") for _ in range(5)]
    client = login(koordinator)
    assert 'id="quick-win-advice"' not in client.get(f"{BASE}quick-wins/").content.decode()
    sixth = QuickWinFactory(programme=ProgrammeFactory(masterplan=plan, is_quick_win=True))
    response = client.post(f"{BASE}{sixth.programme.pk}/quick-win/stage/", {"stage": "selected"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and QuickWin.objects.filter(stage="selected").count() == 6
    assert 'id="quick-win-advice"' in response.content.decode()
    assert 'id="quick-win-advice"' in client.get(f"{BASE}quick-wins/").content.decode()
    assert len(sheets) == 5


def test_without_a_usual_number_nothing_warns(login, koordinator, plan):
    from kotacerdas.framework.models import SELECTED_QUICK_WINS, AdvisoryNumber

    AdvisoryNumber.objects.filter(code=SELECTED_QUICK_WINS).update(value=None)
    for _ in range(8):
        QuickWinFactory(programme=ProgrammeFactory(masterplan=plan, is_quick_win=True), stage="selected")
    assert 'id="quick-win-advice"' not in login(koordinator).get(f"{BASE}quick-wins/").content.decode()


def test_candidates_are_scored_on_the_masterplan_guidance_criteria(login, koordinator, health_programme):
    page = login(koordinator).get(f"{BASE}{health_programme.pk}/quick-win/").content.decode()
    assert "score-problem-formulation" in page and "score-risk-management" in page
    assert "score-eval-" not in page


def test_a_programme_outside_its_horizon_is_accepted_and_its_page_warns(login, koordinator, plan, ref):
    """Horizons are approximate (short ≈ plan year 1): a mismatch is advice on the page, never a refusal."""
    fits = ProgrammeFactory(masterplan=plan, horizon=ref.horizon["short"], start_year=plan.start_year, end_year=plan.start_year)
    late = ProgrammeFactory(masterplan=plan, horizon=ref.horizon["short"], start_year=plan.start_year + 2, end_year=plan.start_year + 2)
    client = login(koordinator)
    assert 'id="horizon-advice"' not in client.get(f"{BASE}{fits.pk}/").content.decode()
    assert 'id="horizon-advice"' in client.get(f"{BASE}{late.pk}/").content.decode()
