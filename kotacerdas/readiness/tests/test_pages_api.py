import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.bimtek.models import Output
from kotacerdas.framework.models import ReadinessRating
from kotacerdas.readiness.models import GapItem, LensAssessment, SwotItem
from kotacerdas.readiness.tests.factories import (
    GapItemFactory,
    LensAssessmentFactory,
    MasterplanFactory,
    OutputFactory,
    ProgrammeFactory,
    SwotItemFactory,
    SwotOutputFactory,
    lens,
)

HTMX = {"HTTP_HX_REQUEST": "true"}
API = "/api/v1/cities/81.71"


@pytest.fixture
def plan(ambon):
    return MasterplanFactory(city=ambon)


def send(client, method, url, headers, data=None):
    return getattr(client, method)(url, data=json.dumps(data if data is not None else {}), content_type="application/json", headers=headers)


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


def test_overview_pages_the_gaps_without_programme(login, penilai, plan, settings):
    settings.PAGE_SIZE = 2
    for n in range(3):
        GapItemFactory(masterplan=plan, description=f"Celah nomor {n}")
    client = login(penilai)
    first = client.get("/cities/81.71/readiness/").content.decode().split('id="open-h"')[1]
    assert "Celah nomor 0" in first and "Celah nomor 2" not in first
    assert 'hx-select="#open-gaps"' in first and "open_gap_page=2" in first
    second = client.get("/cities/81.71/readiness/?open_gap_page=2").content.decode().split('id="open-h"')[1]
    assert "Celah nomor 2" in second and "Celah nomor 0" not in second


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


def test_lens_page_pages_its_gaps_and_writes_keep_the_page(login, koordinator, plan, settings):
    settings.PAGE_SIZE = 2
    gaps = [GapItemFactory(masterplan=plan, description=f"Celah nomor {n}") for n in range(3)]
    client = login(koordinator)
    second = client.get(f"/cities/81.71/readiness/struktur/?masterplan={plan.pk}&gap_page=2").content.decode()
    assert "Celah nomor 2" in second and "Celah nomor 0" not in second
    assert f"?masterplan={plan.pk}&amp;gap_page=2" in second, "forms post back to the page the user is on"
    assert 'hx-select="#lens-workspace"' in second
    response = client.post(f"/cities/81.71/readiness/items/gaps/{gaps[0].pk}/delete/?masterplan={plan.pk}&gap_page=2")
    assert response.status_code == 302 and response["Location"].endswith(f"?masterplan={plan.pk}&gap_page=2#gaps")


def test_htmx_swot_add_edit_move_delete(login, koordinator, plan):
    client = login(koordinator)
    body = client.post(
        "/cities/81.71/readiness/struktur/swot/new/", {"masterplan": plan.pk, "category": "S", "text": "Komitmen tinggi"}, **HTMX
    ).content.decode()
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


def test_swot_form_shows_its_errors_and_keeps_nothing(login, koordinator, plan, unchanged):
    client = login(koordinator)
    with unchanged():
        body = client.post(
            "/cities/81.71/readiness/struktur/swot/new/", {"masterplan": plan.pk, "category": "W", "text": "   "}, **HTMX
        ).content.decode()
    quadrant = body.split('id="swot-W"')[1].split('id="swot-O"')[0]
    assert "alert-danger" in quadrant and "is-invalid" in quadrant and '<details class="small mt-1" open>' in quadrant


def test_assessment_form_saves(login, koordinator, plan):
    rating = ReadinessRating.objects.get(value=3)
    response = login(koordinator).post(
        "/cities/81.71/readiness/infrastruktur/assessment/",
        {"masterplan": plan.pk, "rating": rating.pk, "current_condition": "Fiber di pusat kota", "target_condition": "Semua kelurahan"},
    )
    assert response.status_code == 302
    assessment = LensAssessment.objects.get(lens=lens("infrastruktur"))
    assert assessment.rating == rating and assessment.current_condition == "Fiber di pusat kota"
    page = login(koordinator).get(f"/cities/81.71/readiness/infrastruktur/?masterplan={plan.pk}").content.decode()
    assert f'<option value="{rating.pk}" selected>' in page and "Fiber di pusat kota</textarea>" in page


