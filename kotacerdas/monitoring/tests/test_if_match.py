"""The PUT operations of monitoring check `If-Match` (docs/api.md): an indicator's targets against the
indicator's version (one more when its targets change); a programme year's realised budget against its own
version (one not recorded yet is recorded without it)."""

from decimal import Decimal

import pytest

from kotacerdas.monitoring.models import BudgetRealisation, Indicator

API = "/api/v1/cities/81.71"


def _put(client, url, body, headers):
    return client.put(url, body, content_type="application/json", headers=headers)


def _targets(indicator) -> dict:
    return {t.year: t.value_number for t in indicator.targets.all()}


def test_a_stale_if_match_on_targets_is_refused_and_nothing_changes(client, api_token, koordinator, operator_dinkes, indicator, unchanged):
    headers, url = api_token(operator_dinkes), f"{API}/indicators/{indicator.pk}"
    read = client.get(url, headers=headers)
    stale = read["ETag"]
    changed = _put(client, f"{url}/targets", {"targets": [{"year": 2022, "value": "11"}]}, api_token(koordinator))
    assert changed.status_code == 200 and changed["ETag"] == f'"{read.json()["version"] + 1}"'
    with unchanged():
        refused = _put(client, f"{url}/targets", {"targets": [{"year": 2023, "value": "20"}]}, {**headers, "If-Match": stale})
    assert refused.status_code == 412 and refused.json()["code"] == "version_conflict"
    assert _targets(indicator) == {2021: Decimal(5), 2022: Decimal(11), 2023: Decimal(12)}
    applied = _put(client, f"{url}/targets", {"targets": [{"year": 2023, "value": "20"}]}, {**headers, "If-Match": changed["ETag"]})
    assert applied.status_code == 200 and _targets(indicator)[2023] == Decimal(20)
    assert applied["ETag"] == f'"{Indicator.objects.get(pk=indicator.pk).version}"' == client.get(url, headers=headers)["ETag"]


def test_targets_sent_again_unchanged_keep_the_indicators_version(client, api_token, operator_dinkes, indicator):
    headers, url = api_token(operator_dinkes), f"{API}/indicators/{indicator.pk}"
    etag = client.get(url, headers=headers)["ETag"]
    again = _put(client, f"{url}/targets", {"targets": [{"year": 2021, "value": "5"}]}, {**headers, "If-Match": etag})
    assert again.status_code == 200 and again["ETag"] == etag


def test_a_stale_if_match_on_the_realised_budget_is_refused(client, api_token, koordinator, operator_dinkes, health, unchanged):
    headers, url = api_token(operator_dinkes), f"{API}/programmes/{health.pk}/budget-realisations/2021"
    none_yet = client.get(url, headers=headers)
    assert none_yet.status_code == 200 and none_yet.json()["version"] is None and "ETag" not in none_yet
    created = _put(client, url, {"amount": 90_000_000}, headers)  # nothing recorded yet: no If-Match needed
    assert created.status_code == 200 and created["ETag"] == '"1"'
    assert _put(client, url, {"amount": 95_000_000}, api_token(koordinator))["ETag"] == '"2"'  # someone else's correction
    with unchanged():
        refused = _put(client, url, {"amount": 80_000_000}, {**headers, "If-Match": created["ETag"]})
        gone = _put(client, url, {"amount": None}, {**headers, "If-Match": created["ETag"]})
    assert (refused.status_code, gone.status_code) == (412, 412) and refused.json()["code"] == "version_conflict"
    assert BudgetRealisation.objects.get().amount == 95_000_000
    applied = _put(client, url, {"amount": 80_000_000}, {**headers, "If-Match": '"2"'})
    assert applied.status_code == 200 and applied.json()["realised"] == 80_000_000 and applied["ETag"] == '"3"'


@pytest.mark.parametrize("what", ["targets", "budget"])
def test_if_match_can_be_required(client, api_token, operator_dinkes, indicator, health, settings, unchanged, what):
    headers = api_token(operator_dinkes)
    budget_url = f"{API}/programmes/{health.pk}/budget-realisations/2021"
    _put(client, budget_url, {"amount": 90_000_000}, headers)
    settings.API_REQUIRE_IF_MATCH = True
    url, body = {
        "targets": (f"{API}/indicators/{indicator.pk}/targets", {"targets": [{"year": 2022, "value": "11"}]}),
        "budget": (budget_url, {"amount": 95_000_000}),
    }[what]
    with unchanged():
        answer = _put(client, url, body, headers)
    assert answer.status_code == 428 and answer.json()["code"] == "version_required"
    assert (
        _put(client, f"{API}/programmes/{health.pk}/budget-realisations/2022", {"amount": 1}, headers).status_code == 200
    )  # new: no If-Match


def test_a_year_without_a_budget_row_has_no_realised_budget_to_read(client, api_token, operator_dinkes, health):
    assert client.get(f"{API}/programmes/{health.pk}/budget-realisations/2030", headers=api_token(operator_dinkes)).status_code == 404
