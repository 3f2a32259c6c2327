"""Mentors as people: the ministry's register, their city assignments, a mentor's reading rights,
the people pages and the API (docs/api.md)."""

import datetime
import importlib

import pytest
from django.db.models import Case, Value, When
from django.utils import timezone

from kotacerdas.accounts import services
from kotacerdas.accounts.models import Mentor, MentorAssignment, Role, User
from kotacerdas.accounts.tests.factories import MentorAssignmentFactory, MentorFactory, UserFactory
from kotacerdas.bimtek.models import Workshop
from kotacerdas.bimtek.tests.factories import MasterplanFactory, WorkshopFactory
from kotacerdas.core import permissions
from kotacerdas.core.errors import ServiceError
from kotacerdas.evaluation.models import Assignment, Cycle
from kotacerdas.framework.models import EvaluationYear

THIS_YEAR = timezone.localdate().year


@pytest.fixture
def hendra(db):
    return MentorFactory(name="Dr. Hendra Contoh", institution="Komdigi", expertise="Tata kelola")


@pytest.fixture
def pembimbing(hendra):
    """A mentor's own account (mentor role), linked to Hendra."""
    user = UserFactory(username="pembimbing", role=Role.MENTOR)
    hendra.user = user
    hendra.save()
    return user


# --- services: the ministry's rules ------------------------------------------------------------


@pytest.mark.django_db
def test_ministry_registers_and_assigns_a_mentor(kementerian, ambon):
    mentor = services.mentor_create(actor=kementerian, name="  Dr.  Hendra   Contoh ", institution="Komdigi")
    assert mentor.name == "Dr. Hendra Contoh" and mentor.version == 1
    assignment = services.mentor_assignment_create(actor=kementerian, mentor=mentor, city=ambon, from_year=2019)
    assert assignment.to_year is None and list(ambon.mentor_assignments.all()) == [assignment]
    changed = services.mentor_assignment_update(actor=kementerian, assignment=assignment, to_year=2024)
    assert (changed.from_year, changed.to_year, changed.version) == (2019, 2024, 2)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "write, code, field",
    [
        (lambda a, m, c: services.mentor_create(actor=a, name="dr. hendra CONTOH"), "duplicate", "name"),
        (lambda a, m, c: services.mentor_create(actor=a, name="   "), "required", "name"),
        (lambda a, m, c: services.mentor_assignment_create(actor=a, mentor=m, city=c, from_year=2020), "duplicate", "mentor_id"),
        (
            lambda a, m, c: services.mentor_assignment_update(actor=a, assignment=m.assignments.get(), to_year=2018),
            "range_reversed",
            "to_year",
        ),
        (lambda a, m, c: services.mentor_delete(actor=a, mentor=m), "still_linked", None),
        (
            lambda a, m, c: services.mentor_create(actor=a, name="Baru", user=User.objects.get(username="penilai")),
            "not_a_mentor",
            "user_id",
        ),
    ],
    ids=["same-name", "no-name", "assigned-twice", "years-reversed", "delete-assigned", "account-not-a-mentor"],
)
def test_bad_input_is_refused_with_a_stable_code_and_nothing_saved(kementerian, penilai, ambon, hendra, unchanged, write, code, field):
    MentorAssignmentFactory(mentor=hendra, city=ambon, from_year=2019)
    with unchanged(), pytest.raises(ServiceError) as refused:
        write(kementerian, hendra, ambon)
    assert refused.value.code == code and refused.value.field == field and refused.value.message


@pytest.mark.django_db
def test_unassigning_a_mentor_named_on_the_citys_bimtek_is_refused(kementerian, ambon, hendra, unchanged):
    assignment = MentorAssignmentFactory(mentor=hendra, city=ambon, from_year=2019)
    WorkshopFactory(masterplan=MasterplanFactory(city=ambon), number=1).mentors.set([hendra])
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.mentor_assignment_delete(actor=kementerian, assignment=assignment)
    assert refused.value.code == "still_linked" and "Dr. Hendra Contoh" in refused.value.message
    Workshop.objects.get().mentors.clear()
    services.mentor_assignment_delete(actor=kementerian, assignment=assignment)
    services.mentor_delete(actor=kementerian, mentor=hendra)
    assert not Mentor.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["penilai", "koordinator", "operator_dinkes", "mitra", "koordinator_lain"])