def test_gap_form_links_programmes_and_refuses_others_without_naming_them(login, koordinator, plan, tual, unchanged):
    own = ProgrammeFactory(masterplan=plan, name="Wi-Fi Publik Gratis")
    foreign = ProgrammeFactory(masterplan=MasterplanFactory(city=tual), name="Program Tual")
    client = login(koordinator)
    page = client.get("/cities/81.71/readiness/infrastruktur/").content.decode()
    assert "Wi-Fi Publik Gratis" in page and "Program Tual" not in page
    with unchanged():
        body = client.post(
            "/cities/81.71/readiness/infrastruktur/gaps/new/",
            {"masterplan": plan.pk, "description": "Internet belum merata", "programmes": [own.pk, foreign.pk]},
            **HTMX,
        ).content.decode()
    error = body.split('invalid-feedback d-block">')[1].split("</div>")[0]
    assert str(foreign.pk) in error and "Program Tual" not in body
    client.post(
        "/cities/81.71/readiness/infrastruktur/gaps/new/",
        {"masterplan": plan.pk, "description": "Internet belum merata", "programmes": [own.pk]},
        **HTMX,
    )
    assert list(GapItem.objects.get().programmes.all()) == [own]


def test_gap_edit_form_shows_the_chosen_programmes(login, koordinator, plan):
    chosen, other = ProgrammeFactory(masterplan=plan, name="Satu Data"), ProgrammeFactory(masterplan=plan, name="Wi-Fi")
    gap = GapItemFactory(masterplan=plan)
    gap.programmes.add(chosen)
    body = login(koordinator).get(f"/cities/81.71/readiness/items/gaps/{gap.pk}/edit/", **HTMX).content.decode()
    # Ticks, not a Ctrl-click list: the chosen programme ticked, the other not.
    assert re.search(rf'<input type="checkbox" name="programmes" value="{chosen.pk}"[^>]* checked[^>]*><label[^>]*>Satu Data<', body)
    assert re.search(rf'<input type="checkbox" name="programmes" value="{other.pk}"(?![^>]*checked)[^>]*><label[^>]*>Wi-Fi<', body)


@pytest.mark.parametrize("persona,status", [("operator_dinkes", 403), ("mitra", 403), ("penilai", 403), ("koordinator_lain", 404)])
def test_page_writes_refused(login, personas, plan, persona, status, unchanged):
    swot, gap = SwotItemFactory(masterplan=plan), GapItemFactory(masterplan=plan)
    output = SwotOutputFactory(workshop__masterplan=plan)
    client = login(personas[persona])
    with unchanged():
        for url, data in [
            ("/cities/81.71/readiness/struktur/assessment/", {"masterplan": plan.pk, "current_condition": "x"}),
            ("/cities/81.71/readiness/struktur/swot/new/", {"masterplan": plan.pk, "category": "S", "text": "x"}),
            (f"/cities/81.71/readiness/items/swot/{swot.pk}/edit/", {"category": "S", "text": "x"}),
            (f"/cities/81.71/readiness/items/swot/{swot.pk}/move/down/", {}),
            (f"/cities/81.71/readiness/items/swot/{swot.pk}/delete/", {}),
            ("/cities/81.71/readiness/struktur/gaps/new/", {"masterplan": plan.pk, "description": "x"}),
            (f"/cities/81.71/readiness/items/gaps/{gap.pk}/edit/", {"description": "x"}),
            (f"/cities/81.71/readiness/items/gaps/{gap.pk}/delete/", {}),
            (f"/cities/81.71/readiness/adopt/{output.pk}/", {"lens": "struktur"}),
        ]:
            assert client.post(url, data).status_code == status, url


