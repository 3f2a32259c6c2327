"""The final index: exact Decimal arithmetic, half-up rounding, the weights kept with the result."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kotacerdas.core.errors import ServiceError
from kotacerdas.evaluation import services
from kotacerdas.evaluation.tests.conftest import FINAL, SCORES
from kotacerdas.framework import services as framework_services

W = {"baseline": Decimal(10), "output": Decimal(20), "outcome": Decimal(30), "impact": Decimal(20), "quick-win": Decimal(20)}


def test_the_published_example():
    assert services.final_index({k: Decimal(v) for k, v in SCORES.items()}, W) == FINAL


def test_a_mean_ending_in_five_rounds_half_up():
    # 0.05 × 10 + 0 … = 0.005 → 0.01 (banker's rounding would give 0.00)
    scores = {"baseline": Decimal("0.05"), "output": 0, "outcome": 0, "impact": 0, "quick-win": 0}
    assert services.final_index(scores, W) == Decimal("0.01")
    # 2.125 exactly: 2.25×50 % + 2.00×50 %
    half = {"baseline": Decimal(50), "output": Decimal(50), "outcome": 0, "impact": 0, "quick-win": 0}
    scores = {"baseline": Decimal("2.25"), "output": Decimal("2.00"), "outcome": 0, "impact": 0, "quick-win": 0}
    assert services.final_index(scores, half) == Decimal("2.13")


def test_the_formula_shows_every_term():
    formula = services.formula_of({k: Decimal(v) for k, v in SCORES.items()}, W)
    assert formula.startswith("3.10 × 10% (baseline) + 2.95 × 20% (output)")
    assert formula.endswith("= 3.1 → 3.10")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=500), min_size=5, max_size=5))
def test_index_is_the_exact_weighted_mean_rounded_half_up(cents):
    """Against integer arithmetic: Σ cents × percent is the index in 1/10000; half up to cents is (Σ + 50) // 100."""
    scores = {code: Decimal(c) / 100 for code, c in zip(W, cents, strict=True)}
    total = sum(c * int(w) for c, w in zip(cents, W.values(), strict=True))
    expected = Decimal((total + 50) // 100) / 100
    result = services.final_index(scores, W)
    assert result == expected and result.as_tuple().exponent == -2 and Decimal(0) <= result <= Decimal(5)


@pytest.mark.parametrize("value", ["5.01", "-0.01", "3.125", "abc", "NaN", "1e30"])
def test_bad_scores_are_refused(value):
    with pytest.raises(ServiceError) as refused:
        services.as_score(value, field="scores.baseline")
    assert refused.value.code == "score_invalid"


@pytest.mark.parametrize(
    ("value", "expected"), [("0", "0.00"), ("5", "5.00"), ("3.1", "3.10"), ("3.100", "3.10"), (Decimal("2.95"), "2.95")]
)
def test_good_scores(value, expected):
    assert services.as_score(value, field="s") == Decimal(expected)


def test_weights_are_stored_and_survive_a_later_change(kementerian, scored):
    assert scored.final_index == FINAL
    assert scored.weights == {"baseline": "10.00", "output": "20.00", "outcome": "30.00", "impact": "20.00", "quick-win": "20.00"}
    framework_services.evaluation_weights_set(
        actor=kementerian, year=2024, weights={"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick-win": 10}
    )
    scored.refresh_from_db()
    assert scored.final_index == FINAL
    assert scored.weights["impact"] == "20.00"
    assert "→ 3.10" in scored.formula
