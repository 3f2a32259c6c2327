"""The evaluation API: the issue's examples, refusals that change nothing, visibility."""

import json
from decimal import Decimal

import pytest

from kotacerdas.evaluation.models import Evaluation, FollowUp

URL = "/api/v1/cities/81.71/evaluations"
BODY = {"year": 2024, "round": 2, "scores": {"baseline": 3.10, "output": 2.95, "outcome": 3.20, "impact": 2.80, "quick_win": 3.40}}


def _post(client, url, body, headers):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def test_the_issue_example_scores_a_round(client, token, kementerian, ambon, cycle):
    answer = _post(client, URL, BODY, token(kementerian))
    assert answer.status_code == 201, answer.content
    data = answer.json()
    assert data["final_index"] == "3.10"
    assert data["weights"] == {"baseline": "10.00", "output": "20.00", "outcome": "30.00", "impact": "20.00", "quick-win": "20.00"}
    assert data["improvement"] is None and data["status"] == "scored" and data["year"] == 2024 and data["round"] == 2
    assert [s["score"] for s in data["scores"]] == ["3.10", "2.95", "3.20", "2.80", "3.40"]


def test_improvement_over_the_previous_year(client, token, kementerian, ambon, cycle, cycle_2023):
    headers = token(kementerian)
    imported = {"year": 2023, "final_index": "2.87", "source": "Surat hasil evaluasi 2023 (demo)"}
    assert _post(client, URL + "/imported", imported, headers).status_code == 201
    created = _post(client, URL, BODY, headers).json()
    published = client.post(f"{URL}/{created['id']}/publish", headers=headers).json()
    assert published["improvement"] == "0.23" and published["previous_index"] == "2.87"
    assert published["rank"] == 1 and published["province_rank"] == 1
    listed = client.get(URL, headers=headers).json()
    assert [(e["year"], e["final_index"], e["improvement"], e["status"]) for e in listed["items"]] == [
        (2024, "3.10", "0.23", "published"),
        (2023, "2.87", None, "published"),
    ]


def test_the_assigned_assessor_scores_an_unassigned_one_cannot(client, token, penilai, penilai_lain, assigned, unchanged):
    token(penilai_lain)
    with unchanged():
        refused = _post(client, URL, BODY, token(penilai_lain))
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert _post(client, URL, BODY, token(penilai)).status_code == 201


@pytest.mark.parametrize(
    ("scores", "field"),
    [
        ({"baseline": 5.01}, "scores.baseline"),
        ({"baseline": -1}, "scores.baseline"),
        ({"outcome": 3.125}, "scores.outcome"),
    ],
)
def test_bad_scores_are_refused_and_nothing_is_saved(client, token, kementerian, cycle, ambon, unchanged, scores, field):
    body = {**BODY, "scores": {**BODY["scores"], **scores}}
    token(kementerian)
    with unchanged():
        answer = _post(client, URL, body, {**token(kementerian), "Accept-Language": "id"})
    assert answer.status_code == 400
    data = answer.json()
    assert data["code"] == "score_invalid" and data["errors"][0]["field"] == field


def test_a_missing_score_is_refused(client, token, kementerian, cycle, ambon, unchanged):
    body = {**BODY, "scores": {"baseline": 3}}
    token(kementerian)
    with unchanged():
        answer = _post(client, URL, body, token(kementerian))
    assert answer.status_code == 400 and answer.json()["code"] == "scores_incomplete"


def test_a_second_evaluation_of_the_round_is_refused(client, token, kementerian, cycle, ambon, unchanged):
    headers = token(kementerian)
    assert _post(client, URL, BODY, headers).status_code == 201
    with unchanged():
        again = _post(client, URL, BODY, headers)
    assert again.status_code == 409 and again.json()["code"] == "duplicate"


def test_an_unopened_year_is_refused(client, token, kementerian, ambon, unchanged):
    token(kementerian)
    with unchanged():
        answer = _post(client, URL, BODY, token(kementerian))
    assert answer.status_code == 400 and answer.json()["code"] == "evaluation_year_not_open"


def test_weights_not_adding_up_refuse_to_open_a_year(client, token, kementerian, unchanged):
    from kotacerdas.framework.models import EvaluationWeight

    EvaluationWeight.objects.filter(year__year=2025, dimension__code="impact").update(weight=Decimal("25"))
    token(kementerian)
    with unchanged():
        answer = _post(client, "/api/v1/evaluation-years", {"year": 2025}, token(kementerian))
    assert answer.status_code == 400 and answer.json()["code"] == "weights_not_100"
    assert "105" in answer.json()["message"]