def test_only_the_ministry_manages_mentors(personas, persona, ambon, hendra, unchanged):
    user = personas[persona]
    assignment = MentorAssignmentFactory(mentor=hendra, city=ambon)
    free = MentorFactory()
    writes = [
        lambda: services.mentor_create(actor=user, name="Baru"),
        lambda: services.mentor_update(actor=user, mentor=hendra, name="Lain"),
        lambda: services.mentor_delete(actor=user, mentor=hendra),
        lambda: services.mentor_assignment_create(actor=user, mentor=free, city=ambon, from_year=2020),
        lambda: services.mentor_assignment_update(actor=user, assignment=assignment, to_year=2030),
        lambda: services.mentor_assignment_delete(actor=user, assignment=assignment),
    ]
    for write in writes:
        with unchanged(), pytest.raises(permissions.PermissionDenied):
            write()


# --- a mentor's login reads the cities assigned to them, never writes ------------------------------


@pytest.mark.django_db
def test_mentor_reads_the_plan_of_the_city_assigned_this_year(login, pembimbing, hendra, ambon, tual):
    MasterplanFactory(city=ambon)
    MasterplanFactory(city=tual)
    assert not ambon.is_published and not tual.is_published
    client = login(pembimbing)
    assert client.get("/cities/81.71/plan/").status_code == 404, "not assigned yet"
    MentorAssignmentFactory(mentor=hendra, city=ambon, from_year=THIS_YEAR - 1)
    assert client.get("/cities/81.71/plan/").status_code == 200
    assert client.get("/cities/81.71/bimtek/").status_code == 200
    assert client.get("/cities/81.72/plan/").status_code == 404, "another city stays out of sight"
    assert permissions.can_view_city(pembimbing, ambon) and not permissions.can_view_city(pembimbing, tual)


@pytest.mark.django_db
@pytest.mark.parametrize("years", [(2019, 2020), (THIS_YEAR + 1, None)], ids=["ended", "not-yet-begun"])
def test_an_assignment_outside_this_year_gives_no_access(login, pembimbing, hendra, ambon, years):
    MasterplanFactory(city=ambon)
    MentorAssignmentFactory(mentor=hendra, city=ambon, from_year=years[0], to_year=years[1])
    assert login(pembimbing).get("/cities/81.71/plan/").status_code == 404


@pytest.mark.django_db
def test_mentor_never_edits_the_plan(login, pembimbing, hendra, ambon, unchanged):
    masterplan = MasterplanFactory(city=ambon)
    MentorAssignmentFactory(mentor=hendra, city=ambon)
    client = login(pembimbing)
    with unchanged():
        assert client.get("/cities/81.71/bimtek/new/").status_code == 403
        assert client.post(f"/cities/81.71/plan/{masterplan.pk}/edit/", {"title": "Diubah"}).status_code == 403
        assert (
            client.post("/cities/81.71/bimtek/new/", {"number": 1, "start_date": "2019-07-11", "end_date": "2019-07-11"}).status_code == 403
        )
    assert not permissions.can_manage_city(pembimbing, ambon) and not permissions.can_manage_people(pembimbing)


@pytest.mark.django_db
def test_a_mentor_record_counts_only_for_an_account_with_the_mentor_role(login, koordinator_lain, hendra, ambon):
    MasterplanFactory(city=ambon)
    MentorAssignmentFactory(mentor=hendra, city=ambon)
    hendra.user = koordinator_lain
    hendra.save()
    assert login(koordinator_lain).get("/cities/81.71/plan/").status_code == 404
    assert permissions.mentored_cities(koordinator_lain) is None


# --- pages ----------------------------------------------------------------------------------


def _cycle(year: int) -> Cycle:
    return Cycle.objects.create(year=EvaluationYear.objects.get_or_create(year=year)[0], opened_on=datetime.date(year, 3, 1))


@pytest.mark.django_db
def test_people_page_shows_mentors_with_their_cities_and_assessors_per_year(login, kementerian, penilai, ambon, tual, hendra):
    MentorAssignmentFactory(mentor=hendra, city=ambon, from_year=2019, to_year=2024)
    Assignment.objects.create(assessor=penilai, city=tual, cycle=_cycle(2024))
    page = login(kementerian).get("/people/").content.decode()
    for text in ("Dr. Hendra Contoh", "Komdigi", "Tata kelola", "Kota Ambon", "2019–2024", penilai.get_full_name(), "2024", "Kota Tual"):
        assert text in page, text
    assert "Tugaskan pembimbing ke daerah" in page and "Ubah" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona, status", [("kementerian", 200), ("penilai", 200), ("koordinator", 403), ("operator_dinkes", 403), ("mitra", 403)]
)
def test_people_page_is_the_ministrys(login, personas, persona, status):
    assert login(personas[persona]).get("/people/").status_code == status


