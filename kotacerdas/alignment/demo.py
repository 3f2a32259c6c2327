"""Demo: Kota Ambon's official plans (the national RPJMN 2020–2024, RPJMD 2017–2022, the transition RPD 2023–2026,
two Renstra, RKPD 2021) and the masterplan's links to them.

The vision is the one of Richard Louhenapessy's second term; missions, goals and the programme
selection are abridged for the demo. Programme and activity codes and names are exactly those of the
Permendagri 90/2019 nomenclature (source: Permendagri 90/2019 and the Kepmendagri that update
it); sub-activities are left out rather than given invented codes.

The RPJMN 2020–2024 (Perpres 18/2020) is recorded with its vision and its seven national priorities
(Prioritas Nasional, PN 1–7) as published; which priority a masterplan programme serves is the demo's
reading. Ambon's mayor's term ended in 2022, so Inmendagri 70/2021 called for a transition plan (RPD) for
2023–2026; its goals, programme selection, indicators, targets and indicative ceilings here are demo values.
"""

from kotacerdas.alignment import services
from kotacerdas.alignment.models import PlanDocument, PlanItem, ProgrammeLink

Kind = PlanDocument.Kind
I = PlanItem.Kind  # noqa: E741 — short alias keeps the outline below readable

# Programme codes and names (Permendagri 90/2019) used in several plans.
PROGRAMMES = {
    "1.01.02": "Program Pengelolaan Pendidikan",
    "1.02.02": "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
    "1.02.03": "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan",
    "1.05.02": "Program Peningkatan Ketenteraman dan Ketertiban Umum",
    "1.05.03": "Program Penanggulangan Bencana",
    "2.11.11": "Program Pengelolaan Persampahan",
    "2.12.02": "Program Pendaftaran Penduduk",
    "2.12.04": "Program Pengelolaan Informasi Administrasi Kependudukan",
    "2.15.02": "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)",
    "2.16.02": "Program Informasi dan Komunikasi Publik",
    "2.16.03": "Program Aplikasi Informatika",
    "2.21.02": "Program Penyelenggaraan Persandian untuk Pengamanan Informasi",
    "3.26.02": "Program Peningkatan Daya Tarik Destinasi Pariwisata",
    "3.26.03": "Program Pemasaran Pariwisata",
}

# RPJMD: mission → goals → programme codes.
RPJMD_MISSIONS = [
    (
        "Mewujudkan tata kelola pemerintahan yang baik, bersih, dan melayani berbasis teknologi informasi",
        [
            (
                "Meningkatnya kualitas pelayanan publik dan akuntabilitas kinerja pemerintah kota",
                ["2.16.02", "2.16.03", "2.21.02", "2.12.02", "2.12.04"],
            ),
        ],
    ),
    (
        "Meningkatkan kualitas sumber daya manusia yang religius, sehat, cerdas, dan berdaya saing",
        [
            ("Meningkatnya derajat kesehatan masyarakat", ["1.02.02", "1.02.03"]),
            ("Meningkatnya akses dan mutu pendidikan", ["1.01.02"]),
        ],
    ),
    (
        "Mewujudkan kehidupan masyarakat yang harmonis, aman, dan tertib dalam keberagaman",
        [
            ("Terjaganya ketenteraman, ketertiban umum, dan kesiapsiagaan bencana", ["1.05.02", "1.05.03"]),
        ],
    ),
    (
        "Mendorong pertumbuhan ekonomi kerakyatan berbasis pariwisata, perikanan, dan jasa",
        [
            ("Meningkatnya kunjungan wisatawan dan citra Ambon City of Music", ["3.26.02", "3.26.03"]),
        ],
    ),
    (
        "Membangun infrastruktur kota dan lingkungan hidup yang berkelanjutan",
        [
            ("Meningkatnya kualitas layanan transportasi kota", ["2.15.02"]),
            ("Meningkatnya kualitas lingkungan hidup dan pengelolaan sampah", ["2.11.11"]),
        ],
    ),
]

