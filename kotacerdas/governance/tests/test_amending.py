"""A masterplan revision is closed by its amending regulation, an entry of the city's regulation register.

The coordinator chooses the entry the register holds or records a new one (the region's Perwali or Perbup);
the revision page and the register show each other; bad input is refused with a stable code and nothing
half-saved; the old revision fields were carried into the register without loss (migration 0003).
"""

import datetime
import importlib

import pytest
from django.core.exceptions import PermissionDenied

from kotacerdas.cities.tests.factories import CityFactory
from kotacerdas.core.errors import ServiceError
from kotacerdas.framework.models import RegulationType
from kotacerdas.governance import services
from kotacerdas.governance.models import Regulation, head_regulation_type
from kotacerdas.governance.tests.conftest import pdf
from kotacerdas.masterplan import selectors as masterplan_selectors
from kotacerdas.masterplan import services as masterplan_services
from kotacerdas.masterplan.models import Revision
from kotacerdas.masterplan.tests.factories import MasterplanFactory, ready_to_legalise
from kotacerdas.regions.models import Region

D = datetime.date
API = "/api/v1/cities/81.71"
PERSONAS = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]
WRITERS = {"kementerian", "koordinator"}


@pytest.fixture
def legalised(kementerian, plan):
    ready_to_legalise(plan)
    return masterplan_services.masterplan_legalise(
        actor=kementerian, masterplan=plan, regulation_number="Perwali Kota Ambon Nomor 17 Tahun 2020", regulation_date=D(2020, 6, 8)
    )


@pytest.fixture
def revision(kementerian, legalised):
    return masterplan_services.revision_open(actor=kementerian, masterplan=legalised, reason="Penyesuaian dengan RPJMD baru")


def _fresh(revision) -> Revision:
    return Revision.objects.select_related("regulation").get(pk=revision.pk)


# --- closing with a new entry or an existing one ------------------------------------------------


def test_a_new_entry_is_the_regions_perwali_revises_the_legalising_entry_and_closes_the_revision(koordinator, perwali, revision):
    regulation = services.amending_regulation_record(
        actor=koordinator, revision=revision, number="Perwali 5 Tahun 2023", issued_on=D(2023, 3, 1), file=pdf("perubahan.pdf")
    )
    revision = _fresh(revision)
    assert not revision.is_open and revision.amending_regulation == regulation
    assert (regulation.type.code, regulation.status, regulation.masterplan_id) == ("perwali", "enacted", revision.masterplan_id)
    assert regulation.revises == perwali and regulation.title == f"Perubahan {revision.masterplan} (revisi 1)"
    assert regulation.original_name == "perubahan.pdf"
    with pytest.raises(ServiceError) as refused:
        masterplan_services.mission_create(actor=koordinator, masterplan=revision.masterplan, text="Misi tanpa revisi")
    assert refused.value.code == "revision_required"


def test_a_regencys_amending_regulation_is_a_perbup(kementerian):
    regency = CityFactory(region=Region.objects.get(code="81.01"))
    plan = ready_to_legalise(MasterplanFactory(city=regency, start_year=2019, end_year=2024))
    masterplan_services.masterplan_legalise(
        actor=kementerian, masterplan=plan, regulation_number="Perbup 3/2020", regulation_date=D(2020, 2, 3)
    )
    revision = masterplan_services.revision_open(actor=kementerian, masterplan=plan, reason="RPJMD baru")
    regulation = services.amending_regulation_record(actor=kementerian, revision=revision, number="Perbup 8/2022", issued_on=D(2022, 5, 2))
    assert regulation.type.code == "perbup" and regulation.revises is None
    assert (head_regulation_type("Kota Ambon"), head_regulation_type("Kabupaten Maluku Tengah")) == ("perwali", "perbup")


def test_an_entry_of_the_register_is_chosen_and_takes_the_masterplan(koordinator, ambon, revision):
    entry = services.regulation_create(
        actor=koordinator,
        city=ambon,
        type_code="perwali",
        number="9 Tahun 2022",
        title="Perubahan masterplan",
        issued_on=D(2022, 8, 15),
        status="enacted",
    )
    services.amending_regulation_record(actor=koordinator, revision=revision, regulation_id=entry.pk)
    entry.refresh_from_db()
    assert (entry.revision_id, entry.masterplan_id, entry.version) == (revision.pk, revision.masterplan_id, 2)
    assert Regulation.objects.count() == 1 and not _fresh(revision).is_open