def test_page_writes_by_the_ministry(login, kementerian, plan):
    gap = GapItemFactory(masterplan=plan)
    client = login(kementerian)
    assert (
        client.post("/cities/81.71/readiness/struktur/swot/new/", {"masterplan": plan.pk, "category": "S", "text": "x"}).status_code == 302
    )
    assert client.post(f"/cities/81.71/readiness/items/gaps/{gap.pk}/delete/").status_code == 302
    assert SwotItem.objects.exists() and not GapItem.objects.exists()


def test_items_of_another_city_are_404_on_pages(login, koordinator, plan, tual, unchanged):
    other = MasterplanFactory(city=tual)
    swot, gap = SwotItemFactory(masterplan=other), GapItemFactory(masterplan=other)
    output = SwotOutputFactory(workshop__masterplan=other)
    client = login(koordinator)
    with unchanged():
        assert client.get(f"/cities/81.71/readiness/items/swot/{swot.pk}/edit/").status_code == 404
        assert client.post(f"/cities/81.71/readiness/items/gaps/{gap.pk}/delete/").status_code == 404
        assert client.post(f"/cities/81.71/readiness/adopt/{output.pk}/").status_code == 404


def test_adopt_output_page_flow(login, koordinator, plan, dinkes):
    output = SwotOutputFactory(workshop__masterplan=plan, text="Koordinasi antar-OPD lemah", proposed_by_opd=dinkes)
    client = login(koordinator)
    page = client.get("/cities/81.71/readiness/struktur/").content.decode()
    assert f"/readiness/adopt/{output.pk}/" in page
    body = client.post(f"/cities/81.71/readiness/adopt/{output.pk}/", {"lens": "struktur"}, **HTMX).content.decode()
    assert "Bimtek I · Dinas Kesehatan" in body and f"/readiness/adopt/{output.pk}/" not in body
    body = client.post(f"/cities/81.71/readiness/adopt/{output.pk}/", {"lens": "struktur"}, **HTMX).content.decode()
    assert "alert-danger" in body and SwotItem.objects.count() == 1


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


# --- API: reads ------------------------------------------------------------------------------


def test_api_readiness_shape(client, api_token, penilai, plan, dinkes):
    LensAssessmentFactory(masterplan=plan, rating=ReadinessRating.objects.get(value=2), current_condition="Terbatas")
    SwotItemFactory(
        masterplan=plan, category="W", text="SDM TIK terbatas", origin=SwotOutputFactory(workshop__masterplan=plan, proposed_by_opd=dinkes)
    )
    gap = GapItemFactory(masterplan=plan)
    programme = ProgrammeFactory(masterplan=plan, name="Satu Data Ambon")
    gap.programmes.add(programme)
    open_gap = GapItemFactory(masterplan=plan, lens=lens("suprastruktur"))
    body = client.get(f"{API}/readiness?masterplan_id={plan.pk}", headers=api_token(penilai)).json()
    assert body["masterplan_id"] == plan.pk and [row["lens_code"] for row in body["lenses"]][:3] == [
        "struktur",
        "infrastruktur",
        "suprastruktur",
    ]
    struktur = body["lenses"][0]
    assert struktur["lens_name"] == "Struktur" and struktur["is_core"]
    assert struktur["assessment"] == {
        "lens_code": "struktur",
        "lens_name": "Struktur",
        "rating_code": 2,
        "rating_name": "Kurang siap",
        "current_condition": "Terbatas",
        "target_condition": struktur["assessment"]["target_condition"],
    }
    swot = struktur["swot_items"][0]
    assert (swot["text"], swot["category"], swot["category_label"], swot["lens_code"], swot["masterplan_id"]) == (
        "SDM TIK terbatas",
        "W",
        "Kelemahan",
        "struktur",
        plan.pk,
    )
    assert swot["origin_output_id"] and swot["provenance"] == "Bimtek I · Dinas Kesehatan"
    assert struktur["gaps"][0]["programme_ids"] == [programme.pk] and struktur["gaps"][0]["programme_names"] == ["Satu Data Ambon"]
    assert body["gap_ids_without_programme"] == [open_gap.pk]