def test_opening_a_year_and_its_rounds(client, token, kementerian, koordinator, unchanged):
    headers = token(kementerian)
    token(koordinator)
    opened = _post(client, "/api/v1/evaluation-years", {"year": 2025}, headers)
    assert opened.status_code == 201 and opened.json()["weights"]["outcome"] == "30.00"
    for number, name in [(1, "Tahap I"), (2, "Tahap II"), (3, "Tahap III")]:
        answer = _post(client, "/api/v1/evaluation-years/2025/rounds", {"number": number, "name": name, "starts_on": "2025-06-01"}, headers)
        assert answer.status_code == 201
    listed = client.get("/api/v1/evaluation-years", headers=headers).json()
    assert [r["name"] for r in listed["items"][0]["rounds"]] == ["Tahap I", "Tahap II", "Tahap III"]
    with unchanged():
        again = _post(client, "/api/v1/evaluation-years", {"year": 2025}, headers)
        forbidden = _post(client, "/api/v1/evaluation-years/2025/rounds", {"number": 4, "name": "X"}, token(koordinator))
    assert again.status_code == 409 and forbidden.status_code == 403


def test_unpublished_scores_are_invisible_to_the_city_and_the_public(client, token, koordinator, mitra, scored):
    for user in (koordinator, mitra):
        listed = client.get(URL, headers=token(user)).json()["items"]
        assert listed[0]["status"] == "scored" and listed[0]["final_index"] is None and listed[0]["weights"] == {}
        one = client.get(f"{URL}/{scored.pk}", headers=token(user)).json()
        assert one["scores"] == [] and one["final_index"] is None and one["formula"] == ""
    scored.city.is_published = True
    scored.city.save()
    assert client.get(URL).json()["count"] == 0
    assert client.get(f"{URL}/{scored.pk}").status_code == 404
    assert client.get("/api/v1/rankings?year=2024").json()["count"] == 0


def test_published_results_are_public(client, kementerian, published):
    published.city.is_published = True
    published.city.save()
    items = client.get(URL).json()["items"]
    assert items[0]["final_index"] == "3.10" and "3.10 × 10%" in items[0]["formula"]
    ranking = client.get("/api/v1/rankings?year=2024").json()
    assert ranking["count"] == 1 and ranking["items"][0]["city_code"] == "81.71" and ranking["items"][0]["rank"] == 1


def test_follow_up_closed_only_with_evidence(client, token, kementerian, koordinator, operator_dinkes, dinkes, scored, unchanged):
    headers = token(kementerian)
    url = f"{URL}/{scored.pk}/findings"
    body = {"strengths": ["Perwali ada"], "weaknesses": ["Survei warga belum ada"], "recommendations": ["Lakukan survei kepuasan warga"]}
    assert client.put(url, json.dumps(body), content_type="application/json", headers=headers).status_code == 200
    client.post(f"{URL}/{scored.pk}/publish", headers=headers)
    follow_up = FollowUp.objects.get()
    fu_url = f"/api/v1/cities/81.71/evaluation-follow-ups/{follow_up.pk}"

    def patch(body, user):
        return client.patch(fu_url, json.dumps(body), content_type="application/json", headers=token(user))

    token(operator_dinkes)
    assert patch({"owner_opd_id": dinkes.pk, "due_date": "2025-06-30"}, koordinator).status_code == 200
    with unchanged():
        refused = patch({"status": "closed"}, operator_dinkes)
    assert refused.status_code == 400 and refused.json()["code"] == "follow_up_evidence_missing"
    closed = patch({"status": "closed", "evidence_link": "https://ambon.go.id/survei-2025"}, operator_dinkes)
    assert closed.status_code == 200 and closed.json()["status"] == "closed" and closed.json()["closed_on"]


def test_self_assessment_submit_then_score_then_publish(client, token, koordinator, penilai, kementerian, assigned, ambon):
    city_headers = token(koordinator)
    started = _post(client, URL, {"year": 2024, "round": 1}, city_headers)
    assert started.status_code == 201 and started.json()["status"] == "open"
    pk = started.json()["id"]
    put = client.put(
        f"{URL}/{pk}/self-assessment/output",
        json.dumps({"narrative": "Perwali Masterplan telah ditetapkan."}),
        content_type="application/json",
        headers=city_headers,
    )
    assert put.status_code == 200 and put.json()["self_assessment"][0]["narrative"].startswith("Perwali")
    link = {"description": "SK Dewan Smart City", "link": "https://jdih.ambon.go.id/sk"}
    assert _post(client, f"{URL}/{pk}/self-assessment/output/evidence", link, city_headers).status_code == 201
    assert client.post(f"{URL}/{pk}/submit", headers=city_headers).json()["status"] == "submitted"
    scores = {"scores": BODY["scores"]}
    answer = client.put(f"{URL}/{pk}/scores", json.dumps(scores), content_type="application/json", headers=token(penilai))
    assert answer.status_code == 200 and answer.json()["final_index"] == "3.10"
    assert client.post(f"{URL}/{pk}/publish", headers=token(penilai)).status_code == 403
    assert client.post(f"{URL}/{pk}/publish", headers=token(kementerian)).json()["status"] == "published"
    letter = {"letter_number": "B-123/DJAI/AI.02.02/11/2024", "letter_date": "2024-12-02"}
    answer = client.put(f"{URL}/{pk}/letter", json.dumps(letter), content_type="application/json", headers=token(kementerian))
    assert answer.json()["letter_number"].startswith("B-123")
    assert Evaluation.objects.get(pk=pk).status == "published"
