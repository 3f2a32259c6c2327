"""Pages of the cities app: who sees and who writes what, forms, htmx partials, query counts."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse

from kotacerdas.cities.models import Body, BodyMember, City, Cohort, Commitment, Opd, Signatory, Stage, StageEvent, Stakeholder
from kotacerdas.cities.tests.factories import (
    BodyFactory,
    BodyMemberFactory,
    CommitmentFactory,
    OpdFactory,
    SignatoryFactory,
    StageEventFactory,
    StakeholderFactory,
)
from kotacerdas.cities.tests.rights import MANAGERS, OPD_EDITORS, PERSONAS, READERS, STAKEHOLDER_EDITORS
from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import StakeholderType

C = "81.71"


def english(client):
    """The visitor chose English with the language switch."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def TYPE_PK():
    return StakeholderType.objects.get(code="bumn").pk


def url(name, *args):
    return reverse(f"cities:{name}", args=[C, *args])


# (page name, record keys of `world` for its URL)
READ_PAGES = [
    ("dashboard", []),
    ("opd_list", []),
    ("opd_detail", ["dinkes"]),
    ("body_list", []),
    ("body_detail", ["body"]),
    ("stakeholder_list", []),
    ("stakeholder_detail", ["bumn"]),
    ("commitment_detail", ["commitment"]),
]

# (page name, record keys, who may open it)
WRITE_PAGES = [
    ("edit", [], MANAGERS),
    ("stage_record", [], MANAGERS),
    ("stage_delete", ["event"], MANAGERS),
    ("opd_create", [], MANAGERS),
    ("opd_edit", ["dinkes"], OPD_EDITORS),
    ("opd_edit", ["dishub"], MANAGERS),
    ("opd_delete", ["dishub"], MANAGERS),
    ("body_create", [], MANAGERS),
    ("body_edit", ["body"], MANAGERS),
    ("body_delete", ["body"], MANAGERS),
    ("stakeholder_create", [], MANAGERS),
    ("stakeholder_edit", ["bumn"], STAKEHOLDER_EDITORS),
    ("stakeholder_delete", ["perumda"], MANAGERS),
    ("commitment_create", [], MANAGERS),
    ("commitment_edit", ["commitment"], MANAGERS),
    ("commitment_delete", ["commitment"], MANAGERS),
]


def _pks(world, keys):
    return [world[k].pk for k in keys]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page, keys", READ_PAGES)
def test_read_pages_follow_the_city_scope(page, keys, persona, personas, world, login):
    response = login(personas[persona]).get(url(page, *_pks(world, keys)))
    assert response.status_code == (200 if persona in READERS else 404)


@pytest.mark.parametrize("page, keys", READ_PAGES)
def test_the_public_reads_a_published_city(page, keys, world, client):
    City.objects.filter(pk=world["city"].pk).update(is_published=True)
    response = client.get(url(page, *_pks(world, keys)))
    assert response.status_code == 200
    assert "Audit trail" not in response.content.decode() and "Jejak audit" not in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page, keys, allowed", WRITE_PAGES)
def test_write_pages_per_role(page, keys, allowed, persona, personas, world, login):
    response = english(login(personas[persona])).get(url(page, *_pks(world, keys)))
    if persona in allowed:
        assert response.status_code == 200
    elif persona == "warga":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif persona == "koordinator_lain":
        assert response.status_code == 404
    else:
        assert response.status_code == 403
        assert "may" in response.content.decode()  # the reason, e.g. "Only the city's coordinators … may change …"