def test_api_readiness_speaks_the_callers_language(client, api_token, penilai, plan):
    SwotItemFactory(masterplan=plan, category="W")
    headers = api_token(penilai)
    english = client.get(f"{API}/readiness", headers={**headers, "Accept-Language": "en"}).json()["lenses"][0]
    indonesian = client.get(f"{API}/readiness", headers={**headers, "Accept-Language": "id"}).json()["lenses"][0]
    assert (english["swot_items"][0]["category_label"], indonesian["swot_items"][0]["category_label"]) == ("Weakness", "Kelemahan")
    assert english["lens_name"] == "Structure" and indonesian["lens_name"] == "Struktur"


def test_api_gap_list_paginates_and_filters(client, api_token, penilai, plan):
    GapItemFactory.create_batch(3, masterplan=plan)
    GapItemFactory(masterplan=plan, lens=lens("culture")).programmes.add(ProgrammeFactory(masterplan=plan))
    headers = api_token(penilai)
    body = client.get(f"{API}/readiness/gaps?limit=2", headers=headers).json()
    assert body["count"] == 4 and len(body["items"]) == 2
    assert client.get(f"{API}/readiness/gaps?limit=2&offset=2", headers=headers).json()["items"][1]["lens_code"] == "culture"
    assert client.get(f"{API}/readiness/gaps?without_programme=true", headers=headers).json()["count"] == 3
    assert client.get(f"{API}/readiness/gaps?lens_code=culture", headers=headers).json()["count"] == 1
    assert client.get(f"{API}/readiness/gaps?limit=501", headers=headers).json()["code"] == "validation_error"
    unknown = client.get(f"{API}/readiness/gaps?lens_code=kosmos", headers=headers)
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_code"


def test_api_masterplan_of_another_city_answers_like_none(client, api_token, penilai, plan, tual):
    other = MasterplanFactory(city=tual)
    headers = api_token(penilai)
    for path in ("readiness", "readiness/gaps"):
        foreign = client.get(f"{API}/{path}?masterplan_id={other.pk}", headers=headers)
        missing = client.get(f"{API}/{path}?masterplan_id=999999", headers=headers)
        assert foreign.status_code == missing.status_code == 400
        assert foreign.json()["code"] == missing.json()["code"] == "unknown_reference"
        assert foreign.json()["message"].replace(str(other.pk), "ID") == missing.json()["message"].replace("999999", "ID")


# --- API: writes -----------------------------------------------------------------------------


def test_api_writes(client, api_token, koordinator, plan):
    headers = api_token(koordinator)
    response = send(
        client, "put", f"{API}/readiness/lenses/struktur/assessment", headers, {"rating_code": 2, "current_condition": "Terbatas"}
    )
    assert response.status_code == 200 and response.json()["rating_code"] == 2 and response.json()["lens_code"] == "struktur"
    cleared = send(client, "put", f"{API}/readiness/lenses/struktur/assessment", headers, {"masterplan_id": plan.pk, "rating_code": None})
    assert cleared.json()["rating_code"] is None and cleared.json()["current_condition"] == ""
    swot = send(client, "post", f"{API}/readiness/swot-items", headers, {"lens_code": "struktur", "category": "S", "text": "Komitmen"})
    assert swot.status_code == 201 and swot.json()["order"] == 1 and swot.json()["category_label"] == "Kekuatan"
    swot_id = swot.json()["id"]
    patched = send(client, "patch", f"{API}/readiness/swot-items/{swot_id}", headers, {"text": "Komitmen kuat"}).json()
    assert (patched["text"], patched["category"]) == ("Komitmen kuat", "S")
    assert send(client, "patch", f"{API}/readiness/swot-items/{swot_id}", headers, {"category": "T"}).json()["category"] == "T"
    programme = ProgrammeFactory(masterplan=plan)
    gap = send(
        client,
        "post",
        f"{API}/readiness/gaps",
        headers,
        {"lens_code": "infrastruktur", "description": "Internet", "programme_ids": [programme.pk]},
    )
    assert gap.status_code == 201 and gap.json()["programme_ids"] == [programme.pk] and gap.json()["lens_code"] == "infrastruktur"
    gap_id = gap.json()["id"]
    patched = send(client, "patch", f"{API}/readiness/gaps/{gap_id}", headers, {"target_condition": "Merata"}).json()
    assert patched["programme_ids"] == [programme.pk] and patched["description"] == "Internet" and patched["target_condition"] == "Merata"
    assert send(client, "patch", f"{API}/readiness/gaps/{gap_id}", headers, {"programme_ids": []}).json()["programme_ids"] == []
    assert send(client, "delete", f"{API}/readiness/gaps/{gap_id}", headers).status_code == 204
    assert send(client, "delete", f"{API}/readiness/swot-items/{swot_id}", headers).status_code == 204
    assert not SwotItem.objects.exists() and not GapItem.objects.exists()


