"""The lifecycle per masterplan cycle, from the programme's point of view (issue 7, item 1).

Ambon's first cycle is 2019–2024 (bimtek 2019, commitment 15 October 2019); its second masterplan,
2025–2029, was drafted in 2024. Each cycle keeps its own history; the order of the stages is advice;
no write moves a stage to an impossible date; a legalised masterplan changes only through a revision.
"""

import datetime

import pytest
from django.conf import settings
from django.utils.translation import gettext

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.cities import services as city_services
from kotacerdas.cities.models import Stage, StageEvent
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent
from kotacerdas.governance import services as governance_services
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan, Revision
from kotacerdas.masterplan.tests.factories import MasterplanFactory, ready_to_legalise

D = datetime.date
API = "/api/v1/cities/81.71"


@pytest.fixture
def first(ambon):
    return MasterplanFactory(city=ambon, start_year=2019, end_year=2024, title="Masterplan Smart City Kota Ambon")


@pytest.fixture
def second(ambon, first):
    return MasterplanFactory(city=ambon, start_year=2025, end_year=2029, title="Masterplan Smart City Kota Ambon")


def _dates(plan) -> dict:
    return dict(plan.stage_events.values_list("stage", "reached_on"))


def _commit(actor, city, day, **kwargs):
    return city_services.commitment_create(actor=actor, city=city, signed_on=day, place="Manise Hotel", text="Kami berkomitmen.", **kwargs)


# --- cycles keep separate histories ------------------------------------------------------------


def test_a_second_cycle_keeps_the_first_cycles_bimtek_i_date(koordinator, ambon, first):
    city_services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.BIMTEK_1, reached_on=D(2019, 7, 11))
    _commit(koordinator, ambon, D(2019, 10, 15))
    second = MasterplanFactory(city=ambon, start_year=2025, end_year=2029)
    city_services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.BIMTEK_1, reached_on=D(2024, 7, 10), masterplan_id=second.pk)
    assert _dates(first) == {Stage.BIMTEK_1: D(2019, 7, 11), Stage.COMMITMENT: D(2019, 10, 15)}
    assert _dates(second) == {Stage.BIMTEK_1: D(2024, 7, 10)}  # the 2019 commitment marks nothing of the new cycle
    ambon.refresh_from_db()
    assert ambon.stage == Stage.BIMTEK_1  # derived from the newest cycle, not the furthest stage ever reached


def test_a_2019_commitment_recorded_after_the_new_cycle_opened_belongs_to_the_2019_cycle(koordinator, ambon, first, second):
    city_services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.BIMTEK_1, reached_on=D(2024, 7, 10), masterplan_id=second.pk)
    _commit(koordinator, ambon, D(2019, 10, 15))
    assert _dates(first) == {Stage.COMMITMENT: D(2019, 10, 15)}
    assert Stage.COMMITMENT not in _dates(second)
    ambon.refresh_from_db()
    assert ambon.stage == Stage.BIMTEK_1


def test_the_new_cycles_commitment_signed_in_2024_goes_to_the_cycle_named(koordinator, ambon, first, second):
    _commit(koordinator, ambon, D(2024, 10, 1), masterplan_id=second.pk)
    assert _dates(second) == {Stage.COMMITMENT: D(2024, 10, 1)} and not _dates(first)


def test_stages_recorded_before_the_masterplan_was_opened_join_it(koordinator, ambon):
    city_services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.MOU, reached_on=D(2019, 5, 16))
    city_services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.BODIES, reached_on=D(2019, 6, 20))
    plan = services.masterplan_create(actor=koordinator, city=ambon, title="Masterplan", start_year=2019, end_year=2024)
    assert _dates(plan) == {Stage.BODIES: D(2019, 6, 20)}
    assert ambon.stage_events.get(stage=Stage.MOU).masterplan is None  # participation belongs to no cycle


def test_the_timeline_shows_each_cycle_and_only_dated_stages_as_done(login, koordinator, ambon, first, second):
    city_services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.BIMTEK_1, reached_on=D(2019, 7, 11))
    city_services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.BIMTEK_2, reached_on=D(2024, 8, 1), masterplan_id=second.pk)
    lifecycle = city_selectors.stage_cycles(ambon)
    [newest, oldest] = lifecycle["cycles"]
    assert newest["masterplan"] == second and newest["is_current"] and not oldest["is_current"]
    assert [s["value"] for s in newest["track"] if s["state"] != "todo"] == [Stage.BIMTEK_2]  # Bimtek I of 2024 has no date
    assert [s["value"] for s in oldest["track"] if s["state"] != "todo"] == [Stage.BIMTEK_1]
    page = login(koordinator).get("/cities/81.71/stages/").content.decode()
    assert "2025–2029" in page and "2019–2024" in page and "11 Jul 2019" in page and "1 Agu 2024" in page