@pytest.mark.django_db
def test_assessor_sees_the_register_but_has_no_forms(login, penilai, hendra):
    page = login(penilai).get("/people/").content.decode()
    assert "Dr. Hendra Contoh" in page and 'action="/people/assignments/"' not in page


@pytest.mark.django_db
def test_ministry_assigns_and_unassigns_on_the_people_page(login, kementerian, ambon, hendra):
    client = login(kementerian)
    response = client.post("/people/assignments/", {"mentor": hendra.pk, "city": ambon.pk, "from_year": 2019, "to_year": ""})
    assert response.status_code == 302
    assignment = MentorAssignment.objects.get()
    assert (assignment.mentor, assignment.city, assignment.from_year, assignment.to_year) == (hendra, ambon, 2019, None)
    again = client.post("/people/assignments/", {"mentor": hendra.pk, "city": ambon.pk, "from_year": 2020})
    assert again.status_code == 400 and "sudah ditugaskan ke Kota Ambon" in again.content.decode()
    assert client.post(f"/people/assignments/{assignment.pk}/delete/", {"back": "city"}).url == "/cities/81.71/people/"
    assert not MentorAssignment.objects.exists()


@pytest.mark.django_db
def test_ministry_registers_edits_and_removes_a_mentor(login, kementerian, pembimbing):
    client = login(kementerian)
    assert client.post("/people/mentors/new/", {"name": "Dr. Maria Contoh", "institution": "Universitas Pattimura"}).status_code == 302
    maria = Mentor.objects.get(name="Dr. Maria Contoh")
    form = client.get(f"/people/mentors/{maria.pk}/").content.decode()
    assert "pembimbing" in form, "a free mentor account can be linked"
    data = {"name": "Dr. Maria Contoh", "institution": "Universitas Pattimura", "expertise": "Perencanaan", "user": "", "version": 1}
    assert client.post(f"/people/mentors/{maria.pk}/", data).status_code == 302
    maria.refresh_from_db()
    assert maria.expertise == "Perencanaan" and maria.version == 2
    assert client.post(f"/people/mentors/{maria.pk}/delete/").status_code == 302
    assert not Mentor.objects.filter(pk=maria.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["penilai", "koordinator", "mitra"])
def test_others_cannot_write_people(login, personas, persona, ambon, hendra, unchanged):
    client = login(personas[persona])
    with unchanged():
        assert client.post("/people/mentors/new/", {"name": "Baru"}).status_code == 403
        assert client.post(f"/people/mentors/{hendra.pk}/", {"name": "Lain"}).status_code == 403
        assert client.post(f"/people/mentors/{hendra.pk}/delete/").status_code == 403
        assert client.post("/people/assignments/", {"mentor": hendra.pk, "city": ambon.pk, "from_year": 2019}).status_code == 403


@pytest.mark.django_db
def test_city_page_lists_its_mentors_and_assessors(login, koordinator, penilai, ambon, tual, hendra):
    MentorAssignmentFactory(mentor=hendra, city=ambon, from_year=2019)
    MentorAssignmentFactory(mentor__name="Dr. Tual Contoh", city=tual)
    Assignment.objects.create(assessor=penilai, city=ambon, cycle=_cycle(2023))
    page = login(koordinator).get("/cities/81.71/people/").content.decode()
    assert "Dr. Hendra Contoh" in page and penilai.get_full_name() in page and "2023" in page
    assert "Dr. Tual Contoh" not in page
    assert 'action="/people/assignments/' not in page, "a coordinator does not unassign"


@pytest.mark.django_db
def test_city_people_asks_the_public_to_sign_in(client, ambon, hendra):
    ambon.is_published = True
    ambon.save()
    MentorAssignmentFactory(mentor=hendra, city=ambon)
    response = client.get("/cities/81.71/people/")
    assert response.status_code == 200 and "Dr. Hendra Contoh" not in response.content.decode()
    assert "/login/" in response.content.decode()


@pytest.mark.django_db
def test_city_people_of_another_city_is_not_found(login, koordinator_lain, ambon):
    assert login(koordinator_lain).get("/cities/81.71/people/").status_code == 404