@pytest.mark.parametrize(
    "method,path,body,status,code",
    [
        ("put", "readiness/lenses/struktur/assessment", {"rating_code": 9}, 400, "unknown_code"),
        ("put", "readiness/lenses/struktur/assessment", {"masterplan_id": 999999}, 400, "unknown_reference"),
        ("put", "readiness/lenses/kosmos/assessment", {"rating_code": 2}, 404, "not_found"),
        ("put", "readiness/lenses/struktur/assessment", {"rating": 2}, 422, "validation_error"),
        ("post", "readiness/swot-items", {"lens_code": "struktur", "category": "Z", "text": "?"}, 422, "validation_error"),
        ("post", "readiness/swot-items", {"lens_code": "kosmos", "category": "S", "text": "?"}, 400, "unknown_code"),
        ("post", "readiness/swot-items", {"lens_code": "struktur", "category": "S", "text": "  "}, 400, "required"),
        ("post", "readiness/swot-items", {"lens_code": "struktur", "category": "S", "text": "x", "order": 0}, 422, "validation_error"),
        ("patch", "readiness/swot-items/{swot}", {"text": None}, 422, "validation_error"),
        ("patch", "readiness/swot-items/{swot}", {"lens_code": "infrastruktur"}, 422, "validation_error"),
        ("patch", "readiness/swot-items/999999", {"text": "x"}, 404, "not_found"),
        ("delete", "readiness/swot-items/999999", None, 404, "not_found"),
        ("post", "readiness/gaps", {"lens_code": "struktur", "description": "x", "programme_ids": [999999]}, 400, "unknown_reference"),
        ("post", "readiness/gaps", {"lens_code": "struktur", "description": "x", "programme_ids": [0]}, 422, "validation_error"),
        ("post", "readiness/gaps", {"lens_code": "struktur"}, 422, "validation_error"),
        ("patch", "readiness/gaps/{gap}", {"programme_ids": None}, 422, "validation_error"),
        ("patch", "readiness/gaps/{gap}", {"programme_ids": [999999]}, 400, "unknown_reference"),
        ("patch", "readiness/gaps/{gap}", {"description": ""}, 400, "required"),
        ("delete", "readiness/gaps/999999", None, 404, "not_found"),
        ("post", "readiness/outputs/999999/adopt", {}, 404, "not_found"),
        ("post", "readiness/outputs/{keyword}/adopt", {}, 400, "not_adoptable"),
        ("post", "readiness/outputs/{gap_output}/adopt", {}, 400, "required"),
        ("post", "readiness/outputs/{gap_output}/adopt", {"lens_code": "kosmos"}, 400, "unknown_code"),
        ("post", "readiness/outputs/{adopted}/adopt", {}, 409, "already_adopted"),
    ],
)
def test_api_bad_writes_are_refused(client, api_token, koordinator, plan, unchanged, method, path, body, status, code):
    workshop = SwotOutputFactory(workshop__masterplan=plan).workshop
    adopted = SwotOutputFactory(workshop=workshop)
    SwotItemFactory(masterplan=plan, origin=adopted)
    ids = {
        "swot": SwotItemFactory(masterplan=plan).pk,
        "gap": GapItemFactory(masterplan=plan).pk,
        "adopted": adopted.pk,
        "keyword": OutputFactory(workshop=workshop, kind=Output.Kind.VISION_KEYWORD).pk,
        "gap_output": OutputFactory(workshop=workshop, kind=Output.Kind.GAP, lens=None).pk,
    }
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, method, f"{API}/{path.format(**ids)}", headers, body)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code and response.json()["message"]