def test_the_masterplans_own_perwali_is_shown_as_its_register_entry(perwali, legalised, ambon):
    assert masterplan_selectors.legalising_regulation(legalised) == perwali
    other_day = MasterplanFactory(
        city=ambon, start_year=2025, end_year=2029, regulation_number="17 Tahun 2020", regulation_date=D(2024, 1, 2)
    )
    assert masterplan_selectors.legalising_regulation(other_day) is None


# --- refusals: a stable code and nothing half-saved -----------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "status"),
    [
        ({"number": "Perwali 1/2019", "issued_on": D(2019, 1, 2)}, "revision_before_original", 400),
        ({"number": "Perwali 1/2099", "issued_on": D(2099, 1, 2)}, "date_in_future", 400),
        ({"number": "", "issued_on": D(2023, 3, 1)}, "regulation_incomplete", 400),
        ({"number": "Perwali 5/2023", "issued_on": None}, "regulation_incomplete", 400),
        ({"number": "Perwali 5/2023", "issued_on": D(2023, 3, 1), "type_code": "tidak-ada"}, "unknown_code", 400),
    ],
)
def test_a_bad_new_entry_is_refused_and_the_revision_stays_open(koordinator, revision, unchanged, args, code, status):
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.amending_regulation_record(actor=koordinator, revision=revision, file=pdf(), **args)
    assert (refused.value.code, refused.value.status) == (code, status)


def test_an_unsuitable_entry_is_refused(koordinator, kementerian, ambon, tual, draft, revision, unchanged):
    def entry(city, **extra):
        data = {"type_code": "perwali", "number": "9/2022", "title": "Perubahan", "issued_on": D(2022, 8, 15), "status": "enacted"}
        return services.regulation_create(actor=kementerian, city=city, **{**data, **extra})

    of_tual = entry(tual)
    of_other_plan = entry(ambon, masterplan_id=MasterplanFactory(city=ambon, start_year=2025, end_year=2029).pk)
    too_early = entry(ambon, issued_on=D(2019, 5, 1))
    for chosen, code, status in [
        (of_tual, "unknown_reference", 400),
        (draft, "regulation_not_enacted", 409),
        (of_other_plan, "regulation_other_masterplan", 409),
        (too_early, "revision_before_original", 400),
    ]:
        with unchanged(), pytest.raises(ServiceError) as refused:
            services.amending_regulation_record(actor=koordinator, revision=revision, regulation_id=chosen.pk)
        assert (refused.value.code, refused.value.status, refused.value.field) == (code, status, "regulation_id")


def test_an_entry_closes_one_revision_only_and_a_closed_revision_stays_closed(koordinator, revision, unchanged):
    first = services.amending_regulation_record(actor=koordinator, revision=revision, number="5/2023", issued_on=D(2023, 3, 1))
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.amending_regulation_record(actor=koordinator, revision=_fresh(revision), number="6/2023", issued_on=D(2023, 4, 1))
    assert refused.value.code == "revision_closed"
    second = masterplan_services.revision_open(actor=koordinator, masterplan=revision.masterplan, reason="Revisi kedua")
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.amending_regulation_record(actor=koordinator, revision=second, regulation_id=first.pk)
    assert refused.value.code == "duplicate"


def test_an_amending_entry_stays_enacted_dated_after_the_original_and_in_the_register(koordinator, revision, unchanged):
    regulation = services.amending_regulation_record(actor=koordinator, revision=revision, number="5/2023", issued_on=D(2023, 3, 1))
    for change, code in [
        ({"status": "draft"}, "regulation_not_enacted"),
        ({"issued_on": D(2019, 1, 1)}, "revision_before_original"),
        ({"masterplan_id": None}, "regulation_other_masterplan"),
    ]:
        with unchanged(), pytest.raises(ServiceError) as refused:
            services.regulation_update(actor=koordinator, regulation=Regulation.objects.get(pk=regulation.pk), **change)
        assert refused.value.code == code
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.regulation_delete(actor=koordinator, regulation=regulation)
    assert refused.value.code == "still_linked"
    services.regulation_update(actor=koordinator, regulation=regulation, status="revoked", note="Dicabut")
    assert Regulation.objects.get(pk=regulation.pk).status == "revoked"


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_coordinators_and_the_ministry_close_a_revision(persona, personas, revision, unchanged):
    if persona in WRITERS:
        services.amending_regulation_record(actor=personas[persona], revision=revision, number="5/2023", issued_on=D(2023, 3, 1))
        assert not _fresh(revision).is_open
    else:
        with unchanged(), pytest.raises(PermissionDenied):
            services.amending_regulation_record(actor=personas[persona], revision=revision, number="5/2023", issued_on=D(2023, 3, 1))