# Renstra of a department: its goal, then programme code → [(activity code, activity, [sub-activities])].
RENSTRA = {
    "Diskominfosandi": (
        "Rencana Strategis Dinas Komunikasi, Informatika dan Persandian Kota Ambon 2017–2022",
        "Terwujudnya tata kelola pemerintahan berbasis elektronik yang terpadu dan aman",
        {
            "2.16.02": [
                (
                    "2.16.02.2.01",
                    "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota",
                    [],
                )
            ],
            "2.16.03": [
                (
                    "2.16.03.2.01",
                    "Pengelolaan Nama Domain yang Telah Ditetapkan oleh Pemerintah Pusat dan Sub Domain di Lingkup Pemerintah Daerah Kabupaten/Kota",
                    [],
                ),
                (
                    "2.16.03.2.02",
                    "Pengelolaan E-Government di Lingkup Pemerintah Daerah Kabupaten/Kota",
                    [],
                ),
            ],
            "2.21.02": [("2.21.02.2.01", "Penyelenggaraan Persandian untuk Pengamanan Informasi Pemerintah Daerah Kabupaten/Kota", [])],
        },
    ),
    "Dinkes": (
        "Rencana Strategis Dinas Kesehatan Kota Ambon 2017–2022",
        "Meningkatnya akses dan mutu pelayanan kesehatan dasar dan rujukan",
        {
            "1.02.02": [
                ("1.02.02.2.01", "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota", []),
                (
                    "1.02.02.2.02",
                    "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
                    [],
                ),
            ],
            "1.02.03": [
                (
                    "1.02.03.2.01",
                    "Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya Manusia Kesehatan untuk UKP dan UKM di Wilayah Kabupaten/Kota",
                    [],
                )
            ],
        },
    ),
}

RKPD_2021 = ["2.16.02", "2.16.03", "1.02.02", "2.15.02", "2.11.11", "3.26.03", "2.12.04"]

RPJMN_VISION = "Terwujudnya Indonesia Maju yang Berdaulat, Mandiri, dan Berkepribadian Berlandaskan Gotong Royong"
RPJMN_PRIORITIES = {
    "PN 1": "Memperkuat Ketahanan Ekonomi untuk Pertumbuhan yang Berkualitas dan Berkeadilan",
    "PN 2": "Mengembangkan Wilayah untuk Mengurangi Kesenjangan dan Menjamin Pemerataan",
    "PN 3": "Meningkatkan Sumber Daya Manusia Berkualitas dan Berdaya Saing",
    "PN 4": "Revolusi Mental dan Pembangunan Kebudayaan",
    "PN 5": "Memperkuat Infrastruktur untuk Mendukung Pengembangan Ekonomi dan Pelayanan Dasar",
    "PN 6": "Membangun Lingkungan Hidup, Meningkatkan Ketahanan Bencana, dan Perubahan Iklim",
    "PN 7": "Memperkuat Stabilitas Polhukhankam dan Transformasi Pelayanan Publik",
}
# The national priority a regional programme (by its code) serves: the demo's reading.
RPJMN_BY_CODE = {
    "1.01.02": "PN 3",
    "1.02.02": "PN 3",
    "1.02.03": "PN 3",
    "1.05.02": "PN 7",
    "1.05.03": "PN 6",
    "2.11.11": "PN 6",
    "2.12.02": "PN 7",
    "2.12.04": "PN 7",
    "2.15.02": "PN 5",
    "2.16.02": "PN 7",
    "2.16.03": "PN 5",
    "2.21.02": "PN 7",
    "3.26.02": "PN 1",
    "3.26.03": "PN 1",
}

# RPD 2023–2026 (demo values): goal → [(programme code, indicator, target, indicative ceiling in Rp)].
RPD_GOALS = [
    (
        "Meningkatnya kualitas tata kelola pemerintahan berbasis elektronik dan pelayanan publik",
        [
            ("2.16.03", "Indeks Sistem Pemerintahan Berbasis Elektronik (SPBE)", "3,0", 12_500_000_000),
            ("2.16.02", "Persentase informasi publik yang terpublikasi", "100 %", 3_200_000_000),
            ("2.12.04", "Persentase layanan administrasi kependudukan secara daring", "80 %", 2_750_000_000),
        ],
    ),
    (
        "Meningkatnya kualitas hidup, lingkungan, dan daya saing masyarakat kota",
        [
            ("1.02.02", "Persentase puskesmas terakreditasi", "100 %", 48_000_000_000),
            ("2.11.11", "Persentase sampah yang tertangani", "85 %", 21_600_000_000),
            ("3.26.03", "Jumlah kunjungan wisatawan (orang)", "250.000", 4_800_000_000),
        ],
    ),
]

