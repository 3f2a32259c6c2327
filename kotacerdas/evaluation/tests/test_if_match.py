"""The PUT operations of an evaluation (scores, findings, self-assessment, results letter) check `If-Match`
against the evaluation's version, which goes up when any of them changes it (docs/api.md)."""

import json

import pytest

from kotacerdas.evaluation.models import Evaluation
from kotacerdas.evaluation.tests.conftest import SCORES

URL = "/api/v1/cities/81.71/evaluations"
OTHER_SCORES = {**SCORES, "impact": "3.00"}
# operation → (who, which evaluation, path, a first body, a second body)
OPERATIONS = {
    "scores": ("kementerian", "scored", "scores", {"scores": SCORES | {"impact": "2.90"}}, {"scores": OTHER_SCORES}),
    "findings": (
        "kementerian",
        "scored",
        "findings",
        {"strengths": ["Komitmen pimpinan"], "weaknesses": [], "recommendations": ["Perkuat data"]},
        {"strengths": [], "weaknesses": ["Anggaran kecil"], "recommendations": []},
    ),
    "letter": (
        "kementerian",
        "scored",
        "letter",
        {"letter_number": "B-1/2024", "letter_date": "2024-12-02"},
        {"letter_number": "B-2/2024", "letter_date": "2024-12-03"},
    ),
    "self-assessment": (
        "koordinator",
        "evaluation",
        "self-assessment/output",
        {"narrative": "Perwali sudah ada."},
        {"narrative": "Dewan terbentuk."},
    ),
}


def _put(client, url, body, headers):
    return client.put(url, json.dumps(body), content_type="application/json", headers=headers)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_stale_if_match_is_refused_and_the_current_one_applies(request, client, token, unchanged, operation):
    who, which, path, first, second = OPERATIONS[operation]
    evaluation, headers = request.getfixturevalue(which), token(request.getfixturevalue(who))
    url = f"{URL}/{evaluation.pk}"
    read = client.get(url, headers=headers)
    stale = read["ETag"]
    assert stale == f'"{read.json()["version"]}"'
    changed = _put(client, f"{url}/{path}", first, headers)  # someone else's change: no If-Match, applies to the current version
    assert changed.status_code == 200 and changed["ETag"] == f'"{int(stale.strip(chr(34))) + 1}"'
    with unchanged():
        refused = _put(client, f"{url}/{path}", second, {**headers, "If-Match": stale})
    assert refused.status_code == 412 and refused.json()["code"] == "version_conflict"
    applied = _put(client, f"{url}/{path}", second, {**headers, "If-Match": changed["ETag"]})
    assert applied.status_code == 200 and applied.json()["version"] == Evaluation.objects.get(pk=evaluation.pk).version


@pytest.mark.parametrize("operation", OPERATIONS)
def test_if_match_can_be_required(request, client, token, settings, unchanged, operation):
    who, which, path, first, _second = OPERATIONS[operation]
    evaluation, headers = request.getfixturevalue(which), token(request.getfixturevalue(who))
    settings.API_REQUIRE_IF_MATCH = True
    with unchanged():
        answer = _put(client, f"{URL}/{evaluation.pk}/{path}", first, headers)
    assert answer.status_code == 428 and answer.json()["code"] == "version_required"


def test_findings_sent_again_unchanged_keep_the_version(client, token, kementerian, scored):
    headers = token(kementerian)
    body = OPERATIONS["findings"][3]
    version = _put(client, f"{URL}/{scored.pk}/findings", body, headers).json()["version"]
    again = _put(client, f"{URL}/{scored.pk}/findings", body, {**headers, "If-Match": f'"{version}"'})
    assert again.status_code == 200 and again.json()["version"] == version
