"""A programme year's status and its mixed funding: shares from several sources (APBD, a partner's CSR …)
that add up to the year's budget, on the service, the form, the page, the API and the data migration."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kotacerdas.cities.tests.factories import StakeholderFactory
from kotacerdas.core.errors import ServiceError
from kotacerdas.programmes import services
from kotacerdas.programmes.models import ProgrammeFunding, ProgrammeYear
from kotacerdas.programmes.tests.factories import ProgrammeYearFactory
from kotacerdas.programmes.tests.test_api import API, _payload, _send
from kotacerdas.programmes.tests.test_pages import BASE, _form_data

pytestmark = pytest.mark.django_db

MILLION = Decimal(1_000_000)


def _apbd_and_csr(ref, telkom, apbd=300, csr=200):
    """A year of 500 million: APBD and Telkom's CSR."""
    return {
        "year": 2022,
        "budget": (apbd + csr) * MILLION,
        "status": ref.status["running"],
        "funding": [
            {"source": ref.funding["apbd"], "amount": apbd * MILLION},
            {"source": ref.funding["csr"], "amount": csr * MILLION, "stakeholder": telkom},
        ],
    }


def _shares(programme):
    return sorted(
        ProgrammeFunding.objects.filter(year__programme=programme).values_list("year__year", "source__code", "amount", "stakeholder__name")
    )


# --- the rules (services) -------------------------------------------------------------------


def test_a_year_funded_by_apbd_and_telkoms_csr_keeps_both_shares(koordinator, plan, valid, ref, bumn):
    programme = services.programme_create(actor=koordinator, masterplan=plan, years=[_apbd_and_csr(ref, bumn)], **valid)
    assert _shares(programme) == [(2022, "apbd", 300 * MILLION, None), (2022, "csr", 200 * MILLION, bumn.name)]
    assert programme.years.get().status.code == "running"


def test_shares_that_do_not_add_up_are_refused_naming_the_year_and_the_difference(koordinator, plan, valid, ref, bumn, unchanged):
    row = _apbd_and_csr(ref, bumn)
    row["budget"] = 450 * MILLION
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.programme_create(actor=koordinator, masterplan=plan, years=[row], **valid)
    assert exc.value.code == "funding_not_matching_budget" and exc.value.field == "years"
    assert "2022" in exc.value.message and "50.000.000" in exc.value.message  # 500 million of shares, 450 of budget


def test_changing_the_budget_without_its_shares_is_refused_and_nothing_saved(koordinator, health_programme, ref, bumn, unchanged):
    services.programme_update(actor=koordinator, programme=health_programme, years=[_apbd_and_csr(ref, bumn)])
    with unchanged(), pytest.raises(ServiceError) as exc:
        # A row without `funding` keeps the year's shares, which must still make its budget.
        services.programme_update(actor=koordinator, programme=health_programme, years=[{"year": 2022, "budget": 600 * MILLION}])
    assert exc.value.code == "funding_not_matching_budget"


def test_a_partner_source_needs_its_stakeholder_and_one_of_the_citys(koordinator, plan, valid, ref, tual, unchanged):
    row = {"year": 2022, "budget": MILLION, "funding": [{"source": ref.funding["csr"], "amount": MILLION}]}
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.programme_create(actor=koordinator, masterplan=plan, years=[row], **valid)
    assert exc.value.code == "required" and "CSR" in exc.value.message
    row["funding"][0]["stakeholder"] = StakeholderFactory(city=tual)
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.programme_create(actor=koordinator, masterplan=plan, years=[row], **valid)
    assert exc.value.code == "unknown_reference"


def test_apbd_needs_no_stakeholder_and_a_year_without_shares_is_allowed(koordinator, plan, valid, ref):
    rows = [
        {"year": 2021, "budget": MILLION, "funding": [{"source": ref.funding["apbd"], "amount": MILLION}]},
        {"year": 2023, "budget": MILLION},  # funding not recorded yet
    ]
    programme = services.programme_create(actor=koordinator, masterplan=plan, years=rows, **valid)
    assert _shares(programme) == [(2021, "apbd", MILLION, None)]
    assert programme.years.get(year=2023).status is None  # a year's status stays empty until set


