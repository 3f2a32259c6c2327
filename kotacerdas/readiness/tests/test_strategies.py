"""Strategies per dimension: services, permissions, pages, the API contract, adoption from the bimtek."""

import importlib
import json

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError

from kotacerdas.bimtek.models import Output
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import Dimension
from kotacerdas.readiness import services
from kotacerdas.readiness.models import Strategy
from kotacerdas.readiness.tests.factories import (
    MasterplanFactory,
    OutputFactory,
    ProgrammeFactory,
    StrategyFactory,
    StrategyOutputFactory,
    SwotItemFactory,
    lens,
)

API = "/api/v1/cities/81.71"
PAGE = "/cities/81.71/readiness/strategies/"
ALLOWED = {"kementerian", "koordinator"}
PERSONAS = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]


@pytest.fixture
def plan(ambon):
    return MasterplanFactory(city=ambon)


@pytest.fixture
def other_plan(ambon):
    """Another masterplan of the same city (the previous period)."""
    return MasterplanFactory(city=ambon, start_year=2014, end_year=2018)


def send(client, method, url, headers, data=None):
    return getattr(client, method)(url, data=json.dumps(data if data is not None else {}), content_type="application/json", headers=headers)


# --- services --------------------------------------------------------------------------------


def test_create_links_swot_items_and_programmes_of_its_masterplan_and_is_audited(koordinator, plan):
    weakness = SwotItemFactory(masterplan=plan, category="W", text="Data tidak terintegrasi")
    opportunity = SwotItemFactory(masterplan=plan, category="O", lens=lens("suprastruktur"), text="Satu Data Indonesia")
    programme = ProgrammeFactory(masterplan=plan, name="Pusat Data Kota Terpadu")
    strategy = services.strategy_create(
        actor=koordinator,
        city=plan.city,
        dimension_code="governance",
        title="  Satu data kota  ",
        text="Data OPD dihimpun di pusat data kota.",
        pairing="WO",
        swot_item_ids=[weakness.pk, opportunity.pk, weakness.pk],
        programme_ids=[programme.pk],
    )
    assert (strategy.masterplan, strategy.title, strategy.order, strategy.version) == (plan, "Satu data kota", 1, 1)
    assert set(strategy.swot_items.all()) == {weakness, opportunity} and list(strategy.programmes.all()) == [programme]
    assert list(programme.strategies.all()) == [strategy] and list(weakness.strategies.all()) == [strategy]
    assert AuditEvent.objects.filter(model="readiness.strategy", action="create").count() == 1
    second = services.strategy_create(actor=koordinator, city=plan.city, dimension_code="governance", title="Layanan satu pintu")
    assert second.order == 2


@pytest.mark.parametrize("kind", ["swot_item_ids", "programme_ids"])
def test_links_to_another_masterplan_are_refused_and_nothing_is_written(koordinator, plan, other_plan, unchanged, kind):
    own = {"swot_item_ids": [SwotItemFactory(masterplan=plan).pk], "programme_ids": [ProgrammeFactory(masterplan=plan).pk]}
    foreign = SwotItemFactory(masterplan=other_plan) if kind == "swot_item_ids" else ProgrammeFactory(masterplan=other_plan)
    strategy = StrategyFactory(masterplan=plan)
    with unchanged():
        with pytest.raises(ServiceError) as created:
            services.strategy_create(
                actor=koordinator, city=plan.city, dimension_code="economy", title="Baru", **{**own, kind: [*own[kind], foreign.pk]}
            )
        with pytest.raises(ServiceError) as updated:
            services.strategy_update(actor=koordinator, strategy=strategy, title="Diubah", **{kind: [foreign.pk]})
    for exc in (created, updated):
        assert (exc.value.code, exc.value.field) == ("other_masterplan", kind) and str(foreign.pk) in exc.value.message


