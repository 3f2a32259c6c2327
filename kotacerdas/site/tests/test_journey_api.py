"""A new city drafts its whole masterplan through the API alone, from enrolment to legalisation.

Kota Tual (81.72) is not the demo city: nothing exists for it but its region. The ministry enrols it,
its coordinator then does everything a city does over the four bimtek, with a bearer token only.
Each step asserts what the caller gets back; a few bad inputs along the way must answer a stable code.
"""

import json

import pytest

from kotacerdas.accounts.models import Role
from kotacerdas.accounts.tests.factories import UserFactory
from kotacerdas.cities.models import City

CODE = "81.72"
CITY = f"/api/v1/cities/{CODE}"
CORE_LENSES = ("struktur", "infrastruktur", "suprastruktur")


class Api:
    """The test client with one persona's bearer token, speaking JSON."""

    def __init__(self, client, headers):
        self.client, self.headers = client, headers

    def __call__(self, method, path, body=None, status=200):
        response = getattr(self.client, method)(
            path, data=json.dumps(body) if body is not None else None, content_type="application/json", headers=self.headers
        )
        assert response.status_code == status, (method, path, response.status_code, response.content[:500])
        return response.json() if response.content else None

    def refused(self, method, path, body, status, code):
        """A bad request answers the error envelope with a stable code and a message naming the problem."""
        error = self(method, path, body, status=status)
        assert error["code"] == code, error
        assert error["message"]
        return error


def stage_of(api) -> str:
    return api("get", CITY)["stage"]


def counts_of(city: dict) -> dict:
    return {key: value for key, value in city.items() if key.endswith("_count")}


# --- the steps ------------------------------------------------------------------------------


def enrol(ministry: Api) -> dict:
    cohort = ministry("post", "/api/v1/cohorts", {"year": 2024, "selected_count": 50, "source_note": "Siaran pers (contoh)"}, status=201)
    assert cohort["label"] == "Tahun kepesertaan 2024" and cohort["city_count"] == 0
    city = ministry(
        "post",
        "/api/v1/cities",
        {
            "region_code": CODE,
            "cohort_id": cohort["id"],
            "invited_on": "2024-01-15",
            "selected_on": "2024-02-20",
            "mou_number": "B-123/DJAI/2024",
            "mou_date": "2024-03-05",
            "mou_signatories": "Wali Kota Tual; Dirjen Aptika",
        },
        status=201,
    )
    assert city["code"] == CODE and "Tual" in city["name"] and city["province_code"] == "81" and city["province_name"]
    assert city["stage"] == "invited" and city["cohort_year"] == 2024 and city["cohort_id"] == cohort["id"] and not city["is_demo"]
    assert counts_of(city) == {
        "opd_count": 0,
        "body_count": 0,
        "body_member_count": 0,
        "stakeholder_count": 0,
        "commitment_count": 0,
        "signatory_count": 0,
    }
    ministry.refused("post", "/api/v1/cities", {"region_code": CODE, "cohort_id": cohort["id"]}, 409, "duplicate")
    ministry.refused("post", "/api/v1/cities", {"region_code": "99.99", "cohort_id": cohort["id"]}, 400, "unknown_code")
    ministry.refused("delete", f"/api/v1/cohorts/{cohort['id']}", None, 409, "still_linked")
    event = ministry("post", f"{CITY}/stages", {"stage": "mou", "reached_on": "2024-03-05", "note": "B-123/DJAI/2024"}, status=201)
    assert event["stage"] == "mou"
    assert stage_of(ministry) == "mou"
    return city


