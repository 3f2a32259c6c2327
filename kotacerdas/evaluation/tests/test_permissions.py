"""Every persona × every evaluation write, allowed and forbidden; a refusal changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import Assignment, FollowUp
from kotacerdas.evaluation.tests.conftest import SCORES

ROLES = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]
MINISTRY = {"kementerian"}
SCORERS = {"kementerian", "penilai"}  # penilai is assigned to Ambon for 2024 in these tests
CITY = {"kementerian", "koordinator"}
FOLLOW_UP_WORKERS = {"kementerian", "koordinator", "operator_dinkes"}  # the follow-up belongs to Dinkes


def _check(allowed: bool, unchanged, action):
    if allowed:
        action()
        return
    with unchanged(), pytest.raises(PermissionDenied):
        action()


@pytest.mark.parametrize("role", ROLES)
def test_open_a_year_and_rounds(personas, role, unchanged):
    user = personas[role]
    _check(role in MINISTRY, unchanged, lambda: services.cycle_open(actor=user, year=2025))


@pytest.mark.parametrize("role", ROLES)
def test_assign_an_assessor(personas, role, cycle, ambon, unchanged):
    user = personas[role]
    _check(
        role in MINISTRY, unchanged, lambda: services.assignment_create(actor=user, cycle=cycle, city=ambon, assessor=personas["penilai"])
    )


@pytest.mark.parametrize("role", ROLES)
def test_score(personas, role, assigned, evaluation, unchanged):
    user = personas[role]
    _check(role in SCORERS, unchanged, lambda: services.evaluation_score(actor=user, evaluation=evaluation, scores=SCORES))


@pytest.mark.parametrize("role", ROLES)
def test_findings(personas, role, assigned, evaluation, unchanged):
    user = personas[role]
    _check(
        role in SCORERS,
        unchanged,
        lambda: services.findings_set(actor=user, evaluation=evaluation, strengths=["a"], weaknesses=[], recommendations=["b"]),
    )


@pytest.mark.parametrize("role", ROLES)
def test_self_assessment_and_submit(personas, role, assigned, evaluation, unchanged):
    user = personas[role]
    _check(
        role in CITY,
        unchanged,
        lambda: services.self_assessment_set(actor=user, evaluation=evaluation, dimension_code="output", narrative="Perwali ada"),
    )
    _check(role in CITY, unchanged, lambda: services.evaluation_submit(actor=user, evaluation=evaluation))


@pytest.mark.parametrize("role", ROLES)
def test_publish_letter_import(personas, role, assigned, scored, ambon, cycle_2023, unchanged):
    user = personas[role]
    _check(role in MINISTRY, unchanged, lambda: services.evaluation_publish(actor=user, evaluation=scored))
    _check(
        role in MINISTRY,
        unchanged,
        lambda: services.evaluation_record_letter(
            actor=user, evaluation=scored, letter_number="B-1/2024", letter_date=datetime.date(2024, 12, 2)
        ),
    )
    _check(
        role in MINISTRY,
        unchanged,
        lambda: services.evaluation_import(actor=user, city=ambon, year=2023, round=2, final_index="2.87", source="Surat (demo)"),
    )


@pytest.mark.parametrize("role", ROLES)
def test_follow_up(personas, role, kementerian, dinkes, published, unchanged):
    follow_up = services.follow_up_create(actor=kementerian, evaluation=published, text="Survei warga", owner_opd_id=dinkes.pk)
    user = personas[role]
    _check(
        role in FOLLOW_UP_WORKERS,
        unchanged,
        lambda: services.follow_up_update(actor=user, follow_up=follow_up, status="closed", evidence_link="https://ambon.go.id/"),
    )


def test_unassigned_assessor_of_another_year_cannot_score(penilai, ambon, cycle, cycle_2023, kementerian, unchanged):
    Assignment.objects.create(assessor=penilai, city=ambon, cycle=cycle_2023)
    evaluation = services.evaluation_create(actor=kementerian, city=ambon, year=2024, round=1)
    with unchanged(), pytest.raises(PermissionDenied):
        services.evaluation_score(actor=penilai, evaluation=evaluation, scores=SCORES)


def test_an_assessor_cannot_edit_city_records(penilai, assigned, evaluation, unchanged):
    with unchanged(), pytest.raises(PermissionDenied):
        services.self_assessment_set(actor=penilai, evaluation=evaluation, dimension_code="output", narrative="x")


def test_a_published_round_cannot_be_rescored(kementerian, published, unchanged):
    from kotacerdas.core.errors import ServiceError

    with unchanged(), pytest.raises(ServiceError) as refused:
        services.evaluation_score(actor=kementerian, evaluation=published, scores=SCORES)
    assert refused.value.code == "evaluation_published"
    assert not FollowUp.objects.exists()
