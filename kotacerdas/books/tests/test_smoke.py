from kotacerdas.books import checklist, diff, versions
from kotacerdas.programmes.tests.factories import PartnerFactory, ProgrammeFactory, ProgrammeYearFactory


def test_smoke(masterplan, koordinator, client):
    p = ProgrammeFactory(masterplan=masterplan)
    ProgrammeYearFactory(programme=p)
    PartnerFactory(programme=p)
    items = checklist.checklist(masterplan.city, masterplan)
    assert items
    v = versions.version_freeze(actor=koordinator, masterplan=masterplan, note="x")
    assert v.number == 1
    d = diff.diff(v.snapshot, versions.plan_snapshot(masterplan))
    assert d["change_count"] == 0, d
    client.force_login(koordinator)
    for url in [
        "/cities/81.71/documents/",
        "/cities/81.71/documents/versions/1/",
        "/cities/81.71/documents/versions/diff/?a=1&b=live",
        "/cities/81.71/documents/versions/diff/report.xlsx?a=1&b=live",
        "/api/v1/cities/81.71/books/checklist",
        "/api/v1/cities/81.71/versions",
        "/api/v1/cities/81.71/versions/1",
        "/api/v1/cities/81.71/versions/1/diff/live",
        "/api/v1/cities/81.71/versions/1/diff/1",
    ]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.content[:2000])
