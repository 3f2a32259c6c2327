"""A diff reports exactly the changes made between two versions, in words, and nothing else."""

import io
from decimal import Decimal

from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from kotacerdas.books import diff, versions
from kotacerdas.books.tests.conftest import add_programmes
from kotacerdas.framework.models import FundingSource
from kotacerdas.programmes.models import ActionStep, ProgrammeStakeholder, ProgrammeYear


def test_nothing_changed_means_no_differences(complete, koordinator):
    version = versions.version_freeze(actor=koordinator, masterplan=complete["masterplan"])
    result = diff.diff(version.snapshot, versions.plan_snapshot(complete["masterplan"]))
    assert result["change_count"] == 0
    assert result["budgets"]["total"]["difference"] == 0


def test_a_diff_reports_exactly_the_changes_made(complete, koordinator):
    masterplan = complete["masterplan"]
    programmes = complete["programmes"]
    v1 = versions.version_freeze(actor=koordinator, masterplan=masterplan, note="Draf setelah Bimtek III")
    # 1. a programme added (Smart Governance, Rp 100.000.000)
    (added,) = add_programmes(masterplan, 1, prefix="Ambon Satu Data")
    # 2. a budget changed: programme 2 (element 2, Smart Governance) from Rp 200.000.000 to Rp 1.250.000.000
    ProgrammeYear.objects.filter(programme=programmes[1], year=2021).update(budget=Decimal(1_250_000_000))
    # 3. a partner removed
    removed_partner = ProgrammeStakeholder.objects.filter(programme=programmes[2]).first()
    removed_partner.delete()
    # 4. the vision changed
    masterplan.vision = "Ambon kota musik yang cerdas"
    masterplan.save()
    v2 = versions.version_freeze(actor=koordinator, masterplan=masterplan, note="Versi final")

    with translation.override("id"):
        result = diff.diff(v1.snapshot, v2.snapshot)
    assert [p["name"] for p in result["programmes"]["added"]] == [added.name]
    assert result["programmes"]["removed"] == []
    changed = {p["name"]: p["changes"] for p in result["programmes"]["changed"]}
    assert set(changed) == {programmes[1].name, programmes[2].name}
    (budget,) = changed[programmes[1].name]
    assert budget == {"label": "Anggaran (Rp) 2021", "before": "Rp 200.000.000", "after": "Rp 1.250.000.000"}
    (partner,) = changed[programmes[2].name]
    assert partner["after"] == "—" and removed_partner.stakeholder.name in partner["before"]
    assert [c["label"] for c in result["masterplan"]] == ["Visi"]
    assert result["masterplan"][0]["after"] == "Ambon kota musik yang cerdas"
    governance = next(r for r in result["budgets"]["rows"] if r["dimension_code"] == "governance")
    assert governance["difference"] == 1_050_000_000 + 100_000_000
    assert sum(r["difference"] for r in result["budgets"]["rows"]) == result["budgets"]["total"]["difference"]
    assert result["change_count"] == 4
    for section in ("missions", "readiness", "strategies", "commitment"):
        assert result[section] == {"added": [], "removed": [], "changed": []}
    assert result["quick_wins"] == {"added": [], "removed": []}


def test_programmes_match_by_name_when_the_id_changed(complete, koordinator):
    masterplan = complete["masterplan"]
    before = versions.plan_snapshot(masterplan)
    after = versions.plan_snapshot(masterplan)
    after["programmes"][0]["id"] = 10**9  # re-created under the same name
    after["programmes"][0]["years"][0]["funding_source_code"] = FundingSource.objects.exclude(code="apbd").first().code
    result = diff.diff(before, after)
    assert result["programmes"]["added"] == [] and result["programmes"]["removed"] == []
    assert len(result["programmes"]["changed"]) == 1


def test_quick_wins_signatories_and_missions(complete, koordinator):
    masterplan = complete["masterplan"]
    before = versions.plan_snapshot(masterplan)
    complete["programmes"][0].quick_win.delete()
    complete["programmes"][0].is_quick_win = False
    complete["programmes"][0].save()
    complete["commitment"].signatories.update(name="Richard Louhenapessy")
    masterplan.missions.update(text="Misi baru")
    result = diff.diff(before, versions.plan_snapshot(masterplan))
    assert result["quick_wins"] == {"added": [], "removed": [complete["programmes"][0].name]}
    assert len(result["commitment"]["added"]) == 1 and len(result["commitment"]["removed"]) == 1
    assert [c["after"] for c in result["missions"]["changed"]] == ["Misi baru"]


def _sheet_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None)


ODD = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=80).filter(
    lambda s: s.strip()
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=ODD)
def test_odd_names_survive_the_report(complete, name):
    """Formulas, XML-special characters, emoji, right-to-left text, control characters: the report opens and keeps the name."""
    masterplan = complete["masterplan"]
    before = versions.plan_snapshot(masterplan)
    after = versions.plan_snapshot(masterplan)
    after["programmes"].append({**after["programmes"][0], "id": None, "name": name})
    result = diff.diff(before, after)
    assert [p["name"] for p in result["programmes"]["added"]] == [name]
    content = diff.report_xlsx(result, title=name, before_label="Versi 1", after_label=name)
    text = _sheet_text(content)
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    assert ILLEGAL_CHARACTERS_RE.sub("", name) in text
    book = load_workbook(io.BytesIO(content))
    assert all(c.data_type != "f" for sheet in book for row in sheet.iter_rows() for c in row)


def test_action_plan_steps_added_and_removed(complete, koordinator):
    masterplan = complete["masterplan"]
    programme = complete["programmes"][0]
    ActionStep.objects.create(programme=programme, order=1, year=programme.start_year, description="Survei kebutuhan")
    before = versions.plan_snapshot(masterplan)
    ActionStep.objects.filter(programme=programme).update(description="Uji coba", milestone="3 puskesmas")
    with translation.override("id"):
        result = diff.diff(before, versions.plan_snapshot(masterplan))
    (change,) = {p["name"]: p["changes"] for p in result["programmes"]["changed"]}[programme.name]
    assert change["label"] == "Rencana aksi"
    assert change["before"] == f"{programme.start_year}: Survei kebutuhan"
    assert change["after"] == f"{programme.start_year}: Uji coba (3 puskesmas)"
    # A version frozen before action plans existed has no steps: the step shows as added.
    for p in before["programmes"]:
        p.pop("steps")
    with translation.override("id"):
        result = diff.diff(before, versions.plan_snapshot(masterplan))
    (change,) = {p["name"]: p["changes"] for p in result["programmes"]["changed"]}[programme.name]
    assert change["before"] == "—" and "Uji coba" in change["after"]
