"""The programme's cohorts as records: rules, permissions per role, pages, API, filters, query counts."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kotacerdas.cities import services
from kotacerdas.cities.models import City, Cohort
from kotacerdas.cities.tests.factories import CityFactory, CohortFactory
from kotacerdas.cities.tests.rights import PERSONAS
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent
from kotacerdas.regions.models import Region

API = "/api/v1/cohorts"
NEXT_YEAR = datetime.date.today().year + 1


@pytest.fixture
def tahap_2(db):
    return CohortFactory(year=2018, stage_number=2, selected_count=50)


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- rules ----------------------------------------------------------------------------------


def test_a_cohort_is_recorded_with_its_published_figures_and_audited(kementerian):
    cohort = services.cohort_create(
        actor=kementerian,
        year=2019,
        stage_number=3,
        invited_count=120,
        assessed_count=60,
        selected_count=25,
        selection_criteria="  Kesiapan daerah  ",
        source_note="Siaran pers Kominfo",
    )
    assert (cohort.year, cohort.stage_number, cohort.selected_count, cohort.version) == (2019, 3, 25, 1)
    assert cohort.selection_criteria == "Kesiapan daerah" and cohort.label == "Tahap III (2019)"
    event = AuditEvent.objects.get(model="cities.cohort", object_pk=str(cohort.pk))
    assert event.action == "create" and event.city is None and event.after["selected_count"] == 25


def test_a_cohort_is_named_by_its_name_else_its_stage_else_its_year(db):
    assert Cohort(year=2021).label == "Tahun kepesertaan 2021"
    assert Cohort(year=2019, stage_number=3).label == "Tahap III (2019)"
    assert Cohort(year=2019, stage_number=3, name="Gerakan Menuju 100 Smart City tahap 3").label == "Gerakan Menuju 100 Smart City tahap 3"


@pytest.mark.parametrize(
    "fields, code, field",
    [
        ({"year": 2016}, "out_of_range", "year"),
        ({"year": NEXT_YEAR + 1}, "out_of_range", "year"),
        ({"year": 2019, "stage_number": 0}, "out_of_range", "stage_number"),
        ({"year": 2019, "invited_count": -1}, "out_of_range", "invited_count"),
        ({"year": 2019, "assessed_count": 30, "selected_count": 31}, "cohort_more_selected_than_assessed", "selected_count"),
        ({"year": 2019, "invited_count": 50, "assessed_count": 51}, "cohort_more_assessed_than_invited", "assessed_count"),
        ({"year": 2019, "invited_count": 20, "selected_count": 25}, "cohort_more_selected_than_invited", "selected_count"),
        ({"year": 2019, "stage_number": 3}, "duplicate", "stage_number"),
    ],
)
def test_a_cohort_that_breaks_a_rule_is_refused_with_a_stable_code(kementerian, ambon, fields, code, field, unchanged):
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.cohort_create(actor=kementerian, **fields)
    assert (exc.value.code, exc.value.field) == (code, field)


def test_a_second_cohort_of_a_year_without_a_stage_number_is_a_duplicate(kementerian, tual, unchanged):
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.cohort_create(actor=kementerian, year=2021)
    assert exc.value.code == "duplicate" and exc.value.status == 409 and "2021" in exc.value.message
    assert services.cohort_create(actor=kementerian, year=2021, stage_number=5).label == "Tahap V (2021)"


def test_the_counts_are_checked_against_those_left_as_they_are(kementerian, ambon, unchanged):
    cohort = ambon.cohort  # 25 selected
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.cohort_update(actor=kementerian, cohort=cohort, assessed_count=20)
    assert exc.value.code == "cohort_more_selected_than_assessed" and "25" in exc.value.message
    services.cohort_update(actor=kementerian, cohort=cohort, invited_count=100, assessed_count=40)
    assert Cohort.objects.get(pk=cohort.pk).version == 2


def test_an_unchanged_cohort_is_not_its_own_duplicate(kementerian, ambon):
    cohort = services.cohort_update(actor=kementerian, cohort=ambon.cohort, year=2019, stage_number=3, name="Tahap 3")
    assert cohort.name == "Tahap 3" and Cohort.objects.count() == 1


def test_a_cohort_with_cities_cannot_be_deleted(kementerian, ambon, unchanged):
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.cohort_delete(actor=kementerian, cohort=ambon.cohort)
    assert exc.value.code == "still_linked" and exc.value.status == 409 and "1" in exc.value.message


def test_an_empty_cohort_is_deleted_and_audited(kementerian, tahap_2):
    services.cohort_delete(actor=kementerian, cohort=tahap_2)
    assert not Cohort.objects.filter(pk=tahap_2.pk).exists()
    assert AuditEvent.objects.filter(model="cities.cohort", object_pk=str(tahap_2.pk), action="delete").exists()


# --- permissions: only the ministry writes cohorts ------------------------------------------

WRITES = {
    "create": lambda actor, cohort: services.cohort_create(actor=actor, year=2017, stage_number=1, selected_count=25),
    "update": lambda actor, cohort: services.cohort_update(actor=actor, cohort=cohort, selected_count=49),
    "delete": lambda actor, cohort: services.cohort_delete(actor=actor, cohort=cohort),
}


@pytest.mark.parametrize("write", sorted(WRITES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_ministry_writes_cohorts(persona, write, personas, tahap_2, unchanged):
    if persona == "kementerian":
        WRITES[write](personas[persona], tahap_2)
        assert AuditEvent.objects.filter(model="cities.cohort", action=write).exists()
        return
    with unchanged(), pytest.raises(PermissionDenied):
        WRITES[write](personas[persona], tahap_2)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_ministry_opens_the_cohort_forms(persona, personas, login, tahap_2, client):
    user = personas[persona]
    login(user)
    for url in (reverse("cohorts:create"), reverse("cohorts:edit", args=[tahap_2.pk]), reverse("cohorts:delete", args=[tahap_2.pk])):
        expected = {"kementerian": 200, "warga": 302}.get(persona, 403)
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "kementerian"])
def test_a_forbidden_post_on_a_cohort_page_writes_nothing(persona, personas, login, tahap_2, client, unchanged):
    login(personas[persona])
    with unchanged():
        assert client.post(reverse("cohorts:create"), {"year": 2017, "stage_number": 1}).status_code in (302, 403)
        assert client.post(reverse("cohorts:edit", args=[tahap_2.pk]), {"year": 2018, "selected_count": 1}).status_code in (302, 403)
        assert client.post(reverse("cohorts:delete", args=[tahap_2.pk])).status_code in (302, 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_ministry_writes_cohorts_through_the_api(persona, personas, tahap_2, client, api_token, unchanged):
    user = personas[persona]
    headers = api_token(user) if user.is_authenticated else {}
    requests = [
        ("post", API, {"year": 2017, "stage_number": 1}),
        ("patch", f"{API}/{tahap_2.pk}", {"selected_count": 49}),
        ("delete", f"{API}/{tahap_2.pk}", None),
    ]
    if persona == "kementerian":
        statuses = [getattr(client, m)(u, data=d, content_type="application/json", headers=headers).status_code for m, u, d in requests]
        assert statuses == [201, 200, 204]
        return
    with unchanged():
        for method, url, data in requests:
            response = getattr(client, method)(url, data=data, content_type="application/json", headers=headers)
            assert response.status_code == (401 if persona == "warga" else 403), url
            assert response.json()["code"] == ("not_authenticated" if persona == "warga" else "forbidden")


# --- pages ----------------------------------------------------------------------------------


def test_the_list_shows_the_published_counts_beside_the_cities_recorded(login, kementerian, ambon, tual, tahap_2):
    tual.is_published = True
    tual.save(update_fields=["is_published"])
    body = english(login(kementerian)).get(reverse("cohorts:list")).content.decode()
    assert "Stage III (2019)" in body and "Stage II (2018)" in body and "Cohort 2021" in body
    assert reverse("cohorts:create") in body and reverse("cohorts:delete", args=[tahap_2.pk]) in body
    rows = {c.year: c.n_cities for c in login(kementerian).get(reverse("cohorts:list")).context["cohorts"]}
    assert rows == {2018: 0, 2019: 1, 2021: 1}


def test_the_public_sees_the_cohorts_and_only_published_cities_counted(client, ambon, tual):
    tual.is_published = True
    tual.save(update_fields=["is_published"])
    response = client.get(reverse("cohorts:list"))
    assert {c.year: c.n_cities for c in response.context["cohorts"]} == {2019: 0, 2021: 1}
    assert reverse("cohorts:create") not in response.content.decode()


def test_the_ministry_records_edits_and_deletes_a_cohort_on_its_pages(login, kementerian, ambon):
    client = english(login(kementerian))
    data = {"year": 2018, "stage_number": 2, "selected_count": 50, "source_note": "Kominfo, 2018"}
    assert client.post(reverse("cohorts:create"), data).status_code == 302
    cohort = Cohort.objects.get(year=2018)
    edit = reverse("cohorts:edit", args=[cohort.pk])
    assert 'name="version"' in client.get(edit).content.decode()
    response = client.post(edit, {**data, "invited_count": 100, "version": 1})
    assert response.status_code == 302 and Cohort.objects.get(pk=cohort.pk).invited_count == 100
    assert client.post(reverse("cohorts:delete", args=[cohort.pk])).status_code == 302
    assert not Cohort.objects.filter(pk=cohort.pk).exists()


def test_a_refused_cohort_form_says_why_and_writes_nothing(login, kementerian, ambon, unchanged):
    client = english(login(kementerian))
    with unchanged():
        response = client.post(reverse("cohorts:create"), {"year": 2019, "assessed_count": 10, "selected_count": 25})
        assert response.status_code == 200 and "25 selected but only 10 assessed" in response.content.decode()
        response = client.post(reverse("cohorts:create"), {"year": 2019, "stage_number": 3})
        assert response.status_code == 200 and "Stage III (2019) is already recorded" in response.content.decode()


def test_deleting_a_cohort_with_cities_is_refused_on_the_page(login, kementerian, ambon, unchanged):
    client = english(login(kementerian))
    with unchanged():
        response = client.post(reverse("cohorts:delete", args=[ambon.cohort_id]), follow=True)
    assert "cannot be deleted: 1 regency/city is recorded in it" in response.content.decode()


def test_the_city_form_chooses_its_cohort_from_a_select(login, kementerian, ambon, tual):
    client = login(kementerian)
    page = client.get(reverse("cities:edit", args=["81.71"])).content.decode()
    assert f'<option value="{tual.cohort_id}">Tahun kepesertaan 2021</option>' in page
    assert f'<option value="{ambon.cohort_id}" selected>Tahap III (2019)</option>' in page
    assert client.post(reverse("cities:edit", args=["81.71"]), {"cohort": tual.cohort_id, "version": 1}).status_code == 302
    assert City.objects.get(pk=ambon.pk).cohort_year == 2021


def test_a_coordinator_cannot_move_the_city_to_another_cohort(login, client, api_token, koordinator, ambon, tual, unchanged):
    """The ministry selects a city into a cohort: the coordinator sees it, and changes the rest of the record."""
    browser = login(koordinator)
    page = browser.get(reverse("cities:edit", args=["81.71"])).content.decode()
    assert 'name="cohort"' in page and "disabled" in page.split('name="cohort"')[1].split(">")[0]
    browser.post(reverse("cities:edit", args=["81.71"]), {"cohort": tual.cohort_id, "mou_number": "MoU/1/2019", "version": 1})
    ambon.refresh_from_db()
    assert (ambon.cohort_year, ambon.mou_number) == (2019, "MoU/1/2019")
    headers = api_token(koordinator)
    with unchanged():
        response = client.patch(
            "/api/v1/cities/81.71", data={"cohort_id": tual.cohort_id}, content_type="application/json", headers=headers
        )
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_the_city_page_and_the_portal_show_the_cohort_label(client, ambon, tual):
    ambon.is_published = True
    ambon.save(update_fields=["is_published"])
    assert "Tahap III (2019)" in client.get(reverse("cities:dashboard", args=["81.71"])).content.decode()
    assert "Tahap III (2019)" in client.get(reverse("site:home")).content.decode()


def test_the_city_list_is_filtered_by_cohort(login, kementerian, ambon, tual):
    client = login(kementerian)
    every = client.get(reverse("site:home")).content.decode()
    assert "Kota Ambon" in every and "Kota Tual" in every
    only = client.get(reverse("site:home") + f"?cohort={tual.cohort_id}").content.decode()
    assert "Kota Tual" in only and "Kota Ambon" not in only
    assert "Kota Ambon" in client.get(reverse("site:home") + "?cohort=nonsense").content.decode()


# --- API ------------------------------------------------------------------------------------


def test_the_api_lists_and_shows_cohorts_with_the_cities_the_caller_sees(client, api_token, kementerian, ambon, tual, tahap_2):
    body = client.get(API, headers=api_token(kementerian)).json()
    assert body["count"] == 3 and [c["year"] for c in body["items"]] == [2018, 2019, 2021]
    ambon_cohort = body["items"][1]
    assert ambon_cohort == {
        "id": ambon.cohort_id,
        "version": 1,
        "year": 2019,
        "stage_number": 3,
        "name": "",
        "label": "Tahap III (2019)",
        "invited_count": None,
        "assessed_count": None,
        "selected_count": 25,
        "selection_criteria": "",
        "source_note": "",
        "city_count": 1,
    }
    assert client.get(API).json()["items"][1]["city_count"] == 0  # the public: Ambon is not published
    assert [c["year"] for c in client.get(f"{API}?year=2018").json()["items"]] == [2018]
    one = client.get(f"{API}/{tahap_2.pk}")
    assert one.status_code == 200 and one["ETag"] == '"1"' and one.json()["label"] == "Tahap II (2018)"
    missing = client.get(f"{API}/987654321")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_the_api_changes_a_cohort_only_at_the_version_it_read(client, api_token, kementerian, tahap_2, unchanged):
    headers = api_token(kementerian)
    changed = client.patch(
        f"{API}/{tahap_2.pk}", data={"invited_count": 120}, content_type="application/json", headers={**headers, "If-Match": '"1"'}
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2 and changed["ETag"] == '"2"'
    with unchanged():
        stale = client.patch(
            f"{API}/{tahap_2.pk}", data={"invited_count": 10}, content_type="application/json", headers={**headers, "If-Match": '"1"'}
        )
    assert stale.status_code == 412 and stale.json()["code"] == "version_conflict"


@pytest.mark.parametrize(
    "method, path, data, status, code, field",
    [
        ("post", "", {"year": 2010}, 400, "out_of_range", "year"),
        ("post", "", {"year": 2019, "stage_number": 3}, 409, "duplicate", "stage_number"),
        ("post", "", {"year": 2019, "selected_count": -1}, 422, "validation_error", "selected_count"),
        ("post", "", {"year": 2019, "cohort": 3}, 422, "validation_error", "cohort"),
        ("patch", "/{pk}", {"assessed_count": 10}, 400, "cohort_more_selected_than_assessed", "selected_count"),
        ("patch", "/{pk}", {"invited_count": 10}, 400, "cohort_more_selected_than_invited", "selected_count"),
        ("patch", "/{pk}", {"year": None}, 422, "validation_error", "year"),
    ],
)
def test_refused_cohort_writes_answer_a_stable_code_and_change_nothing(
    client, api_token, kementerian, ambon, method, path, data, status, code, field, unchanged
):
    headers = api_token(kementerian)
    with unchanged():
        response = getattr(client, method)(
            API + path.format(pk=ambon.cohort_id), data=data, content_type="application/json", headers=headers
        )
    body = response.json()
    assert response.status_code == status and body["code"] == code and body["errors"][0]["field"] == field


def test_the_api_refuses_to_delete_a_cohort_with_cities(client, api_token, kementerian, ambon, unchanged):
    headers = api_token(kementerian)
    with unchanged():
        response = client.delete(f"{API}/{ambon.cohort_id}", headers=headers)
    assert response.status_code == 409 and response.json()["code"] == "still_linked"


def test_the_city_api_keeps_the_cohort_year_beside_the_cohort(client, api_token, kementerian, ambon, tual):
    headers = api_token(kementerian)
    city = client.get("/api/v1/cities/81.72", headers=headers).json()
    assert (city["cohort_id"], city["cohort_year"], city["cohort_name"]) == (tual.cohort_id, 2021, "Tahun kepesertaan 2021")
    only = client.get(f"/api/v1/cities?cohort_id={ambon.cohort_id}", headers=headers).json()
    assert [c["code"] for c in only["items"]] == ["81.71"] and only["items"][0]["cohort_year"] == 2019
    moved = client.patch("/api/v1/cities/81.72", data={"cohort_id": None}, content_type="application/json", headers=headers)
    assert moved.status_code == 200 and (moved.json()["cohort_id"], moved.json()["cohort_year"], moved.json()["cohort_name"]) == (
        None,
        None,
        "",
    )


# --- query counts ---------------------------------------------------------------------------


def _crowd(n: int = 30):
    """More cohorts and cities than a page shows, every city in a cohort."""
    regencies = Region.objects.filter(level="regency").exclude(code__in=["81.71", "81.72"]).order_by("code")[:n]
    for i, region in enumerate(regencies):
        CityFactory(region=region, cohort=CohortFactory(year=2017 + i % 8, stage_number=i + 10), is_published=True)


def test_cohort_list_query_counts_do_not_grow_with_the_data(
    login, client, kementerian, api_token, ambon, tual, django_assert_max_num_queries
):
    headers = api_token(kementerian)
    login(kementerian)
    pages = [(reverse("cohorts:list"), {}), (API + "?limit=500", headers), (reverse("site:home") + f"?cohort={ambon.cohort_id}", {})]
    counts = {}
    for url, extra in pages:
        with django_assert_max_num_queries(20) as captured:
            assert client.get(url, headers=extra).status_code == 200
        counts[url] = len(captured)
    _crowd()
    for url, extra in pages:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url, headers=extra).status_code == 200
    assert client.get(API + "?limit=500", headers=headers).json()["count"] == 32


# --- demo -----------------------------------------------------------------------------------


def test_the_demo_records_the_published_cohorts_and_puts_ambon_in_the_third_stage(kementerian):
    from kotacerdas.cities import demo

    city = demo.seed(actor=kementerian)
    demo.seed(actor=kementerian)  # idempotent
    cohorts = list(Cohort.objects.values_list("year", "stage_number", "invited_count", "assessed_count", "selected_count"))
    # docs/domain.md §1: 25 in 2017, 50 in 2018, 25 in 2019 (Ambon, the third stage), 48 in 2021; nothing else is published.
    assert cohorts == [(2017, 1, None, None, 25), (2018, 2, None, None, 50), (2019, 3, None, None, 25), (2021, None, None, None, 48)]
    assert all("Kominfo" in note for note in Cohort.objects.values_list("source_note", flat=True))
    assert city.cohort.label == "Tahap III (2019)" and city.cohort_year == 2019