def organise(api: Api) -> dict:
    """Departments, stakeholders and the two bodies with their members."""
    opds = {}
    for name, short, leading in (
        ("Dinas Komunikasi, Informatika, Statistik dan Persandian", "Diskominfo", True),
        ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "Bappelitbangda", False),
        ("Dinas Kesehatan", "Dinkes", False),
        ("Dinas Lingkungan Hidup", "DLH", False),
    ):
        opd = api("post", f"{CITY}/opds", {"name": name, "short_name": short, "is_leading_sector": leading}, status=201)
        assert opd["short_name"] == short and opd["is_leading_sector"] is leading
        opds[short] = opd["id"]
    api.refused("post", f"{CITY}/opds", {"name": "Dinas Kesehatan", "short_name": "Dinkes2"}, 409, "duplicate")

    stakeholders = {}
    for name, kind in (("Politeknik Perikanan Negeri Tual", "academia"), ("PT Telkom Indonesia Witel Maluku – STO Tual", "bumn")):
        stakeholder = api("post", f"{CITY}/stakeholders", {"name": name, "type_code": kind, "contact_person": "Humas"}, status=201)
        assert stakeholder["type_code"] == kind and stakeholder["type_name"]
        stakeholders[kind] = stakeholder["id"]
    api.refused("post", f"{CITY}/stakeholders", {"name": "Koperasi Nelayan", "type_code": "fishermen"}, 400, "unknown_code")

    council = api(
        "post",
        f"{CITY}/bodies",
        {"kind": "council", "name": "Dewan Smart City Kota Tual", "decree_number": "SK Wali Kota 100/2024", "decree_date": "2024-04-01"},
        status=201,
    )
    team = api("post", f"{CITY}/bodies", {"kind": "team", "name": "Tim Pelaksana Smart City Kota Tual"}, status=201)
    assert council["kind"] == "council" and council["members"] == []
    for body, name, role, opd in (
        (council, "Wali Kota Tual", "Ketua", None),
        (council, "Sekretaris Daerah", "Wakil Ketua", None),
        (team, "Kepala Diskominfo", "Ketua", opds["Diskominfo"]),
        (team, "Kepala Bappelitbangda", "Sekretaris", opds["Bappelitbangda"]),
        (team, "Kepala Dinkes", "Anggota", opds["Dinkes"]),
    ):
        member = api("post", f"{CITY}/bodies/{body['id']}/members", {"name": name, "role": role, "opd_id": opd}, status=201)
        assert member["opd_id"] == opd
    api.refused("post", f"{CITY}/bodies/{team['id']}/members", {"name": "X", "role": "Anggota", "opd_id": 999999}, 400, "unknown_reference")
    assert api("get", f"{CITY}/bodies/{team['id']}")["member_count"] == 3
    return {"opds": opds, "stakeholders": stakeholders}


def create_masterplan(api: Api) -> dict:
    api.refused("post", f"{CITY}/masterplans", {"title": "Terlalu panjang", "start_year": 2025, "end_year": 2040}, 400, "period_too_long")
    plan = api(
        "post",
        f"{CITY}/masterplans",
        {"title": "Masterplan Smart City Kota Tual 2025–2029", "start_year": 2025, "end_year": 2029},
        status=201,
    )
    assert plan["city_code"] == CODE and plan["status"] == "draft" and (plan["start_year"], plan["end_year"]) == (2025, 2029)
    assert api("get", f"{CITY}/masterplans")["count"] == 1
    return plan


BIMTEK_DATES = {
    1: ("2024-06-11", "2024-06-12"),
    2: ("2024-08-20", "2024-08-21"),
    3: ("2024-10-15", "2024-10-16"),
    4: ("2025-02-18", "2025-02-19"),
}


def assign_mentors(ministry: Api) -> list[int]:
    """The ministry registers two mentors of its expert team and assigns them to the city; a third stays unassigned."""
    mentor_ids = []
    for name, institution in (("Mentor Kominfo", "Komdigi"), ("Mentor Universitas", "Universitas Pattimura"), ("Mentor Lain", "")):
        mentor_ids.append(ministry("post", "/api/v1/mentors", {"name": name, "institution": institution}, status=201)["id"])
    for mentor_id in mentor_ids[:2]:
        ministry("post", "/api/v1/mentor-assignments", {"mentor_id": mentor_id, "city_code": CODE, "from_year": 2024}, status=201)
    ministry.refused(
        "post", "/api/v1/mentor-assignments", {"mentor_id": mentor_ids[0], "city_code": CODE, "from_year": 2024}, 409, "duplicate"
    )
    return mentor_ids