# --- the pages show each other ----------------------------------------------------------------------


def test_the_close_page_offers_register_entries_and_the_pages_link_each_other(login, koordinator, ambon, perwali, revision):
    services.regulation_create(
        actor=koordinator,
        city=ambon,
        type_code="perwali",
        number="9 Tahun 2022",
        title="Perubahan masterplan",
        issued_on=D(2022, 8, 15),
        status="enacted",
    )
    client = login(koordinator)
    url = f"/cities/81.71/records/revisions/{revision.pk}/close/"
    page = client.get(url).content.decode()
    assert "9 Tahun 2022" in page and 'value="perwali" selected' in page and f"Perubahan {revision.masterplan} (revisi 1)" in page
    chosen = Regulation.objects.get(number="9 Tahun 2022")
    assert client.post(url, {"regulation": chosen.pk}).status_code == 302
    plan_page = client.get(f"/cities/81.71/plan/?masterplan={revision.masterplan_id}").content.decode()
    assert f"/records/regulations/{chosen.pk}/" in plan_page and "9 Tahun 2022" in plan_page
    assert f"/records/regulations/{perwali.pk}/" in plan_page  # the legalising Perwali's entry
    detail = client.get(f"/cities/81.71/records/regulations/{chosen.pk}/").content.decode()
    assert "data-closes-revision" in detail and "Penyesuaian dengan RPJMD baru" in detail
    assert client.get(url).status_code == 302  # closed: back to the masterplan


