import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.bimtek.models import Output
from kotacerdas.framework.models import ReadinessRating
from kotacerdas.readiness.models import GapItem, LensAssessment, SwotItem
from kotacerdas.readiness.tests.factories import (
    GapItemFactory, LensAssessmentFactory, MasterplanFactory, OutputFactory, ProgrammeFactory, SwotItemFactory, SwotOutputFactory, lens,
)

HTMX = {"HTTP_HX_REQUEST": "true"}
API = "/api/v1/cities/81.71"


@pytest.fixture
def plan(ambon):
    return MasterplanFactory(city=ambon)


def send(client, method, url, headers, data=None):
    return getattr(client, method)(url, data=json.dumps(data or {}), content_type="application/json", headers=headers)


# --- pages -----------------------------------------------------------------------------------

def test_overview_shows_lenses_ratings_swot_and_open_gaps(login, penilai, plan):
    LensAssessmentFactory(masterplan=plan, rating=ReadinessRating.objects.get(value=2))
    SwotItemFactory(masterplan=plan, category="W", text="SDM TIK terbatas")
    closed = GapItemFactory(masterplan=plan, description="Data tidak terintegrasi")
    closed.programmes.add(ProgrammeFactory(masterplan=plan, name="Ambon Satu Akses"))
    GapItemFactory(masterplan=plan, description="Regulasi smart city masih sedikit")
    page = login(penilai).get("/cities/81.71/readiness/").content.decode()
    assert "Struktur" in page and "Budaya" in page and "2 – Kurang siap" in page and "SDM TIK terbatas" in page
    assert "Ambon Satu Akses" in page
    open_section = page.split('id="open-h"')[1]
    assert "Regulasi smart city masih sedikit" in open_section and "Data tidak terintegrasi" not in open_section


def test_overview_without_masterplan(login, koordinator, ambon):
    assert login(koordinator).get("/cities/81.71/readiness/").status_code == 200


def test_overview_is_404_outside_scope(login, koordinator_lain, plan):
    assert login(koordinator_lain).get("/cities/81.71/readiness/").status_code == 404


def test_lens_page_readers_get_no_forms(login, mitra, plan):
    SwotItemFactory(masterplan=plan, text="Komitmen wali kota")
    page = login(mitra).get("/cities/81.71/readiness/struktur/").content.decode()
    assert "Komitmen wali kota" in page and "/assessment/" not in page and "/swot/new/" not in page


def test_unknown_lens_is_404(login, koordinator, plan):
    assert login(koordinator).get("/cities/81.71/readiness/kosmos/").status_code == 404


def test_htmx_swot_add_edit_move_delete(login, koordinator, plan):
    client = login(koordinator)
    body = client.post("/cities/81.71/readiness/struktur/swot/new/", {"masterplan": plan.pk, "category": "S", "text": "Komitmen tinggi"}, **HTMX).content.decode()
    assert body.lstrip().startswith('<div id="lens-workspace"') and "Komitmen tinggi" in body
    client.post("/cities/81.71/readiness/struktur/swot/new/", {"masterplan": plan.pk, "category": "S", "text": "Dukungan kampus"}, **HTMX)
    second = SwotItem.objects.get(text="Dukungan kampus")
    client.post(f"/cities/81.71/readiness/items/swot/{second.pk}/move/up/", **HTMX)
    assert list(SwotItem.objects.order_by("order").values_list("text", flat=True)) == ["Dukungan kampus", "Komitmen tinggi"]
    assert "Dukungan kampus</textarea>" in client.get(f"/cities/81.71/readiness/items/swot/{second.pk}/edit/", **HTMX).content.decode()
    client.post(f"/cities/81.71/readiness/items/swot/{second.pk}/edit/", {"category": "O", "text": "Kerja sama kampus"}, **HTMX)
    second.refresh_from_db()
    assert (second.category, second.text) == ("O", "Kerja sama kampus")
    assert client.post(f"/cities/81.71/readiness/items/swot/{second.pk}/delete/").status_code == 302
    assert SwotItem.objects.count() == 1