def test_the_same_source_twice_for_the_same_stakeholder_is_refused(koordinator, plan, valid, ref):
    apbd = {"source": ref.funding["apbd"], "amount": MILLION}
    with pytest.raises(ServiceError) as exc:
        services.programme_create(
            actor=koordinator, masterplan=plan, years=[{"year": 2022, "budget": 2 * MILLION, "funding": [apbd, apbd]}], **valid
        )
    assert exc.value.code == "duplicate"


def test_shares_are_replaced_in_place_and_audited(koordinator, health_programme, ref, bumn):
    services.programme_update(actor=koordinator, programme=health_programme, years=[_apbd_and_csr(ref, bumn)])
    apbd = ProgrammeFunding.objects.get(source__code="apbd")
    services.programme_update(actor=koordinator, programme=health_programme, years=[_apbd_and_csr(ref, bumn, apbd=100)])
    assert ProgrammeFunding.objects.get(source__code="apbd").pk == apbd.pk
    assert _shares(health_programme) == [(2022, "apbd", 100 * MILLION, None), (2022, "csr", 200 * MILLION, bumn.name)]


# --- the form and the page ------------------------------------------------------------------


def _funding_rows(*rows):
    data = {"funding-TOTAL_FORMS": len(rows), "funding-INITIAL_FORMS": 0}
    for i, (year, source, amount, stakeholder) in enumerate(rows):
        data.update({f"funding-{i}-year": year, f"funding-{i}-source": source, f"funding-{i}-amount": amount})
        data[f"funding-{i}-stakeholder"] = stakeholder or ""
    return data


