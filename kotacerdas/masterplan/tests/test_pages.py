import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import Dimension
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan, Mission, Objective, Target
from kotacerdas.masterplan.tests.factories import (
    MasterplanFactory,
    MissionFactory,
    ObjectiveFactory,
    OutputFactory,
    TargetFactory,
    ready_to_legalise,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(ambon):
    return MasterplanFactory(city=ambon, title="Masterplan Smart City Kota Ambon", vision="Ambon yang cerdas dan harmonis")


def test_detail_shows_current_masterplan_and_switches(login, koordinator, plan, ambon):
    MasterplanFactory(city=ambon, start_year=2025, end_year=2029, title="Masterplan Baru")
    page = login(koordinator).get("/cities/81.71/plan/").content.decode()
    assert "Masterplan Baru" in page and "2025–2029" in page and "2020–2024" in page
    page = login(koordinator).get(f"/cities/81.71/plan/?masterplan={plan.pk}").content.decode()
    assert "Ambon yang cerdas dan harmonis" in page


def test_detail_hides_writes_from_readers(login, penilai, plan):
    page = login(penilai).get("/cities/81.71/plan/").content.decode()
    assert 'action="/cities/81.71/plan/new/"' not in page and "Ambon yang cerdas dan harmonis" in page


def test_detail_is_404_outside_scope(login, koordinator_lain, plan):
    assert login(koordinator_lain).get("/cities/81.71/plan/").status_code == 404


@pytest.mark.parametrize(
    "persona,status",
    [("koordinator", 302), ("kementerian", 302), ("operator_dinkes", 403), ("mitra", 403), ("penilai", 403), ("koordinator_lain", 404)],
)
def test_create_page_permissions(login, personas, ambon, persona, status):
    response = login(personas[persona]).post(
        "/cities/81.71/plan/new/", {"title": "Masterplan 2025–2029", "start_year": 2025, "end_year": 2029}
    )
    assert response.status_code == status
    assert Masterplan.objects.filter(start_year=2025).exists() == (status == 302)


def test_create_page_shows_period_error(login, koordinator, ambon):
    page = login(koordinator).post("/cities/81.71/plan/new/", {"title": "Panjang", "start_year": 2020, "end_year": 2030}).content.decode()
    assert "10" in page and "is-invalid" in page
    assert not Masterplan.objects.exists()


def test_legalise_page_requires_regulation_then_advances_city(login, koordinator, plan):
    client = login(koordinator)
    page = client.post(
        f"/cities/81.71/plan/{plan.pk}/legalise/", {"regulation_number": "", "regulation_date": "2020-06-08"}
    ).content.decode()
    assert "Perwali/Perbup" in page
    plan.refresh_from_db()
    assert plan.status == "draft"
    ready_to_legalise(plan)
    response = client.post(
        f"/cities/81.71/plan/{plan.pk}/legalise/",
        {"regulation_number": "Perwali Kota Ambon Nomor 17 Tahun 2020", "regulation_date": "2020-06-08"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    plan.city.refresh_from_db()
    assert plan.status == "legalised" and plan.city.stage == "legalised"


def test_edit_page_saves(login, koordinator, plan):
    client = login(koordinator)
    assert client.get(f"/cities/81.71/plan/{plan.pk}/edit/").status_code == 200
    response = client.post(
        f"/cities/81.71/plan/{plan.pk}/edit/",
        {"title": "Judul Baru", "start_year": 2020, "end_year": 2024, "vision": "Visi baru", "status": "final"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.vision, plan.status) == ("Judul Baru", "Visi baru", "final")


def test_vision_page_shows_tree_unserved_dimensions_and_loads_keywords(login, penilai, plan, dinkes):
    objective = ObjectiveFactory(mission__masterplan=plan, text="Pelayanan publik terintegrasi")
    objective.dimensions.add(Dimension.objects.get(code="governance"))
    TargetFactory(objective=objective, indicator="Indeks Kepuasan Masyarakat", value="85", unit="indeks", year=2024)
    page = login(penilai).get("/cities/81.71/plan/vision/").content.decode()
    assert "Pelayanan publik terintegrasi" in page and "Indeks Kepuasan Masyarakat" in page
    # The bimtek's keywords load into the page (htmx), with a plain link when scripts are off.
    keywords = f"/cities/81.71/bimtek/vision-keywords/?masterplan={plan.pk}"
    assert f'hx-get="{keywords}" hx-trigger="load"' in page and f'href="{keywords}"' in page
    unserved = page.split("alert-warning")[1].split("</div>")[0]
    assert Dimension.objects.get(code="society").name in unserved
    assert Dimension.objects.get(code="governance").name not in unserved
    assert "/vision/missions/new/" not in page  # readers get no forms


def test_htmx_add_objective_returns_the_tree(login, koordinator, plan):
    mission = MissionFactory(masterplan=plan)
    society = Dimension.objects.get(code="society")
    response = login(koordinator).post(
        f"/cities/81.71/plan/vision/missions/{mission.pk}/objectives/new/",
        {"text": "Literasi digital warga", "dimension_codes": ["society"]},
        **HTMX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="vision-tree">') and "Literasi digital warga" in body
    assert list(Objective.objects.get().dimensions.all()) == [society]


def test_htmx_target_outside_period_shows_error_in_place(login, koordinator, plan):
    objective = ObjectiveFactory(mission__masterplan=plan)
    response = login(koordinator).post(
        f"/cities/81.71/plan/vision/objectives/{objective.pk}/targets/new/",
        {"indicator": "Cakupan", "value": "80", "unit": "persen", "year": 2030},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and '<details class="small" open>' in body
    year = body.split(f'for="target-new-{objective.pk}-year"')[1].split("</div></div>")[0]
    assert "is-invalid" in year and "2020–2024" in year  # the message sits under the year
    assert 'value="Cakupan"' in body  # what was typed stays
    assert not Target.objects.exists()


def test_htmx_edit_move_delete_mission(login, koordinator, plan):
    first, second = MissionFactory(masterplan=plan, text="Misi A", order=1), MissionFactory(masterplan=plan, text="Misi B", order=2)
    client = login(koordinator)
    form = client.get(f"/cities/81.71/plan/vision/missions/{first.pk}/edit/", **HTMX).content.decode()
    assert "Misi A</textarea>" in form
    client.post(f"/cities/81.71/plan/vision/missions/{first.pk}/edit/", {"text": "Misi A diubah"}, **HTMX)
    client.post(f"/cities/81.71/plan/vision/missions/{second.pk}/move/up/", **HTMX)
    assert list(plan.missions.order_by("order").values_list("text", flat=True)) == ["Misi B", "Misi A diubah"]
    response = client.post(f"/cities/81.71/plan/vision/missions/{second.pk}/delete/")
    assert response.status_code == 302 and list(Mission.objects.values_list("text", flat=True)) == ["Misi A diubah"]
    assert AuditEvent.objects.filter(model="masterplan.mission", action="delete").count() == 1


@pytest.mark.parametrize(
    "persona,status", [("operator_dinkes", 403), ("mitra", 403), ("penilai", 403), ("kementerian", 302), ("koordinator_lain", 404)]
)
def test_vision_writes_by_role(login, personas, plan, persona, status):
    objective = ObjectiveFactory(mission__masterplan=plan)
    response = login(personas[persona]).post(
        f"/cities/81.71/plan/vision/objectives/{objective.pk}/targets/new/", {"indicator": "Cakupan", "value": "80", "year": 2024}
    )
    assert response.status_code == status
    assert Target.objects.exists() == (status == 302)


def test_anonymous_sees_published_vision_but_cannot_write(client, plan):
    plan.city.is_published = True
    plan.city.save()
    mission = MissionFactory(masterplan=plan, text="Misi publik")
    assert "Misi publik" in client.get("/cities/81.71/plan/vision/").content.decode()
    assert client.post(f"/cities/81.71/plan/vision/missions/{mission.pk}/delete/").status_code == 403


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow_tree(plan, missions: int, objectives: int, targets: int, keywords: int):
    dimensions = list(Dimension.objects.all())
    workshop = plan.workshops.first() or OutputFactory(workshop__masterplan=plan).workshop
    for _ in range(keywords):
        OutputFactory(workshop=workshop)
    for _ in range(missions):
        mission = MissionFactory(masterplan=plan)
        for _ in range(objectives):
            objective = ObjectiveFactory(mission=mission)
            objective.dimensions.set(dimensions[:2])
            for _ in range(targets):
                TargetFactory(objective=objective)


@pytest.mark.parametrize("url", ["/cities/81.71/plan/vision/", "/cities/81.71/plan/"])
def test_query_count_does_not_grow_with_the_tree(login, koordinator, plan, url, django_assert_max_num_queries):
    client = login(koordinator)
    url = f"{url}?masterplan={plan.pk}"
    _grow_tree(plan, 1, 1, 1, 1)
    few = _queries(client, url)
    _grow_tree(plan, 6, 5, 4, 40)
    MasterplanFactory(city=plan.city, start_year=2025, end_year=2029)
    assert _queries(client, url) == few
    with django_assert_max_num_queries(13):
        client.get(url)


def test_keywords_pager_gets_the_slot_that_loads_the_next_page(login, penilai, plan):
    response = login(penilai).get(
        f"/cities/81.71/plan/vision/?masterplan={plan.pk}&kw=2", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="vision-keywords"
    )
    body = response.content.decode()
    assert body.strip().startswith('<div id="vision-keywords"') and f"masterplan={plan.pk}&amp;kw=2" in body
    assert "vision-tree" not in body


def test_objective_form_keeps_ticked_dimensions_on_a_refusal(login, koordinator, plan):
    mission = MissionFactory(masterplan=plan)
    response = login(koordinator).post(
        f"/cities/81.71/plan/vision/missions/{mission.pk}/objectives/new/", {"text": " ", "dimension_codes": ["society"]}, **HTMX
    )
    body = response.content.decode()
    assert f'value="society" id="objective-new-{mission.pk}-dimension_codes_' in body.replace(' class="form-check-input"', "")
    ticked = body.split('value="society"')[1].split(">")[0]
    assert "checked" in ticked
    assert not Objective.objects.exists()


@pytest.mark.parametrize("what", ["missions", "objectives", "targets"])
def test_tree_pages_of_another_city_are_404(login, koordinator, tual, unchanged, what):
    target = TargetFactory(objective__mission__masterplan=MasterplanFactory(city=tual, start_year=2021, end_year=2025), year=2022)
    pk = {"missions": target.objective.mission_id, "objectives": target.objective_id, "targets": target.pk}[what]
    client = login(koordinator)
    with unchanged():
        assert client.post(f"/cities/81.71/plan/vision/{what}/{pk}/delete/").status_code == 404
        assert client.post(f"/cities/81.71/plan/vision/{what}/{pk}/edit/", {"text": "x", "indicator": "x", "value": "1"}).status_code == 404


def test_a_masterplan_whose_period_is_over_is_flagged_as_ended(login, warga, koordinator, ambon):
    this_year = timezone.localdate().year
    ended = MasterplanFactory(city=ambon, start_year=this_year - 6, end_year=this_year - 1, title="Masterplan Lama")
    page = login(koordinator).get(f"/cities/81.71/plan/?masterplan={ended.pk}").content.decode()
    assert "data-ended" in page and f"berakhir pada {this_year - 1}" in page
    current = MasterplanFactory(city=ambon, start_year=this_year, end_year=this_year + 4, title="Masterplan Baru")
    page = login(koordinator).get(f"/cities/81.71/plan/?masterplan={current.pk}").content.decode()
    assert "data-ended" not in page
    assert page.count("periode berakhir") == 1  # the list of the city's plans flags the old one


def _tree_nodes(plan):
    target = TargetFactory(objective__mission__masterplan=plan, indicator="Cakupan layanan", value="80", year=2022)
    return {"missions": target.objective.mission, "objectives": target.objective, "targets": target}


# what each inline form posts, and the change someone else makes meanwhile
INLINE_EDITS = {
    "missions": ({"text": "Misi saya"}, lambda actor, node: services.mission_update(actor=actor, mission=node, text="Misi orang lain")),
    "objectives": (
        {"text": "Tujuan saya", "dimension_codes": ["governance"]},
        lambda actor, node: services.objective_update(actor=actor, objective=node, text="Tujuan orang lain"),
    ),
    "targets": (
        {"indicator": "Cakupan saya", "value": "90", "year": 2023},
        lambda actor, node: services.target_update(actor=actor, target=node, value="85"),
    ),
}


@pytest.mark.parametrize("what", INLINE_EDITS)
def test_a_stale_inline_form_of_the_vision_tree_is_refused_and_changes_nothing(login, koordinator, kementerian, plan, unchanged, what):
    node = _tree_nodes(plan)[what]
    data, other_change = INLINE_EDITS[what]
    client = login(koordinator)
    url = f"/cities/81.71/plan/vision/{what}/{node.pk}/edit/"
    assert 'name="version" value="1"' in client.get(url, **HTMX).content.decode()  # the form carries the version it shows
    other_change(kementerian, node)  # meanwhile someone else changes the record: version 2
    with unchanged():
        html = client.post(url, {**data, "version": "1"}, **HTMX).content.decode()
    assert 'id="version-conflict"' in html and kementerian.username in html and 'name="version" value="2"' in html
    assert client.post(url, {**data, "version": "2"}, **HTMX).status_code == 200  # saved again on the current version
    assert type(node).objects.get(pk=node.pk).version == 3