# Which RPJMD programme a masterplan programme serves: by words in its name first, then by its lead department.
KEYWORDS = [
    (("sampah", "mrf", "rdf"), "2.11.11"),
    (("kesehatan", "puskesmas", "rumah sakit", "posyandu"), "1.02.02"),
    (("lalu lintas", "angkutan", "transportasi", "parkir", "traffic", "atcs"), "2.15.02"),
    (("kependudukan", "adminduk", "dukcapil", "ktp", "akta"), "2.12.04"),
    (("music", "musik", "branding", "promosi"), "3.26.03"),
    (("wisata",), "3.26.02"),
    (("persandian", "keamanan informasi", "siber"), "2.21.02"),
    (("wi-fi", "wifi", "satu akses", "command", "aplikasi", "112", "pusat data", "e-gov", "digital", "sistem"), "2.16.03"),
    (("informasi publik", "media", "portal", "ppid", "komunikasi"), "2.16.02"),
]
BY_OPD = {
    "Diskominfosandi": "2.16.03",
    "Dinkes": "1.02.02",
    "Dishub": "2.15.02",
    "DLHP": "2.11.11",
    "Dispar": "3.26.02",
    "Disdukcapil": "2.12.02",
    "Dikbud": "1.01.02",
    "Satpol PP": "1.05.02",
    "BPBD": "1.05.03",
}


def seed(*, actor, city) -> None:
    rpjmd = _rpjmd(actor, city)
    renstra = {short: _renstra(actor, city, short, *spec) for short, spec in RENSTRA.items() if city.opds.filter(short_name=short).exists()}
    rkpd = _rkpd(actor, city)
    rpd = _rpd(actor, city)
    rpjmn = _rpjmn(actor, city)
    _link(actor, city, rpjmd, renstra, rkpd, rpd, rpjmn)


def _document(actor, city, *, kind, start, end, title, legal_basis, opd=None):
    """The plan and whether it was just created (its items are written only then)."""
    existing = PlanDocument.objects.filter(city=city, kind=kind, start_year=start, opd=opd).first()
    if existing:
        return existing, False
    return services.plan_document_create(
        actor=actor, city=city, kind=kind, title=title, start_year=start, end_year=end, opd_id=opd, legal_basis=legal_basis
    ), True


def _rpjmd(actor, city) -> PlanDocument:
    document, created = _document(
        actor,
        city,
        kind=Kind.RPJMD,
        start=2017,
        end=2022,
        title="Rencana Pembangunan Jangka Menengah Daerah Kota Ambon 2017–2022",
        legal_basis="Peraturan Daerah Kota Ambon tentang RPJMD Kota Ambon Tahun 2017–2022",
    )
    if created:
        vision = services.plan_item_create(
            actor=actor, document=document, kind=I.VISION, text="Ambon yang Harmonis, Sejahtera, dan Religius"
        )
        for mission_text, goals in RPJMD_MISSIONS:
            mission = services.plan_item_create(actor=actor, document=document, kind=I.MISSION, text=mission_text, parent_id=vision)
            for goal_text, codes in goals:
                goal = services.plan_item_create(actor=actor, document=document, kind=I.GOAL, text=goal_text, parent_id=mission)
                for code in codes:
                    services.plan_item_create(
                        actor=actor, document=document, kind=I.PROGRAMME, code=code, text=PROGRAMMES[code], parent_id=goal
                    )
    return document