def test_assessment_form_saves(login, koordinator, plan):
    rating = ReadinessRating.objects.get(value=3)
    response = login(koordinator).post("/cities/81.71/readiness/infrastruktur/assessment/",
                                       {"masterplan": plan.pk, "rating": rating.pk, "current_condition": "Fiber di pusat kota", "target_condition": "Semua kelurahan"})
    assert response.status_code == 302
    assessment = LensAssessment.objects.get(lens=lens("infrastruktur"))
    assert assessment.rating == rating and assessment.current_condition == "Fiber di pusat kota"


def test_gap_form_links_programmes_and_refuses_foreign_ones(login, koordinator, plan, tual):
    own = ProgrammeFactory(masterplan=plan, name="Wi-Fi Publik Gratis")
    foreign = ProgrammeFactory(masterplan=MasterplanFactory(city=tual), name="Program Tual")
    client = login(koordinator)
    body = client.post("/cities/81.71/readiness/infrastruktur/gaps/new/",
                       {"masterplan": plan.pk, "description": "Internet belum merata", "programmes": [own.pk, foreign.pk]}, **HTMX).content.decode()
    assert "Program Tual" in body and "alert-danger" in body and not GapItem.objects.exists()
    client.post("/cities/81.71/readiness/infrastruktur/gaps/new/", {"masterplan": plan.pk, "description": "Internet belum merata", "programmes": [own.pk]}, **HTMX)
    assert list(GapItem.objects.get().programmes.all()) == [own]


@pytest.mark.parametrize("persona,status", [("operator_dinkes", 403), ("mitra", 403), ("penilai", 403), ("kementerian", 302), ("koordinator_lain", 404)])
def test_page_writes_by_role(login, personas, plan, persona, status):
    gap = GapItemFactory(masterplan=plan)
    client = login(personas[persona])
    assert client.post("/cities/81.71/readiness/struktur/swot/new/", {"masterplan": plan.pk, "category": "S", "text": "x"}).status_code == status
    assert client.post(f"/cities/81.71/readiness/items/gaps/{gap.pk}/delete/").status_code == status
    assert SwotItem.objects.exists() == (status == 302)


def test_adopt_output_page_flow(login, koordinator, plan, dinkes):
    output = SwotOutputFactory(workshop__masterplan=plan, text="Koordinasi antar-OPD lemah", proposed_by_opd=dinkes)
    client = login(koordinator)
    page = client.get("/cities/81.71/readiness/struktur/").content.decode()
    assert f"/readiness/adopt/{output.pk}/" in page
    body = client.post(f"/cities/81.71/readiness/adopt/{output.pk}/", {"lens": "struktur"}, **HTMX).content.decode()
    assert "Bimtek I · Dinas Kesehatan" in body and f"/readiness/adopt/{output.pk}/" not in body
    body = client.post(f"/cities/81.71/readiness/adopt/{output.pk}/", {"lens": "struktur"}, **HTMX).content.decode()
    assert "alert-danger" in body and SwotItem.objects.count() == 1


def test_adopt_output_of_another_city_is_404(login, koordinator, plan, tual):
    output = SwotOutputFactory(workshop__masterplan=MasterplanFactory(city=tual))
    assert login(koordinator).post(f"/cities/81.71/readiness/adopt/{output.pk}/").status_code == 404


def _count(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **extra).status_code == 200
    return len(ctx.captured_queries)


def _assess(plan):
    for code in ("struktur", "infrastruktur", "suprastruktur"):
        LensAssessmentFactory(masterplan=plan, lens=lens(code), rating=ReadinessRating.objects.get(value=3))


def _grow(plan, n: int):
    programmes = [ProgrammeFactory(masterplan=plan) for _ in range(n)]
    workshop = SwotOutputFactory(workshop__masterplan=plan).workshop
    for code in ("struktur", "infrastruktur", "suprastruktur"):
        for category in "SWOT":
            SwotItemFactory.create_batch(n, masterplan=plan, lens=lens(code), category=category)
        for _ in range(n):
            gap = GapItemFactory(masterplan=plan, lens=lens(code))
            gap.programmes.set(programmes[:2])
            GapItemFactory(masterplan=plan, lens=lens(code))
        for _ in range(n):
            SwotItemFactory(masterplan=plan, lens=lens(code), origin=SwotOutputFactory(workshop=workshop))
            SwotOutputFactory(workshop=workshop, lens=lens(code))