def test_the_stage_page_reads_every_cycle_in_a_fixed_number_of_queries(login, koordinator, ambon, first, django_assert_num_queries):
    client = login(koordinator)
    client.get("/cities/81.71/stages/")
    with django_assert_num_queries(8):
        client.get("/cities/81.71/stages/")
    for year in (2025, 2030, 2035):
        plan = MasterplanFactory(city=ambon, start_year=year, end_year=year + 4)
        for stage in (Stage.BODIES, Stage.BIMTEK_1, Stage.COMMITMENT):
            StageEvent.objects.create(city=ambon, masterplan=plan, stage=stage, reached_on=D(min(year, 2025), 3, 1))
    with django_assert_num_queries(8):
        client.get("/cities/81.71/stages/")


# --- order is advice -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first_stage, first_day, then_stage, then_day",
    [
        (Stage.BIMTEK_1, D(2019, 7, 11), Stage.BODIES, D(2019, 8, 2)),  # the council formed after Bimtek I
        (Stage.IMPLEMENTATION, D(2020, 1, 6), Stage.LEGALISED, D(2020, 6, 8)),  # quick wins start before the Perwali
    ],
)
def test_stages_out_of_the_usual_order_are_accepted_with_a_warning(koordinator, ambon, first, first_stage, first_day, then_stage, then_day):
    city_services.city_record_stage(actor=koordinator, city=ambon, stage=first_stage, reached_on=first_day)
    city_services.city_record_stage(actor=koordinator, city=ambon, stage=then_stage, reached_on=then_day)
    assert _dates(first) == {first_stage: first_day, then_stage: then_day}
    warnings = city_selectors.stage_cycles(ambon)["current"]["warnings"]
    assert any(str(first_stage.label) in w and str(then_stage.label) in w for w in warnings)


def test_an_evaluation_without_a_perwali_is_accepted_and_the_missing_perwali_shows(koordinator, ambon, first):
    city_services.city_record_stage(actor=koordinator, city=ambon, stage=Stage.EVALUATED, reached_on=D(2023, 11, 20))
    ambon.refresh_from_db()
    assert ambon.stage == Stage.EVALUATED
    warnings = city_selectors.stage_cycles(ambon)["current"]["warnings"]
    assert any(str(Stage.LEGALISED.label) in w for w in warnings)


