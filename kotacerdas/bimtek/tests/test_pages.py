import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.accounts.tests.factories import MentorAssignmentFactory
from kotacerdas.bimtek.models import Output, Participant, Workshop
from kotacerdas.bimtek.tests.factories import OutputFactory, ParticipantFactory, WorkshopFactory
from kotacerdas.cities.models import Stage
from kotacerdas.framework.models import Dimension, ReadinessLens

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(workshop, suffix=""):
    return f"/cities/81.71/bimtek/{workshop.pk}/{suffix}"


def fill(workshop, participants: int, outputs: int, dinkes=None, bumn=None):
    ParticipantFactory.create_batch(participants, workshop=workshop, opd=dinkes)
    for i in range(outputs):
        if i % 3 == 0:
            OutputFactory(workshop=workshop, swot=True, proposed_by_opd=dinkes)
        elif i % 3 == 1:
            OutputFactory(workshop=workshop, idea=True, proposed_by_stakeholder=bumn)
        else:
            OutputFactory(workshop=workshop, kind="vision_keyword")


# --- list -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_shows_the_four_bimtek_with_status_and_checklist(login, koordinator, bimtek1):
    bimtek1.is_held = True
    bimtek1.save()
    page = login(koordinator).get("/cities/81.71/bimtek/").content.decode()
    assert "Bimtek I" in page and "Bimtek IV" in page
    assert bimtek1.title in page
    assert "?number=2" in page  # bimtek II can be planned
    assert "✗" in page


@pytest.mark.django_db
def test_list_is_public_for_published_cities_only(client, ambon, masterplan):
    assert client.get("/cities/81.71/bimtek/").status_code == 404
    ambon.is_published = True
    ambon.save()
    page = client.get("/cities/81.71/bimtek/").content.decode()
    assert "Bimtek I" in page and "?number=" not in page  # no planning buttons for the public


@pytest.mark.django_db
def test_other_city_coordinator_gets_404(login, koordinator_lain, bimtek1):
    client = login(koordinator_lain)
    assert client.get("/cities/81.71/bimtek/").status_code == 404
    assert client.get(url(bimtek1)).status_code == 404


@pytest.mark.django_db
def test_list_query_count_is_pinned(login, koordinator, masterplan, dinkes, bumn, django_assert_num_queries):
    client = login(koordinator)
    w1 = WorkshopFactory(masterplan=masterplan, number=1)
    fill(w1, 2, 2, dinkes, bumn)
    with CaptureQueriesContext(connection) as small:
        client.get("/cities/81.71/bimtek/")
    for n in (2, 3, 4):
        fill(WorkshopFactory(masterplan=masterplan, number=n), 30, 20, dinkes, bumn)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get("/cities/81.71/bimtek/").status_code == 200
    assert len(small.captured_queries) <= 18


# --- create / edit --------------------------------------------------------------------------


@pytest.mark.django_db
def test_coordinator_plans_a_bimtek(login, koordinator, masterplan, mentors):
    response = login(koordinator).post(
        "/cities/81.71/bimtek/new/",
        {
            "number": 2,
            "title": "",
            "start_date": "2019-08-20",
            "end_date": "2019-08-21",
            "venue": "Hotel Santika Premiere Ambon",
            "agenda": "08.30 Pembukaan",
            "mentors": [str(mentors[1].pk)],
            "minutes": "",
        },
    )
    workshop = Workshop.objects.get()
    assert response.status_code == 302 and response.url == url(workshop)
    assert workshop.number == 2 and workshop.venue == "Hotel Santika Premiere Ambon"
    assert list(workshop.mentors.all()) == [mentors[1]]


@pytest.mark.django_db
def test_create_form_shows_the_service_error(login, koordinator, masterplan):
    response = login(koordinator).post("/cities/81.71/bimtek/new/", {"number": 1, "start_date": "2019-07-17", "end_date": "2019-07-16"})
    assert response.status_code == 200
    assert "16 Juli 2019" in response.content.decode()  # the message names the dates, written the Indonesian way
    assert not Workshop.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona, status", [("operator_dinkes", 403), ("mitra", 403), ("penilai", 403), ("koordinator_lain", 404)])