@pytest.mark.parametrize("url", ["/cities/81.71/readiness/", "/cities/81.71/readiness/infrastruktur/"])
def test_page_query_counts_do_not_grow(login, koordinator, plan, url, django_assert_max_num_queries):
    client = login(koordinator)
    _assess(plan)
    _grow(plan, 1)
    few = _count(client, url)
    _grow(plan, 15)
    assert _count(client, url) == few
    with django_assert_max_num_queries(18):
        client.get(url)


# --- API -------------------------------------------------------------------------------------

def test_api_readiness_shape(client, api_token, penilai, plan):
    LensAssessmentFactory(masterplan=plan, rating=ReadinessRating.objects.get(value=2), current_condition="Terbatas")
    SwotItemFactory(masterplan=plan, category="W", text="SDM TIK terbatas")
    gap = GapItemFactory(masterplan=plan)
    programme = ProgrammeFactory(masterplan=plan)
    gap.programmes.add(programme)
    open_gap = GapItemFactory(masterplan=plan, lens=lens("suprastruktur"))
    body = client.get(f"{API}/readiness?masterplan={plan.pk}", headers=api_token(penilai)).json()
    assert body["masterplan_id"] == plan.pk and [l["code"] for l in body["lenses"]][:3] == ["struktur", "infrastruktur", "suprastruktur"]
    struktur = body["lenses"][0]
    assert struktur["assessment"] == {"rating": 2, "rating_label": "Kurang siap", "current_condition": "Terbatas", "target_condition": struktur["assessment"]["target_condition"]}
    assert struktur["swot_items"][0]["text"] == "SDM TIK terbatas" and struktur["gap_items"][0]["programme_ids"] == [programme.pk]
    assert body["gaps_without_programme"] == [open_gap.pk]


def test_api_gap_list_paginates_and_filters(client, api_token, penilai, plan):
    GapItemFactory.create_batch(3, masterplan=plan)
    GapItemFactory(masterplan=plan, lens=lens("culture")).programmes.add(ProgrammeFactory(masterplan=plan))
    headers = api_token(penilai)
    body = client.get(f"{API}/readiness/gaps?limit=2", headers=headers).json()
    assert body["count"] == 4 and len(body["items"]) == 2
    assert client.get(f"{API}/readiness/gaps?without_programme=true", headers=headers).json()["count"] == 3
    assert client.get(f"{API}/readiness/gaps?lens=culture", headers=headers).json()["count"] == 1


def test_api_writes(client, api_token, koordinator, plan):
    headers = api_token(koordinator)
    response = send(client, "put", f"{API}/readiness/struktur", headers, {"rating": 2, "current_condition": "Terbatas"})
    assert response.status_code == 200 and response.json()["rating"] == 2
    assert send(client, "put", f"{API}/readiness/struktur", headers, {"rating": 9}).json()["code"] == "unknown_rating"
    assert send(client, "put", f"{API}/readiness/kosmos", headers, {"rating": 2}).status_code == 404
    swot = send(client, "post", f"{API}/readiness/swot", headers, {"lens": "struktur", "category": "S", "text": "Komitmen"})
    assert swot.status_code == 201 and swot.json()["order"] == 1
    assert send(client, "post", f"{API}/readiness/swot", headers, {"lens": "struktur", "category": "Z", "text": "?"}).json()["code"] == "unknown_category"
    assert send(client, "patch", f"{API}/readiness/swot/{swot.json()['id']}", headers, {"text": "Komitmen kuat"}).json()["text"] == "Komitmen kuat"
    programme = ProgrammeFactory(masterplan=plan)
    gap = send(client, "post", f"{API}/readiness/gaps", headers, {"lens": "infrastruktur", "description": "Internet", "programme_ids": [programme.pk]})
    assert gap.status_code == 201 and gap.json()["programme_ids"] == [programme.pk]
    patched = send(client, "patch", f"{API}/readiness/gaps/{gap.json()['id']}", headers, {"programme_ids": []})
    assert patched.json()["programme_ids"] == []
    assert send(client, "patch", f"{API}/readiness/gaps/{gap.json()['id']}", headers, {"programme_ids": [999999]}).json()["code"] == "unknown_programme"
    assert send(client, "delete", f"{API}/readiness/gaps/{gap.json()['id']}", headers).status_code == 204
    assert send(client, "delete", f"{API}/readiness/swot/{swot.json()['id']}", headers).status_code == 204
    assert not SwotItem.objects.exists() and not GapItem.objects.exists()