def run_bimtek(api: Api, ids: dict, mentor_ids: list[int]) -> dict:
    """Bimtek I–IV with the city's mentors: participants, outputs, held → the city's stage follows each one."""
    api.refused(
        "post",
        f"{CITY}/bimtek",
        {"number": 1, "start_date": "2024-06-11", "end_date": "2024-06-12", "mentor_ids": [mentor_ids[2]]},
        400,
        "mentor_not_assigned",
    )
    workshops = {}
    for number, (start, end) in BIMTEK_DATES.items():
        if number == 2:
            api.refused(
                "post", f"{CITY}/bimtek", {"number": 2, "start_date": "2024-05-01", "end_date": "2024-05-02"}, 409, "out_of_sequence"
            )
        workshop = api(
            "post",
            f"{CITY}/bimtek",
            {
                "number": number,
                "start_date": start,
                "end_date": end,
                "venue": "Aula Kantor Wali Kota Tual",
                "mentor_ids": mentor_ids[:2],
            },
            status=201,
        )
        assert [m["name"] for m in workshop["mentors"]] == ["Mentor Kominfo", "Mentor Universitas"]
        assert workshop["roman"] == ["I", "II", "III", "IV"][number - 1] and workshop["title"] and not workshop["is_held"]
        workshops[number] = workshop["id"]
    api.refused("post", f"{CITY}/bimtek", {"number": 4, "start_date": "2025-03-01", "end_date": "2025-03-02"}, 409, "duplicate")
    api.refused("post", f"{CITY}/bimtek", {"number": 1, "start_date": "2021-06-01", "end_date": "2021-06-02"}, 400, "out_of_range")

    for wid in workshops.values():
        base = f"{CITY}/bimtek/{wid}/participants"
        p1 = api("post", base, {"name": "Kepala Diskominfo", "group": "opd", "opd_id": ids["opds"]["Diskominfo"]}, status=201)
        p2 = api(
            "post",
            base,
            {"name": "Perwakilan Politeknik", "group": "stakeholder", "stakeholder_id": ids["stakeholders"]["academia"]},
            status=201,
        )
        api("post", base, {"name": "Sekretaris Daerah", "group": "council", "organisation": "Pemerintah Kota Tual"}, status=201)
        assert api("post", f"{base}/attendance", {"attended_participant_ids": [p1["id"], p2["id"]]}) == {"changed_count": 2}

    outputs = record_outputs(api, workshops, ids)

    for number, wid in workshops.items():
        held = api("patch", f"{CITY}/bimtek/{wid}", {"is_held": True, "minutes": f"Notulen Bimtek {number}."})
        assert held["is_held"] and held["participant_count"] == 3 and held["attendee_count"] == 2
        assert stage_of(api) == f"bimtek{number}"
    listed = api("get", f"{CITY}/bimtek")
    assert listed["count"] == 4 and all(w["is_held"] for w in listed["items"])
    checklist = api("get", f"{CITY}/bimtek/{workshops[1]}/checklist")
    assert checklist["number"] == 1 and checklist["done_count"] >= 1
    return {"workshops": workshops, "outputs": outputs}


def record_outputs(api: Api, workshops: dict, ids: dict) -> dict:
    out = f"{CITY}/bimtek/{workshops[1]}/outputs"
    swot = []
    for lens in CORE_LENSES:
        for category, text in (("S", f"Komitmen pimpinan kuat ({lens})"), ("W", f"Kapasitas SDM terbatas ({lens})")):
            item = api(
                "post",
                out,
                {
                    "kind": "swot",
                    "lens_code": lens,
                    "swot_category": category,
                    "text": text,
                    "proposed_by_opd_id": ids["opds"]["Bappelitbangda"],
                },
                status=201,
            )
            assert item["lens_code"] == lens and item["swot_category"] == category and item["proposed_by_opd_name"]
            assert item["programme_ids"] == item["swot_item_ids"] == item["gap_item_ids"] == []
            swot.append(item["id"])
    api.refused("post", out, {"kind": "swot", "lens_code": "struktur", "text": "Tanpa kategori"}, 400, "required")
    api.refused("post", out, {"kind": "swot", "lens_code": "lensa", "swot_category": "S", "text": "?"}, 400, "unknown_code")
    gap = api(
        "post",
        out,
        {"kind": "gap", "lens_code": "infrastruktur", "text": "Jaringan internet belum menjangkau pulau-pulau kecil"},
        status=201,
    )["id"]
    keyword = api(
        "post",
        out,
        {"kind": "vision_keyword", "text": "Kota Maritim Digital", "proposed_by_stakeholder_id": ids["stakeholders"]["academia"]},
        status=201,
    )["id"]
    ideas_at = f"{CITY}/bimtek/{workshops[2]}/outputs"
    idea = api(
        "post",
        ideas_at,
        {
            "kind": "programme_idea",
            "dimension_code": "governance",
            "text": "Layanan perizinan daring satu pintu",
            "proposed_by_opd_id": ids["opds"]["Diskominfo"],
        },
        status=201,
    )
    assert idea["dimension_code"] == "governance" and idea["bimtek_id"] == workshops[2]
    api.refused("post", ideas_at, {"kind": "programme_idea", "text": "Tanpa dimensi"}, 400, "required")
    assert api("get", f"{out}?kind=swot")["count"] == 6
    return {"swot": swot, "gap": gap, "keyword": keyword, "idea": idea["id"]}


