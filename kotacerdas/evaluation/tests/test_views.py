"""Pages: what each persona sees and may do; query counts pinned."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from kotacerdas.cities.models import City
from kotacerdas.cities.tests.factories import CohortFactory
from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import Evaluation, FollowUp
from kotacerdas.evaluation.tests.conftest import SCORES, open_year
from kotacerdas.regions.models import Region


def _index(city):
    return reverse("evaluation:index", args=[city.code])


def _detail(e):
    return reverse("evaluation:detail", args=[e.city.code, e.pk])


def test_the_city_page_shows_the_published_result_with_its_formula(login, koordinator, published):
    body = login(koordinator).get(_index(published.city)).content.decode()
    assert "3,10" in body and "3.10 × 10% (baseline)" in body
    detail = login(koordinator).get(_detail(published)).content.decode()
    assert "3.10 × 10% (baseline)" in detail and "Σ" in detail


@pytest.mark.parametrize("who", ["koordinator", "operator_dinkes", "mitra"])
def test_unpublished_scores_are_invisible_to_the_city(request, login, scored, who):
    client = login(request.getfixturevalue(who))
    for url in (_index(scored.city), _detail(scored)):
        body = client.get(url).content.decode()
        assert "3,10" not in body and "× 10%" not in body


def test_the_public_sees_published_results_only(client, scored, kementerian):
    scored.city.is_published = True
    scored.city.save()
    assert client.get(_detail(scored)).status_code == 404
    assert "Tahap II" not in client.get(_index(scored.city)).content.decode()
    services.evaluation_publish(actor=kementerian, evaluation=scored)
    body = client.get(_detail(scored)).content.decode()
    assert "× 10%" in body and "Self-assessment" not in body and "Penilaian mandiri" not in body
    assert client.get(reverse("evaluation:follow_ups", args=["81.71"])).status_code in (302, 403)


def test_the_assigned_assessor_scores_on_the_page(login, penilai, assigned, evaluation):
    client = login(penilai)
    data = {"baseline": "3.10", "output": "2.95", "outcome": "3.20", "impact": "2.80", "quick-win": "3.40"}
    answer = client.post(reverse("evaluation:score", args=["81.71", evaluation.pk]), data)
    assert answer.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.final_index == Decimal("3.10") and evaluation.status == "scored"


def test_an_unassigned_assessor_cannot_score(login, penilai, evaluation, unchanged):
    client = login(penilai)
    data = {"baseline": "3", "output": "3", "outcome": "3", "impact": "3", "quick-win": "3"}
    with unchanged():
        answer = client.post(reverse("evaluation:score", args=["81.71", evaluation.pk]), data)
    assert answer.status_code == 403


def test_a_bad_score_shows_on_the_form(login, kementerian, evaluation, unchanged):
    data = {"baseline": "5.5", "output": "3", "outcome": "3", "impact": "3", "quick-win": "3"}
    client = login(kementerian)
    with unchanged():
        answer = client.post(reverse("evaluation:score", args=["81.71", evaluation.pk]), data)
    assert answer.status_code == 200 and "is-invalid" in answer.content.decode()


def test_national_pages_for_the_ministry(login, kementerian, koordinator, penilai, cycle, ambon):
    client = login(kementerian)
    assert client.get(reverse("evaluation_national:years")).status_code == 200
    answer = client.post(reverse("evaluation_national:years"), {"form": "round", "year": "2024", "number": 3, "name": "Tahap III"})
    assert answer.status_code == 302 and cycle.rounds.count() == 3
    answer = client.post(reverse("evaluation_national:assignments") + "?year=2024", {"city": ambon.pk, "assessor": penilai.pk})
    assert answer.status_code == 302 and cycle.assignments.filter(assessor=penilai).exists()
    assert login(koordinator).get(reverse("evaluation_national:years")).status_code == 403


def test_ranking_page_is_public(client, published):
    body = client.get(reverse("evaluation_national:ranking") + "?year=2024").content.decode()
    assert "Kota Ambon" in body and "3,10" in body


def test_the_ranking_opens_on_the_newest_year_with_published_results(client, published):
    open_year(2025)  # opened, nothing published yet
    body = client.get(reverse("evaluation_national:ranking")).content.decode()
    assert "2024" in body and "Kota Ambon" in body and "3,10" in body


def _many_cities(kementerian, n: int, year: int = 2024):
    regencies = Region.objects.filter(level="regency").exclude(code__in=["81.71", "81.72"]).order_by("code")[:n]
    for i, region in enumerate(regencies):
        city = City.objects.create(region=region, is_demo=True)
        e = services.evaluation_create(
            actor=kementerian, city=city, year=year, round=2, scores={k: Decimal("2.00") + Decimal(i % 7) / 10 for k in SCORES}
        )
        services.findings_set(actor=kementerian, evaluation=e, strengths=["a"], weaknesses=["b"], recommendations=["c", "d"])
        services.evaluation_publish(actor=kementerian, evaluation=e)


def test_ranking_query_count_is_constant(client, kementerian, cycle, django_assert_max_num_queries):
    _many_cities(kementerian, 30)
    with django_assert_max_num_queries(6):
        answer = client.get(reverse("evaluation_national:ranking") + "?year=2024")
    assert answer.content.decode().count("<tr>") == 31
    with django_assert_max_num_queries(6):
        api = client.get("/api/v1/rankings?year=2024&limit=500").json()
    assert api["count"] == 30


def test_city_page_query_count_is_constant(login, koordinator, kementerian, ambon, cycle, cycle_2023, django_assert_max_num_queries):
    _many_cities(kementerian, 10)
    services.evaluation_import(actor=kementerian, city=ambon, year=2023, round=2, final_index="2.87", source="Berita (demo)")
    e = services.evaluation_create(actor=kementerian, city=ambon, year=2024, round=1, scores=SCORES)
    services.findings_set(actor=kementerian, evaluation=e, strengths=[], weaknesses=[], recommendations=["x", "y", "z"])
    services.evaluation_publish(actor=kementerian, evaluation=e)
    services.evaluation_create(actor=kementerian, city=ambon, year=2024, round=2, scores=SCORES)
    client = login(koordinator)
    with django_assert_max_num_queries(14):
        body = client.get(_index(ambon)).content.decode()
    assert "+0,23" in body
    with django_assert_max_num_queries(30):
        assert client.get(_detail(e)).status_code == 200


def test_follow_up_page_refuses_closing_without_evidence(login, koordinator, kementerian, scored, unchanged):
    services.findings_set(actor=kementerian, evaluation=scored, strengths=[], weaknesses=[], recommendations=["Survei warga"])
    services.evaluation_publish(actor=kementerian, evaluation=scored)
    follow_up = FollowUp.objects.get()
    client = login(koordinator)
    url = reverse("evaluation:follow_up_edit", args=["81.71", follow_up.pk])
    with unchanged():
        answer = client.post(url, {"status": "closed"})
    assert answer.status_code == 200 and "evidence" in answer.content.decode().lower()
    answer = client.post(url, {"status": "closed", "evidence_link": "https://ambon.go.id/survei", "due_date": datetime.date(2025, 6, 1)})
    assert answer.status_code == 302 and FollowUp.objects.get().status == "closed"
    assert Evaluation.objects.get().status == "published"
    # carried into the next year's self-assessment
    open_year(2025)
    later = services.evaluation_create(actor=koordinator, city=scored.city, year=2025, round=1)
    assert "Survei warga" in client.get(_detail(later)).content.decode()


@pytest.fixture
def private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def test_evidence_files_are_checked_stored_privately_and_served_to_the_city_only(
    client, login, koordinator, evaluation, private, unchanged
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kotacerdas.evaluation.models import SelfAssessmentEvidence

    url = reverse("evaluation:evidence_add", args=["81.71", evaluation.pk, "output"])
    city = login(koordinator)
    fake = SimpleUploadedFile("perwali.pdf", b"MZ not a pdf", content_type="application/pdf")
    with unchanged():
        refused = city.post(url, {"description": "Perwali", "file": fake})
    assert refused.status_code == 200 and "is-invalid" in refused.content.decode()
    pdf = SimpleUploadedFile("perwali.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    assert city.post(url, {"description": "Perwali", "file": pdf}).status_code == 302
    evidence = SelfAssessmentEvidence.objects.get()
    assert evidence.original_name == "perwali.pdf" and "perwali" not in evidence.file.name
    download = reverse("evaluation:evidence_file", args=["81.71", evidence.pk])
    assert city.get(download).status_code == 200
    evaluation.city.is_published = True
    evaluation.city.save()
    client.logout()
    assert client.get(download).status_code in (302, 403, 404)


def test_the_ranking_is_narrowed_to_a_cohort_whose_cities_keep_their_national_ranks(client, kementerian, cycle):
    _many_cities(kementerian, 8)
    url = reverse("evaluation_national:ranking") + "?year=2024"
    national = {r.city.code: r.rank for r in client.get(url).context["rows"]}
    last_two = sorted(national, key=national.get)[-2:]
    cohort = CohortFactory(year=2018, stage_number=2)
    City.objects.filter(region_id__in=last_two).update(cohort=cohort)
    rows = client.get(f"{url}&cohort={cohort.pk}").context["rows"]
    assert {r.city.code: r.rank for r in rows} == {code: national[code] for code in last_two}
    assert min(r.rank for r in rows) > 1
    api = client.get(f"/api/v1/rankings?year=2024&cohort_id={cohort.pk}").json()
    assert {(i["city_code"], i["rank"], i["cohort_name"]) for i in api["items"]} == {
        (code, national[code], "Tahap II (2018)") for code in last_two
    }
    csv = client.get(reverse("evaluation_national:ranking_export") + f"?year=2024&cohort={cohort.pk}&format=csv").content.decode()
    assert len(csv.strip().splitlines()) == 3 and "Tahap II (2018)" in csv
