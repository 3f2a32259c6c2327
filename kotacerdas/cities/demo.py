"""Demo data: Kota Ambon (81.71) as it took part in the 2019 cohort.

Department and organisation names are Ambon's; the people below the mayor and the city
secretary are invented. Everything here is marked as demo (City.is_demo).
"""

import datetime

from kotacerdas.cities import services
from kotacerdas.cities.models import Body, City, Signatory, Stage

AMBON = "81.71"

# (name, short name, head) — short names are what the other demo modules refer to.
OPDS = [
    ("Dinas Komunikasi, Informatika dan Persandian", "Diskominfosandi", "Joy Adriaansz"),
    ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "Bappeda-Litbang", "Enrico Matitaputty"),
    ("Dinas Kesehatan", "Dinkes", "Wendy Pelupessy"),
    ("Dinas Pendidikan dan Kebudayaan", "Dikbud", "Fahmi Sallatalohy"),
    ("Dinas Perhubungan", "Dishub", "Robby Sapulette"),
    ("Dinas Pariwisata", "Dispar", "Rita Tutuhatunewa"),
    ("Dinas Lingkungan Hidup dan Persampahan", "DLHP", "Lucia Izaak"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "Ferdinand Tasso"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "Mahfud Waliulu"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "PUPR", "Melianus Latuihamallo"),
    ("Dinas Sosial", "Dinsos", "Sami Latbual"),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag", "Ivonny Latuputty"),
    ("Dinas Koperasi dan Usaha Kecil Menengah", "Diskop-UKM", "Jacky Talahatu"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "Apries Gaspersz"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "Demy Paays"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "Josias Loppies"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "Benny Selanno"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Perkim", "Nelly Sahetapy"),
    ("Badan Pendapatan Daerah", "Bapenda", "Ronald Lekransy"),
    ("Dinas Perikanan", "Diskan", "Steven Patty"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", "Mona Ririhena"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip", "Agus Ririmasse"),
]

# (name, type code, contact person)
STAKEHOLDERS = [
    ("PT Telkom Indonesia (Persero) Witel Maluku", "bumn", "Marthen Leiwakabessy"),
    ("PT PLN (Persero) UIW Maluku dan Maluku Utara", "bumn", "Yohanis Pattiasina"),
    ("PT Pelabuhan Indonesia (Persero) Cabang Ambon", "bumn", "Hendrik Souisa"),
    ("PT Bank Pembangunan Daerah Maluku dan Maluku Utara", "bumd", "Ratna Tuasikal"),
    ("Perumda Air Minum Kota Ambon", "bumd", "Yusuf Latuconsina"),
    ("Universitas Pattimura", "academia", "Prof. Johanis Matakupan"),
    ("Politeknik Negeri Ambon", "academia", "Dina Wattimena"),
    ("Institut Agama Islam Negeri Ambon", "academia", "Hasan Ohorella"),
    ("Kodim 1504/Ambon", "tni-polri", "Letkol Inf. Arief Nugroho"),
    ("Polresta Pulau Ambon dan Pulau-Pulau Lease", "tni-polri", "AKBP Budi Santoso"),
    ("Ambon Music Office", "community", "Ronny Loppies"),
    ("Komunitas Ambon Bergerak", "community", "Nita Hehanussa"),
    ("Kamar Dagang dan Industri Kota Ambon", "private", "Anton Lailossa"),
    ("Ambon Ekspres", "media", "Rudy Manuputty"),
]

COMMITMENT_TEXT = (
    "Kami, Pemerintah Kota Ambon beserta seluruh Organisasi Perangkat Daerah dan para pemangku "
    "kepentingan, berkomitmen untuk menyusun, menetapkan, dan melaksanakan Masterplan Smart City "
    "Kota Ambon sebagai bagian dari Gerakan Menuju 100 Smart City, serta mendukung pelaksanaan "
    "program-program quick win dan rencana aksi yang telah disepakati."
)