def analyse_readiness(api: Api, workshops: dict, outputs: dict) -> int:
    """Adopt the bimtek's SWOT and gap outputs, then assess each core lens."""
    for oid in outputs["swot"]:
        adopted = api("post", f"{CITY}/readiness/outputs/{oid}/adopt", {}, status=201)
        assert adopted["kind"] == "swot" and adopted["swot_item"]["origin_output_id"] == oid and adopted["swot_item"]["provenance"]
    gap = api("post", f"{CITY}/readiness/outputs/{outputs['gap']}/adopt", {}, status=201)
    assert gap["kind"] == "gap" and gap["gap"]["lens_code"] == "infrastruktur" and gap["gap"]["programme_ids"] == []
    api.refused("post", f"{CITY}/readiness/outputs/{outputs['gap']}/adopt", {}, 409, "already_adopted")
    api.refused("post", f"{CITY}/readiness/outputs/{outputs['keyword']}/adopt", {}, 400, "not_adoptable")

    for rating, lens in enumerate(CORE_LENSES, start=2):
        assessment = api(
            "put",
            f"{CITY}/readiness/lenses/{lens}/assessment",
            {"rating_code": rating, "current_condition": f"Kondisi {lens} saat ini", "target_condition": f"Kondisi {lens} 2029"},
        )
        assert assessment["rating_code"] == rating and assessment["rating_name"]
    api.refused("put", f"{CITY}/readiness/lenses/struktur/assessment", {"rating_code": 42}, 400, "unknown_code")

    readiness = api("get", f"{CITY}/readiness")
    lenses = {lens["lens_code"]: lens for lens in readiness["lenses"]}
    for lens in CORE_LENSES:
        assert lenses[lens]["is_core"] and lenses[lens]["assessment"]["current_condition"] == f"Kondisi {lens} saat ini"
        assert sorted(i["category"] for i in lenses[lens]["swot_items"]) == ["S", "W"]
    assert readiness["gap_ids_without_programme"] == [gap["gap"]["id"]]
    swot_outputs = api("get", f"{CITY}/bimtek/{workshops[1]}/outputs?kind=swot")["items"]
    assert len(swot_outputs) == 6 and all(o["swot_item_ids"] for o in swot_outputs), "every adopted output names the plan content it became"
    return gap["gap"]["id"]