def test_others_cannot_plan_or_edit(login, personas, masterplan, bimtek1, persona, status):
    client = login(personas[persona])
    assert client.get("/cities/81.71/bimtek/new/").status_code == status
    assert client.post(url(bimtek1, "edit/"), {"number": 1, "start_date": "2019-07-16", "end_date": "2019-07-17"}).status_code == status
    assert client.post(url(bimtek1, "held/")).status_code == status
    assert client.post(url(bimtek1, "delete/")).status_code == status
    assert Workshop.objects.filter(pk=bimtek1.pk, is_held=False).exists()


@pytest.mark.django_db
def test_edit_records_minutes(login, koordinator, bimtek1):
    response = login(koordinator).post(
        url(bimtek1, "edit/"),
        {
            "number": 1,
            "title": bimtek1.title,
            "start_date": "2019-07-16",
            "end_date": "2019-07-17",
            "venue": bimtek1.venue,
            "agenda": "",
            "minutes": "Disepakati lima kata kunci visi.",
        },
    )
    assert response.status_code == 302
    bimtek1.refresh_from_db()
    assert bimtek1.minutes == "Disepakati lima kata kunci visi."


@pytest.mark.django_db
def test_mark_held_advances_the_city(login, koordinator, bimtek1, ambon):
    login(koordinator).post(url(bimtek1, "held/"), {"held": "1"})
    ambon.refresh_from_db()
    assert ambon.stage == Stage.BIMTEK_1


# --- detail ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_detail_shows_agenda_mentors_minutes_participants_outputs(login, koordinator, bimtek1, dinkes, mentors):
    bimtek1.agenda = "08.30 Pembukaan oleh Sekkot"
    bimtek1.minutes = "Kata kunci visi disepakati."
    bimtek1.save()
    bimtek1.mentors.set([mentors[0]])
    ParticipantFactory(workshop=bimtek1, name="Yohana Sahertian", group="opd", opd=dinkes)
    ParticipantFactory(workshop=bimtek1, name="Dr. Hendra", group="mentor")
    OutputFactory(workshop=bimtek1, swot=True, text="Komitmen kuat Wali Kota", proposed_by_opd=dinkes)
    page = login(koordinator).get(url(bimtek1)).content.decode()
    for text in [
        "08.30 Pembukaan oleh Sekkot",
        "Dr. Hendra Contoh – Kementerian Komunikasi dan Digital",
        "Kata kunci visi disepakati.",
        "Yohana Sahertian",
        "Komitmen kuat Wali Kota",
        "Diusulkan dalam Bimtek I oleh Dinas Kesehatan",
        "Pembimbing",
    ]:
        assert text in page, text


@pytest.mark.django_db
def test_detail_paginates_participants_and_outputs(login, koordinator, bimtek1):
    ParticipantFactory.create_batch(25, workshop=bimtek1)
    ParticipantFactory(workshop=bimtek1, name="Zakaria Zulkarnain")  # sorts last
    OutputFactory.create_batch(21, workshop=bimtek1, kind="note")
    client = login(koordinator)
    page = client.get(url(bimtek1) + "?op=2").content.decode()
    assert "Zakaria Zulkarnain" not in page
    # Each list has its own pager, which keeps the other list's page and swaps only its own section (htmx).
    assert 'hx-get="?op=2&amp;pp=2" hx-select="#participants" hx-target="#participants"' in page
    assert 'hx-get="?op=1" hx-select="#outputs" hx-target="#outputs"' in page
    assert "Zakaria Zulkarnain" in client.get(url(bimtek1) + "?pp=2").content.decode()


