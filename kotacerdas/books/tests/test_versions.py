"""Freezing versions: the snapshot equals the live plan, numbers run 1..n, the legalised mark, permissions, queries."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.books import versions
from kotacerdas.books.models import MasterplanVersion
from kotacerdas.books.tests.conftest import add_programmes
from kotacerdas.cities.tests.factories import BodyFactory, BodyMemberFactory
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import Dimension
from kotacerdas.readiness.tests.factories import StrategyFactory, SwotItemFactory

ROLES = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]
FREEZERS = {"kementerian", "koordinator"}


def test_the_snapshot_equals_the_live_plan(complete, koordinator):
    version = versions.version_freeze(actor=koordinator, masterplan=complete["masterplan"], note="Draf setelah Bimtek III")
    version.refresh_from_db()
    live = versions.plan_snapshot(complete["masterplan"])
    assert version.snapshot == live
    assert json.loads(json.dumps(live, cls=DjangoJSONEncoder)) == live  # plain JSON: stored as built
    assert len(live["programmes"]) == 18
    first = next(p for p in live["programmes"] if p["id"] == complete["programmes"][0].pk)
    assert first["quick_win"]["stage"] == "selected" and first["quick_win"]["scores"]
    assert first["years"][0]["budget"] == 100_000_000 and first["partners"] and first["plan_links"]
    assert live["commitment"]["signatories"][0]["name"] == "A. G. Latuheru"
    assert live["missions"][0]["objectives"][0]["targets"]
    assert {r["lens_code"] for r in live["readiness"]} == {"struktur", "infrastruktur", "suprastruktur"}
    assert (version.number, version.note, version.created_by, version.is_legalised) == (1, "Draf setelah Bimtek III", koordinator, False)


def test_numbers_run_per_masterplan_and_the_freeze_is_audited(complete, koordinator):
    numbers = [versions.version_freeze(actor=koordinator, masterplan=complete["masterplan"]).number for _ in range(3)]
    assert numbers == [1, 2, 3]
    events = AuditEvent.objects.filter(model="books.masterplanversion", action="create")
    assert events.count() == 3 and {e.actor_name for e in events} == {"koordinator"}


def test_the_legalised_version_is_one_and_needs_a_legalised_masterplan(complete, koordinator):
    masterplan = complete["masterplan"]
    first = versions.version_freeze(actor=koordinator, masterplan=masterplan)
    with pytest.raises(ServiceError) as refused:
        versions.version_mark_legalised(actor=koordinator, version=first)
    assert refused.value.code == "masterplan_not_legalised"
    masterplan.status, masterplan.regulation_number, masterplan.regulation_date = "legalised", "12 Tahun 2020", datetime.date(2020, 3, 1)
    masterplan.save()
    versions.version_mark_legalised(actor=koordinator, version=first)
    second = versions.version_freeze(actor=koordinator, masterplan=masterplan, legalised=True)
    assert list(MasterplanVersion.objects.filter(is_legalised=True)) == [second]
    versions.version_mark_legalised(actor=koordinator, version=MasterplanVersion.objects.get(pk=first.pk))
    assert list(MasterplanVersion.objects.filter(is_legalised=True).values_list("number", flat=True)) == [1]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_freeze_and_mark(role, personas, complete, kementerian, unchanged):
    user = personas[role]
    masterplan = complete["masterplan"]
    version = versions.version_freeze(actor=kementerian, masterplan=masterplan)
    masterplan.status, masterplan.regulation_number, masterplan.regulation_date = "legalised", "12 Tahun 2020", datetime.date(2020, 3, 1)
    masterplan.save()
    if role in FREEZERS:
        assert versions.version_freeze(actor=user, masterplan=masterplan).number == 2
        assert versions.version_mark_legalised(actor=user, version=version).is_legalised
    else:
        with unchanged():
            with pytest.raises(PermissionDenied):
                versions.version_freeze(actor=user, masterplan=masterplan)
            with pytest.raises(PermissionDenied):
                versions.version_mark_legalised(actor=user, version=version)


def test_the_snapshot_takes_a_constant_number_of_queries(complete):
    masterplan = complete["masterplan"]
    first = StrategyFactory(masterplan=masterplan)  # a strategy with its links: their queries are counted from the start
    first.swot_items.add(SwotItemFactory(masterplan=masterplan))
    first.programmes.add(complete["programmes"][0])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            versions.plan_snapshot(masterplan)
        return len(ctx)

    small = count()
    add_programmes(masterplan, 30, prefix="Tambahan")  # 30 more programmes, departments, stakeholders and plans
    programmes = list(masterplan.programmes.all())
    for i in range(5):
        BodyMemberFactory(body=BodyFactory(city=masterplan.city, name=f"Forum {i}"))
        strategy = StrategyFactory(masterplan=masterplan, dimension=Dimension.objects.order_by("order")[i])
        strategy.swot_items.add(SwotItemFactory(masterplan=masterplan))
        strategy.programmes.add(programmes[i])
    assert count() == small
    assert (
        small <= 31
    )  # 22 for the plan data (one each for the action-plan steps, the funding shares, the amendments), 6 for the register, 3 for the strategies


def test_an_unknown_version_number_has_a_stable_code(complete):
    with pytest.raises(ServiceError) as refused:
        versions.version_or_error(complete["masterplan"], 7)
    assert (refused.value.code, refused.value.status) == ("version_not_found", 404)