def write_vision(api: Api, plan: dict) -> None:
    vision = "Terwujudnya Kota Tual sebagai Kota Maritim Digital yang sejahtera dan berkelanjutan"
    assert api("patch", f"{CITY}/masterplans/{plan['id']}", {"vision": vision})["vision"] == vision
    mission = api(
        "post", f"{CITY}/masterplans/{plan['id']}/missions", {"text": "Meningkatkan pelayanan publik berbasis digital"}, status=201
    )
    objective = api(
        "post",
        f"{CITY}/missions/{mission['id']}/objectives",
        {"text": "Layanan publik terintegrasi dan mudah diakses", "dimension_codes": ["governance", "living"]},
        status=201,
    )
    assert objective["dimension_codes"] == ["governance", "living"]
    api.refused("post", f"{CITY}/missions/{mission['id']}/objectives", {"text": "?", "dimension_codes": ["smart-sea"]}, 400, "unknown_code")
    target = api(
        "post",
        f"{CITY}/objectives/{objective['id']}/targets",
        {"indicator": "Indeks SPBE", "value": "3,5", "unit": "indeks", "year": 2029},
        status=201,
    )
    assert target["year"] == 2029
    second = api("post", f"{CITY}/masterplans/{plan['id']}/missions", {"text": "Menjaga kelestarian lingkungan pesisir"}, status=201)
    api(
        "post",
        f"{CITY}/missions/{second['id']}/objectives",
        {"text": "Sampah pesisir tertangani", "dimension_codes": ["environment"]},
        status=201,
    )

    tree = api("get", f"{CITY}/vision")
    assert tree["vision"] == vision and [m["order"] for m in tree["missions"]] == sorted(m["order"] for m in tree["missions"])
    assert len(tree["missions"]) == 2 and tree["missions"][0]["objectives"][0]["targets"][0]["indicator"] == "Indeks SPBE"
    assert set(tree["unserved_dimension_codes"]) == {"branding", "economy", "society"}
    keywords = api("get", f"{CITY}/vision-keywords?masterplan_id={plan['id']}")
    assert [k["text"] for k in keywords["items"]] == ["Kota Maritim Digital"]
    assert (
        keywords["items"][0]["bimtek_number"] == 1
        and keywords["items"][0]["proposed_by_stakeholder_name"] == "Politeknik Perikanan Negeri Tual"
    )


def create_programmes(api: Api, ids: dict, outputs: dict, gap_id: int) -> dict:
    base = f"{CITY}/programmes"
    online = api(
        "post",
        base,
        {
            "name": "Perizinan Daring Satu Pintu",
            "dimension_code": "governance",
            "element_code": "governance-public-service",
            "horizon_code": "short",
            "start_year": 2025,
            "end_year": 2026,
            "status_code": "planned",
            "lead_opd_id": ids["opds"]["Diskominfo"],
            "supporting_opd_ids": [ids["opds"]["Bappelitbangda"]],
            "origin_output_id": outputs["idea"],
            "years": [
                {
                    "year": 2025,
                    "budget": 350000000,
                    "status_code": "running",
                    # A year funded by APBD and a partner's CSR.
                    "funding": [
                        {"source_code": "apbd", "amount": 250000000},
                        {"source_code": "csr", "amount": 100000000, "stakeholder_id": ids["stakeholders"]["bumn"]},
                    ],
                },
                {
                    "year": 2026,
                    "budget": 150000000,
                    "funding": [{"source_code": "dak", "amount": 150000000}],
                },
            ],
            "partners": [{"stakeholder_id": ids["stakeholders"]["bumn"], "role": "implementer"}],
        },
        status=201,
    )
    assert online["origin_output_id"] == outputs["idea"] and online["origin_bimtek_number"] == 2
    assert online["origin_proposer_name"] == "Dinas Komunikasi, Informatika, Statistik dan Persandian"
    assert online["budget_total"] == 500_000_000 and [y["year"] for y in online["years"]] == [2025, 2026]
    assert online["lead_opd_id"] == ids["opds"]["Diskominfo"] and online["partners"][0]["role"] == "implementer"

    health = api(
        "post",
        base,
        {
            "name": "Telemedisin Puskesmas Pulau",
            "dimension_code": "living",
            "element_code": "living-health",
            "horizon_code": "medium",
            "start_year": 2026,
            "end_year": 2028,
            "status_code": "planned",
            "lead_opd_id": ids["opds"]["Dinkes"],
            "years": [
                {"year": y, "budget": 200000000, "funding": [{"source_code": "apbn", "amount": 200000000}]} for y in (2026, 2027, 2028)
            ],
        },
        status=201,
    )
    assert health["budget_total"] == 600_000_000
    waste = api(
        "post",
        base,
        {
            "name": "Bank Sampah Pesisir",
            "dimension_code": "environment",
            "element_code": "environment-waste",
            "horizon_code": "medium",
            "start_year": 2027,
            "end_year": 2029,
            "status_code": "planned",
        },
        status=201,
    )
    assert waste["lead_opd_id"] is None and waste["years"] == []

    bad = {
        "name": "Salah",
        "dimension_code": "governance",
        "element_code": "governance-bureaucracy",
        "horizon_code": "short",
        "status_code": "planned",
    }
    api.refused("post", base, {**bad, "start_year": 2024, "end_year": 2026}, 400, "out_of_range")
    api.refused(
        "post", base, {**bad, "start_year": 2025, "end_year": 2025, "element_code": "living-health"}, 400, "element_not_in_dimension"
    )
    api.refused("post", base, {**bad, "start_year": 2025, "end_year": 2025, "years": [{"year": 2027, "budget": 1}]}, 400, "out_of_range")
    api.refused("post", base, {**bad, "name": "perizinan daring satu pintu", "start_year": 2025, "end_year": 2025}, 409, "duplicate")
    assert api("get", base)["count"] == 3

    sheet = api(
        "put",
        f"{base}/{online['id']}/quick-win",
        {
            "problem": "Perizinan memakan waktu berminggu-minggu",
            "innovation": "Satu portal untuk semua izin",
            "benefit": "Izin terbit dalam 3 hari",
            "timeline": "2025",
            "risks": "Sinyal di pulau kecil",
            "scores": {
                "problem-formulation": 5,
                "uniqueness": 4,
                "benefit": 5,
                "partnership": 3,
                "sustainability": 4,
                "risk-management": 3,
            },
            "stage": "selected",
        },
    )
    assert sheet["stage"] == "selected" and sheet["total_score"] == 24 and sheet["programme_id"] == online["id"]
    api.refused("put", f"{base}/{online['id']}/quick-win", {"scores": {"problem-formulation": 9}}, 400, "out_of_range")
    selected = api("get", f"{CITY}/quick-wins?stage=selected")
    assert selected["count"] == 1 and selected["items"][0]["programme_name"] == "Perizinan Daring Satu Pintu"
    assert api("get", f"{base}/{online['id']}")["is_quick_win"] is True

    closed = api("patch", f"{CITY}/readiness/gaps/{gap_id}", {"programme_ids": [online["id"], health["id"]]})
    assert sorted(closed["programme_ids"]) == sorted([online["id"], health["id"]])
    assert api("get", f"{CITY}/readiness")["gap_ids_without_programme"] == []
    return {"online": online["id"], "health": health["id"], "waste": waste["id"]}