def test_links_of_another_city_or_unknown_are_refused_like_ids_that_do_not_exist(koordinator, plan, tual, unchanged):
    foreign = ProgrammeFactory(masterplan=MasterplanFactory(city=tual))
    with unchanged():
        for ids in ([foreign.pk], [10**9]):
            with pytest.raises(ServiceError) as exc:
                services.strategy_create(actor=koordinator, city=plan.city, dimension_code="economy", title="x", programme_ids=ids)
            assert (exc.value.code, exc.value.field) == ("unknown_reference", "programme_ids") and foreign.name not in exc.value.message


@pytest.mark.parametrize(
    "args,code,field",
    [
        ({"dimension_code": "smart-food", "title": "x"}, "unknown_code", "dimension_code"),
        ({"dimension_code": "economy", "title": "   "}, "required", "title"),
    ],
)
def test_bad_values_are_refused(koordinator, plan, unchanged, args, code, field):
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.strategy_create(actor=koordinator, city=plan.city, **args)
    assert (exc.value.code, exc.value.field) == (code, field)


@pytest.mark.parametrize("args,field", [({"title": "x" * 201}, "title"), ({"title": "x", "pairing": "SS"}, "pairing")])
def test_values_the_model_refuses_write_nothing(koordinator, plan, unchanged, args, field):
    with unchanged(), pytest.raises(ValidationError) as exc:
        services.strategy_create(actor=koordinator, city=plan.city, dimension_code="economy", **args)
    assert field in exc.value.message_dict


def test_update_changes_only_what_is_given_and_a_new_dimension_puts_it_last(koordinator, plan):
    swot, programme = SwotItemFactory(masterplan=plan), ProgrammeFactory(masterplan=plan)
    StrategyFactory(masterplan=plan, dimension=Dimension.objects.get(code="economy"), order=4)
    strategy = services.strategy_create(
        actor=koordinator, city=plan.city, dimension_code="governance", title="A", swot_item_ids=[swot.pk], programme_ids=[programme.pk]
    )
    services.strategy_update(actor=koordinator, strategy=strategy, text="Uraian")
    strategy.refresh_from_db()
    assert (strategy.title, strategy.text, strategy.version) == ("A", "Uraian", 2)
    assert list(strategy.swot_items.all()) == [swot] and list(strategy.programmes.all()) == [programme]
    services.strategy_update(actor=koordinator, strategy=strategy, dimension_code="economy", programme_ids=[])
    strategy.refresh_from_db()
    assert (strategy.dimension.code, strategy.order, strategy.version) == ("economy", 5, 3)
    assert not strategy.programmes.exists() and list(strategy.swot_items.all()) == [swot]


def test_delete_keeps_the_swot_items_and_programmes(koordinator, plan):
    swot, programme = SwotItemFactory(masterplan=plan), ProgrammeFactory(masterplan=plan)
    strategy = StrategyFactory(masterplan=plan)
    strategy.swot_items.add(swot)
    strategy.programmes.add(programme)
    services.strategy_delete(actor=koordinator, strategy=strategy)
    assert not Strategy.objects.exists() and swot.__class__.objects.filter(pk=swot.pk).exists()
    assert programme.__class__.objects.filter(pk=programme.pk).exists()
    assert AuditEvent.objects.filter(model="readiness.strategy", action="delete").exists()


def test_a_bimtek_strategy_is_adopted_once_with_its_provenance(koordinator, plan, unchanged):
    output = StrategyOutputFactory(workshop__masterplan=plan, workshop__number=2, text="Ekosistem transaksi non-tunai")
    strategy = services.output_adopt(actor=koordinator, output=output)
    assert isinstance(strategy, Strategy)
    assert (strategy.origin, strategy.dimension.code, strategy.title, strategy.text) == (
        output,
        "economy",
        "Ekosistem transaksi non-tunai",
        "",
    )
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.output_adopt(actor=koordinator, output=output)
    assert exc.value.code == "already_adopted"


def test_a_long_bimtek_strategy_keeps_its_whole_text_as_description(koordinator, plan):
    text = "Pasar dan UMKM bertransaksi non-tunai " * 10
    strategy = services.output_adopt(actor=koordinator, output=StrategyOutputFactory(workshop__masterplan=plan, text=text))
    assert len(strategy.title) == 200 and strategy.title.endswith("…") and strategy.text == text.strip()