def test_api_gap_with_another_citys_programme_is_400(client, api_token, koordinator, plan, tual):
    foreign = ProgrammeFactory(masterplan=MasterplanFactory(city=tual))
    response = send(client, "post", f"{API}/readiness/gaps", api_token(koordinator), {"lens": "struktur", "description": "x", "programme_ids": [foreign.pk]})
    assert response.status_code == 400 and response.json()["code"] == "other_masterplan"


def test_api_adopt(client, api_token, koordinator, plan, tual, dinkes):
    headers = api_token(koordinator)
    output = SwotOutputFactory(workshop__masterplan=plan, proposed_by_opd=dinkes)
    response = send(client, "post", f"{API}/readiness/adopt/{output.pk}", headers)
    assert response.status_code == 201 and response.json()["kind"] == "swot"
    assert response.json()["swot_item"]["origin"] == "Bimtek I · Dinas Kesehatan"
    again = send(client, "post", f"{API}/readiness/adopt/{output.pk}", headers)
    assert again.status_code == 409 and again.json()["code"] == "already_adopted"
    keyword = OutputFactory(workshop=output.workshop, kind=Output.Kind.VISION_KEYWORD)
    assert send(client, "post", f"{API}/readiness/adopt/{keyword.pk}", headers).json()["code"] == "not_adoptable"
    gap_output = OutputFactory(workshop=output.workshop, kind=Output.Kind.GAP, text="Celah")
    assert send(client, "post", f"{API}/readiness/adopt/{gap_output.pk}", headers).json()["code"] == "lens_missing"
    adopted = send(client, "post", f"{API}/readiness/adopt/{gap_output.pk}", headers, {"lens": "suprastruktur"}).json()
    assert adopted["kind"] == "gap" and adopted["gap_item"]["lens"] == "suprastruktur"
    foreign = SwotOutputFactory(workshop__masterplan=MasterplanFactory(city=tual))
    assert send(client, "post", f"{API}/readiness/adopt/{foreign.pk}", headers).status_code == 404


@pytest.mark.parametrize("persona,status", [("operator_dinkes", 403), ("mitra", 403), ("penilai", 403), ("koordinator_lain", 404)])
def test_api_writes_refused(client, api_token, personas, plan, persona, status):
    headers = api_token(personas[persona])
    item = SwotItemFactory(masterplan=plan)
    output = SwotOutputFactory(workshop__masterplan=plan)
    assert send(client, "put", f"{API}/readiness/struktur", headers, {"rating": 2}).status_code == status
    assert send(client, "delete", f"{API}/readiness/swot/{item.pk}", headers).status_code == status
    assert send(client, "post", f"{API}/readiness/adopt/{output.pk}", headers).status_code == status
    assert SwotItem.objects.count() == 1 and not LensAssessment.objects.exists()


def test_api_reads_do_not_grow(client, api_token, penilai, plan, django_assert_max_num_queries):
    headers = api_token(penilai)
    urls = [f"{API}/readiness", f"{API}/readiness/gaps"]
    _assess(plan)
    _grow(plan, 1)
    few = [_count(client, u, headers=headers) for u in urls]
    _grow(plan, 15)
    assert [_count(client, u, headers=headers) for u in urls] == few
    with django_assert_max_num_queries(10):
        client.get(urls[0], headers=headers)