def align_with_rpjmd(api: Api, programmes: dict) -> dict:
    plan = api(
        "post",
        f"{CITY}/plans",
        {
            "kind": "rpjmd",
            "title": "RPJMD Kota Tual 2025–2029",
            "start_year": 2025,
            "end_year": 2029,
            "legal_basis": "Perda Kota Tual No. 3 Tahun 2025",
        },
        status=201,
    )
    assert plan["kind"] == "rpjmd" and plan["opd_id"] is None and plan["item_count"] == 0
    api.refused(
        "post",
        f"{CITY}/plans",
        {"kind": "rpjmd", "title": "Terlalu panjang", "start_year": 2025, "end_year": 2035},
        400,
        "plan_period_too_long",
    )
    items = f"{CITY}/plans/{plan['id']}/items"
    vision = api("post", items, {"kind": "vision", "text": "Tual Maju, Sejahtera dan Berdaya Saing"}, status=201)
    mission = api(
        "post",
        items,
        {"kind": "mission", "text": "Tata kelola pemerintahan yang bersih dan melayani", "parent_id": vision["id"]},
        status=201,
    )
    goal = api("post", items, {"kind": "goal", "text": "Meningkatnya kualitas pelayanan publik", "parent_id": mission["id"]}, status=201)
    rows = {}
    for code, text in (
        ("2.16.02", "Program Pengelolaan Aplikasi Informatika"),
        ("1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Masyarakat"),
        ("2.17.02", "Program Pengawasan dan Pemeriksaan Koperasi"),
    ):
        rows[code] = api("post", items, {"kind": "programme", "code": code, "text": text, "parent_id": goal["id"]}, status=201)["id"]
    api.refused(
        "post",
        items,
        {"kind": "programme", "code": "2.16", "text": "Kode salah", "parent_id": goal["id"]},
        400,
        "nomenclature_code_invalid",
    )
    assert api("get", items)["count"] == 6

    before = {c["code"]: c["record_count"] for c in api("get", f"{CITY}/alignment/gaps")["items"]}
    assert before["programme_without_rpjmd"] == 3 and before["rpjmd_programme_without_programme"] == 3

    links = f"{CITY}/alignment/links"
    link = api("post", links, {"programme_id": programmes["online"], "plan_item_id": rows["2.16.02"]}, status=201)
    assert link["plan_item_code"] == "2.16.02" and link["plan_kind"] == "rpjmd" and link["plan_id"] == plan["id"]
    api("post", links, {"programme_id": programmes["health"], "plan_item_id": rows["1.02.02"]}, status=201)
    api.refused("post", links, {"programme_id": programmes["waste"], "plan_item_id": vision["id"]}, 400, "not_linkable")
    api.refused("post", links, {"programme_id": programmes["online"], "plan_item_id": rows["2.16.02"]}, 409, "duplicate")
    assert api("get", links)["count"] == 2
    return rows


