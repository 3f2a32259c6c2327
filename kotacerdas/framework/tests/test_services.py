from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import EvaluationWeight, EvaluationYear
from kotacerdas.framework.services import evaluation_weights_set, framework_load

pytestmark = pytest.mark.django_db
GOOD = {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick-win": 10}


@pytest.mark.parametrize("persona", ["penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_only_national_admins_may_set_weights(request, persona):
    with pytest.raises(PermissionDenied, match="administrator nasional"):
        evaluation_weights_set(actor=request.getfixturevalue(persona), year=2024, weights=GOOD)


def test_new_year_is_created_with_its_source_and_audited(kementerian):
    year = evaluation_weights_set(actor=kementerian, year=2027, weights=GOOD, source="Pedoman Evaluasi 2027")
    assert year.source == "Pedoman Evaluasi 2027"
    assert sum(w.weight for w in year.weights.all()) == Decimal(100)
    event = AuditEvent.objects.get(model="framework.evaluationyear", object_pk=str(year.pk))
    assert event.action == "create" and event.before is None and event.after["outcome"] == "30.00"
    assert event.city is None and event.actor_name == "kementerian"


@pytest.mark.parametrize(
    ("year", "weights", "code"),
    [
        (2016, GOOD, "out_of_range"),
        (2101, GOOD, "out_of_range"),
        (2027, {**GOOD, "impact": "tiga puluh"}, "invalid"),
        (2027, {**GOOD, "impact": Decimal("Infinity")}, "invalid"),
        (2027, {**GOOD, "impact": Decimal("29.995"), "baseline": Decimal("10.005")}, "invalid"),
        (2027, {**GOOD, "impact": Decimal("30.01")}, "weights_not_100"),
        (2027, {**GOOD, "impact": 130, "baseline": -90}, "out_of_range"),
        (2027, {k: v for k, v in GOOD.items() if k != "impact"}, "required"),
        (2027, {**GOOD, "culture": 0}, "unknown_code"),
        (2027, [*GOOD.items(), ("impact", 0)], "weight_repeated"),
    ],
)
def test_refused_writes_leave_nothing_behind(kementerian, year, weights, code):
    with pytest.raises(ServiceError) as error:
        evaluation_weights_set(actor=kementerian, year=year, weights=weights)
    assert error.value.code == code and error.value.message
    assert error.value.field == ("year" if year != 2027 else "weights")
    assert not EvaluationYear.objects.filter(year=year).exists()
    assert not AuditEvent.objects.exists()


def test_framework_load_twice_changes_nothing_and_keeps_set_weights(kementerian):
    evaluation_weights_set(actor=kementerian, year=2024, weights=GOOD)
    before = EvaluationWeight.objects.count()
    framework_load()
    assert EvaluationWeight.objects.count() == before
    assert EvaluationWeight.objects.get(year__year=2024, dimension__code="impact").weight == 30


def test_a_reload_writes_the_loaded_english_only_sources_in_both_languages_and_keeps_the_ministrys(kementerian):
    english = "Derived from the official results of 2022 (weights that reproduce the published indices)"
    EvaluationYear.objects.filter(year=2022).update(source=english, source_en="")
    evaluation_weights_set(actor=kementerian, year=2024, weights=GOOD, source="Surat Komdigi 2024")
    framework_load()
    year_2022, year_2024 = EvaluationYear.objects.get(year=2022), EvaluationYear.objects.get(year=2024)
    assert (year_2022.source, year_2022.source_en) == (
        "Diturunkan dari hasil resmi 2022 (bobot yang menghasilkan kembali indeks yang dipublikasikan)",
        english,
    )
    assert (year_2024.source, year_2024.source_en) == ("Surat Komdigi 2024", "")


def test_a_new_year_refuses_one_that_has_weights(kementerian):
    with pytest.raises(ServiceError) as error:
        evaluation_weights_set(actor=kementerian, year=2024, weights=GOOD, new=True)
    assert error.value.code == "duplicate" and error.value.status == 409 and error.value.field == "year"
    assert EvaluationWeight.objects.get(year__year=2024, dimension__code="impact").weight == 20
    assert not AuditEvent.objects.exists()