@pytest.mark.parametrize(
    "persona,status,code",
    [
        ("operator_dinkes", 403, "forbidden"),
        ("mitra", 403, "forbidden"),
        ("penilai", 403, "forbidden"),
        ("koordinator_lain", 404, "not_found"),
        ("warga", 401, "not_authenticated"),
    ],
)
def test_api_writes_refused_by_role(client, api_token, personas, ambon, plan, tual, unchanged, persona, status, code):
    """Every write, by a role that may not make it; ids of other cities in the body do not change the answer."""
    ambon.is_published = True  # the public reads it, and may not write
    ambon.save()
    swot, gap = SwotItemFactory(masterplan=plan), GapItemFactory(masterplan=plan)
    output = SwotOutputFactory(workshop__masterplan=plan)
    foreign = ProgrammeFactory(masterplan=MasterplanFactory(city=tual))
    user = personas[persona]
    headers = api_token(user) if user.is_authenticated else {}
    writes = [
        ("put", "readiness/lenses/struktur/assessment", {"rating_code": 2, "masterplan_id": 999999}),
        ("post", "readiness/swot-items", {"lens_code": "kosmos", "category": "S", "text": "x"}),
        ("patch", f"readiness/swot-items/{swot.pk}", {"text": "x"}),
        ("delete", f"readiness/swot-items/{swot.pk}", None),
        ("post", "readiness/gaps", {"lens_code": "struktur", "description": "x", "programme_ids": [foreign.pk]}),
        ("patch", f"readiness/gaps/{gap.pk}", {"programme_ids": [foreign.pk]}),
        ("delete", f"readiness/gaps/{gap.pk}", None),
        ("post", f"readiness/outputs/{output.pk}/adopt", {"lens_code": "kosmos"}),
    ]
    with unchanged():
        for method, path, body in writes:
            response = send(client, method, f"{API}/{path}", headers, body)
            assert (response.status_code, response.json()["code"]) == (status, code), (method, path)


def test_api_ids_of_another_city_answer_like_ids_that_do_not_exist(client, api_token, koordinator, plan, tual, unchanged):
    other = MasterplanFactory(city=tual)
    foreign = {
        "swot": SwotItemFactory(masterplan=other).pk,
        "gap": GapItemFactory(masterplan=other).pk,
        "output": SwotOutputFactory(workshop__masterplan=other).pk,
    }
    headers = api_token(koordinator)
    with unchanged():
        for method, path, body in [
            ("patch", "readiness/swot-items/{swot}", {"text": "x"}),
            ("delete", "readiness/swot-items/{swot}", None),
            ("patch", "readiness/gaps/{gap}", {"description": "x"}),
            ("delete", "readiness/gaps/{gap}", None),
            ("post", "readiness/outputs/{output}/adopt", {}),
        ]:
            kind = path.split("{")[1].split("}")[0]
            theirs = send(client, method, f"{API}/{path.format(**foreign)}", headers, body)
            nobodys = send(client, method, f"{API}/{path.format(**{kind: 999999})}", headers, body)
            assert theirs.status_code == nobodys.status_code == 404, path
            assert theirs.json()["code"] == nobodys.json()["code"] == "not_found"
            assert theirs.json()["message"].replace(str(foreign[kind]), "ID") == nobodys.json()["message"].replace("999999", "ID")