def check_gaps(api: Api, programmes: dict, rows: dict) -> None:
    gaps = api("get", f"{CITY}/alignment/gaps")
    assert gaps["count"] == 7
    checks = {c["code"]: c for c in gaps["items"]}
    ids = lambda code: [i["id"] for i in checks[code]["records"]]  # noqa: E731
    assert ids("programme_without_rpjmd") == [programmes["waste"]]
    assert ids("programme_without_budget") == [programmes["waste"]]
    assert ids("programme_without_lead_opd") == [programmes["waste"]]
    assert checks["gap_without_programme"]["record_count"] == 0
    assert {i["code"] for i in checks["dimension_without_programme"]["records"]} == {"branding", "economy", "society"}
    assert checks["element_without_programme"]["record_count"] == 18 - 3
    assert ids("rpjmd_programme_without_programme") == [rows["2.17.02"]]
    assert checks["rpjmd_programme_without_programme"]["informational"] is True

    matrix = api("get", f"{CITY}/alignment/matrix")
    assert matrix["count"] == 3
    linked = {row["programme_id"]: sum(len(cell) for cell in row["cells"].values()) for row in matrix["items"]}
    assert all(row["link_count"] == linked[row["programme_id"]] for row in matrix["items"])
    assert linked == {programmes["online"]: 1, programmes["health"]: 1, programmes["waste"]: 0}


def sign_commitment(api: Api, ids: dict) -> None:
    commitments = f"{CITY}/commitments"
    bad = {
        "signed_on": "2025-02-19",
        "place": "Tual",
        "text": "Komitmen",
        "signatories": [
            {"kind": "official", "name": "Wali Kota Tual", "role": "Wali Kota", "organisation": "Pemerintah Kota Tual"},
            {"kind": "opd", "name": "Kepala Dinkes", "role": "", "opd_id": ids["opds"]["Dinkes"]},
        ],
    }
    api.refused("post", commitments, bad, 400, "required")
    assert api("get", commitments)["count"] == 0, "a refused commitment writes nothing"
    assert stage_of(api) == "bimtek4"

    commitment = api(
        "post",
        commitments,
        {
            "signed_on": "2025-02-19",
            "place": "Aula Kantor Wali Kota Tual",
            "text": "Kami berkomitmen melaksanakan Masterplan Smart City Kota Tual 2025–2029.",
            "signatories": [
                {"kind": "official", "name": "Wali Kota Tual", "role": "Wali Kota", "organisation": "Pemerintah Kota Tual"},
                {"kind": "opd", "name": "Kepala Diskominfo", "role": "Kepala Dinas", "opd_id": ids["opds"]["Diskominfo"]},
                {
                    "kind": "stakeholder",
                    "name": "Direktur Politeknik",
                    "role": "Direktur",
                    "stakeholder_id": ids["stakeholders"]["academia"],
                },
            ],
        },
        status=201,
    )
    assert commitment["signatory_count"] == 3 and [s["order"] for s in commitment["signatories"]] == [1, 2, 3]
    assert commitment["signatories"][1]["organisation"] == "Dinas Komunikasi, Informatika, Statistik dan Persandian"
    assert commitment["signatories"][2]["organisation"] == "Politeknik Perikanan Negeri Tual"
    assert stage_of(api) == "commitment"


