import datetime
from decimal import Decimal

import pytest

from kotacerdas.accounts.models import Role
from kotacerdas.accounts.tests.factories import UserFactory
from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import Assignment, Cycle, Round

SCORES = {"baseline": "3.10", "output": "2.95", "outcome": "3.20", "impact": "2.80", "quick-win": "3.40"}
# (3.10×10 + 2.95×20 + 3.20×30 + 2.80×20 + 3.40×20) / 100 = 3.10: the example is Ambon's 2024 index
FINAL = Decimal("3.10")


def open_year(year: int, rounds: int = 2) -> Cycle:
    cycle = Cycle.objects.create(year_id=_reference(year), opened_on=datetime.date(year, 1, 15))
    for number in range(1, rounds + 1):
        Round.objects.create(cycle=cycle, number=number, name=f"Tahap {'I' * number}")
    return cycle


def _reference(year: int) -> int:
    from kotacerdas.framework.models import EvaluationYear

    return EvaluationYear.objects.get(year=year).pk


@pytest.fixture
def cycle(db):
    return open_year(2024)


@pytest.fixture
def cycle_2023(db):
    return open_year(2023)


@pytest.fixture
def assigned(penilai, ambon, cycle):
    return Assignment.objects.create(assessor=penilai, city=ambon, cycle=cycle)


@pytest.fixture
def penilai_lain(db):
    return UserFactory(username="penilai_lain", role=Role.ASSESSOR)


@pytest.fixture
def evaluation(kementerian, ambon, cycle):
    return services.evaluation_create(actor=kementerian, city=ambon, year=2024, round=2)


@pytest.fixture
def scored(kementerian, ambon, cycle):
    return services.evaluation_create(actor=kementerian, city=ambon, year=2024, round=2, scores=SCORES)


@pytest.fixture
def published(kementerian, scored):
    return services.evaluation_publish(actor=kementerian, evaluation=scored)


@pytest.fixture
def token(api_token):
    """`token(user)`: the user's bearer header, issued once (so `unchanged()` blocks see no new token)."""
    issued = {}

    def _token(user):
        if user.pk not in issued:
            issued[user.pk] = api_token(user)
        return issued[user.pk]

    return _token