def test_api_body_masterplan_of_another_city_answers_like_none(client, api_token, koordinator, plan, tual, unchanged):
    other = MasterplanFactory(city=tual)
    headers = api_token(koordinator)
    writes = [
        ("put", "readiness/lenses/struktur/assessment", {"rating_code": 2}),
        ("post", "readiness/swot-items", {"lens_code": "struktur", "category": "S", "text": "x"}),
        ("post", "readiness/gaps", {"lens_code": "struktur", "description": "x"}),
    ]
    with unchanged():
        for method, path, body in writes:
            theirs = send(client, method, f"{API}/{path}", headers, {**body, "masterplan_id": other.pk})
            nobodys = send(client, method, f"{API}/{path}", headers, {**body, "masterplan_id": 999999})
            assert theirs.status_code == nobodys.status_code == 400, path
            assert theirs.json()["errors"][0]["field"] == nobodys.json()["errors"][0]["field"] == "masterplan_id"
            assert theirs.json()["message"].replace(str(other.pk), "ID") == nobodys.json()["message"].replace("999999", "ID")


def test_api_programme_ids_of_other_cities_or_masterplans_name_nothing(client, api_token, koordinator, plan, ambon, tual, unchanged):
    """Programmes of Tual, of Ambon's other masterplan and ids that exist nowhere: one answer, ids only."""
    tual_plan = MasterplanFactory(city=tual)
    foreign = [ProgrammeFactory(masterplan=tual_plan, name=f"Rahasia Tual {n}") for n in range(5)]
    older = ProgrammeFactory(masterplan=MasterplanFactory(city=ambon, start_year=2015, end_year=2019), name="Program Lama Ambon")
    own = ProgrammeFactory(masterplan=plan)
    headers = api_token(koordinator)
    gap = GapItemFactory(masterplan=plan)
    top = max(p.pk for p in [*foreign, older, own])
    with unchanged():
        response = send(
            client,
            "post",
            f"{API}/readiness/gaps",
            headers,
            {"lens_code": "struktur", "description": "x", "programme_ids": list(range(1, top + 100))},
        )
        patched = send(client, "patch", f"{API}/readiness/gaps/{gap.pk}", headers, {"programme_ids": [own.pk, foreign[0].pk]})
    body = response.json()
    assert response.status_code == 400 and body["code"] == "unknown_reference"
    assert body["errors"] == [{"field": "programme_ids", "code": "unknown_reference", "message": body["message"]}]
    assert "Rahasia" not in body["message"] and "Lama" not in body["message"]
    assert str(own.pk) not in body["message"].replace(",", " ").split()
    assert patched.status_code == 400 and patched.json()["code"] == "unknown_reference"
    answers = {}
    for pk in (foreign[0].pk, older.pk, top + 1000):
        answer = send(
            client, "post", f"{API}/readiness/gaps", headers, {"lens_code": "struktur", "description": "x", "programme_ids": [pk]}
        )
        answers[pk] = (answer.status_code, answer.json()["code"], answer.json()["message"].replace(str(pk), "ID"))
    assert len(set(answers.values())) == 1


def test_api_adopt(client, api_token, koordinator, plan, dinkes):
    headers = api_token(koordinator)
    output = SwotOutputFactory(workshop__masterplan=plan, proposed_by_opd=dinkes)
    response = send(client, "post", f"{API}/readiness/outputs/{output.pk}/adopt", headers)
    assert response.status_code == 201 and response.json()["kind"] == "swot" and response.json()["gap"] is None
    assert response.json()["swot_item"]["provenance"] == "Bimtek I · Dinas Kesehatan"
    assert response.json()["swot_item"]["origin_output_id"] == output.pk
    gap_output = OutputFactory(workshop=output.workshop, kind=Output.Kind.GAP, text="Celah")
    adopted = send(client, "post", f"{API}/readiness/outputs/{gap_output.pk}/adopt", headers, {"lens_code": "suprastruktur"}).json()
    assert adopted["kind"] == "gap" and adopted["gap"]["lens_code"] == "suprastruktur" and adopted["gap"]["description"] == "Celah"


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