def legalise(api: Api, plan: dict) -> None:
    path = f"{CITY}/masterplans/{plan['id']}"
    api.refused("patch", path, {"status": "legalised"}, 400, "regulation_missing")
    assert api("get", path)["status"] == "draft"
    legal = api(
        "patch", path, {"status": "legalised", "regulation_number": "Perwali Kota Tual No. 12 Tahun 2025", "regulation_date": "2025-06-30"}
    )
    assert legal["status"] == "legalised" and legal["regulation_date"] == "2025-06-30"
    city = api("get", CITY)
    assert city["stage"] == "legalised"
    legalised = [e for e in city["stage_events"] if e["stage"] == "legalised"]
    assert legalised[0]["reached_on"] == "2025-06-30" and legalised[0]["note"] == "Perwali Kota Tual No. 12 Tahun 2025"


# --- the journey ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_city_drafts_its_whole_masterplan_through_the_api(client, api_token, kementerian):
    ministry = Api(client, api_token(kementerian))
    assert client.get(CITY).status_code == 404, "Kota Tual does not take part yet"
    tual = enrol(ministry)
    mentor_ids = assign_mentors(ministry)
    coordinator = UserFactory(username="koordinator.tual", role=Role.COORDINATOR, city=City.objects.get(region__code=CODE))
    api = Api(client, api_token(coordinator))
    api.refused("post", "/api/v1/cities", {"region_code": "81.71", "cohort_id": tual["cohort_id"]}, 403, "forbidden")
    api.refused("patch", f"/api/v1/cohorts/{tual['cohort_id']}", {"selected_count": 1}, 403, "forbidden")

    ids = organise(api)
    plan = create_masterplan(api)
    api.refused("post", "/api/v1/mentor-assignments", {"mentor_id": mentor_ids[2], "city_code": CODE, "from_year": 2024}, 403, "forbidden")
    bimtek = run_bimtek(api, ids, mentor_ids)
    gap_id = analyse_readiness(api, bimtek["workshops"], bimtek["outputs"])
    write_vision(api, plan)
    programmes = create_programmes(api, ids, bimtek["outputs"], gap_id)
    rows = align_with_rpjmd(api, programmes)
    check_gaps(api, programmes, rows)
    sign_commitment(api, ids)
    legalise(api, plan)

    # The whole plan, as any reader of the API sees it now.
    city = api("get", CITY)
    assert counts_of(city) == {
        "opd_count": 4,
        "body_count": 2,
        "body_member_count": 5,
        "stakeholder_count": 2,
        "commitment_count": 1,
        "signatory_count": 3,
    }
    assert [e["stage"] for e in city["stage_events"]] == ["mou", "bimtek1", "bimtek2", "bimtek3", "bimtek4", "commitment", "legalised"]
    assert api("get", f"{CITY}/masterplans")["items"][0]["status"] == "legalised"
    assert api("get", f"{CITY}/bimtek")["count"] == 4
    assert api("get", f"{CITY}/programmes")["count"] == 3
    assert api("get", f"{CITY}/programmes?is_quick_win=true")["count"] == 1
    summary = {row["dimension_code"]: row for row in api("get", f"{CITY}/programmes/by-dimension")["items"]}
    assert summary["governance"]["programme_count"] == 1 and summary["governance"]["budget"] == 500_000_000
    assert summary["living"]["budget"] == 600_000_000 and summary["environment"]["budget"] == 0
    readiness = api("get", f"{CITY}/readiness")
    assert sum(len(lens["swot_items"]) for lens in readiness["lenses"]) == 6
    assert sum(len(lens["gaps"]) for lens in readiness["lenses"]) == 1
    assert api("get", f"{CITY}/plans")["count"] == 1 and api("get", f"{CITY}/alignment/links")["count"] == 2
    documented = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/cities",
        "/api/v1/cities/{code}/readiness/outputs/{output_id}/adopt",
        "/api/v1/cities/{code}/alignment/gaps",
        "/api/v1/cities/{code}/programmes/{programme_id}/quick-win",
        "/api/v1/cities/{code}/commitments",
    ):
        assert path in documented, path
    # The ministry follows the city's progress from its own token.
    assert ministry("get", CITY)["stage"] == "legalised"
    assert any(c["code"] == CODE and c["stage"] == "legalised" for c in ministry("get", "/api/v1/cities?limit=100")["items"])