def _renstra(actor, city, short_name, title, goal_text, programmes) -> PlanDocument:
    opd = city.opds.get(short_name=short_name)
    document, created = _document(
        actor,
        city,
        kind=Kind.RENSTRA,
        start=2017,
        end=2022,
        title=title,
        opd=opd,
        legal_basis="Peraturan Wali Kota Ambon tentang Rencana Strategis Perangkat Daerah 2017–2022",
    )
    if created:
        goal = services.plan_item_create(actor=actor, document=document, kind=I.GOAL, text=goal_text)
        for code, activities in programmes.items():
            programme = services.plan_item_create(
                actor=actor, document=document, kind=I.PROGRAMME, code=code, text=PROGRAMMES[code], parent_id=goal
            )
            for activity_code, activity_text, subs in activities:
                activity = services.plan_item_create(
                    actor=actor, document=document, kind=I.ACTIVITY, code=activity_code, text=activity_text, parent_id=programme
                )
                for sub_code, sub_text in subs:
                    services.plan_item_create(
                        actor=actor, document=document, kind=I.SUB_ACTIVITY, code=sub_code, text=sub_text, parent_id=activity
                    )
    return document


def _rkpd(actor, city) -> PlanDocument:
    document, created = _document(
        actor,
        city,
        kind=Kind.RKPD,
        start=2021,
        end=2021,
        title="Rencana Kerja Pemerintah Daerah Kota Ambon Tahun 2021",
        legal_basis="Peraturan Wali Kota Ambon tentang RKPD Kota Ambon Tahun 2021",
    )
    if created:
        for code in RKPD_2021:
            services.plan_item_create(actor=actor, document=document, kind=I.PROGRAMME, code=code, text=PROGRAMMES[code])
    return document


def _rpd(actor, city) -> PlanDocument:
    document, created = _document(
        actor,
        city,
        kind=Kind.RPD,
        start=2023,
        end=2026,
        title="Rencana Pembangunan Daerah Kota Ambon 2023–2026",
        legal_basis="Peraturan Wali Kota Ambon tentang RPD Kota Ambon Tahun 2023–2026",
    )
    if created:
        for goal_text, programmes in RPD_GOALS:
            goal = services.plan_item_create(actor=actor, document=document, kind=I.GOAL, text=goal_text)
            for code, indicator, target, ceiling in programmes:
                services.plan_item_create(
                    actor=actor,
                    document=document,
                    kind=I.PROGRAMME,
                    code=code,
                    text=PROGRAMMES[code],
                    parent_id=goal,
                    indicator=indicator,
                    target=target,
                    indicative_ceiling=ceiling,
                )
    return document


def _rpjmn(actor, city) -> PlanDocument:
    """The national plan the city aligns with: recorded with its vision and national priorities."""
    document, created = _document(
        actor,
        city,
        kind=Kind.RPJMN,
        start=2020,
        end=2024,
        title="Rencana Pembangunan Jangka Menengah Nasional 2020–2024",
        legal_basis="Peraturan Presiden Nomor 18 Tahun 2020 tentang RPJMN Tahun 2020–2024",
    )
    if created:
        services.plan_item_create(actor=actor, document=document, kind=I.VISION, text=RPJMN_VISION)
        for code, text in RPJMN_PRIORITIES.items():
            services.plan_item_create(actor=actor, document=document, kind=I.GOAL, code=code, text=text)
    return document


def _rpjmd_code(programme) -> str | None:
    name = programme.name.lower()
    for words, code in KEYWORDS:
        if any(word in name for word in words):
            return code
    return BY_OPD.get(programme.lead_opd.short_name) if programme.lead_opd else None


def _link(actor, city, rpjmd, renstra, rkpd, rpd, rpjmn) -> None:
    """Link each programme whose name or lead department matches; the others stay unlinked (real findings).
    A programme linked to a regional programme is linked to the national priority that programme serves."""
    from kotacerdas.programmes.models import Programme

    items = {(item.document_id, item.code): item for item in PlanItem.objects.filter(document__city=city).exclude(code="")}
    for programme in Programme.objects.filter(masterplan__city=city).select_related("lead_opd", "masterplan__city"):
        code = _rpjmd_code(programme)
        if code is None:
            continue
        targets = [(rpjmd, code), (rkpd, code), (rpd, code), (rpjmn, RPJMN_BY_CODE[code])]
        if programme.lead_opd and programme.lead_opd.short_name in renstra:
            targets.append((renstra[programme.lead_opd.short_name], code))
        for document, item_code in targets:
            item = items.get((document.pk, item_code))
            if item and not ProgrammeLink.objects.filter(programme=programme, plan_item=item).exists():
                services.programme_link_create(actor=actor, city=city, programme_id=programme, plan_item_id=item)