@pytest.mark.django_db
def test_detail_query_count_does_not_grow(login, koordinator, bimtek1, dinkes, bumn, mentors, django_assert_num_queries):
    client = login(koordinator)
    bimtek1.mentors.set(mentors[:1])
    fill(bimtek1, 2, 2, dinkes, bumn)
    with CaptureQueriesContext(connection) as small:
        client.get(url(bimtek1))
    fill(bimtek1, 78, 58, dinkes, bumn)
    bimtek1.mentors.set(mentors)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url(bimtek1))
    assert response.context["participants"].paginator.count == 80
    assert response.context["outputs"].paginator.count == 60
    assert len(small.captured_queries) <= 33  # one for the mentors, one for the strategies the outputs became


@pytest.mark.django_db
def test_adoption_links_appear_only_when_the_target_page_exists(login, koordinator, bimtek1):
    from django.urls import NoReverseMatch, reverse

    idea = OutputFactory(workshop=bimtek1, idea=True)
    page = login(koordinator).get(url(bimtek1)).content.decode()
    try:
        target = reverse("programmes:create", args=["81.71"])
    except NoReverseMatch:
        assert "?origin=" not in page
    else:
        assert f"{target}?origin={idea.pk}" in page


# --- participants via htmx ------------------------------------------------------------------