@pytest.mark.django_db
def test_people_pages_query_counts_do_not_grow(login, kementerian, penilai, ambon, tual, django_assert_max_num_queries):
    client = login(kementerian)
    MentorAssignmentFactory(city=ambon)
    Assignment.objects.create(assessor=penilai, city=ambon, cycle=_cycle(2023))
    for n in range(30):
        mentor = MentorFactory(user=UserFactory(role=Role.MENTOR) if n % 3 == 0 else None)
        MentorAssignmentFactory(mentor=mentor, city=ambon, from_year=2019)
        MentorAssignmentFactory(mentor=mentor, city=tual, from_year=2021)
    for _n in range(8):
        assessor = UserFactory(role=Role.ASSESSOR)
        for year in (2023, 2024):
            cycle = Cycle.objects.filter(year__year=year).first() or _cycle(year)
            Assignment.objects.create(assessor=assessor, city=ambon, cycle=cycle)
            Assignment.objects.create(assessor=assessor, city=tual, cycle=cycle)
    with django_assert_max_num_queries(16):
        assert client.get("/people/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/cities/81.71/people/").status_code == 200


# --- the data migration: free-text mentors become people --------------------------------------

migration = importlib.import_module("kotacerdas.bimtek.migrations.0003_mentors_as_people")


class _Apps:
    """The historical models the migration asks for: the workshops as they were, with their text."""

    def __init__(self, texts: dict):
        whens = [When(pk=pk, then=Value(text)) for pk, text in texts.items()]
        self.workshops = type("OldWorkshop", (), {"objects": Workshop.objects.annotate(mentors_text=Case(*whens, default=Value("")))})

    def get_model(self, app, name):
        return self.workshops if name == "Workshop" else {"Mentor": Mentor, "MentorAssignment": MentorAssignment}[name]


@pytest.mark.django_db
def test_migration_turns_each_line_into_one_mentor_assigned_to_the_city(ambon, tual):
    plan = MasterplanFactory(city=ambon, start_year=2020, end_year=2024)
    b1 = WorkshopFactory(masterplan=plan, number=1, start_date=datetime.date(2019, 7, 11), end_date=datetime.date(2019, 7, 11))
    b2 = WorkshopFactory(masterplan=plan, number=2, start_date=datetime.date(2020, 8, 1), end_date=datetime.date(2020, 8, 1))
    other = WorkshopFactory(
        masterplan=MasterplanFactory(city=tual, start_year=2022, end_year=2026),
        number=1,
        start_date=datetime.date(2021, 7, 1),
        end_date=datetime.date(2021, 7, 1),
    )
    empty = WorkshopFactory(masterplan=MasterplanFactory(city=ambon, start_year=2025, end_year=2029), number=1)
    existing = MentorFactory(name="Ir. Lama Contoh", institution="")
    texts = {
        b1.pk: "Dr. Hendra Contoh – pembimbing, Kominfo\nIr. Sari Contoh - UGM\n\n",
        b2.pk: "  dr.  hendra   contoh – Kominfo\nIr. Lama Contoh",
        other.pk: "Dr. Hendra Contoh – Kominfo",
    }
    migration.text_to_people(_Apps(texts), None)

    hendra = Mentor.objects.get(name="Dr. Hendra Contoh")
    assert hendra.institution == "pembimbing, Kominfo"
    assert Mentor.objects.count() == 3, "one person per name, an existing mentor reused"
    assert Mentor.objects.get(name="Ir. Sari Contoh").institution == "UGM"
    assert [m.name for m in b1.mentors.all()] == ["Dr. Hendra Contoh", "Ir. Sari Contoh"]
    assert list(b2.mentors.all()) == [hendra, existing]
    assert list(other.mentors.all()) == [hendra] and not empty.mentors.exists()
    years = {(a.mentor.name, a.city.code): (a.from_year, a.to_year) for a in MentorAssignment.objects.all()}
    assert years == {
        ("Dr. Hendra Contoh", "81.71"): (2019, 2020),
        ("Ir. Sari Contoh", "81.71"): (2019, 2019),
        ("Ir. Lama Contoh", "81.71"): (2020, 2020),
        ("Dr. Hendra Contoh", "81.72"): (2021, 2021),
    }


@pytest.mark.django_db
def test_mentor_token_reads_the_assigned_city_through_the_api_and_writes_nothing(
    client, api_token, pembimbing, hendra, ambon, tual, unchanged
):
    MasterplanFactory(city=ambon)
    MentorAssignmentFactory(mentor=hendra, city=ambon)
    headers = api_token(pembimbing)
    assert client.get("/api/v1/cities/81.71/bimtek", headers=headers).status_code == 200
    assert client.get("/api/v1/cities/81.72", headers=headers).status_code == 404
    assert [c["code"] for c in client.get("/api/v1/cities", headers=headers).json()["items"]] == ["81.71"]
    with unchanged():
        body = '{"number": 1, "start_date": "2020-07-01", "end_date": "2020-07-01"}'
        response = client.post("/api/v1/cities/81.71/bimtek", data=body, content_type="application/json", headers=headers)
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
