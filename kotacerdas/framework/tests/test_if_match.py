"""`PUT /framework/evaluation-years/{year}` replaces a year's weights: `If-Match` names the year's version,
one more when its weights change; a year not recorded yet is created without it (docs/api.md)."""

import pytest

from kotacerdas.framework.models import EvaluationYear

pytestmark = pytest.mark.django_db
URL = "/api/v1/framework/evaluation-years"
GOOD = {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick-win": 10}
OTHER = {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick-win": 20}


def _body(weights: dict) -> dict:
    return {"weights": [{"evaluation_dimension_code": code, "weight": weight} for code, weight in weights.items()]}


def _put(client, year, weights, headers):
    return client.put(f"{URL}/{year}", _body(weights), content_type="application/json", headers=headers)


def _weights(year) -> dict:
    return {w.dimension.code: int(w.weight) for w in EvaluationYear.objects.get(year=year).weights.select_related("dimension")}


def test_a_stale_if_match_is_refused_and_nothing_changes(client, kementerian, api_token, unchanged):
    headers = api_token(kementerian)
    read = client.get(f"{URL}/2024", headers=headers)
    stale = read["ETag"]
    assert stale == f'"{read.json()["version"]}"'
    changed = _put(client, 2024, GOOD, headers)  # another administrator's change
    assert changed.status_code == 200 and changed["ETag"] == f'"{read.json()["version"] + 1}"'
    with unchanged():
        refused = _put(client, 2024, OTHER, {**headers, "If-Match": stale})
    assert refused.status_code == 412 and refused.json()["code"] == "version_conflict" and _weights(2024) == GOOD
    applied = _put(client, 2024, OTHER, {**headers, "If-Match": changed["ETag"]})
    assert applied.status_code == 200 and _weights(2024) == OTHER and applied["ETag"] == f'"{read.json()["version"] + 2}"'


def test_the_same_weights_again_keep_the_version(client, kementerian, api_token):
    headers = api_token(kementerian)
    version = client.get(f"{URL}/2024", headers=headers).json()["version"]
    assert _put(client, 2024, OTHER, {**headers, "If-Match": f'"{version}"'}).json()["version"] == version


def test_if_match_can_be_required_but_not_to_create_a_year(client, kementerian, api_token, settings, unchanged):
    headers = api_token(kementerian)
    settings.API_REQUIRE_IF_MATCH = True
    with unchanged():
        answer = _put(client, 2024, GOOD, headers)
    assert answer.status_code == 428 and answer.json()["code"] == "version_required"
    created = _put(client, 2027, GOOD, headers)
    assert created.status_code == 200 and created.json()["version"] == 1 and _weights(2027) == GOOD


def test_if_match_on_a_year_not_recorded_matches_nothing(client, kementerian, api_token, unchanged):
    headers = api_token(kementerian)
    with unchanged():
        answer = _put(client, 2027, GOOD, {**headers, "If-Match": "*"})
    assert answer.status_code == 412 and answer.json()["code"] == "version_conflict"