def test_the_api_records_out_of_order_and_answers_the_warning(client, api_token, koordinator, ambon, first):
    headers = api_token(koordinator)
    response = client.post(
        f"{API}/stages", {"stage": "bimtek1", "reached_on": "2019-07-11"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 201 and response.json()["masterplan_id"] == first.pk
    response = client.post(
        f"{API}/stages", {"stage": "bodies", "reached_on": "2019-08-02"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 201
    detail = client.get(API, headers=headers).json()
    assert detail["stage"] == "bimtek1"  # the furthest stage of the cycle
    assert len(detail["stage_warnings"]) == 1


# --- impossible dates are refused, nothing changes ------------------------------------------------


@pytest.mark.parametrize(
    "day, code",
    [(D(9999, 12, 31), "date_in_future"), (D(1, 1, 1), "date_before_programme"), (D(2016, 12, 31), "date_before_programme")],
)
def test_a_commitment_with_an_impossible_date_is_refused_and_moves_no_stage(koordinator, ambon, first, unchanged, day, code):
    with unchanged(), pytest.raises(ServiceError) as refused:
        _commit(koordinator, ambon, day)
    assert refused.value.code == code and refused.value.field == "signed_on"


@pytest.mark.parametrize("signed_on, code", [("9999-12-31", "date_in_future"), ("0001-01-01", "date_before_programme")])
def test_the_commitment_page_refuses_an_impossible_date(login, koordinator, ambon, first, unchanged, signed_on, code):
    data = {"signed_on": signed_on, "place": "Manise Hotel", "text": "Kami berkomitmen."}
    data |= {"sig-TOTAL_FORMS": "0", "sig-INITIAL_FORMS": "0", "sig-MIN_NUM_FORMS": "0", "sig-MAX_NUM_FORMS": "1000"}
    with unchanged():
        response = login(koordinator).post("/cities/81.71/commitment/new/", data)
    assert response.status_code == 200 and "is-invalid" in response.content.decode()


def test_a_stage_of_the_new_cycle_dated_2019_is_refused(koordinator, ambon, first, second, unchanged):
    with unchanged(), pytest.raises(ServiceError) as refused:
        city_services.city_record_stage(
            actor=koordinator, city=ambon, stage=Stage.COMMITMENT, reached_on=D(2019, 10, 15), masterplan_id=second.pk
        )
    assert refused.value.code == "date_before_cycle" and "2025–2029" in refused.value.message


def test_a_masterplan_of_another_city_is_no_cycle_here(koordinator, ambon, tual, first, unchanged):
    other = MasterplanFactory(city=tual, start_year=2019, end_year=2024)
    with unchanged(), pytest.raises(ServiceError) as refused:
        city_services.city_record_stage(
            actor=koordinator, city=ambon, stage=Stage.BIMTEK_1, reached_on=D(2019, 7, 11), masterplan_id=other.pk
        )
    assert refused.value.code == "unknown_reference" and refused.value.field == "masterplan_id"


# --- legalisation -----------------------------------------------------------------------------------


def test_legalisation_of_an_empty_masterplan_is_refused_listing_what_is_missing(koordinator, ambon, unchanged):
    plan = MasterplanFactory(city=ambon, start_year=2019, end_year=2024, vision="")
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.masterplan_legalise(actor=koordinator, masterplan=plan, regulation_number="Perwali 17/2020", regulation_date=D(2020, 6, 8))
    assert refused.value.code == "not_ready_to_legalise"
    for part in ("a vision", "a programme", "the signed commitment of its cycle"):
        assert gettext(part) in refused.value.message


def test_the_legalise_api_lists_the_missing_parts(client, api_token, koordinator, ambon, first, unchanged):
    StageEvent.objects.create(city=ambon, masterplan=first, stage=Stage.COMMITMENT, reached_on=D(2019, 10, 15))  # no programme yet
    headers = api_token(koordinator)
    client.get(API, headers=headers)
    body = {"status": "legalised", "regulation_number": "Perwali 17/2020", "regulation_date": "2020-06-08"}
    with unchanged():
        response = client.patch(f"{API}/masterplans/{first.pk}", body, content_type="application/json", headers=headers)
    assert response.status_code == 409 and response.json()["code"] == "not_ready_to_legalise"
    assert gettext("a programme") in response.json()["message"] and gettext("a vision") not in response.json()["message"]


def test_the_legalise_page_lists_the_missing_parts(login, koordinator, ambon, first, unchanged):
    client = login(koordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = {"regulation_number": "Perwali 17/2020", "regulation_date": "2020-06-08"}
    with unchanged():
        page = client.post(f"/cities/81.71/plan/{first.pk}/legalise/", body).content.decode()
    assert "cannot be legalised yet: it lacks a programme, the signed commitment of its cycle." in page


def test_a_period_outside_5_to_10_years_is_legalised_only_with_its_reason(koordinator, ambon, unchanged):
    plan = ready_to_legalise(MasterplanFactory(city=ambon, start_year=2019, end_year=2022))
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.masterplan_legalise(actor=koordinator, masterplan=plan, regulation_number="Perwali 17/2020", regulation_date=D(2020, 6, 8))
    assert refused.value.code == "period_outside_programme" and refused.value.field == "period_reason"
    services.masterplan_legalise(
        actor=koordinator,
        masterplan=plan,
        regulation_number="Perwali 17/2020",
        regulation_date=D(2020, 6, 8),
        period_reason="Mengikuti sisa masa jabatan wali kota (RPJMD 2017–2022).",
    )
    plan.refresh_from_db()
    assert plan.status == Masterplan.Status.LEGALISED and plan.period_reason.startswith("Mengikuti")


def test_legalising_records_the_stage_in_its_own_cycle(koordinator, ambon, first, second):
    ready_to_legalise(first)
    services.masterplan_legalise(actor=koordinator, masterplan=first, regulation_number="Perwali 17/2020", regulation_date=D(2020, 6, 8))
    assert _dates(first)[Stage.LEGALISED] == D(2020, 6, 8) and Stage.LEGALISED not in _dates(second)


# --- a legalised masterplan changes only through a revision ----------------------------------------------


@pytest.fixture
def legalised(koordinator, first):
    ready_to_legalise(first)
    return services.masterplan_legalise(
        actor=koordinator, masterplan=first, regulation_number="Perwali 17/2020", regulation_date=D(2020, 6, 8)
    )


def test_a_legalised_masterplan_is_not_changed_silently(koordinator, legalised, unchanged):
    for change in (
        lambda: services.masterplan_update(actor=koordinator, masterplan=legalised, vision="Visi lain"),
        lambda: services.masterplan_update(actor=koordinator, masterplan=legalised, status=Masterplan.Status.DRAFT),
        lambda: services.mission_create(actor=koordinator, masterplan=legalised, text="Misi baru"),
    ):
        with unchanged(), pytest.raises(ServiceError) as refused:
            change()
        assert refused.value.code == "revision_required"


def test_a_revision_opens_the_plan_to_change_and_its_regulation_closes_it(koordinator, legalised):
    revision = services.revision_open(actor=koordinator, masterplan=legalised, reason="RPJMD 2025–2029 yang baru")
    services.mission_create(actor=koordinator, masterplan=legalised, text="Misi baru hasil revisi")
    governance_services.amending_regulation_record(actor=koordinator, revision=revision, number="Perwali 5/2023", issued_on=D(2023, 3, 1))
    revision = Revision.objects.get(pk=revision.pk)
    assert (revision.number, revision.amending_regulation.number, revision.is_open) == (1, "Perwali 5/2023", False)
    assert AuditEvent.objects.filter(model="masterplan.revision", object_pk=str(revision.pk)).count() == 2
    with pytest.raises(ServiceError) as refused:
        services.mission_create(actor=koordinator, masterplan=legalised, text="Misi tanpa revisi")
    assert refused.value.code == "revision_required"


def test_a_revision_cannot_predate_the_regulation_it_amends(koordinator, legalised, unchanged):
    revision = services.revision_open(actor=koordinator, masterplan=legalised, reason="Perubahan")
    with unchanged(), pytest.raises(ServiceError) as refused:
        governance_services.amending_regulation_record(
            actor=koordinator, revision=revision, number="Perwali 1/2019", issued_on=D(2019, 1, 2)
        )
    assert refused.value.code == "revision_before_original"


def test_a_draft_is_not_revised_and_one_revision_is_open_at_a_time(koordinator, legalised, second, unchanged):
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.revision_open(actor=koordinator, masterplan=second, reason="Perubahan")
    assert refused.value.code == "not_legalised"
    services.revision_open(actor=koordinator, masterplan=legalised, reason="Perubahan")
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.revision_open(actor=koordinator, masterplan=legalised, reason="Perubahan kedua")
    assert refused.value.code == "revision_open"


def test_revisions_through_the_api(client, api_token, koordinator, legalised, unchanged):
    headers = api_token(koordinator)
    client.get(API, headers=headers)
    with unchanged():
        response = client.patch(
            f"{API}/masterplans/{legalised.pk}", {"vision": "Visi lain"}, content_type="application/json", headers=headers
        )
    assert response.status_code == 409 and response.json()["code"] == "revision_required"
    response = client.post(
        f"{API}/masterplans/{legalised.pk}/revisions", {"reason": "RPJMD baru"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 201 and response.json()["is_open"] and response.json()["number"] == 1
    revision_id = response.json()["id"]
    assert client.get(f"{API}/masterplans/{legalised.pk}", headers=headers).json()["revision_open"] is True
    response = client.patch(f"{API}/masterplans/{legalised.pk}", {"vision": "Visi lain"}, content_type="application/json", headers=headers)
    assert response.status_code == 200
    body = {"number": "Perwali 5/2023", "issued_on": "2023-03-01"}
    response = client.post(f"{API}/revisions/{revision_id}/close", body, content_type="application/json", headers=headers)
    assert response.status_code == 200 and not response.json()["is_open"]
    listed = client.get(f"{API}/masterplans/{legalised.pk}/revisions", headers=headers).json()
    assert listed["count"] == 1 and listed["items"][0]["regulation_number"] == "Perwali 5/2023"
    assert listed["items"][0]["regulation_id"] == Revision.objects.get().amending_regulation.pk


def test_revisions_through_the_page(login, koordinator, legalised, unchanged):
    client = login(koordinator)
    with unchanged():
        page = client.post(f"/cities/81.71/plan/{legalised.pk}/revisions/new/", {"reason": ""}).content.decode()
    assert "is-invalid" in page
    assert client.post(f"/cities/81.71/plan/{legalised.pk}/revisions/new/", {"reason": "RPJMD baru"}).status_code == 302
    revision = Revision.objects.get()
    page = client.get(f"/cities/81.71/plan/?masterplan={legalised.pk}").content.decode()
    assert "RPJMD baru" in page and f"/records/revisions/{revision.pk}/close/" in page
    response = client.post(f"/cities/81.71/records/revisions/{revision.pk}/close/", {"number": "Perwali 5/2023", "issued_on": "2023-03-01"})
    assert response.status_code == 302
    revision = Revision.objects.get()
    assert not revision.is_open and revision.amending_regulation.number == "Perwali 5/2023"
    page = client.get(f"/cities/81.71/plan/?masterplan={legalised.pk}").content.decode()
    assert f"/records/regulations/{revision.amending_regulation.pk}/" in page
