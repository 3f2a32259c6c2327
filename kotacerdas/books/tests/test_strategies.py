"""The strategies per dimension in the masterplan package: Buku II, a version's snapshot and the diff between versions."""

from django.utils import translation

from kotacerdas.books import diff, versions
from kotacerdas.books.build import document
from kotacerdas.books.models import MasterplanVersion
from kotacerdas.framework.models import Dimension
from kotacerdas.readiness import services
from kotacerdas.readiness.models import SwotItem
from kotacerdas.readiness.tests.factories import StrategyFactory, SwotItemFactory, lens

BASE = "/api/v1/cities/81.71"


def _strategy(complete, **fields):
    plan = complete["masterplan"]
    weakness = SwotItemFactory(masterplan=plan, lens=lens("infrastruktur"), category="W", text="Data tidak terintegrasi antar-OPD")
    strategy = StrategyFactory(
        masterplan=plan, dimension=Dimension.objects.get(code="governance"), title="Satu data kota", pairing="WO", **fields
    )
    strategy.swot_items.add(weakness)
    strategy.programmes.add(complete["programmes"][0])
    return strategy, weakness


def _table(doc, caption_part):
    return next(t for t in doc.tables() if caption_part in t.caption)


def test_buku_ii_shows_each_dimensions_strategies_with_their_swot_items_and_programmes(complete):
    strategy, weakness = _strategy(complete, text="Data OPD dihimpun di pusat data kota.")
    with translation.override("id"):
        doc = document(complete["masterplan"], "2", "id")
    table = _table(doc, "Smart Governance")
    assert table.caption.startswith("Strategi dimensi") and [c.label for c in table.columns][-2:] == [
        "Butir SWOT yang dijawab",
        "Program yang menjalankannya",
    ]
    (row,) = table.rows
    assert row == [
        "1",
        "Satu data kota: Data OPD dihimpun di pusat data kota.",
        "WO",
        "Kelemahan (Infrastruktur): Data tidak terintegrasi antar-OPD",
        complete["programmes"][0].name,
    ]
    assert "strategi Smart Economy (Ekonomi Cerdas)" in doc.missing, "a dimension without a strategy is marked missing"
    assert "strategi Smart Governance (Tata Kelola Cerdas)" not in doc.missing


def test_a_version_keeps_its_strategies_as_they_were(complete, koordinator):
    strategy, weakness = _strategy(complete)
    plan = complete["masterplan"]
    version = versions.version_freeze(actor=koordinator, masterplan=plan)
    stored = version.snapshot["strategies"]
    assert stored == [
        {
            "id": strategy.pk,
            "dimension_code": "governance",
            "order": strategy.order,
            "title": "Satu data kota",
            "text": "",
            "pairing": "WO",
            "swot": [{"lens_code": "infrastruktur", "category": "W", "text": "Data tidak terintegrasi antar-OPD"}],
            "programme_ids": [complete["programmes"][0].pk],
        }
    ]
    services.strategy_update(actor=koordinator, strategy=strategy, title="Satu data dan satu peta", swot_item_ids=[], programme_ids=[])
    frozen = _table(document(plan, "2", "id", version=versions.version_or_error(plan, 1)), "Smart Governance").rows[0]
    live = _table(document(plan, "2", "id"), "Smart Governance").rows[0]
    assert frozen[1] == "Satu data kota" and "Data tidak terintegrasi" in frozen[3] and frozen[4] == complete["programmes"][0].name
    assert live[1:] == ["Satu data dan satu peta", "WO", "–", "–"]


def test_the_diff_names_strategies_added_removed_and_changed(complete, koordinator):
    plan = complete["masterplan"]
    strategy, weakness = _strategy(complete)
    gone = StrategyFactory(masterplan=plan, dimension=Dimension.objects.get(code="economy"), title="Pasar non-tunai")
    v1 = versions.version_freeze(actor=koordinator, masterplan=plan)
    threat = SwotItemFactory(masterplan=plan, category=SwotItem.Category.THREAT, text="Serangan siber")
    services.strategy_update(actor=koordinator, strategy=strategy, pairing="WT", swot_item_ids=[weakness.pk, threat.pk], programme_ids=[])
    services.strategy_delete(actor=koordinator, strategy=gone)
    services.strategy_create(actor=koordinator, city=plan.city, masterplan_id=plan.pk, dimension_code="living", title="Puskesmas terhubung")
    with translation.override("id"):
        result = diff.diff(v1.snapshot, versions.plan_snapshot(plan))
    part = result["strategies"]
    assert part["removed"] == ["Strategi: Smart Economy (Ekonomi Cerdas) · Pasar non-tunai"]
    assert part["added"] == ["Strategi: Smart Living (Kehidupan Cerdas) · Puskesmas terhubung"]
    changes = {c["label"]: (c["before"], c["after"]) for c in part["changed"]}
    assert changes == {
        "Satu data kota: Pasangan TOWS": (
            "WO: mengatasi kelemahan dengan meraih peluang",
            "WT: mengurangi kelemahan dan menghindari ancaman",
        ),
        "Satu data kota: Butir SWOT yang dijawab": ("—", "Ancaman (Struktur): Serangan siber"),
        "Satu data kota: Program yang menjalankannya": (complete["programmes"][0].name, "—"),
    }
    assert result["change_count"] == 6  # and the new SWOT item in the readiness analysis
    rows = diff.report_rows(result)
    assert sum(1 for r in rows if r[0] == "Strategi") == 5


def test_a_version_frozen_while_strategies_were_bimtek_outputs_still_builds_and_compares(complete, koordinator):
    """Before strategies were records, a snapshot kept each bimtek strategy's dimension code and text."""
    plan = complete["masterplan"]
    version = versions.version_freeze(actor=koordinator, masterplan=plan)
    old = {**version.snapshot, "strategies": [{"dimension_code": "governance", "text": "Layanan satu pintu digital"}]}
    MasterplanVersion.objects.filter(pk=version.pk).update(snapshot=old)
    frozen = _table(document(plan, "2", "id", version=versions.version_or_error(plan, 1)), "Smart Governance").rows
    assert frozen == [["1", "Layanan satu pintu digital", "–", "–", "–"]]
    StrategyFactory(masterplan=plan, dimension=Dimension.objects.get(code="governance"), title="Layanan satu pintu digital")
    result = diff.diff(old, versions.plan_snapshot(plan))
    assert result["strategies"] == {"added": [], "removed": [], "changed": []}, "the adopted strategy is the same one"


def test_the_diff_api_has_the_strategies(complete, koordinator, client, api_token):
    plan = complete["masterplan"]
    versions.version_freeze(actor=koordinator, masterplan=plan)
    _strategy(complete)
    versions.version_freeze(actor=koordinator, masterplan=plan)
    body = client.get(f"{BASE}/versions/1/diff/2", headers={**api_token(koordinator), "Accept-Language": "id"}).json()
    assert body["strategies"]["added"] == ["Strategi: Smart Governance (Tata Kelola Cerdas) · Satu data kota"]
