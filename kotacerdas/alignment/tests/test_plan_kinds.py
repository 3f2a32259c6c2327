"""The national RPJMN, the transition RPD, the RTRW and the head of region's priority programmes; plan items'
indicator, target and indicative ceiling (pagu indikatif): rules, gap checks, pages, API, export, books."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kotacerdas.alignment import selectors, services
from kotacerdas.alignment.models import PlanDocument, PlanItem
from kotacerdas.alignment.tests.factories import PlanDocumentFactory, PlanItemFactory, ProgrammeLinkFactory
from kotacerdas.core.errors import ServiceError

Kind = PlanDocument.Kind
BASE = "/api/v1/cities/81.71"


def _refused(call) -> ServiceError:
    with pytest.raises(ServiceError) as refused:
        call()
    return refused.value


def _plan(actor, city, **fields):
    return services.plan_document_create(actor=actor, city=city, **{"title": "Rencana", "legal_basis": "", **fields})


# --- kinds of plan ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, start, end",
    [(Kind.RPJMN, 2020, 2024), (Kind.RPD, 2023, 2026), (Kind.RTRW, 2011, 2031), (Kind.PRIORITY, 2025, 2030)],
)
def test_new_kinds_are_the_whole_regions_and_keep_their_longest_period(koordinator, ambon, kind, start, end):
    plan = _plan(koordinator, ambon, kind=kind, start_year=start, end_year=end)
    assert plan.opd is None and plan.is_national == (kind == Kind.RPJMN)
    error = _refused(lambda: _plan(koordinator, ambon, kind=kind, start_year=start - 1, end_year=end, title="Lebih panjang"))
    assert (error.code, error.field) == ("plan_period_too_long", "end_year")
    assert PlanDocument.objects.filter(city=ambon).count() == 1


@pytest.mark.parametrize("kind", [Kind.RPJMN, Kind.RPD, Kind.RTRW, Kind.PRIORITY])
def test_new_kinds_name_no_department(koordinator, ambon, dinkes, kind):
    error = _refused(lambda: _plan(koordinator, ambon, kind=kind, start_year=2023, end_year=2024, opd_id=dinkes.pk))
    assert (error.code, error.field) == ("plan_opd_not_allowed", "opd_id")
    assert "Renstra atau Renja" in error.message and not PlanDocument.objects.exists()


def test_department_kind_without_department_and_reversed_years_are_refused(koordinator, ambon):
    error = _refused(lambda: _plan(koordinator, ambon, kind=Kind.RENJA, start_year=2024, end_year=2024))
    assert (error.code, error.field) == ("required", "opd_id")
    error = _refused(lambda: _plan(koordinator, ambon, kind=Kind.RPD, start_year=2026, end_year=2023))
    assert (error.code, error.field) == ("range_reversed", "end_year")
    assert not PlanDocument.objects.exists()


def test_national_plan_items_take_a_free_reference(koordinator, ambon):
    rpjmn = _plan(koordinator, ambon, kind=Kind.RPJMN, start_year=2020, end_year=2024)
    priority = services.plan_item_create(actor=koordinator, document=rpjmn, kind="goal", code="PN 5", text="Memperkuat Infrastruktur")
    programme = services.plan_item_create(
        actor=koordinator, document=rpjmn, kind="programme", text="Transformasi Digital", parent_id=priority.pk
    )
    assert (priority.code, programme.code) == ("PN 5", "")
    error = _refused(lambda: services.plan_item_create(actor=koordinator, document=rpjmn, kind="goal", code="PN 5", text="Lagi"))
    assert error.code == "duplicate", "a reference is still unique in its plan"


def test_rpd_items_keep_the_permendagri_codes(koordinator, ambon):
    rpd = _plan(koordinator, ambon, kind=Kind.RPD, start_year=2023, end_year=2026)
    error = _refused(lambda: services.plan_item_create(actor=koordinator, document=rpd, kind="programme", code="PN 5", text="x"))
    assert (error.code, error.field) == ("nomenclature_code_invalid", "code")
    error = _refused(lambda: services.plan_item_create(actor=koordinator, document=rpd, kind="programme", text="x"))
    assert (error.code, error.field) == ("required", "code")
    assert not rpd.items.exists()


def test_kind_cannot_cross_the_nomenclature_while_items_exist(koordinator, ambon, unchanged):
    rpjmn = _plan(koordinator, ambon, kind=Kind.RPJMN, start_year=2020, end_year=2024)
    services.plan_item_create(actor=koordinator, document=rpjmn, kind="goal", code="PN 1", text="Ketahanan ekonomi")
    with unchanged():
        error = _refused(lambda: services.plan_document_update(actor=koordinator, document=rpjmn, kind=Kind.RPJMD))
    assert (error.code, error.field) == ("plan_kind_locked", "kind")
    rpjmd = _plan(koordinator, ambon, kind=Kind.RPJMD, start_year=2019, end_year=2024)
    PlanItemFactory(document=rpjmd, code="2.16.03")
    moved = services.plan_document_update(actor=koordinator, document=rpjmd, kind=Kind.RPD, start_year=2023, end_year=2026)
    assert moved.kind == Kind.RPD, "RPJMD and RPD share the nomenclature: the items stay valid"
    empty = _plan(koordinator, ambon, kind=Kind.RTRW, start_year=2011, end_year=2031)
    assert services.plan_document_update(actor=koordinator, document=empty, kind=Kind.RPJPD, start_year=2005, end_year=2025).kind == "rpjpd"


# --- indicator, target, indicative ceiling ------------------------------------------------------


def test_item_keeps_indicator_target_and_ceiling(koordinator, rpjmd):
    item = services.plan_item_create(
        actor=koordinator,
        document=rpjmd,
        kind="programme",
        code="2.16.03",
        text="Program Aplikasi Informatika",
        indicator="  Indeks SPBE  ",
        target=" 3,0 ",
        indicative_ceiling=Decimal("12500000000"),
    )
    item.refresh_from_db()
    assert (item.indicator, item.target, item.indicative_ceiling) == ("Indeks SPBE", "3,0", Decimal("12500000000"))
    services.plan_item_update(actor=koordinator, item=item, indicative_ceiling=None, target="")
    item.refresh_from_db()
    assert (item.indicative_ceiling, item.target, item.version) == (None, "", 2)


def test_negative_ceiling_is_refused_and_nothing_changes(koordinator, rpjmd_programme, unchanged):
    with unchanged():
        error = _refused(
            lambda: services.plan_item_create(
                actor=koordinator, document=rpjmd_programme.document, kind="goal", text="Tujuan", indicative_ceiling=-1
            )
        )
        assert (error.code, error.field) == ("out_of_range", "indicative_ceiling") and "negatif" in error.message
        error = _refused(lambda: services.plan_item_update(actor=koordinator, item=rpjmd_programme, indicative_ceiling=Decimal(-5)))
        assert error.code == "out_of_range"


def test_ceiling_constraint_holds_in_the_database(rpjmd_programme):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PlanItem.objects.filter(pk=rpjmd_programme.pk).update(indicative_ceiling=-1)


# --- gap checks -------------------------------------------------------------------------------


def _ids(city, code):
    return set(next(c for c in selectors.gap_checks(city) if c.code == code).queryset.values_list("pk", flat=True))


def test_rpd_link_counts_as_the_medium_term_plan_and_rpjmn_does_not(ambon, masterplan, programme_dinkes):
    rpjmn = PlanDocumentFactory(city=ambon, kind=Kind.RPJMN, start_year=2020, end_year=2024)
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=PlanItemFactory(document=rpjmn, kind="goal", code="PN 3"))
    assert programme_dinkes.pk in _ids(ambon, "programme_without_rpjmd"), "the national plan is not the region's RPJMD"
    rpd = PlanDocumentFactory(city=ambon, kind=Kind.RPD, start_year=2023, end_year=2026)
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=PlanItemFactory(document=rpd, code="1.02.02"))
    assert programme_dinkes.pk not in _ids(ambon, "programme_without_rpjmd")


def test_rpd_programmes_of_the_period_are_reported_like_rpjmd_ones(ambon, masterplan, programme_dinkes):
    rpd = PlanDocumentFactory(city=ambon, kind=Kind.RPD, start_year=2023, end_year=2026)
    served = PlanItemFactory(document=rpd, code="1.02.02")
    unserved = PlanItemFactory(document=rpd, code="2.11.11")
    later = PlanItemFactory(document=PlanDocumentFactory(city=ambon, kind=Kind.RPD, start_year=2025, end_year=2026), code="2.16.03")
    rpjmn = PlanDocumentFactory(city=ambon, kind=Kind.RPJMN, start_year=2020, end_year=2024)
    PlanItemFactory(document=rpjmn, kind="programme", code="")
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=served)
    assert _ids(ambon, "rpjmd_programme_without_programme") == {unserved.pk}, (later.pk, "outside 2020–2024")
    assert selectors.recorded_subjects(ambon, masterplan)["plan_item"]


def test_matrix_columns_follow_the_kinds_order(ambon, masterplan):
    for kind, start, end in [(Kind.RKPD, 2021, 2021), (Kind.RPD, 2023, 2026), (Kind.RPJMN, 2020, 2024)]:
        PlanDocumentFactory(city=ambon, kind=kind, start_year=start, end_year=end)
    assert [c["kind"] for c in selectors.matrix_columns(ambon)] == ["rpjmn", "rpjmd", "rpd", "rkpd"]


# --- pages, export ----------------------------------------------------------------------------


def _url(name, *args):
    return reverse(f"alignment:{name}", args=["81.71", *args])


def test_plan_pages_show_the_kinds_and_the_item_figures(login, koordinator, ambon, rpjmd):
    PlanDocumentFactory(city=ambon, kind=Kind.RPJMN, title="RPJMN 2020–2024", start_year=2020, end_year=2024)
    PlanItemFactory(document=rpjmd, code="2.16.03", indicator="Indeks SPBE", target="3,0", indicative_ceiling=12_500_000_000)
    client = login(koordinator)
    plans = client.get(_url("plans")).content.decode()
    assert "RPJMN 2020–2024" in plans and "nasional" in plans
    detail = client.get(_url("plan_detail", rpjmd.pk)).content.decode()
    assert "Indeks SPBE" in detail and "3,0" in detail and "Rp 12.500.000.000" in detail and "Pagu indikatif" in detail
    form = client.get(_url("plan_create")).content.decode()
    assert 'value="rpd"' in form and 'value="rpjmn"' in form and 'value="priority"' in form
    assert 'value="rpjmd" selected' in form, "the RPJMD stays the kind offered first"


def test_item_form_refuses_a_negative_ceiling(login, koordinator, rpjmd, unchanged):
    with unchanged():
        response = login(koordinator).post(_url("item_create", rpjmd.pk), {"kind": "goal", "text": "Tujuan", "indicative_ceiling": "-100"})
    page = response.content.decode()
    assert response.status_code == 200 and "tidak boleh negatif" in page and 'href="#id_indicative_ceiling"' in page


def test_item_form_saves_the_figures(login, koordinator, rpjmd):
    response = login(koordinator).post(
        _url("item_create", rpjmd.pk),
        {"kind": "goal", "text": "Tujuan", "indicator": "IPM", "target": "80", "indicative_ceiling": "1500000000"},
    )
    assert response.status_code == 302
    item = rpjmd.items.get()
    assert (item.indicator, item.target, item.indicative_ceiling) == ("IPM", "80", Decimal(1_500_000_000))


def test_plan_items_export_in_reading_order_with_figures(login, penilai, rpjmd):
    goal = PlanItemFactory(document=rpjmd, kind="goal", code="", text="Tujuan A")
    PlanItemFactory(document=rpjmd, parent=goal, code="2.16.03", text="Aplikasi", indicator="Indeks SPBE", indicative_ceiling=2_000_000)
    response = login(penilai).get(_url("plan_items_export", rpjmd.pk) + "?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:7] == ["Tingkat", "Jenis", "Kode", "Teks", "Indikator", "Target", "Pagu indikatif (Rp)"]
    assert [r[3] for r in rows[1:]] == ["Tujuan A", "Aplikasi"] and rows[2][0] == "2" and rows[2][4] == "Indeks SPBE"
    assert rows[2][6] == "2000000"


def test_plan_items_export_query_count_does_not_grow(login, koordinator, rpjmd):
    client = login(koordinator)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url("plan_items_export", rpjmd.pk) + "?format=xlsx").status_code == 200
        return len(ctx.captured_queries)

    PlanItemFactory.create_batch(3, document=rpjmd)
    few = count()
    PlanItemFactory.create_batch(60, document=rpjmd, indicative_ceiling=1000)
    assert count() == few == 6  # session and user are two of them


def test_plan_items_export_of_another_city_is_404(login, kementerian, tual):
    plan = PlanDocumentFactory(city=tual)
    assert login(kementerian).get(_url("plan_items_export", plan.pk) + "?format=csv").status_code == 404


# --- API --------------------------------------------------------------------------------------


@pytest.fixture
def api(client, api_token, koordinator):
    headers = api_token(koordinator)

    def call(method, path, payload=None):
        kwargs = {"content_type": "application/json", "data": payload} if payload is not None else {}
        return getattr(client, method)(BASE + path, headers=headers, **kwargs)

    return call


def test_api_national_plan_and_item_figures(api, ambon):
    plan = api("post", "/plans", {"kind": "rpjmn", "title": "RPJMN 2020–2024", "start_year": 2020, "end_year": 2024})
    assert plan.status_code == 201 and plan.json()["kind"] == "rpjmn" and plan.json()["national"] is True
    plan_id = plan.json()["id"]
    item = api(
        "post",
        f"/plans/{plan_id}/items",
        {
            "kind": "goal",
            "code": "PN 5",
            "text": "Infrastruktur",
            "indicator": "Akses internet",
            "target": "100 %",
            "indicative_ceiling": 0,
        },
    ).json()
    assert (item["code"], item["indicator"], item["target"], item["indicative_ceiling"]) == ("PN 5", "Akses internet", "100 %", 0)
    patched = api("patch", f"/plans/{plan_id}/items/{item['id']}", {"indicative_ceiling": 7_500_000_000})
    assert patched.status_code == 200 and patched.json()["indicative_ceiling"] == 7_500_000_000
    cleared = api("patch", f"/plans/{plan_id}/items/{item['id']}", {"indicative_ceiling": None}).json()
    assert cleared["indicative_ceiling"] is None and cleared["version"] == 3
    listed = api("get", "/plans?kind=rpjmn").json()
    assert listed["count"] == 1 and listed["items"][0]["national"] is True


def test_api_negative_ceiling_is_400_out_of_range(api, rpjmd, unchanged):
    with unchanged():
        response = api("post", f"/plans/{rpjmd.pk}/items", {"kind": "goal", "text": "Tujuan", "indicative_ceiling": -1})
    body = response.json()
    assert response.status_code == 400 and body["code"] == "out_of_range"
    assert [e["field"] for e in body["errors"]] == ["indicative_ceiling"]


def test_api_kind_change_refused_while_items_exist(api, ambon, unchanged):
    rpjmn = PlanDocumentFactory(city=ambon, kind=Kind.RPJMN, start_year=2020, end_year=2024)
    PlanItemFactory(document=rpjmn, kind="goal", code="PN 1")
    with unchanged():
        response = api("patch", f"/plans/{rpjmn.pk}", {"kind": "rpjmd"})
    assert response.status_code == 400 and response.json()["code"] == "plan_kind_locked"


def test_api_plan_items_query_count_with_figures(api, rpjmd):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert api("get", f"/plans/{rpjmd.pk}/items").status_code == 200
        return len(ctx.captured_queries)

    PlanItemFactory.create_batch(2, document=rpjmd, indicator="x", indicative_ceiling=5)
    few = count()
    PlanItemFactory.create_batch(40, document=rpjmd, indicator="x", indicative_ceiling=5)
    assert count() == few


# --- import -----------------------------------------------------------------------------------


def _workbook(header, rows):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_import_reads_the_optional_figures(koordinator, rpjmd):
    header = ["Kind", "Code", "Text", "Parent code", "Indicator", "Target", "Indicative ceiling"]
    rows = [
        ["program", "2.16.03", "Program Aplikasi Informatika", "", "Indeks SPBE", "3,0", 12500000000],
        ["program", "2.16.02", "Program Informasi", "", "", "", "1.250.000"],
        ["program", "2.21.02", "Program Persandian", "", "", "", None],
    ]
    services.plan_items_import(actor=koordinator, document=rpjmd, file=_workbook(header, rows))
    figures = {i.code: (i.indicator, i.target, i.indicative_ceiling) for i in rpjmd.items.all()}
    assert figures == {
        "2.16.03": ("Indeks SPBE", "3,0", Decimal(12_500_000_000)),
        "2.16.02": ("", "", Decimal(1_250_000)),
        "2.21.02": ("", "", None),
    }


def test_import_refuses_a_bad_or_negative_ceiling_and_writes_nothing(koordinator, rpjmd, unchanged):
    header = ["kind", "code", "text", "parent code", "indicative ceiling"]
    rows = [["program", "2.16.03", "Aplikasi", "", "dua miliar"], ["program", "2.16.02", "Informasi", "", -5]]
    with unchanged():
        error = _refused(lambda: services.plan_items_import(actor=koordinator, document=rpjmd, file=_workbook(header, rows)))
    assert error.code == "import_rejected" and [n for n, _message in error.rows] == [2, 3]
    assert "dua miliar" in error.rows[0][1] and "negatif" in error.rows[1][1]