@pytest.mark.django_db
def test_htmx_attendance_toggle_answers_with_the_row(login, koordinator, bimtek1):
    p = ParticipantFactory(workshop=bimtek1, name="Nona Pattikawa")
    response = login(koordinator).post(url(bimtek1, f"participants/{p.pk}/attendance/"), {"present": [p.pk], "shown": [p.pk]}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<tr") and "Nona Pattikawa" in html and "checked" in html
    p.refresh_from_db()
    assert p.attended


@pytest.mark.django_db
def test_bulk_attendance_of_a_page(login, koordinator, bimtek1):
    a, b = ParticipantFactory.create_batch(2, workshop=bimtek1, attended=True)
    response = login(koordinator).post(url(bimtek1, "participants/attendance/"), {"shown": [a.pk, b.pk], "present": [a.pk]})
    assert response.status_code == 302
    assert list(bimtek1.participants.filter(attended=True)) == [a]


@pytest.mark.django_db
def test_htmx_add_participant_returns_the_section(login, koordinator, bimtek1, dinkes):
    response = login(koordinator).post(
        url(bimtek1, "participants/add/"), {"name": "Wendy Pelupessy", "group": "opd", "opd": dinkes.pk}, **HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="participants"') and "Wendy Pelupessy" in html and "Dinas Kesehatan" in html
    assert Participant.objects.get().organisation == "Dinas Kesehatan"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["operator_dinkes", "mitra", "penilai"])
def test_only_coordinators_change_participants(login, personas, bimtek1, persona):
    p = ParticipantFactory(workshop=bimtek1)
    client = login(personas[persona])
    assert client.post(url(bimtek1, "participants/add/"), {"name": "X", "group": "opd"}).status_code == 403
    assert client.post(url(bimtek1, f"participants/{p.pk}/attendance/"), {"present": [p.pk]}).status_code == 403
    assert client.post(url(bimtek1, f"participants/{p.pk}/remove/")).status_code == 403
    assert Participant.objects.filter(pk=p.pk, attended=False).exists()


# --- outputs via htmx -----------------------------------------------------------------------


@pytest.mark.django_db
def test_operator_records_a_swot_item_of_their_department(login, operator_dinkes, bimtek1, dinkes):
    lens = ReadinessLens.objects.get(code="infrastruktur")
    response = login(operator_dinkes).post(
        url(bimtek1, "outputs/add/"),
        {
            "kind": "swot",
            "text": "SIMPUS belum terhubung",
            "proposer": f"opd:{dinkes.pk}",
            "lens_code": lens.code,
            "swot_category": "W",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert 'id="outputs"' in html and "SIMPUS belum terhubung" in html and "oleh Dinas Kesehatan" in html
    assert Output.objects.get().proposed_by_opd == dinkes


@pytest.mark.django_db
def test_operator_cannot_pick_another_department_as_proposer(login, operator_dinkes, bimtek1, dishub):
    response = login(operator_dinkes).post(
        url(bimtek1, "outputs/add/"),
        {
            "kind": "programme_idea",
            "text": "Bus listrik",
            "proposer": f"opd:{dishub.pk}",
            "dimension": Dimension.objects.first().pk,
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode() or "invalid-feedback" in response.content.decode()
    assert not Output.objects.exists()


@pytest.mark.django_db
def test_swot_without_lens_is_shown_on_the_form(login, koordinator, bimtek1):
    response = login(koordinator).post(url(bimtek1, "outputs/add/"), {"kind": "swot", "text": "Tanpa lensa", "swot_category": "S"}, **HTMX)
    assert "aspek kesiapan" in response.content.decode()
    assert not Output.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona, status", [("penilai", 403), ("koordinator_lain", 404)])
def test_outsiders_cannot_record_outputs(login, personas, bimtek1, persona, status):
    response = login(personas[persona]).post(url(bimtek1, "outputs/add/"), {"kind": "note", "text": "x"})
    assert response.status_code == status
    assert not Output.objects.exists()


@pytest.mark.django_db
def test_output_edit_and_delete_by_its_contributor_only(login, operator_dinkes, bimtek1, dinkes, dishub):
    own = OutputFactory(workshop=bimtek1, kind="note", proposed_by_opd=dinkes)
    other = OutputFactory(workshop=bimtek1, kind="note", proposed_by_opd=dishub)
    client = login(operator_dinkes)
    assert client.get(url(bimtek1, f"outputs/{other.pk}/edit/")).status_code == 403
    assert client.post(url(bimtek1, f"outputs/{other.pk}/delete/")).status_code == 403
    response = client.post(url(bimtek1, f"outputs/{own.pk}/edit/"), {"kind": "note", "text": "Diperbaiki", "proposer": f"opd:{dinkes.pk}"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.text == "Diperbaiki"
    client.post(url(bimtek1, f"outputs/{own.pk}/delete/"), **HTMX)
    assert list(Output.objects.all()) == [other]


@pytest.mark.django_db
def test_workshop_pages_of_another_city_404(login, koordinator, tual):
    from kotacerdas.bimtek.tests.factories import MasterplanFactory

    foreign = WorkshopFactory(
        masterplan=MasterplanFactory(city=tual), start_date=datetime.date(2021, 7, 1), end_date=datetime.date(2021, 7, 2)
    )
    client = login(koordinator)
    assert client.get(f"/cities/81.71/bimtek/{foreign.pk}/").status_code == 404
    assert client.get(f"/cities/81.72/bimtek/{foreign.pk}/").status_code == 404


# --- vision keywords ------------------------------------------------------------------------


@pytest.mark.django_db
def test_vision_keywords_fragment_and_page(login, penilai, masterplan, bimtek1, dinkes):
    OutputFactory(workshop=bimtek1, kind="vision_keyword", text="harmonis", proposed_by_opd=dinkes)
    OutputFactory(workshop=bimtek1, kind="note", text="bukan kata kunci")
    client = login(penilai)
    fragment = client.get(f"/cities/81.71/bimtek/vision-keywords/?masterplan={masterplan.pk}", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="vision-keywords">')
    assert "harmonis" in fragment and "Bimtek I · Dinas Kesehatan" in fragment and "bukan kata kunci" not in fragment
    page = client.get(f"/cities/81.71/bimtek/vision-keywords/?masterplan={masterplan.pk}").content.decode()
    assert "<html" in page and "harmonis" in page and f"/cities/81.71/plan/vision/?masterplan={masterplan.pk}" in page


@pytest.mark.django_db
def test_vision_keywords_paginate(login, penilai, masterplan, bimtek1):
    for i in range(26):
        OutputFactory(workshop=bimtek1, kind="vision_keyword", text=f"kata{i:02d}")
    client = login(penilai)
    first = client.get(f"/cities/81.71/bimtek/vision-keywords/?masterplan={masterplan.pk}", HTTP_HX_REQUEST="true").content.decode()
    assert "kata00" in first and "kata25" not in first
    assert f'hx-get="?masterplan={masterplan.pk}&amp;kw=2" hx-select="#vision-keywords"' in first
    second = client.get(f"/cities/81.71/bimtek/vision-keywords/?masterplan={masterplan.pk}&kw=2", HTTP_HX_REQUEST="true").content.decode()
    assert "kata25" in second and "kata00" not in second


@pytest.mark.django_db
def test_vision_keywords_of_another_city_404(login, koordinator, tual):
    from kotacerdas.bimtek.tests.factories import MasterplanFactory

    foreign = MasterplanFactory(city=tual)
    assert login(koordinator).get(f"/cities/81.71/bimtek/vision-keywords/?masterplan={foreign.pk}").status_code == 404


# --- refused page writes leave nothing --------------------------------------------------------


@pytest.mark.django_db
def test_refused_page_writes_leave_nothing(login, koordinator, operator_dinkes, bimtek1, dinkes, dishub, unchanged):
    own = OutputFactory(workshop=bimtek1, kind="note", proposed_by_opd=dinkes)
    client = login(koordinator)
    with unchanged():
        assert (
            client.post("/cities/81.71/bimtek/new/", {"number": 1, "start_date": "2019-07-16", "end_date": "2019-07-17"}).status_code == 200
        )
        assert client.post(url(bimtek1, "edit/"), {"number": 1, "start_date": "2019-07-18", "end_date": "2019-07-17"}).status_code == 200
        assert client.post(url(bimtek1, "participants/add/"), {"name": " ", "group": "opd"}, **HTMX).status_code == 200
        assert client.post(url(bimtek1, "outputs/add/"), {"kind": "gap", "text": "Tanpa lensa"}, **HTMX).status_code == 200
    client = login(operator_dinkes)
    with unchanged():
        response = client.post(url(bimtek1, f"outputs/{own.pk}/edit/"), {"kind": "note", "text": "x", "proposer": f"opd:{dishub.pk}"})
        assert response.status_code == 200 and "is-invalid" in response.content.decode()


@pytest.mark.django_db
def test_page_writes_on_another_citys_bimtek_are_404(login, koordinator, tual, unchanged):
    from kotacerdas.bimtek.tests.factories import MasterplanFactory

    foreign = WorkshopFactory(
        masterplan=MasterplanFactory(city=tual), start_date=datetime.date(2021, 7, 1), end_date=datetime.date(2021, 7, 2)
    )
    participant = ParticipantFactory(workshop=foreign)
    output = OutputFactory(workshop=foreign)
    client = login(koordinator)
    with unchanged():
        for path in [
            "held/",
            "delete/",
            "participants/add/",
            "participants/attendance/",
            f"participants/{participant.pk}/remove/",
            f"participants/{participant.pk}/attendance/",
            "outputs/add/",
            f"outputs/{output.pk}/delete/",
        ]:
            assert client.post(f"/cities/81.71/bimtek/{foreign.pk}/{path}", {"name": "x", "group": "opd"}).status_code == 404, path


@pytest.mark.django_db
def test_form_offers_the_citys_mentors_as_ticks_and_keeps_them(login, koordinator, bimtek1, mentors, tual):
    MentorAssignmentFactory(city=tual, mentor__name="Dr. Tual Contoh")
    bimtek1.mentors.set([mentors[0]])
    client = login(koordinator)
    form = client.get(url(bimtek1, "edit/")).content.decode()
    assert "Dr. Hendra Contoh" in form and "Dr. Maria Contoh" in form and "Dr. Tual Contoh" not in form
    ticked = re.findall(r'<input type="checkbox" name="mentors" value="(\d+)"[^>]* checked', form)
    assert ticked == [str(mentors[0].pk)]
    data = {"number": 1, "title": bimtek1.title, "start_date": "2019-07-16", "end_date": "2019-07-17", "version": bimtek1.version}
    response = client.post(url(bimtek1, "edit/"), data | {"mentors": [str(mentors[1].pk)]})
    assert response.status_code == 302
    assert list(bimtek1.mentors.all()) == [mentors[1]]
    bimtek1.refresh_from_db()
    assert bimtek1.version == 2
