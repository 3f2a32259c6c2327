"""Pages: content, permissions (403/404), htmx partials, pinned query counts."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from kotacerdas.alignment.models import PlanDocument, PlanItem, ProgrammeLink
from kotacerdas.alignment.tests.bulk import populate
from kotacerdas.alignment.tests.factories import (
    PlanDocumentFactory,
    ProgrammeLinkFactory,
)

ROLES = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]
MANAGERS = {"kementerian", "koordinator"}


def url(name, *args):
    return reverse(f"alignment:{name}", args=["81.71", *args])


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- reading ----------------------------------------------------------------------------------


def test_matrix_shows_programmes_links_and_checks(login, koordinator, programme_dinkes, programme_dishub, rpjmd_programme):
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    page = login(koordinator).get(url("matrix")).content.decode()
    assert "Puskesmas Daring" in page and "Area Traffic Control System" in page
    assert "1.02.02" in page and "Program Pemenuhan Upaya Kesehatan" in page
    assert "sticky-col" in page and "table-responsive" in page
    assert reverse("alignment:programme_links", args=["81.71", programme_dishub.pk]) in page
    assert "#check-programme_without_rpjmd" in page


@pytest.mark.parametrize(
    "role, status",
    [
        ("kementerian", 200),
        ("penilai", 200),
        ("koordinator", 200),
        ("operator_dinkes", 200),
        ("mitra", 200),
        ("warga", 200),
        ("koordinator_lain", 404),
    ],
)
def test_read_pages_follow_city_visibility(role, status, personas, login, ambon, rpjmd, masterplan):
    ambon.is_published = True
    ambon.save()
    client = login(personas[role])
    for path in (url("matrix"), url("gaps"), url("plans"), url("plan_detail", rpjmd.pk)):
        assert client.get(path).status_code == status, path


def test_unpublished_city_is_hidden_from_the_public(client, ambon, masterplan):
    assert client.get(url("matrix")).status_code == 404


def test_gaps_page_lists_offenders_with_links(login, koordinator, masterplan, programme_dinkes):
    page = login(koordinator).get(url("gaps")).content.decode()
    assert 'id="check-programme_without_rpjmd"' in page and "Puskesmas Daring" in page
    assert reverse("alignment:programme_links", args=["81.71", programme_dinkes.pk]) in page
    assert "Smart Branding" in page or "Branding" in page


def test_plans_page_and_detail_tree(login, koordinator, rpjmd_programme):
    client = login(koordinator)
    page = client.get(url("plans")).content.decode()
    assert "RPJMD Kota Ambon 2017–2022" in page and url("plan_create") in page
    detail = client.get(url("plan_detail", rpjmd_programme.document_id)).content.decode()
    assert "1.02.02" in detail and url("item_edit", rpjmd_programme.document_id, rpjmd_programme.pk) in detail


def test_readers_see_no_write_buttons(login, operator_dinkes, rpjmd_programme):
    client = login(operator_dinkes)
    assert url("plan_create") not in client.get(url("plans")).content.decode()
    assert "item-" in client.get(url("plan_detail", rpjmd_programme.document_id)).content.decode()
    assert (
        url("item_edit", rpjmd_programme.document_id, rpjmd_programme.pk)
        not in client.get(url("plan_detail", rpjmd_programme.document_id)).content.decode()
    )


def test_plan_of_another_city_is_404(login, kementerian, tual):
    other = PlanDocumentFactory(city=tual)
    assert login(kementerian).get(url("plan_detail", other.pk)).status_code == 404


# --- writing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_plan_create_page_permissions(role, personas, login, ambon):
    ambon.is_published = True
    ambon.save()
    client = login(personas[role])
    response = client.post(
        url("plan_create"), {"kind": "rpjmd", "title": "RPJMD Kota Ambon 2023–2026", "start_year": 2023, "end_year": 2026}
    )
    expected = 302 if role in MANAGERS else 404 if role == "koordinator_lain" else 403
    if role == "warga":
        expected = 403
    assert response.status_code == expected
    assert PlanDocument.objects.exists() is (role in MANAGERS)


def test_plan_create_shows_service_errors(login, koordinator, ambon):
    response = login(koordinator).post(url("plan_create"), {"kind": "renstra", "title": "Renstra", "start_year": 2017, "end_year": 2022})
    assert response.status_code == 200
    assert "department" in response.content.decode() or "perangkat" in response.content.decode().lower()
    assert not PlanDocument.objects.exists()


def test_plan_edit_and_delete(login, koordinator, rpjmd):
    client = login(koordinator)
    assert client.get(url("plan_edit", rpjmd.pk)).status_code == 200
    response = client.post(
        url("plan_edit", rpjmd.pk), {"kind": "rpjmd", "title": "RPJMD Ambon (perubahan)", "start_year": 2017, "end_year": 2022}
    )
    assert response.status_code == 302
    rpjmd.refresh_from_db()
    assert rpjmd.title == "RPJMD Ambon (perubahan)"
    assert client.post(url("plan_delete", rpjmd.pk)).status_code == 302
    assert not PlanDocument.objects.exists()


def test_plan_delete_refused_while_linked(login, koordinator, rpjmd_programme, programme_dinkes):
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    response = login(koordinator).post(url("plan_delete", rpjmd_programme.document_id), follow=True)
    assert PlanDocument.objects.exists()
    assert "Unlink" in response.content.decode() or "Lepaskan" in response.content.decode()


def test_item_inline_add_edit_delete_with_htmx(login, koordinator, rpjmd_programme):
    client = login(koordinator)
    doc = rpjmd_programme.document
    form = client.get(url("item_create", doc.pk) + f"?parent={rpjmd_programme.pk}", HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and "<form" in form.content.decode() and "<html" not in form.content.decode()
    added = client.post(
        url("item_create", doc.pk) + f"?parent={rpjmd_programme.pk}",
        {"kind": "activity", "code": "1.02.02.2.01", "text": "Penyediaan Fasilitas Pelayanan Kesehatan", "parent_id": rpjmd_programme.pk},
        HTTP_HX_REQUEST="true",
    )
    activity = PlanItem.objects.get(code="1.02.02.2.01")
    assert f'id="item-{activity.pk}"' in added.content.decode() and 'data-depth="1"' in added.content.decode()
    bad = client.post(
        url("item_edit", doc.pk, activity.pk),
        {"kind": "activity", "code": "1.02.02.2", "text": "x", "parent_id": rpjmd_programme.pk},
        HTTP_HX_REQUEST="true",
    )
    assert "invalid-feedback" in bad.content.decode() and "1.02.02.2" in bad.content.decode()
    edited = client.post(
        url("item_edit", doc.pk, activity.pk),
        {"kind": "activity", "code": "1.02.02.2.01", "text": "Fasilitas Kesehatan", "parent_id": rpjmd_programme.pk},
        HTTP_HX_REQUEST="true",
    )
    assert "Fasilitas Kesehatan" in edited.content.decode()
    deleted = client.post(url("item_delete", doc.pk, activity.pk), HTTP_HX_REQUEST="true")
    assert deleted.status_code == 200 and deleted.content == b""
    assert not PlanItem.objects.filter(pk=activity.pk).exists()


def test_item_delete_refused_inline_while_linked(login, koordinator, rpjmd_programme, programme_dinkes):
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    response = login(koordinator).post(url("item_delete", rpjmd_programme.document_id, rpjmd_programme.pk), HTTP_HX_REQUEST="true")
    assert 'role="alert"' in response.content.decode()
    assert PlanItem.objects.filter(pk=rpjmd_programme.pk).exists()


@pytest.mark.parametrize("role", ["operator_dinkes", "mitra", "penilai"])
def test_item_writes_forbidden_pages(role, personas, login, rpjmd_programme):
    client = login(personas[role])
    doc = rpjmd_programme.document
    assert client.get(url("item_create", doc.pk)).status_code == 403
    assert (
        client.post(url("item_edit", doc.pk, rpjmd_programme.pk), {"kind": "programme", "code": "1.02.02", "text": "x"}).status_code == 403
    )
    assert client.post(url("item_delete", doc.pk, rpjmd_programme.pk)).status_code == 403
    assert client.get(url("item_import", doc.pk)).status_code == 403


def test_import_page(login, koordinator, rpjmd):
    book = Workbook()
    book.active.append(["kind", "code", "text", "parent code"])
    book.active.append(["program", "2.16.02", "Program Pengelolaan Informasi dan Komunikasi Publik", ""])
    book.active.append(["kegiatan", "2.16.2", "Kode salah", "2.16.02"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "rpjmd.xlsx"
    response = login(koordinator).post(url("item_import", rpjmd.pk), {"file": buffer}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[0][0].startswith("/jobs/")
    assert "alert-danger" in page and "Baris 3" in page and "2.16.2" in page
    assert not PlanItem.objects.exists()


def test_link_page_search_link_and_unlink(login, operator_dinkes, programme_dinkes, rpjmd_programme):
    client = login(operator_dinkes)
    page = client.get(url("programme_links", programme_dinkes.pk) + "?q=1.02").content.decode()
    assert "Program Pemenuhan Upaya Kesehatan" in page
    assert (
        client.post(url("programme_links", programme_dinkes.pk), {"plan_item_id": rpjmd_programme.pk, "note": "Misi 2"}).status_code == 302
    )
    link = ProgrammeLink.objects.get()
    assert link.note == "Misi 2"
    duplicate = client.post(url("programme_links", programme_dinkes.pk), {"plan_item_id": rpjmd_programme.pk})
    assert duplicate.status_code == 200 and ProgrammeLink.objects.count() == 1
    assert client.post(url("link_delete", link.pk)).status_code == 302
    assert not ProgrammeLink.objects.exists()


def test_operator_cannot_link_another_departments_programme(login, operator_dinkes, programme_dishub, rpjmd_programme):
    client = login(operator_dinkes)
    assert '<form method="post" class="d-flex gap-1">' not in client.get(url("programme_links", programme_dishub.pk)).content.decode()
    assert client.post(url("programme_links", programme_dishub.pk), {"plan_item_id": rpjmd_programme.pk}).status_code == 403
    link = ProgrammeLinkFactory(programme=programme_dishub, plan_item=rpjmd_programme)
    assert client.post(url("link_delete", link.pk)).status_code == 403


# --- query counts -----------------------------------------------------------------------------


def _counts(login, koordinator, ambon, masterplan, dinkes, paths):
    client = login(koordinator)
    rpjmd = populate(ambon, masterplan, dinkes, programmes=3, items=3)
    small = [_queries(client, p(rpjmd)) for p in paths]
    populate(ambon, masterplan, dinkes, programmes=50, items=100)
    large = [_queries(client, p(rpjmd)) for p in paths]
    return small, large


def test_query_counts_do_not_grow_with_data(login, koordinator, ambon, masterplan, dinkes):
    paths = [
        lambda d: url("matrix"),
        lambda d: url("gaps"),
        lambda d: url("plans"),
        lambda d: url("plan_detail", d.pk),
        lambda d: url("programme_links", masterplan.programmes.first().pk),
    ]
    small, large = _counts(login, koordinator, ambon, masterplan, dinkes, paths)
    # An empty check skips its page query, so a larger data set may need fewer queries, never more.
    assert all(big <= few for big, few in zip(large, small, strict=True)), (small, large)
    # matrix, gaps (one more: whether anything is recorded yet), plans, plan detail, programme links (session and user are two of each)
    assert small == [11, 19, 7, 8, 9]  # the matrix counts every check in one query


# --- forms, pagers and refusals -----------------------------------------------------------------


def test_plan_form_renders_with_the_core_renderer(login, koordinator, ambon, dinkes, unchanged):
    client = login(koordinator)
    page = client.get(url("plan_create")).content.decode()
    assert 'class="form-select"' in page and 'name="opd_id"' in page and "Dinkes" in page
    with unchanged():
        refused = client.post(
            url("plan_create"), {"kind": "rpjmd", "title": "RPJMD", "start_year": 2022, "end_year": 2017}
        ).content.decode()
    assert 'class="alert alert-danger"' in refused and 'href="#id_end_year"' in refused and "is-invalid" in refused


def test_plan_form_offers_no_department_of_another_city(login, koordinator, ambon, tual, unchanged):
    from kotacerdas.cities.tests.factories import OpdFactory

    other = OpdFactory(city=tual, name="Dinas Rahasia Kota Tual", short_name="Rahasia")
    client = login(koordinator)
    assert "Rahasia" not in client.get(url("plan_create")).content.decode()
    with unchanged():
        response = client.post(
            url("plan_create"), {"kind": "renstra", "title": "Renstra", "start_year": 2017, "end_year": 2022, "opd_id": other.pk}
        )
    assert response.status_code == 200 and "Rahasia" not in response.content.decode()


def test_item_form_refusal_leaves_nothing(login, koordinator, rpjmd_programme, unchanged):
    with unchanged():
        response = login(koordinator).post(
            url("item_create", rpjmd_programme.document_id),
            {"kind": "activity", "code": "2.16.02.2.01", "text": "Kegiatan", "parent_id": rpjmd_programme.pk},
        )
    assert response.status_code == 200 and "1.02.02" in response.content.decode()


def test_import_page_creates_the_items(login, koordinator, rpjmd):
    book = Workbook()
    book.active.append(["kind", "code", "text", "parent code"])
    book.active.append(["program", "2.16.02", "Program Pengelolaan Informasi dan Komunikasi Publik", ""])
    book.active.append(["kegiatan", "2.16.02.2.01", "Pengelolaan Informasi", "2.16.02"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "rpjmd.xlsx"
    response = login(koordinator).post(url("item_import", rpjmd.pk), {"file": buffer})
    assert response.status_code == 302 and response.url.startswith("/jobs/")
    assert list(PlanItem.objects.order_by("pk").values_list("code", "parent__code")) == [("2.16.02", None), ("2.16.02.2.01", "2.16.02")]


def test_each_gap_check_pages_on_its_own(login, koordinator, masterplan):
    from kotacerdas.alignment.tests.factories import ProgrammeFactory

    for n in range(30):
        ProgrammeFactory(masterplan=masterplan, lead_opd=None, name=f"Program Tanpa Perangkat {n:02d}")
    client = login(koordinator)
    first = client.get(url("gaps")).content.decode()
    assert "Program Tanpa Perangkat 24" in first and "Program Tanpa Perangkat 25" not in first
    assert 'hx-select="#check-programme_without_lead_opd"' in first and "programme_without_lead_opd_page=2" in first
    second = client.get(url("gaps") + "?programme_without_lead_opd_page=2").content.decode()
    section = second.split('id="check-programme_without_lead_opd"')[1].split("</section>")[0]
    assert "Program Tanpa Perangkat 25" in section and "Program Tanpa Perangkat 24" not in section
    assert "Program Tanpa Perangkat 00" in second, "the other checks stay on their first page"


def test_unlinking_another_citys_link_is_404(login, kementerian, tual, unchanged):
    from kotacerdas.alignment.tests.factories import PlanItemFactory, ProgrammeFactory

    link = ProgrammeLinkFactory(
        programme=ProgrammeFactory(masterplan__city=tual), plan_item=PlanItemFactory(document=PlanDocumentFactory(city=tual))
    )
    with unchanged():
        assert login(kementerian).post(url("link_delete", link.pk)).status_code == 404