def test_a_bimtek_strategy_without_dimension_is_refused(koordinator, plan, unchanged):
    output = OutputFactory(workshop__masterplan=plan, kind=Output.Kind.STRATEGY, dimension=None, text="Tanpa dimensi")
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.output_adopt(actor=koordinator, output=output)
    assert exc.value.code == "required"


def _actions(plan):
    strategy, swot, programme = StrategyFactory(masterplan=plan), SwotItemFactory(masterplan=plan), ProgrammeFactory(masterplan=plan)
    output = StrategyOutputFactory(workshop__masterplan=plan)
    return {
        "strategy_create": lambda u: services.strategy_create(
            actor=u, city=plan.city, dimension_code="living", title="Baru", swot_item_ids=[swot.pk], programme_ids=[programme.pk]
        ),
        "strategy_update": lambda u: services.strategy_update(actor=u, strategy=strategy, title="Diubah"),
        "strategy_delete": lambda u: services.strategy_delete(actor=u, strategy=strategy),
        "output_adopt": lambda u: services.output_adopt(actor=u, output=output),
    }


@pytest.mark.parametrize("action", ["strategy_create", "strategy_update", "strategy_delete", "output_adopt"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(personas, plan, persona, action, unchanged):
    """Who may edit the SWOT analysis may edit the strategies: the ministry's admins and the city's coordinator."""
    run = _actions(plan)[action]
    if persona in ALLOWED:
        before = AuditEvent.objects.count()
        run(personas[persona])
        assert AuditEvent.objects.count() > before
    else:
        with unchanged(), pytest.raises(PermissionDenied):
            run(personas[persona])


# --- pages -----------------------------------------------------------------------------------


def test_page_groups_strategies_by_dimension_with_links(login, penilai, plan):
    swot = SwotItemFactory(masterplan=plan, category="W", text="SDM TIK terbatas")
    programme = ProgrammeFactory(masterplan=plan, name="Ambon Satu Akses")
    strategy = StrategyFactory(masterplan=plan, title="Layanan satu pintu", pairing="WO")
    strategy.swot_items.add(swot)
    strategy.programmes.add(programme)
    StrategyFactory(masterplan=plan, title="Pasar non-tunai", dimension=Dimension.objects.get(code="economy"))
    page = login(penilai).get(PAGE).content.decode()
    governance = page.split('id="dimension-governance"')[1].split('id="dimension-branding"')[0]
    assert "Layanan satu pintu" in governance and "Pasar non-tunai" not in governance and ">WO<" in governance
    assert "SDM TIK terbatas" in governance and f"/readiness/struktur/?masterplan={plan.pk}#swot-item-{swot.pk}" in governance
    assert f"/programmes/{programme.pk}/" in governance and "Ambon Satu Akses" in governance
    assert "Pasar non-tunai" in page.split('id="dimension-economy"')[1]
    assert "/strategies/new/" not in page and "/edit/" not in page, "a reader gets no forms"


def test_page_query_count_does_not_grow_with_the_strategies(login, koordinator, plan, django_assert_max_num_queries):
    client = login(koordinator)
    for dimension in Dimension.objects.all():
        for n in range(3):
            strategy = StrategyFactory(masterplan=plan, dimension=dimension, title=f"{dimension.code} {n}")
            strategy.swot_items.add(SwotItemFactory(masterplan=plan), SwotItemFactory(masterplan=plan, lens=lens("culture")))
            strategy.programmes.add(ProgrammeFactory(masterplan=plan))
        StrategyOutputFactory(workshop__masterplan=plan, dimension=dimension)
    with django_assert_max_num_queries(14):
        page = client.get(PAGE)
    assert page.status_code == 200 and page.content.decode().count('id="strategy-') == 18


def test_page_of_a_city_outside_scope_is_404_and_without_masterplan_says_so(login, koordinator_lain, koordinator, ambon):
    assert login(koordinator).get(PAGE).status_code == 200
    MasterplanFactory(city=ambon)
    assert login(koordinator_lain).get(PAGE).status_code == 404


def test_create_and_edit_forms_offer_this_masterplans_items_only(login, koordinator, plan, other_plan):
    own_swot, own_programme = (
        SwotItemFactory(masterplan=plan, text="Butir sendiri"),
        ProgrammeFactory(masterplan=plan, name="Program sendiri"),
    )
    SwotItemFactory(masterplan=other_plan, text="Butir lain")
    ProgrammeFactory(masterplan=other_plan, name="Program lain")
    client = login(koordinator)
    form = client.get(f"{PAGE}new/?masterplan={plan.pk}&dimension=economy").content.decode()
    assert "Butir sendiri" in form and "Program sendiri" in form and "Butir lain" not in form and "Program lain" not in form
    assert '<option value="economy" selected>' in form
    response = client.post(
        f"{PAGE}new/?masterplan={plan.pk}",
        {
            "dimension": "economy",
            "title": "Pasar non-tunai",
            "pairing": "SO",
            "swot_items": [own_swot.pk],
            "programmes": [own_programme.pk],
        },
    )
    strategy = Strategy.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?masterplan={plan.pk}#strategy-{strategy.pk}")
    assert (strategy.masterplan, strategy.pairing) == (plan, "SO") and list(strategy.programmes.all()) == [own_programme]
    edit = client.get(f"{PAGE}{strategy.pk}/edit/").content.decode()
    assert 'name="version"' in edit and "Pasar non-tunai" in edit
    client.post(
        f"{PAGE}{strategy.pk}/edit/",
        {"version": 1, "dimension": "economy", "title": "Pasar dan UMKM non-tunai", "pairing": "SO", "swot_items": [own_swot.pk]},
    )
    strategy.refresh_from_db()
    assert strategy.title == "Pasar dan UMKM non-tunai" and not strategy.programmes.exists() and strategy.version == 2


def test_a_form_ticking_another_masterplans_item_shows_an_error_and_keeps_nothing(login, koordinator, plan, other_plan, unchanged):
    foreign = ProgrammeFactory(masterplan=other_plan)
    with unchanged():
        page = login(koordinator).post(
            f"{PAGE}new/?masterplan={plan.pk}", {"dimension": "economy", "title": "x", "programmes": [foreign.pk]}
        )
    body = page.content.decode()
    alert = body.split('class="alert alert-danger"')[1].split("</div>")[0]
    assert page.status_code == 200 and "Programmes carrying it" in alert or "Program yang" in alert


def test_a_stale_edit_form_is_refused(login, koordinator, plan, unchanged):
    strategy = StrategyFactory(masterplan=plan, title="Asal")
    services.strategy_update(actor=koordinator, strategy=strategy, title="Diubah orang lain")
    with unchanged():
        page = login(koordinator).post(f"{PAGE}{strategy.pk}/edit/", {"version": 1, "dimension": "governance", "title": "Punyaku"})
    assert page.status_code == 200 and "Diubah orang lain" in page.content.decode()


@pytest.mark.parametrize("persona", ["penilai", "operator_dinkes", "mitra", "koordinator_lain"])
def test_forms_are_refused_to_readers(login, personas, plan, persona, unchanged):
    strategy = StrategyFactory(masterplan=plan)
    client = login(personas[persona])
    with unchanged():
        for url in (f"{PAGE}new/", f"{PAGE}{strategy.pk}/edit/", f"{PAGE}{strategy.pk}/delete/"):
            assert client.get(url).status_code in (403, 404)
            assert client.post(url, {"dimension": "economy", "title": "x"}).status_code in (403, 404)


def test_delete_page_confirms_then_deletes(login, koordinator, plan):
    strategy = StrategyFactory(masterplan=plan, title="Dihapus")
    client = login(koordinator)
    assert "Dihapus" in client.get(f"{PAGE}{strategy.pk}/delete/").content.decode()
    assert client.post(f"{PAGE}{strategy.pk}/delete/").status_code == 302 and not Strategy.objects.exists()


def test_adopt_from_the_strategies_page_opens_the_edit_form(login, koordinator, plan):
    output = StrategyOutputFactory(workshop__masterplan=plan)
    client = login(koordinator)
    pending = client.get(PAGE).content.decode().split('id="pending"')[1]
    assert output.text in pending and f"/readiness/adopt/{output.pk}/" in pending
    response = client.post(f"/cities/81.71/readiness/adopt/{output.pk}/")
    strategy = Strategy.objects.get(origin=output)
    assert response.status_code == 302 and response["Location"] == f"{PAGE}{strategy.pk}/edit/"
    again = client.post(f"/cities/81.71/readiness/adopt/{output.pk}/")
    assert again.status_code == 302 and again["Location"] == f"{PAGE}?masterplan={plan.pk}" and Strategy.objects.count() == 1


def test_programme_page_shows_the_strategies_it_carries(login, penilai, plan):
    programme = ProgrammeFactory(masterplan=plan)
    strategy = StrategyFactory(masterplan=plan, title="Layanan satu pintu")
    strategy.programmes.add(programme)
    page = login(penilai).get(f"/cities/81.71/programmes/{programme.pk}/").content.decode()
    assert "Layanan satu pintu" in page and f"#strategy-{strategy.pk}" in page


def test_export_lists_every_strategy_with_its_links(login, penilai, plan):
    strategy = StrategyFactory(masterplan=plan, title="Layanan satu pintu", pairing="SO")
    strategy.swot_items.add(SwotItemFactory(masterplan=plan, text="Komitmen wali kota"))
    strategy.programmes.add(ProgrammeFactory(masterplan=plan, name="Ambon Satu Akses"))
    csv = login(penilai).get(f"{PAGE}export/?format=csv").content.decode("utf-8-sig")
    header, row = csv.splitlines()[:2]
    assert "Strategi" in header and "Layanan satu pintu" in row and "Komitmen wali kota" in row and "Ambon Satu Akses" in row
    xlsx = login(penilai).get(f"{PAGE}export/?format=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


# --- API -------------------------------------------------------------------------------------


def test_api_create_read_patch_delete(client, api_token, koordinator, plan):
    headers = api_token(koordinator)
    swot, programme = SwotItemFactory(masterplan=plan, category="W"), ProgrammeFactory(masterplan=plan)
    created = send(
        client,
        "post",
        f"{API}/strategies",
        headers,
        {
            "dimension_code": "governance",
            "title": "Satu data",
            "pairing": "WO",
            "swot_item_ids": [swot.pk],
            "programme_ids": [programme.pk],
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert body["version"] == 1 and body["masterplan_id"] == plan.pk and body["dimension_code"] == "governance"
    assert body["swot_item_ids"] == [swot.pk] and body["swot_items"][0]["category"] == "W" and body["programme_ids"] == [programme.pk]
    assert body["pairing_label"].startswith("WO") and body["origin_output_id"] is None
    path = f"{API}/strategies/{body['id']}"
    one = client.get(path, headers=headers)
    assert one.status_code == 200 and one["ETag"] == '"1"' and one.json() == body
    patched = send(client, "patch", path, {**headers, "If-Match": '"1"'}, {"text": "Uraian", "programme_ids": []})
    assert patched.status_code == 200 and patched["ETag"] == '"2"'
    assert (patched.json()["text"], patched.json()["programme_ids"], patched.json()["swot_item_ids"]) == ("Uraian", [], [swot.pk])
    cleared = send(client, "patch", path, headers, {"pairing": ""})
    assert cleared.json()["pairing"] == "" and cleared.json()["pairing_label"] == ""
    assert send(client, "delete", path, headers).status_code == 204 and not Strategy.objects.exists()


def test_api_patch_with_a_stale_version_writes_nothing(client, api_token, koordinator, plan, unchanged):
    strategy = StrategyFactory(masterplan=plan, title="Asal")
    services.strategy_update(actor=koordinator, strategy=strategy, title="Diubah")
    headers = {**api_token(koordinator), "If-Match": '"1"'}
    with unchanged():
        response = send(client, "patch", f"{API}/strategies/{strategy.pk}", headers, {"title": "x"})
    assert response.status_code == 412 and response.json()["code"] == "version_conflict"


def test_api_list_paginates_filters_and_keeps_its_query_count(client, api_token, penilai, plan, other_plan, django_assert_max_num_queries):
    headers = api_token(penilai)
    for n in range(4):
        strategy = StrategyFactory(masterplan=plan, dimension=Dimension.objects.get(code="economy" if n % 2 else "governance"))
        strategy.swot_items.add(SwotItemFactory(masterplan=plan))
        strategy.programmes.add(ProgrammeFactory(masterplan=plan))
    StrategyFactory(masterplan=other_plan, title="Periode lalu")
    with django_assert_max_num_queries(12):
        body = client.get(f"{API}/strategies?masterplan_id={plan.pk}&limit=3", headers=headers).json()
    assert body["count"] == 4 and len(body["items"]) == 3
    assert [i["dimension_code"] for i in body["items"]] == ["governance", "governance", "economy"]
    economy = client.get(f"{API}/strategies?masterplan_id={plan.pk}&dimension_code=economy", headers=headers).json()
    assert economy["count"] == 2
    older = client.get(f"{API}/strategies?masterplan_id={other_plan.pk}", headers=headers).json()
    assert [i["title"] for i in older["items"]] == ["Periode lalu"]
    assert client.get(f"{API}/strategies?dimension_code=kosmos", headers=headers).json()["code"] == "unknown_code"
    assert client.get(f"{API}/strategies?limit=0", headers=headers).status_code == 422


@pytest.mark.parametrize(
    "method,path,body,status,code,field",
    [
        (
            "post",
            "strategies",
            {"dimension_code": "economy", "title": "x", "swot_item_ids": ["{foreign_swot}"]},
            400,
            "other_masterplan",
            "swot_item_ids",
        ),
        (
            "post",
            "strategies",
            {"dimension_code": "economy", "title": "x", "programme_ids": ["{foreign_programme}"]},
            400,
            "other_masterplan",
            "programme_ids",
        ),
        ("patch", "strategies/{strategy}", {"swot_item_ids": ["{foreign_swot}"]}, 400, "other_masterplan", "swot_item_ids"),
        ("patch", "strategies/{strategy}", {"programme_ids": ["{foreign_programme}"]}, 400, "other_masterplan", "programme_ids"),
        (
            "post",
            "strategies",
            {"dimension_code": "economy", "title": "x", "programme_ids": [999999]},
            400,
            "unknown_reference",
            "programme_ids",
        ),
        ("post", "strategies", {"dimension_code": "kosmos", "title": "x"}, 400, "unknown_code", "dimension_code"),
        ("post", "strategies", {"dimension_code": "economy", "title": " "}, 400, "required", "title"),
        ("post", "strategies", {"dimension_code": "economy", "title": "x", "pairing": "SS"}, 422, "validation_error", None),
        ("post", "strategies", {"dimension_code": "economy", "title": "x", "lens_code": "struktur"}, 422, "validation_error", None),
        ("patch", "strategies/{strategy}", {"title": None}, 422, "validation_error", None),
        ("patch", "strategies/999999", {"title": "x"}, 404, "not_found", None),
        ("delete", "strategies/999999", None, 404, "not_found", None),
    ],
)
def test_api_bad_writes_are_refused(client, api_token, koordinator, plan, other_plan, unchanged, method, path, body, status, code, field):
    ids = {
        "strategy": StrategyFactory(masterplan=plan).pk,
        "foreign_swot": SwotItemFactory(masterplan=other_plan).pk,
        "foreign_programme": ProgrammeFactory(masterplan=other_plan).pk,
    }
    text = json.dumps(body) if body is not None else None
    for name, pk in ids.items():
        text = text.replace(f'"{{{name}}}"', str(pk)) if text else text
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, method, f"{API}/{path.format(**ids)}", headers, json.loads(text) if text else None)
    assert response.status_code == status and response.json()["code"] == code
    if field:
        assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize(
    "persona,status,code",
    [
        ("penilai", 403, "forbidden"),
        ("operator_dinkes", 403, "forbidden"),
        ("mitra", 403, "forbidden"),
        ("koordinator_lain", 404, "not_found"),
        ("warga", 401, "not_authenticated"),
    ],
)
def test_api_writes_refused_by_role(client, api_token, personas, ambon, plan, unchanged, persona, status, code):
    ambon.is_published = True  # the public reads it, and may not write
    ambon.save()
    strategy = StrategyFactory(masterplan=plan)
    user = personas[persona]
    headers = api_token(user) if user.is_authenticated else {}
    with unchanged():
        for method, path, body in (
            ("post", "strategies", {"dimension_code": "economy", "title": "x"}),
            ("patch", f"strategies/{strategy.pk}", {"title": "x"}),
            ("delete", f"strategies/{strategy.pk}", None),
        ):
            response = send(client, method, f"{API}/{path}", headers, body)
            assert (response.status_code, response.json()["code"]) == (status, code)


def test_api_another_city_sees_nothing(client, api_token, koordinator_lain, plan, unchanged):
    strategy = StrategyFactory(masterplan=plan)
    headers = api_token(koordinator_lain)
    with unchanged():
        assert client.get(f"{API}/strategies/{strategy.pk}", headers=headers).status_code == 404
        assert send(client, "patch", f"/api/v1/cities/81.72/strategies/{strategy.pk}", headers, {"title": "x"}).status_code == 404


def test_api_adopts_a_bimtek_strategy(client, api_token, koordinator, plan):
    output = StrategyOutputFactory(workshop__masterplan=plan)
    response = send(client, "post", f"{API}/readiness/outputs/{output.pk}/adopt", api_token(koordinator), {})
    assert response.status_code == 201
    body = response.json()
    assert (
        body["kind"] == "strategy" and body["strategy"]["origin_output_id"] == output.pk and body["strategy"]["dimension_code"] == "economy"
    )
    listed = client.get(f"{API}/bimtek/{output.workshop_id}/outputs", headers=api_token(koordinator)).json()
    assert listed["items"][0]["strategy_ids"] == [body["strategy"]["id"]]


# --- the data migration ----------------------------------------------------------------------


def test_the_migration_makes_each_bimtek_strategy_a_strategy_once(plan):
    """Migration 0005: the strategies recorded as bimtek outputs become strategies of their masterplan."""
    migration = importlib.import_module("kotacerdas.readiness.migrations.0005_strategies_from_bimtek_outputs")

    class Apps:
        def get_model(self, app, name):
            return django_apps.get_model(app, name)

    first = StrategyOutputFactory(workshop__masterplan=plan, text="Pasar non-tunai")
    second = StrategyOutputFactory(workshop=first.workshop, text="Pajak daring")
    long = StrategyOutputFactory(workshop=first.workshop, dimension=Dimension.objects.get(code="governance"), text="Layanan " * 40)
    OutputFactory(workshop=first.workshop, kind=Output.Kind.STRATEGY, dimension=None, text="Tanpa dimensi")
    adopted = StrategyOutputFactory(workshop=first.workshop, text="Sudah diadopsi")
    StrategyFactory(masterplan=plan, origin=adopted, title="Sudah diadopsi")
    for _run in range(2):
        migration.adopt_strategy_outputs(Apps(), None)
    made = {s.origin_id: s for s in Strategy.objects.exclude(origin=adopted)}
    assert set(made) == {first.pk, second.pk, long.pk}, "once each; one without a dimension is left to adopt by hand"
    assert (made[first.pk].title, made[first.pk].text, made[first.pk].order, made[first.pk].masterplan) == ("Pasar non-tunai", "", 1, plan)
    assert (made[second.pk].dimension.code, made[second.pk].order) == ("economy", 2)
    assert len(made[long.pk].title) == 200 and made[long.pk].text == long.text.strip()