# action -> (page name, record keys, form data, who may, check that the write happened)
POSTS = {
    "edit": (
        "edit",
        [],
        {"cohort": lambda: Cohort.objects.get(year=2019).pk, "mou_number": "050/451/SETKOT/2019"},
        MANAGERS,
        lambda w: City.objects.get(pk=w["city"].pk).mou_number == "050/451/SETKOT/2019",
    ),
    "stage": (
        "stage_record",
        [],
        {"stage": Stage.MOU, "reached_on": "2019-05-23"},
        MANAGERS,
        lambda w: City.objects.get(pk=w["city"].pk).stage == Stage.MOU,
    ),
    "opd_create": (
        "opd_create",
        [],
        {"name": "Dinas Pariwisata", "short_name": "Dispar"},
        MANAGERS,
        lambda w: Opd.objects.filter(short_name="Dispar").exists(),
    ),
    "opd_edit_own": (
        "opd_edit",
        ["dinkes"],
        {"name": "Dinas Kesehatan", "short_name": "Dinkes", "head_name": "dr. Wendy Pelupessy"},
        OPD_EDITORS,
        lambda w: Opd.objects.get(pk=w["dinkes"].pk).head_name == "dr. Wendy Pelupessy",
    ),
    "opd_edit_other": (
        "opd_edit",
        ["dishub"],
        {"name": "Dinas Perhubungan", "short_name": "Dishub", "head_name": "Robby S."},
        MANAGERS,
        lambda w: Opd.objects.get(pk=w["dishub"].pk).head_name == "Robby S.",
    ),
    "opd_delete": ("opd_delete", ["dishub"], {}, MANAGERS, lambda w: not Opd.objects.filter(pk=w["dishub"].pk).exists()),
    "body_create": (
        "body_create",
        [],
        {"kind": Body.Kind.FORUM, "name": "Forum Ambon Smart City"},
        MANAGERS,
        lambda w: Body.objects.filter(name="Forum Ambon Smart City").exists(),
    ),
    "body_edit": (
        "body_edit",
        ["body"],
        {"kind": Body.Kind.COUNCIL, "name": "Dewan Smart City Kota Ambon", "decree_number": "188/2019"},
        MANAGERS,
        lambda w: Body.objects.get(pk=w["body"].pk).decree_number == "188/2019",
    ),
    "body_delete": ("body_delete", ["body"], {}, MANAGERS, lambda w: not Body.objects.filter(pk=w["body"].pk).exists()),
    "stage_delete": ("stage_delete", ["event"], {}, MANAGERS, lambda w: not w["city"].stage_events.exists()),
    "member_add": (
        "member_add",
        ["body"],
        {"name": "Joy Adriaansz", "role": "Anggota", "order": 2},
        MANAGERS,
        lambda w: BodyMember.objects.filter(name="Joy Adriaansz").exists(),
    ),
    "member_remove": (
        "member_remove",
        ["body", "member"],
        {},
        MANAGERS,
        lambda w: not BodyMember.objects.filter(pk=w["member"].pk).exists(),
    ),
    "stakeholder_create": (
        "stakeholder_create",
        [],
        {"name": "Universitas Pattimura", "type": TYPE_PK},
        MANAGERS,
        lambda w: Stakeholder.objects.filter(name="Universitas Pattimura").exists(),
    ),
    "stakeholder_edit": (
        "stakeholder_edit",
        ["bumn"],
        {
            "name": "PT Telkom Indonesia (Persero) Witel Maluku",
            "type": TYPE_PK,
            "contact_person": "Marthen L.",
            "email": "",
            "phone": "0911-312345",
        },
        STAKEHOLDER_EDITORS,
        lambda w: Stakeholder.objects.get(pk=w["bumn"].pk).phone == "0911-312345",
    ),
    "stakeholder_delete": (
        "stakeholder_delete",
        ["perumda"],
        {},
        MANAGERS,
        lambda w: not Stakeholder.objects.filter(pk=w["perumda"].pk).exists(),
    ),
    "signatory_add": (
        "signatory_add",
        ["commitment"],
        {"kind": "opd", "name": "Wendy Pelupessy", "role": "Kepala Dinas", "organisation": "Dinas Kesehatan"},
        MANAGERS,
        lambda w: Signatory.objects.filter(name="Wendy Pelupessy").exists(),
    ),
    "signatory_remove": (
        "signatory_remove",
        ["commitment", "signatory"],
        {},
        MANAGERS,
        lambda w: not Signatory.objects.filter(pk=w["signatory"].pk).exists(),
    ),
    "commitment_edit": (
        "commitment_edit",
        ["commitment"],
        {"signed_on": "2019-10-15", "place": "Balai Kota Ambon", "text": "Kami berkomitmen."},
        MANAGERS,
        lambda w: Commitment.objects.get(pk=w["commitment"].pk).place == "Balai Kota Ambon",
    ),
    "commitment_delete": ("commitment_delete", ["commitment"], {}, MANAGERS, lambda w: not Commitment.objects.exists()),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", sorted(POSTS))
def test_every_role_posts_every_write(action, persona, personas, world, login, unchanged):
    page, keys, data, allowed, happened = POSTS[action]
    data = {k: v() if callable(v) else v for k, v in data.items()}
    client = login(personas[persona])
    if persona in allowed:
        response = client.post(url(page, *_pks(world, keys)), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert happened(world)
        assert AuditEvent.objects.filter(actor=personas[persona]).exists()
        return
    with unchanged():
        response = client.post(url(page, *_pks(world, keys)), data)
    assert response.status_code == {"warga": 302, "koordinator_lain": 404}.get(persona, 403)


def _tual_records(tual):
    council = BodyFactory(city=tual)
    commitment = CommitmentFactory(city=tual)
    return {
        "dinkes": OpdFactory(city=tual),
        "dishub": OpdFactory(city=tual),
        "body": council,
        "member": BodyMemberFactory(body=council),
        "bumn": StakeholderFactory(city=tual),
        "perumda": StakeholderFactory(city=tual),
        "commitment": commitment,
        "signatory": SignatoryFactory(commitment=commitment),
        "event": StageEventFactory(city=tual),
    }


@pytest.mark.parametrize("action", sorted(a for a, (_page, keys, *_rest) in POSTS.items() if keys))
def test_another_citys_id_on_a_page_is_not_found(action, koordinator, world, tual, login, unchanged):
    """Ambon's coordinator posting to Ambon's pages with Tual's ids: 404, as for an id nobody has, nothing written."""
    page, keys, data, _allowed, _happened = POSTS[action]
    data = {k: v() if callable(v) else v for k, v in data.items()}
    other = _tual_records(tual)
    client = login(koordinator)
    with unchanged():
        assert client.post(url(page, *_pks(other, keys)), data).status_code == 404
        assert client.post(url(page, *[987654321 for _k in keys]), data).status_code == 404


@pytest.mark.parametrize(
    "page, keys, data, message",
    [
        ("opd_create", [], {"name": "Dinas Kesehatan", "short_name": "DK"}, "already has a department named"),
        ("opd_create", [], {"name": "", "short_name": "DK"}, "This field is required"),
        ("stage_record", [], {"stage": Stage.MOU, "reached_on": "2099-05-23"}, "is in the future"),
        ("stage_record", [], {"stage": Stage.MOU, "reached_on": "0001-01-01"}, "before the programme began"),
        ("edit", [], {"mou_date": "31-31-2019"}, "Enter a valid date"),
        ("body_create", [], {"kind": Body.Kind.COUNCIL, "name": "dewan smart city kota ambon"}, "already has a body named"),
        (
            "stakeholder_create",
            [],
            {"name": "PT Telkom Indonesia (Persero) Witel Maluku", "type": TYPE_PK},
            "already has a stakeholder named",
        ),
        ("member_add", ["body"], {"name": "Joy Adriaansz", "role": "", "order": 2}, "This field is required"),
        ("signatory_add", ["commitment"], {"kind": "official", "name": "X", "role": "Sekretaris"}, "has no organisation"),
    ],
)
def test_a_refused_form_shows_why_and_writes_nothing(page, keys, data, message, koordinator, world, login, unchanged):
    data = {k: v() if callable(v) else v for k, v in data.items()}
    client = english(login(koordinator))
    with unchanged():
        response = client.post(url(page, *_pks(world, keys)), data)
    assert response.status_code == 200 and message in response.content.decode()


def test_the_operator_form_has_no_leading_sector_switch(operator_dinkes, dinkes, login):
    page = login(operator_dinkes).get(url("opd_edit", dinkes.pk)).content.decode()
    assert 'name="head_name"' in page and 'name="is_leading_sector"' not in page


def test_the_stakeholder_account_form_has_only_contact_fields(mitra, bumn, login):
    page = login(mitra).get(url("stakeholder_edit", bumn.pk)).content.decode()
    assert 'name="phone"' in page and 'name="name"' not in page and 'name="type"' not in page


def test_editing_writes_before_and_after_to_the_audit_trail(koordinator, dinkes, login):
    login(koordinator).post(
        url("opd_edit", dinkes.pk),
        {"name": "Dinas Kesehatan", "short_name": "Dinkes", "head_name": "dr. Wendy", "head_title": dinkes.head_title},
    )
    event = AuditEvent.objects.get(model="cities.opd", object_pk=str(dinkes.pk), action="update")
    assert event.actor == koordinator and event.after["head_name"] == "dr. Wendy" and event.before["head_name"] != "dr. Wendy"
    assert event.changes == [("head_name", event.before["head_name"], "dr. Wendy")]


def test_duplicate_department_is_shown_on_the_form(koordinator, dinkes, login):
    response = english(login(koordinator)).post(url("opd_create"), {"name": "Dinas Kesehatan", "short_name": "DK"})
    assert response.status_code == 200
    assert "already has a department named" in response.content.decode()
    assert Opd.objects.filter(city=dinkes.city).count() == 2  # dinkes and the coordinator's own department


def test_a_stage_out_of_order_is_recorded_and_the_timeline_warns(koordinator, world, login):
    login(koordinator).post(url("stage_record"), {"stage": Stage.MOU, "reached_on": "2019-05-23"})
    response = english(login(koordinator)).post(url("stage_record"), {"stage": Stage.BODIES, "reached_on": "2019-05-01"})
    assert response.status_code == 302 and world["city"].stage_events.filter(stage=Stage.BODIES).exists()
    for page in ("dashboard", "stage_record"):
        content = english(login(koordinator)).get(url(page)).content.decode()
        assert "Out of the usual order (accepted)" in content and "which usually precedes it" in content


def test_commitment_page_with_a_nameless_signatory_writes_nothing(koordinator, ambon, login):
    data = {
        "signed_on": "2019-10-15",
        "place": "Hotel Santika Premiere Ambon",
        "text": "Kami berkomitmen.",
        "sig-TOTAL_FORMS": "2",
        "sig-INITIAL_FORMS": "0",
        "sig-MIN_NUM_FORMS": "0",
        "sig-MAX_NUM_FORMS": "1000",
        "sig-0-kind": "official",
        "sig-0-name": "A. G. Latuheru",
        "sig-0-role": "Sekretaris Kota",
        "sig-0-organisation": "Pemerintah Kota Ambon",
        "sig-1-kind": "official",
        "sig-1-name": "",
        "sig-1-role": "Wakil Wali Kota",
        "sig-1-organisation": "Pemerintah Kota Ambon",
    }
    response = login(koordinator).post(url("commitment_create"), data)
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not Commitment.objects.exists() and not Signatory.objects.exists()
    data["sig-1-name"] = "Syarif Hadler"
    response = login(koordinator).post(url("commitment_create"), data)
    commitment = Commitment.objects.get()
    assert response.status_code == 302 and response["Location"] == url("commitment_detail", commitment.pk)
    assert list(commitment.signatories.values_list("name", flat=True)) == ["A. G. Latuheru", "Syarif Hadler"]
    assert City.objects.get(pk=ambon.pk).stage == Stage.COMMITMENT


def test_htmx_member_add_answers_the_members_table_only(koordinator, world, login):
    response = login(koordinator).post(
        url("member_add", world["body"].pk), {"name": "Joy Adriaansz", "role": "Anggota", "order": 2}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert 'id="members"' in page and "Joy Adriaansz" in page and "A. G. Latuheru" in page


def test_htmx_member_add_with_errors_keeps_the_input(koordinator, world, login):
    response = login(koordinator).post(
        url("member_add", world["body"].pk), {"name": "Joy Adriaansz", "role": "", "order": 2}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "is-invalid" in page and 'value="Joy Adriaansz"' in page
    assert not BodyMember.objects.filter(name="Joy Adriaansz").exists()


def test_htmx_signatory_remove_answers_the_table(koordinator, world, login):
    response = login(koordinator).post(url("signatory_remove", world["commitment"].pk, world["signatory"].pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="signatories"' in response.content.decode()
    assert "Richard Louhenapessy" not in response.content.decode()


@pytest.mark.parametrize(
    "page, keys, model",
    [
        ("opd_detail", ["dinkes"], "cities.opd"),
        ("body_detail", ["body"], "cities.body"),
        ("stakeholder_detail", ["bumn"], "cities.stakeholder"),
        ("commitment_detail", ["commitment"], "cities.commitment"),
        ("dashboard", [], "cities.city"),
    ],
)
def test_each_record_page_loads_its_audit_trail(page, keys, model, penilai, world, login):
    pk = world[keys[0]].pk if keys else world["city"].pk
    content = login(penilai).get(url(page, *_pks(world, keys))).content.decode()
    assert f'hx-get="{reverse("core:audit_trail", args=[model, pk])}"' in content


def test_dashboard_shows_lifecycle_counts_and_participation(koordinator, world, login):
    City.objects.filter(pk=world["city"].pk).update(mou_number="B-1234/M.KOMINFO/2019", mou_date=datetime.date(2019, 5, 23))
    page = english(login(koordinator)).get(url("dashboard")).content.decode()
    assert "B-1234/M.KOMINFO/2019" in page and "23 May 2019" in page
    assert 'aria-current="step"' in page and "12 Apr 2019" in page  # the selected stage with its date
    assert "Dewan Smart City Kota Ambon" in page and "Dinas Kesehatan" in page
    assert reverse("cities:stage_record", args=[C]) in page


def test_dashboard_is_indonesian_by_default_and_english_on_request(penilai, world, login):
    client = login(penilai)
    assert "Perangkat Daerah" in client.get(url("dashboard")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": url("dashboard")})
    assert "Departments (OPD)" in client.get(url("dashboard")).content.decode()


def test_forbidden_message_is_translated(operator_dinkes, world, login):
    page = login(operator_dinkes).get(url("opd_edit", world["dishub"].pk)).content.decode()
    assert "Tidak diizinkan" in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_national_admins_open_the_enrolment_page(persona, personas, login, ambon):
    response = login(personas[persona]).get(reverse("city_create"))
    expected = {"kementerian": 200, "warga": 302}.get(persona, 403)
    assert response.status_code == expected


def test_national_admin_enrols_a_city(kementerian, ambon, login):
    client = login(kementerian)
    page = client.get(reverse("city_create")).content.decode()
    assert "81.01" in page and 'value="81.71"' not in page  # Ambon already takes part
    response = client.post(reverse("city_create"), {"region": "81.01", "cohort": ambon.cohort_id})
    assert response.status_code == 302 and response["Location"] == reverse("cities:dashboard", args=["81.01"])
    assert City.objects.get(region_id="81.01").cohort_year == 2019


# --- query counts ---------------------------------------------------------------------------


def _crowd(world):
    """More rows than a page shows: 30 departments, stakeholders, bodies, members, signatories."""
    city = world["city"]
    for _n in range(30):
        OpdFactory(city=city)
        StakeholderFactory(city=city)
        body = BodyFactory(city=city, kind=Body.Kind.TEAM)
        BodyMemberFactory(body=world["body"], opd=world["dinkes"])
        BodyMemberFactory(body=body)
        SignatoryFactory(commitment=world["commitment"], kind=Signatory.Kind.STAKEHOLDER, stakeholder=world["bumn"])


@pytest.mark.parametrize(
    "page, keys, queries",
    [
        # with the next steps (site.selectors.next_steps), the evaluation follow-ups due and the masterplan cycles: one query each
        ("dashboard", [], 16),
        ("stage_record", [], 8),
        ("opd_list", [], 7),
        ("body_list", [], 7),
        ("stakeholder_list", [], 8),
        ("body_detail", ["body"], 8),
        ("commitment_detail", ["commitment"], 9),
        ("opd_detail", ["dinkes"], 8),  # with the programmes it leads and those it supports: one query each
    ],
)
def test_page_query_counts_do_not_grow_with_the_data(page, keys, queries, koordinator, world, login, django_assert_num_queries):
    client = login(koordinator)
    with django_assert_num_queries(queries):
        assert client.get(url(page, *_pks(world, keys))).status_code == 200
    _crowd(world)
    with django_assert_num_queries(queries):
        assert client.get(url(page, *_pks(world, keys))).status_code == 200


@pytest.mark.django_db
def test_a_stage_passed_without_a_recorded_date_is_not_shown_as_done(login, koordinator, ambon):
    ambon.stage = Stage.MOU
    ambon.save(update_fields=["stage"])
    StageEvent.objects.create(city=ambon, stage=Stage.INVITED, reached_on=datetime.date(2019, 3, 4))
    page = login(koordinator).get("/cities/81.71/").content.decode()
    states = re.findall(r'<li class="(done|current|todo)"', page)
    # Only the dated stage is done: the stages the city passed without a recorded date are not.
    assert states[:4] == ["done", "todo", "todo", "todo"]