def test_a_refused_close_page_keeps_the_revision_open_and_names_the_problem(login, koordinator, revision, unchanged):
    client = login(koordinator)
    with unchanged():
        response = client.post(f"/cities/81.71/records/revisions/{revision.pk}/close/", {"number": "1/2019", "issued_on": "2019-01-02"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()


def test_the_public_and_other_roles_get_no_close_page(client, login, operator_dinkes, revision):
    url = f"/cities/81.71/records/revisions/{revision.pk}/close/"
    assert client.get(url).status_code == 302  # to sign in
    assert login(operator_dinkes).get(url).status_code == 403


# --- the API -------------------------------------------------------------------------------------


def test_the_api_closes_with_a_register_entry_and_refuses_another_citys(
    client, api_token, koordinator, kementerian, tual, revision, unchanged
):
    headers = api_token(koordinator)
    of_tual = services.regulation_create(
        actor=kementerian, city=tual, type_code="perwali", number="2/2022", title="Perwali Tual", issued_on=D(2022, 1, 3), status="enacted"
    )
    url = f"{API}/revisions/{revision.pk}/close"
    with unchanged():
        response = client.post(url, {"regulation_id": of_tual.pk}, content_type="application/json", headers=headers)
    assert response.status_code == 400 and response.json()["code"] == "unknown_reference"
    assert response.json()["errors"][0]["field"] == "regulation_id"
    with unchanged():
        response = client.post(url, {"number": "1/2019", "issued_on": "2019-01-02"}, content_type="application/json", headers=headers)
    assert response.status_code == 400 and response.json()["code"] == "revision_before_original"
    response = client.post(url, {"number": "5/2023", "issued_on": "2023-03-01"}, content_type="application/json", headers=headers)
    body = response.json()
    assert response.status_code == 200 and not body["is_open"] and body["regulation_number"] == "5/2023"
    entry = client.get(f"{API}/regulations/{body['regulation_id']}", headers=headers).json()
    assert (entry["revision_id"], entry["regulation_type_code"], entry["status"]) == (revision.pk, "perwali", "enacted")


# --- the migration carried the old revision fields into the register ----------------------------


class _OldRevisions:
    """Stands in for the historical Revision (with its own regulation fields): `.objects.filter(...).values(...)`."""

    def __init__(self, rows):
        self.objects = self
        self.rows = rows

    def filter(self, **kwargs):
        return self

    def values(self, *fields):
        return self.rows


def test_the_migration_turns_old_revision_fields_into_register_entries_without_loss(kementerian, ambon, perwali, legalised):
    migration = importlib.import_module("kotacerdas.governance.migrations.0003_regulation_closes_a_masterplan_revision")
    regency = CityFactory(region=Region.objects.get(code="81.01"))
    regency_plan = MasterplanFactory(city=regency, start_year=2019, end_year=2024, title="Masterplan Smart City Maluku Tengah")
    same = services.regulation_create(
        actor=kementerian,
        city=ambon,
        type_code="perwali",
        number="Perwali  9 tahun 2022",
        title="Perubahan",
        issued_on=D(2022, 8, 15),
        status="enacted",
    )
    revisions = [
        Revision.objects.create(masterplan=legalised, number=1, reason="a", opened_on=D(2022, 1, 3), closed_on=D(2022, 8, 15)),
        Revision.objects.create(masterplan=legalised, number=2, reason="b", opened_on=D(2023, 1, 3), closed_on=D(2023, 3, 1)),
        Revision.objects.create(masterplan=regency_plan, number=1, reason="c", opened_on=D(2022, 1, 3), closed_on=D(2022, 5, 2)),
    ]
    old = [
        (revisions[0], "PERWALI 9 Tahun 2022", D(2022, 8, 15)),
        (revisions[1], "Perwali 5 Tahun 2023", D(2023, 3, 1)),
        (revisions[2], "Perbup 8 Tahun 2022", D(2022, 5, 2)),
    ]
    rows = [
        {
            "pk": r.pk,
            "number": r.number,
            "regulation_number": number,
            "regulation_date": day,
            "masterplan_id": r.masterplan_id,
            "masterplan__title": r.masterplan.title,
            "masterplan__start_year": r.masterplan.start_year,
            "masterplan__end_year": r.masterplan.end_year,
            "masterplan__city_id": r.masterplan.city_id,
            "masterplan__city__region__name": r.masterplan.city.region.name,
        }
        for r, number, day in old
    ]

    class Apps:
        def get_model(self, app, name):
            return _OldRevisions(rows) if name == "Revision" else {"Regulation": Regulation, "RegulationType": RegulationType}[name]

    migration.forward(Apps(), None)
    same.refresh_from_db()
    assert (same.revision_id, same.masterplan_id, same.number) == (revisions[0].pk, legalised.pk, "Perwali  9 tahun 2022")  # deduplicated
    created = {r.revision_id: r for r in Regulation.objects.filter(note=migration.MIGRATED_NOTE)}
    assert (created[revisions[1].pk].number, created[revisions[1].pk].issued_on, created[revisions[1].pk].type.code) == (
        "Perwali 5 Tahun 2023",
        D(2023, 3, 1),
        "perwali",
    )
    assert (created[revisions[2].pk].number, created[revisions[2].pk].type.code, created[revisions[2].pk].city) == (
        "Perbup 8 Tahun 2022",
        "perbup",
        regency,
    )
    assert created[revisions[1].pk].status == "enacted" and created[revisions[1].pk].masterplan == legalised
    assert Regulation.objects.count() == 4  # the Perwali, the reused entry and two new ones


def test_the_close_page_offers_neither_decrees_nor_the_legalising_perwali(kementerian, ambon, perwali, council, revision):
    from kotacerdas.governance import selectors

    decree = services.regulation_create(
        actor=kementerian,
        city=ambon,
        type_code="keputusan",
        number="188/2019",
        title="SK Dewan",
        issued_on=D(2020, 7, 1),
        status="enacted",
        body_id=council.pk,
    )
    loose = services.regulation_create(
        actor=kementerian, city=ambon, type_code="perwali", number="9/2022", title="Perubahan", issued_on=D(2022, 8, 15), status="enacted"
    )
    assert list(selectors.amending_candidates(revision)) == [loose] and decree.pk and perwali.pk