def test_the_form_saves_a_year_with_apbd_and_csr_and_the_page_shows_both(login, koordinator, plan, valid, ref, bumn):
    client = login(koordinator)
    data = _form_data(valid, **{"years-0-budget": "500000000", "years-0-status": ref.status["running"].pk})
    data.update(_funding_rows((2021, ref.funding["apbd"].pk, "300000000", None), (2021, ref.funding["csr"].pk, "200000000", bumn.pk)))
    response = client.post(f"{BASE}new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(response["Location"]).content.decode()
    budget = re.search(r'id="yearly-budget".*?</table>', page, re.S).group(0)
    assert "Berjalan" in budget and "APBD (anggaran daerah): <span" in budget and f"CSR ({bumn.name})" in budget
    assert "Rp 300.000.000" in budget and "Rp 200.000.000" in budget
    # The edit form shows the two shares back.
    form = client.get(f"{response['Location']}edit/").content.decode()
    assert 'name="funding-TOTAL_FORMS" value="3"' in form  # two saved shares and one empty row


def test_the_form_names_shares_that_do_not_add_up_and_saves_nothing(login, koordinator, plan, valid, ref, bumn, unchanged):
    data = _form_data(valid, **{"years-0-budget": "450000000"})
    data.update(_funding_rows((2021, ref.funding["apbd"].pk, "300000000", None), (2021, ref.funding["csr"].pk, "200000000", bumn.pk)))
    with unchanged():
        response = login(koordinator).post(f"{BASE}new/", data)
    assert response.status_code == 200
    summary = re.search(r'id="error-summary".*?</div>', response.content.decode(), re.S).group(0)
    assert "2021" in summary and "selisih Rp 50.000.000" in summary


# --- the API --------------------------------------------------------------------------------


def test_api_creates_and_reads_mixed_funding(client, api_token, koordinator, plan, dinkes, bumn):
    year = {
        "year": 2021,
        "budget": 500_000_000,
        "status_code": "realised",
        "funding": [
            {"source_code": "apbd", "amount": 300_000_000},
            {"source_code": "csr", "amount": 200_000_000, "stakeholder_id": bumn.pk},
        ],
    }
    response = _send(client, "post", f"{API}/programmes", _payload(dinkes, years=[year]), api_token(koordinator))
    assert response.status_code == 201, response.json()
    got = response.json()["years"][0]
    assert (got["status_code"], got["status_name"]) == ("realised", "Terealisasi")
    assert [(f["source_code"], f["amount"], f["stakeholder_id"], f["stakeholder_name"]) for f in got["funding"]] == [
        ("apbd", 300_000_000, None, None),
        ("csr", 200_000_000, bumn.pk, bumn.name),
    ]


def test_api_refuses_shares_that_do_not_add_up_with_a_stable_code(client, api_token, koordinator, health_programme, unchanged):
    before = list(ProgrammeYear.objects.values_list("year", "budget"))
    body = {
        "years": [{"year": 2021, "budget": 100, "funding": [{"source_code": "apbd", "amount": 60}, {"source_code": "dak", "amount": 30}]}]
    }
    headers = api_token(koordinator)
    with unchanged():
        response = _send(client, "patch", f"{API}/programmes/{health_programme.pk}", body, headers)
    assert response.status_code == 400
    assert response.json()["code"] == "funding_not_matching_budget" and response.json()["errors"][0]["field"] == "years"
    assert "2021" in response.json()["message"]
    assert list(ProgrammeYear.objects.values_list("year", "budget")) == before


@pytest.mark.parametrize("persona, status", [("mitra", 403), ("penilai", 403), ("koordinator_lain", 404), ("operator_dinkes", 200)])
def test_only_who_may_edit_the_programme_changes_its_funding(persona, status, personas, client, api_token, health_programme, unchanged):
    body = {"years": [{"year": 2021, "budget": 10, "funding": [{"source_code": "apbd", "amount": 10}]}]}
    headers = api_token(personas[persona])
    if status == 200:
        assert _send(client, "patch", f"{API}/programmes/{health_programme.pk}", body, headers).status_code == 200
        assert _shares(health_programme) == [(2021, "apbd", 10, None)]
        return
    with unchanged():
        assert _send(client, "patch", f"{API}/programmes/{health_programme.pk}", body, headers).status_code == status


def test_list_filter_by_funding_source_finds_a_partner_share(client, api_token, koordinator, health_programme, ref, bumn):
    services.programme_update(actor=koordinator, programme=health_programme, years=[_apbd_and_csr(ref, bumn)])
    headers = api_token(koordinator)
    assert client.get(f"{API}/programmes?funding_source_code=csr", headers=headers).json()["count"] == 1
    assert client.get(f"{API}/programmes?funding_source_code=dak", headers=headers).json()["count"] == 0


# --- the data migration ---------------------------------------------------------------------


@pytest.fixture
def reference_reloaded(transactional_db):
    """A transactional test may follow another that emptied the database: load the reference data again."""
    call_command("load_reference", only_regency="81.71", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_migration_turns_each_years_funding_source_into_one_share_of_the_whole_budget(reference_reloaded, health_programme):
    executor = MigrationExecutor(connection)
    executor.migrate([("programmes", "0006_year_status_and_funding_shares")])
    old = executor.loader.project_state([("programmes", "0006_year_status_and_funding_shares")]).apps
    OldYear = old.get_model("programmes", "ProgrammeYear")
    dak = old.get_model("framework", "FundingSource").objects.get(code="dak")
    OldYear.objects.create(programme_id=health_programme.pk, year=2021, budget=700, funding_source=dak)
    OldYear.objects.create(programme_id=health_programme.pk, year=2022, budget=50)  # no source: no share
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert _shares(health_programme) == [(2021, "dak", 700, None)]
    assert list(ProgrammeYear.objects.filter(programme=health_programme).values_list("year", "budget")) == [(2021, 700), (2022, 50)]


def test_demo_gives_a_few_programmes_apbd_and_a_partners_csr():
    from kotacerdas.programmes.demo import CSR_SHARES, PARTNERS, PROGRAMMES

    named = {row[0]: row for row in PROGRAMMES}
    for name, (partner, share_m) in CSR_SHARES.items():
        assert named[name][10] == "apbd" and partner in PARTNERS and 0 < share_m < named[name][9]


def test_factory_year_has_one_apbd_share_of_its_budget():
    year = ProgrammeYearFactory(budget=42)
    assert list(year.funding.values_list("source__code", "amount")) == [("apbd", 42)]