def seed(*, actor) -> City:
    """Create Ambon's participation, departments, bodies, stakeholders and commitment (once)."""
    city = City.objects.filter(region_id=AMBON).first()
    if city is None:
        city = services.city_create(
            actor=actor,
            region_code=AMBON,
            cohort_year=2019,
            is_demo=True,
            is_published=True,
            invited_on=datetime.date(2019, 3, 4),
            selected_on=datetime.date(2019, 4, 12),
            mou_number="B-1234/M.KOMINFO/AI.01.01/05/2019 · 050/451/SETKOT/2019",
            mou_date=datetime.date(2019, 5, 23),
            mou_signatories="Direktur Jenderal Aplikasi Informatika, Kementerian Komunikasi dan Informatika\nWali Kota Ambon",
        )
    if city.opds.exists():
        return city
    for stage, day in [
        (Stage.INVITED, (2019, 3, 4)),
        (Stage.ASSESSED, (2019, 3, 28)),
        (Stage.SELECTED, (2019, 4, 12)),
        (Stage.MOU, (2019, 5, 23)),
        (Stage.BODIES, (2019, 6, 20)),
    ]:
        services.city_reach_stage(actor=actor, city=city, stage=stage, reached_on=datetime.date(*day))
    opds = {}
    for name, short, head in OPDS:
        opds[short] = services.opd_create(
            actor=actor,
            city=city,
            name=name,
            short_name=short,
            head_name=head,
            head_title="Kepala",
            is_leading_sector=short == "Diskominfosandi",
        )
    stakeholders = {}
    for name, type_code, contact in STAKEHOLDERS:
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
        decree_number="188.45/512/KEP/2019",
        decree_date=datetime.date(2019, 6, 20),
    )
    for order, (name, role, position, org) in enumerate(
        [
            ("Richard Louhenapessy", "Ketua", "Wali Kota Ambon", "Pemerintah Kota Ambon"),
            ("Syarif Hadler", "Wakil Ketua", "Wakil Wali Kota Ambon", "Pemerintah Kota Ambon"),
            ("A. G. Latuheru", "Sekretaris", "Sekretaris Kota Ambon", "Pemerintah Kota Ambon"),
            ("Prof. Johanis Matakupan", "Anggota", "Akademisi", "Universitas Pattimura"),
            ("Marthen Leiwakabessy", "Anggota", "Manager", "PT Telkom Indonesia (Persero) Witel Maluku"),
        ],
        start=1,
    ):
        services.body_member_add(actor=actor, body=council, name=name, role=role, position=position, organisation=org, order=order)
    team = services.body_create(
        actor=actor,
        city=city,
        kind=Body.Kind.TEAM,
        name="Tim Pelaksana Smart City Kota Ambon",
        decree_number="188.45/513/KEP/2019",
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
        decree_number="188.45/690/KEP/2019",
        decree_date=datetime.date(2019, 8, 2),
    )
    services.body_member_add(
        actor=actor, body=forum, name="Nita Hehanussa", role="Koordinator", organisation="Komunitas Ambon Bergerak", order=1
    )


def _commitment(actor, city, opds, stakeholders):
    signatories = [
        {
            "kind": Signatory.Kind.OFFICIAL,
            "name": "A. G. Latuheru",
            "role": "Sekretaris Kota Ambon",
            "organisation": "Pemerintah Kota Ambon",
            "on_behalf_of": "Wali Kota Ambon",
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
        "Universitas Pattimura",
    ]:
        s = stakeholders[name]
        signatories.append({"kind": Signatory.Kind.STAKEHOLDER, "name": s.contact_person, "role": "Pimpinan", "stakeholder_id": s.pk})
    services.commitment_create(
        actor=actor,
        city=city,
        signed_on=datetime.date(2019, 10, 15),
        place="Hotel Santika Premiere Ambon",
        text=COMMITMENT_TEXT,
        signatories=signatories,
    )
