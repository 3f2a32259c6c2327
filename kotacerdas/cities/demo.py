"""Demo data: Kota Ambon (81.71) as it took part in the programme's 2019 stage.

Facts from public sources carry a source note (# source: …). Everything else is invented and says so
where it is shown: the city is a demo (City.is_demo → a banner on every city page), invented document
numbers end with DEMO_MARK, and invented people have clearly fictitious names (family name “Contoh”).
Real names appear only for the roles a source confirms (A. G. Latuheru signing for Mayor Richard
Louhenapessy).
"""

import datetime

from kotacerdas.cities import services
from kotacerdas.cities.models import Body, City, Cohort, Signatory, Stage

AMBON = "81.71"
# Marks an invented value wherever it is shown (pages, API, documents).
DEMO_MARK = "(contoh)"
FIRST_NAMES = ["Yohanes", "Maria", "Abdul", "Christina", "Fadli", "Novita", "Ricky", "Sitti", "Marvin", "Ivana", "Hasan", "Grace"]


def fictitious_name(n: int) -> str:
    """A clearly invented person: a common first name, an initial and the family name “Contoh” (example)."""
    return f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {chr(ord('A') + (n // len(FIRST_NAMES)) % 26)}. Contoh"


# (name, short name) — Ambon's departments as the city names them (source: Pemerintah Kota Ambon,
# list of perangkat daerah on ambon.go.id, 2019–2024 structure). Heads are fictitious (fictitious_name).
OPDS = [
    ("Dinas Komunikasi, Informatika dan Persandian", "Diskominfosandi"),
    ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "Bappeda-Litbang"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pendidikan dan Kebudayaan", "Dikbud"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Pariwisata", "Dispar"),
    ("Dinas Lingkungan Hidup dan Persampahan", "DLHP"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "PUPR"),
    ("Dinas Sosial", "Dinsos"),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag"),
    ("Dinas Koperasi dan Usaha Kecil Menengah", "Diskop-UKM"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Satuan Polisi Pamong Praja", "Satpol PP"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "DPRKP"),
    ("Badan Pengelola Pajak dan Retribusi Daerah", "BPPRD"),
    ("Dinas Perikanan", "Diskan"),
    ("Dinas Pemberdayaan Perempuan, Perlindungan Anak, Masyarakat dan Desa", "DP3AMD"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip"),
]

# (name, type code) — organisations in Ambon; their contact persons are fictitious.
STAKEHOLDERS = [
    ("PT Telkom Indonesia (Persero) Witel Maluku", "bumn"),
    ("PT PLN (Persero) UIW Maluku dan Maluku Utara", "bumn"),
    ("PT Pelabuhan Indonesia (Persero) Cabang Ambon", "bumn"),
    ("PT Bank Pembangunan Daerah Maluku dan Maluku Utara", "bumd"),
    ("Perumda Air Minum Kota Ambon", "bumd"),
    ("Universitas Pattimura", "academia"),
    ("Politeknik Negeri Ambon", "academia"),
    ("Institut Agama Islam Negeri Ambon", "academia"),
    ("Kodim 1504/Ambon", "tni-polri"),
    ("Polresta Pulau Ambon dan Pulau-Pulau Lease", "tni-polri"),
    ("Ambon Music Office", "community"),
    ("Komunitas Ambon Bergerak", "community"),
    ("Kamar Dagang dan Industri Kota Ambon", "private"),
    ("Ambon Ekspres", "media"),
]

# source: news of the ministry and the city, May 2019 — the MoU was signed on 16 May 2019 in Jakarta. Its number is not public.
MOU_DATE = datetime.date(2019, 5, 16)
MOU_NUMBER = f"B-1234/M.KOMINFO/AI.01.01/05/2019 {DEMO_MARK}"
# source: news story of 15 October 2019 — commitment signed at the Manise Hotel by the city secretary A. G. Latuheru
# on behalf of Mayor Richard Louhenapessy, followed by the OPDs, TNI/Polri, BUMN and BUMD.
COMMITMENT_DATE = datetime.date(2019, 10, 15)
COMMITMENT_PLACE = "Hotel Manise, Ambon"
COUNCIL_DECREE = f"188.45/512/KEP/2019 {DEMO_MARK}"
TEAM_DECREE = f"188.45/513/KEP/2019 {DEMO_MARK}"
FORUM_DECREE = f"188.45/690/KEP/2019 {DEMO_MARK}"
# Every invented document number, for the test that checks they are marked wherever shown.
INVENTED_NUMBERS = [MOU_NUMBER, COUNCIL_DECREE, TEAM_DECREE, FORUM_DECREE]

# source: the programme's published selections (docs/domain.md §1): 25 regencies/cities in 2017, 50 in 2018,
# 25 in 2019 (Kota Ambon among them, the programme's third stage), 48 in 2021. The stage numbers of 2017 and
# 2018 follow from 2019 being the third; the stage of 2021 and every invited and assessed count are not in
# the sources: left empty. (year, stage number, regencies/cities selected)
COHORTS = [(2017, 1, 25), (2018, 2, 50), (2019, 3, 25), (2021, None, 48)]
COHORT_SOURCE = (
    "Jumlah daerah terpilih sebagaimana dipublikasikan Gerakan Menuju 100 Smart City (Kominfo); "
    "jumlah daerah yang diundang dan dinilai tidak dipublikasikan."
)
COHORT_STAGE_NOTE = " Nomor tahap mengikuti urutan seleksi (2019 adalah tahap ketiga)."
AMBON_COHORT_YEAR = 2019

COMMITMENT_TEXT = (
    "Kami, Pemerintah Kota Ambon beserta seluruh Organisasi Perangkat Daerah dan para pemangku "
    "kepentingan, berkomitmen untuk menyusun, menetapkan, dan melaksanakan Masterplan Smart City "
    "Kota Ambon sebagai bagian dari Gerakan Menuju 100 Smart City, serta mendukung pelaksanaan "
    "program-program quick win dan rencana aksi yang telah disepakati."
)


def seed_cohorts(*, actor) -> None:
    """The programme's published cohorts; a year already recorded is left as it is."""
    for year, stage_number, selected in COHORTS:
        if not Cohort.objects.filter(year=year).exists():
            services.cohort_create(
                actor=actor,
                year=year,
                stage_number=stage_number,
                selected_count=selected,
                source_note=COHORT_SOURCE + (COHORT_STAGE_NOTE if stage_number and year != AMBON_COHORT_YEAR else ""),
            )


def cohort_id_of(year: int) -> int | None:
    """The cohort of a year (the numbered stage first), for the demo's cities."""
    return Cohort.objects.filter(year=year).order_by("stage_number").values_list("pk", flat=True).first()


def seed(*, actor) -> City:
    """Create the cohorts, then Ambon's participation, departments, bodies, stakeholders and commitment (once)."""
    seed_cohorts(actor=actor)
    city = City.objects.filter(region_id=AMBON).first()
    if city is None:
        city = services.city_create(
            actor=actor,
            region_code=AMBON,
            cohort_id=cohort_id_of(AMBON_COHORT_YEAR),
            is_demo=True,
            is_published=True,
            invited_on=datetime.date(2019, 3, 4),
            selected_on=datetime.date(2019, 4, 12),
            mou_number=MOU_NUMBER,
            mou_date=MOU_DATE,
            mou_signatories="Kementerian Komunikasi dan Informatika\nPemerintah Kota Ambon\n(ditandatangani di Jakarta)",
        )
    if city.opds.exists():
        return city
    for stage, day in [
        (Stage.INVITED, (2019, 3, 4)),
        (Stage.ASSESSED, (2019, 3, 28)),
        (Stage.SELECTED, (2019, 4, 12)),
        (Stage.MOU, (2019, 5, 16)),
        (Stage.BODIES, (2019, 6, 20)),
    ]:
        services.city_reach_stage(actor=actor, city=city, stage=stage, reached_on=datetime.date(*day))
    opds = {}
    for n, (name, short) in enumerate(OPDS):
        opds[short] = services.opd_create(
            actor=actor,
            city=city,
            name=name,
            short_name=short,
            head_name=fictitious_name(n),
            head_title="Kepala",
            is_leading_sector=short == "Diskominfosandi",
        )
    stakeholders = {}
    for n, (name, type_code) in enumerate(STAKEHOLDERS):
        contact = fictitious_name(len(OPDS) + n)
        slug = name.split(" ")[0].lower()
        stakeholders[name] = services.stakeholder_create(
            actor=actor,
            city=city,
            name=name,
            type_code=type_code,
            contact_person=contact,
            email=f"smartcity.{slug}@contoh.id",
            phone="0911-3" + str(10000 + len(stakeholders) * 137)[:5],
        )
    _bodies(actor, city, opds)
    _commitment(actor, city, opds, stakeholders)
    return city


def _bodies(actor, city, opds):
    council = services.body_create(
        actor=actor,
        city=city,
        kind=Body.Kind.COUNCIL,
        name="Dewan Smart City Kota Ambon",
        decree_number=COUNCIL_DECREE,
        decree_date=datetime.date(2019, 6, 20),
    )
    for order, (name, role, position, org) in enumerate(
        [
            # Offices, not names: no public source says who sat on the council.
            ("Wali Kota Ambon", "Ketua", "Wali Kota Ambon", "Pemerintah Kota Ambon"),
            ("Wakil Wali Kota Ambon", "Wakil Ketua", "Wakil Wali Kota Ambon", "Pemerintah Kota Ambon"),
            ("Sekretaris Kota Ambon", "Sekretaris", "Sekretaris Kota Ambon", "Pemerintah Kota Ambon"),
            (fictitious_name(40), "Anggota", "Akademisi", "Universitas Pattimura"),
            (fictitious_name(41), "Anggota", "Manajer", "PT Telkom Indonesia (Persero) Witel Maluku"),
        ],
        start=1,
    ):
        services.body_member_add(actor=actor, body=council, name=name, role=role, position=position, organisation=org, order=order)
    team = services.body_create(
        actor=actor,
        city=city,
        kind=Body.Kind.TEAM,
        name="Tim Pelaksana Smart City Kota Ambon",
        decree_number=TEAM_DECREE,
        decree_date=datetime.date(2019, 6, 20),
    )
    for order, short in enumerate(["Diskominfosandi", "Bappeda-Litbang", "Dinkes", "Dishub", "Dispar", "DLHP", "Disdukcapil"], start=1):
        opd = opds[short]
        services.body_member_add(
            actor=actor,
            body=team,
            name=opd.head_name,
            role="Ketua" if order == 1 else "Anggota",
            position=f"Kepala {opd.name}",
            organisation=opd.name,
            opd_id=opd.pk,
            order=order,
        )
    forum = services.body_create(
        actor=actor,
        city=city,
        kind=Body.Kind.FORUM,
        name="Forum Ambon Smart City",
        decree_number=FORUM_DECREE,
        decree_date=datetime.date(2019, 8, 2),
    )
    services.body_member_add(
        actor=actor, body=forum, name=fictitious_name(42), role="Koordinator", organisation="Komunitas Ambon Bergerak", order=1
    )


def _commitment(actor, city, opds, stakeholders):
    signatories = [
        {
            "kind": Signatory.Kind.OFFICIAL,
            "name": "A. G. Latuheru",
            "role": "Sekretaris Kota Ambon",
            "organisation": "Pemerintah Kota Ambon",
            "on_behalf_of": "Wali Kota Ambon Richard Louhenapessy",
        }
    ]
    for short in ["Diskominfosandi", "Bappeda-Litbang", "Dinkes", "Dikbud", "Dishub", "Dispar", "DLHP", "Disdukcapil", "DPMPTSP", "PUPR"]:
        opd = opds[short]
        signatories.append({"kind": Signatory.Kind.OPD, "name": opd.head_name, "role": f"Kepala {opd.name}", "opd_id": opd.pk})
    for name in [
        "Kodim 1504/Ambon",
        "Polresta Pulau Ambon dan Pulau-Pulau Lease",
        "PT Telkom Indonesia (Persero) Witel Maluku",
        "PT PLN (Persero) UIW Maluku dan Maluku Utara",
        "PT Bank Pembangunan Daerah Maluku dan Maluku Utara",
        "Perumda Air Minum Kota Ambon",
    ]:
        s = stakeholders[name]
        signatories.append({"kind": Signatory.Kind.STAKEHOLDER, "name": s.contact_person, "role": "Pimpinan", "stakeholder_id": s.pk})
    services.commitment_create(
        actor=actor,
        city=city,
        signed_on=COMMITMENT_DATE,
        place=COMMITMENT_PLACE,
        text=COMMITMENT_TEXT,
        signatories=signatories,
    )
