"""A diff reports exactly the changes made between two versions, in words, and nothing else."""

import io
from decimal import Decimal

from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from kotacerdas.books import diff, versions
from kotacerdas.books.build import document
from kotacerdas.books.tests.conftest import add_programmes
from kotacerdas.cities.tests.factories import StakeholderFactory
from kotacerdas.framework.models import FundingSource, ProgrammeStatus
from kotacerdas.programmes.models import ActionStep, ProgrammeStakeholder, ProgrammeYear
from kotacerdas.programmes.tests.factories import ProgrammeFundingFactory


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
    after["programmes"][0]["years"][0]["funding"][0]["source_code"] = FundingSource.objects.exclude(code="apbd").first().code
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


def _apbd_and_csr(programme, telkom):
    """Year 2021 of `programme` (100 million) becomes APBD 60 million and Telkom's CSR 40 million."""
    year = programme.years.get(year=2021)
    year.funding.all().delete()
    ProgrammeFundingFactory(year=year, source=FundingSource.objects.get(code="apbd"), amount=60_000_000)
    ProgrammeFundingFactory(year=year, source=FundingSource.objects.get(code="csr"), amount=40_000_000, stakeholder=telkom)


def test_a_version_keeps_each_years_shares_and_the_diff_names_them(complete, koordinator):
    masterplan, first = complete["masterplan"], complete["programmes"][0]
    telkom = StakeholderFactory(city=masterplan.city, name="PT Telkom Indonesia (Persero) Witel Maluku")
    v1 = versions.version_freeze(actor=koordinator, masterplan=masterplan)
    _apbd_and_csr(first, telkom)
    ProgrammeYear.objects.filter(programme=first, year=2021).update(status=ProgrammeStatus.objects.get(code="running"))
    v2 = versions.version_freeze(actor=koordinator, masterplan=masterplan)
    (year,) = next(p for p in v2.snapshot["programmes"] if p["name"] == first.name)["years"]
    assert year["status_code"] == "running"
    assert year["funding"] == [
        {"source_code": "apbd", "amount": 60_000_000, "stakeholder_id": None, "stakeholder_name": None},
        {"source_code": "csr", "amount": 40_000_000, "stakeholder_id": telkom.pk, "stakeholder_name": telkom.name},
    ]
    with translation.override("id"):
        result = diff.diff(v1.snapshot, v2.snapshot)
    changes = {c["label"]: c for c in next(p for p in result["programmes"]["changed"] if p["name"] == first.name)["changes"]}
    assert changes["Status pada tahun itu 2021"]["after"] == "Berjalan"
    shares = changes["Porsi pendanaan 2021"]
    assert shares["before"] == "APBD (anggaran daerah) Rp 100.000.000"
    assert shares["after"] == f"APBD (anggaran daerah) Rp 60.000.000; CSR ({telkom.name}) Rp 40.000.000"
    assert result["budgets"]["total"]["difference"] == 0  # the budget stayed, only its sources changed


def test_a_version_frozen_with_one_funding_source_reads_as_one_share(complete, koordinator):
    """Versions frozen before shares existed named one source per year: it reads as one share of the whole budget."""
    masterplan = complete["masterplan"]
    old = versions.plan_snapshot(masterplan)
    for p in old["programmes"]:
        for y in p["years"]:
            y["funding_source_code"] = y.pop("funding")[0]["source_code"]
            del y["status_code"]
    assert diff.diff(old, versions.plan_snapshot(masterplan))["change_count"] == 0
    version = versions.version_freeze(actor=koordinator, masterplan=masterplan)
    version.snapshot = old
    doc = document(masterplan, "2", "id", version=version)
    assert "APBD (anggaran daerah) Rp 100.000.000" in doc.text()
