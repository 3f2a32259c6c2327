"""Demo: Kota Ambon's four bimtek of 2019.

Source notes (# source: …) mark what public sources say; the rest is invented (the city is a demo:
a banner on every page says so). Participants and mentors have clearly fictitious names
(cities.demo.fictitious_name). The quick wins of the minutes are QUICK_WIN_CANDIDATES / _SHORTLIST /
_FINAL, which the programmes demo follows, so the minutes and the programme registry agree.
"""

import datetime

from kotacerdas.accounts import services as account_services
from kotacerdas.accounts.models import Mentor, User
from kotacerdas.bimtek import services
from kotacerdas.bimtek.models import Output, Participant
from kotacerdas.cities.demo import COMMITMENT_DATE, COMMITMENT_PLACE, DEMO_MARK, fictitious_name
from kotacerdas.cities.models import Body
from kotacerdas.masterplan.selectors import current_masterplan

# source: city news, July 2019 — Bimtek I was held on 11 July 2019 at the Manise Hotel.
BIMTEK_I_DATE = datetime.date(2019, 7, 11)
MANISE = "Hotel Manise, Ambon"
# The venue of Bimtek II and III is not in public sources.
UNKNOWN_VENUE = f"Ambon {DEMO_MARK}"
# The ministry's mentors (pembimbing) of the 2019 bimtek: fictitious people of the mentor register, assigned
# to the city for 2019; the first has the demo mentor login (accounts.demo, "pembimbing").
MENTORS = [
    (fictitious_name(60), "Kementerian Komunikasi dan Informatika", f"Tata kelola smart city {DEMO_MARK}"),
    (fictitious_name(61), "Kementerian Komunikasi dan Informatika", f"Infrastruktur TIK {DEMO_MARK}"),
    (fictitious_name(62), "perguruan tinggi", f"Perencanaan wilayah {DEMO_MARK}"),
]
MENTOR_LOGIN = "pembimbing"
MENTORED_YEAR = 2019

# Quick wins as the minutes record them (names are the programmes' names in the registry).
QUICK_WIN_CANDIDATES = [
    "Ambon Satu Akses",
    "Call Center 112",
    "Bank Sampah Digital",
    "Command Center Kota Ambon",
    "Wi-Fi Publik Gratis",
    "Ambon City of Music",
]
QUICK_WIN_SHORTLIST = ["Ambon Satu Akses", "Call Center 112", "Bank Sampah Digital", "Command Center Kota Ambon"]
QUICK_WIN_FINAL = ["Ambon Satu Akses", "Call Center 112", "Bank Sampah Digital"]


def _listing(names: list[str]) -> str:
    return ", ".join(names[:-1]) + ", dan " + names[-1] if len(names) > 1 else "".join(names)


WORKSHOPS = {
    1: {
        "dates": ((2019, 7, 11), (2019, 7, 11)),
        "venue": MANISE,
        "title": "Analisis Strategis: kesiapan daerah, analisis kesenjangan, dan visi smart city",
        "agenda": [
            "08.30 Pembukaan oleh Sekretaris Kota Ambon",
            "09.00 Arah kebijakan nasional Gerakan Menuju 100 Smart City (Kominfo)",
            "10.30 Kelembagaan: Dewan Smart City dan Tim Pelaksana",
            "13.00 Analisis kesiapan (Struktur, Infrastruktur, Suprastruktur) dan SWOT per kelompok",
            "15.30 Analisis kesenjangan dan kata kunci visi",
            "16.30 Daftar panjang gagasan program per dimensi",
            "17.30 Pleno dan penutupan",
        ],
        "minutes": (
            "Bimtek I dibuka oleh Sekretaris Kota Ambon atas nama Wali Kota. Pembimbing Kominfo memaparkan arah kebijakan "
            "Gerakan Menuju 100 Smart City dan enam dimensi smart city. Peserta dibagi menjadi tiga kelompok sesuai aspek "
            "kesiapan (Struktur, Infrastruktur, Suprastruktur) dan menyusun SWOT serta kesenjangan. Disepakati kata kunci "
            "visi: harmonis, cerdas, sejahtera, musik, maritim. Setiap OPD mengusulkan gagasan program; daftar panjang memuat "
            "gagasan untuk keenam dimensi. Tindak lanjut: Bappeda-Litbang dan Diskominfosandi merapikan dokumen analisis strategis."
        ),
    },
    2: {
        "dates": ((2019, 8, 20), (2019, 8, 21)),
        "venue": UNKNOWN_VENUE,
        "title": "Strategi dan program per dimensi smart city",
        "agenda": [
            "08.30 Pembukaan dan tinjauan hasil Bimtek I",
            "09.30 Perumusan strategi per dimensi",
            "13.00 Penyusunan program jangka pendek, menengah, dan panjang per elemen",
            "Hari 2, 09.00 Keselarasan dengan RPJMD dan Renstra OPD",
            "Hari 2, 13.30 Pleno strategi dan program",
        ],
        "minutes": (
            "Peserta merumuskan strategi untuk keenam dimensi dan memetakan gagasan Bimtek I menjadi program per elemen "
            "dengan horizon jangka pendek dan menengah, selaras dengan RPJMD Kota Ambon 2017–2022. Pembimbing meminta "
            "setiap program mempunyai OPD pengampu dan indikator keluaran."
        ),
    },
    3: {
        "dates": ((2019, 9, 17), (2019, 9, 18)),
        "venue": UNKNOWN_VENUE,
        "title": "Buku Masterplan, peta jalan, dan seleksi quick win",
        "agenda": [
            "08.30 Pembukaan",
            "09.00 Rencana aksi dan peta jalan 2019–2024",
            "13.00 Kriteria quick win dan penilaian kandidat",
            "Hari 2, 09.00 Presentasi kandidat quick win oleh OPD",
            "Hari 2, 14.00 Penetapan daftar pendek quick win",
        ],
        "minutes": (
            "Peta jalan 2019–2024 disusun per dimensi. "
            + f"{len(QUICK_WIN_CANDIDATES)} kandidat quick win dipresentasikan dan dinilai dengan enam kriteria quick win "
            "panduan masterplan (perumusan masalah, inovasi, manfaat, kemitraan, keberlanjutan, risiko). "
            f"Daftar pendek: {_listing(QUICK_WIN_SHORTLIST)}."
        ),
    },
    4: {
        # source: news story, 15 October 2019 — the commitment was signed that day at the Manise Hotel; that it
        # closed Bimtek IV follows the programme's usual order (an assumption, not a source).
        "dates": ((2019, 10, 14), (COMMITMENT_DATE.year, COMMITMENT_DATE.month, COMMITMENT_DATE.day)),
        "venue": COMMITMENT_PLACE,
        "title": "Reviu buku masterplan dan penandatanganan komitmen",
        "agenda": [
            "08.30 Pembukaan",
            "09.00 Reviu Buku I Analisis Strategis bab per bab",
            "13.00 Reviu Buku II Masterplan dan Buku III Quick Win",
            "Hari 2, 09.00 Penetapan quick win final",
            "Hari 2, 11.00 Penandatanganan lembar komitmen",
        ],
        "minutes": (
            "Buku I–III direviu bab per bab bersama pembimbing. "
            f"{len(QUICK_WIN_FINAL)} quick win final ditetapkan: {_listing(QUICK_WIN_FINAL)}. "
            "Pada 15 Oktober 2019 di Hotel Manise, Sekretaris Kota Ambon A. G. Latuheru atas nama Wali Kota Richard "
            "Louhenapessy menandatangani lembar komitmen, diikuti para kepala OPD, TNI/Polri, BUMN, dan BUMD."
        ),
    },
}

QUICK_WIN_DIMENSIONS = {
    "Ambon Satu Akses": "governance",
    "Call Center 112": "society",
    "Bank Sampah Digital": "environment",
    "Command Center Kota Ambon": "governance",
    "Wi-Fi Publik Gratis": "governance",
    "Ambon City of Music": "branding",
}
QUICK_WIN_PROPOSERS = {
    "Ambon Satu Akses": "Diskominfosandi",
    "Call Center 112": "Diskominfosandi",
    "Bank Sampah Digital": "DLHP",
    "Command Center Kota Ambon": "Diskominfosandi",
    "Wi-Fi Publik Gratis": "Diskominfosandi",
    "Ambon City of Music": "Dispar",
}

# (kind, text, extra, proposer) — extra: lens code + S/W/O/T, lens code, or dimension code.
OUTPUTS = {
    1: [
        ("swot", "Komitmen kuat Wali Kota dan Sekretaris Kota terhadap smart city", ("struktur", "S"), "Bappeda-Litbang"),
        ("swot", "Jumlah ASN berlatar belakang TIK masih sangat terbatas", ("struktur", "W"), "BKPSDM"),
        ("swot", "Alokasi anggaran TIK kurang dari 2 % APBD", ("struktur", "W"), "BPKAD"),
        ("swot", "Perguruan tinggi lokal siap mendampingi peningkatan kapasitas SDM", ("struktur", "O"), "Universitas Pattimura"),
        ("swot", "Rotasi pejabat memutus kesinambungan program", ("struktur", "T"), "Diskominfosandi"),
        (
            "swot",
            "Jaringan fiber optik Palapa Ring Timur sudah masuk Kota Ambon",
            ("infrastruktur", "S"),
            "PT Telkom Indonesia (Persero) Witel Maluku",
        ),
        ("swot", "Pusat data dan ruang server pemerintah kota belum memenuhi standar", ("infrastruktur", "W"), "Diskominfosandi"),
        ("swot", "Wilayah perbukitan dan pulau kecil belum terjangkau sinyal", ("infrastruktur", "W"), "Diskominfosandi"),
        ("swot", "Program Palapa Ring dan BTS BAKTI membuka peluang perluasan akses", ("infrastruktur", "O"), "Diskominfosandi"),
        ("swot", "Rawan bencana gempa dan banjir yang mengganggu infrastruktur", ("infrastruktur", "T"), "BPBD"),
        ("swot", "Sudah ada Perwali tentang tata kelola TIK pemerintah kota", ("suprastruktur", "S"), "Diskominfosandi"),
        ("swot", "Belum ada SOP berbagi data antar-OPD", ("suprastruktur", "W"), "Bappeda-Litbang"),
        ("swot", "Perpres 95/2018 tentang SPBE memberi payung hukum", ("suprastruktur", "O"), "Diskominfosandi"),
        ("swot", "Ego sektoral antar-OPD dalam pengelolaan aplikasi", ("suprastruktur", "T"), "Bappeda-Litbang"),
        ("swot", "Potensi perikanan dan kemaritiman Teluk Ambon", ("nature", "S"), "Diskan"),
        ("swot", "Budaya musik yang hidup menjadi modal branding kota", ("culture", "S"), "Dispar"),
        ("swot", "Pela gandong sebagai modal sosial kerukunan warga", ("culture", "O"), "Komunitas Ambon Bergerak"),
        ("gap", "Belum ada satu pintu layanan publik daring yang terintegrasi", "infrastruktur", "Diskominfosandi"),
        ("gap", "Kompetensi TIK aparatur jauh di bawah kebutuhan", "struktur", "BKPSDM"),
        ("gap", "Regulasi satu data dan interoperabilitas belum ada", "suprastruktur", "Bappeda-Litbang"),
        ("gap", "Pengelolaan sampah belum tercatat dan terpantau secara digital", "infrastruktur", "DLHP"),
        ("vision_keyword", "harmonis", None, None),
        ("vision_keyword", "cerdas", None, None),
        ("vision_keyword", "sejahtera", None, None),
        ("vision_keyword", "musik", None, "Dispar"),
        ("vision_keyword", "maritim", None, "Diskan"),
        ("programme_idea", "Ambon Satu Akses: portal dan aplikasi layanan publik terpadu", "governance", "Diskominfosandi"),
        ("programme_idea", "Pelayanan administrasi kependudukan terintegrasi dan daring", "governance", "Disdukcapil"),
        ("programme_idea", "Perizinan online satu pintu", "governance", "DPMPTSP"),
        ("programme_idea", "Ambon City of Music: branding Ambon sebagai kota musik", "branding", "Dispar"),
        ("programme_idea", "Kalender event wisata bahari dan musik digital", "branding", "Dispar"),
        ("programme_idea", "Pasar ikan higienis dengan transaksi non-tunai", "economy", "Diskan"),
        ("programme_idea", "Marketplace produk UMKM Ambon", "economy", "Diskop-UKM"),
        ("programme_idea", "Call Center 112 kegawatdaruratan terpadu", "society", "Diskominfosandi"),
        ("programme_idea", "Wi-Fi publik gratis di ruang publik dan sekolah", "society", "Diskominfosandi"),
        ("programme_idea", "Sistem informasi puskesmas dan rujukan daring", "living", "Dinkes"),
        ("programme_idea", "Angkutan kota dengan pemantauan GPS dan info rute", "living", "Dishub"),
        ("programme_idea", "Bank sampah di setiap kelurahan dengan pencatatan digital", "environment", "DLHP"),
        ("programme_idea", "Pengolahan sampah MRF/RDF di TPA Toisapu", "environment", "DLHP"),
    ],
    2: [
        ("strategy", "Layanan publik digital satu pintu berbasis data kependudukan", "governance", "Diskominfosandi"),
        ("strategy", "Membangun citra Ambon sebagai kota musik dan kota bahari", "branding", "Dispar"),
        ("strategy", "Ekosistem transaksi non-tunai untuk pasar dan UMKM", "economy", "PT Bank Pembangunan Daerah Maluku dan Maluku Utara"),
        ("strategy", "Rasa aman dan komunitas belajar warga berbasis TIK", "society", "BPBD"),
        ("strategy", "Layanan kesehatan dan mobilitas yang terhubung", "living", "Dinkes"),
        ("strategy", "Pengelolaan sampah dari sumber dengan partisipasi warga", "environment", "DLHP"),
        ("programme_idea", "Command center Kota Ambon", "governance", "Diskominfosandi"),
        ("note", "Program jangka panjang disusun pada masterplan berikutnya (periode 2019–2024 hanya enam tahun).", None, None),
    ],
    3: [
        *[("quick_win", name, QUICK_WIN_DIMENSIONS[name], QUICK_WIN_PROPOSERS[name]) for name in QUICK_WIN_CANDIDATES],
        (
            "note",
            f"{len(QUICK_WIN_CANDIDATES)} kandidat quick win dinilai dengan enam kriteria quick win panduan masterplan; "
            f"{len(QUICK_WIN_SHORTLIST)} masuk daftar pendek.",
            None,
            None,
        ),
    ],
    4: [
        ("note", f"Quick win final: {_listing(QUICK_WIN_FINAL)}.", None, None),
        (
            "note",
            "Buku I–III disetujui dengan perbaikan redaksional; naskah final diserahkan 30 hari setelah bimtek.",
            None,
            "Bappeda-Litbang",
        ),
    ],
}

# OPD staff per bimtek (two from the core departments, one from the others) — the rest are invited groups.
CORE_OPDS = ["Diskominfosandi", "Bappeda-Litbang", "Dinkes", "Dishub", "Dispar", "DLHP", "Disdukcapil"]


def seed(*, actor, city) -> list:
    """Create the four bimtek once (a second run adds nothing), each held, with participants and outputs."""
    masterplan = current_masterplan(city)
    if masterplan is None:
        return []
    opds = {o.short_name: o for o in city.opds.all()}
    stakeholders = {s.name: s for s in city.stakeholders.all()}
    existing = set(masterplan.workshops.values_list("number", flat=True))
    mentors = _mentors(actor, city)
    created = []
    for number, spec in WORKSHOPS.items():
        if number in existing:
            continue
        start, end = (datetime.date(*d) for d in spec["dates"])
        workshop = services.workshop_create(
            actor=actor,
            city=city,
            masterplan_id=masterplan.pk,
            number=number,
            title=spec["title"],
            start_date=start,
            end_date=end,
            venue=spec["venue"],
            agenda="\n".join(spec["agenda"]),
            mentor_ids=[m.pk for m in (mentors[:2] if number % 2 else mentors)],
            minutes=spec["minutes"],
        )
        _participants(actor, city, workshop, opds, stakeholders)
        _outputs(actor, workshop, OUTPUTS[number], opds, stakeholders)
        services.workshop_mark_held(actor=actor, workshop=workshop)
        created.append(workshop)
    return created


def _mentors(actor, city) -> list[Mentor]:
    """The demo mentors in the register (once), each assigned to the city for the year of its bimtek."""
    login = User.objects.filter(username=MENTOR_LOGIN, mentor__isnull=True).first()
    mentors = []
    for i, (name, institution, expertise) in enumerate(MENTORS):
        mentor = Mentor.objects.filter(name=name).first() or account_services.mentor_create(
            actor=actor, name=name, institution=institution, expertise=expertise, user=login if i == 0 else None
        )
        if not mentor.assignments.filter(city=city).exists():
            account_services.mentor_assignment_create(actor=actor, mentor=mentor, city=city, from_year=MENTORED_YEAR, to_year=MENTORED_YEAR)
        mentors.append(mentor)
    return mentors


def _person(n: int) -> str:
    return fictitious_name(100 + n)


def _participants(actor, city, workshop, opds, stakeholders) -> None:
    number = workshop.number
    attendees = []
    for i, (short, opd) in enumerate(sorted(opds.items())):
        for k in range(2 if short in CORE_OPDS else 1):
            attendees.append((_person(i * 3 + k + number), Participant.Group.OPD, opd, None, ""))
    for body in Body.objects.filter(city=city).exclude(kind=Body.Kind.FORUM).prefetch_related("members").order_by("kind"):
        group = Participant.Group.COUNCIL if body.kind == Body.Kind.COUNCIL else Participant.Group.TEAM
        for m in body.members.all():
            attendees.append((m.name, group, m.opd, None, m.organisation))
    for s in stakeholders.values():
        attendees.append((s.contact_person, Participant.Group.STAKEHOLDER, None, s, ""))
    for name, institution, _expertise in MENTORS[:2] if number % 2 else MENTORS:
        attendees.append((name, Participant.Group.MENTOR, None, None, institution))
    for i, (name, group, opd, stakeholder, organisation) in enumerate(attendees):
        # About one in nine invited did not come; mentors always did.
        came = group == Participant.Group.MENTOR or (i * 5 + number) % 9 != 0
        services.participant_add(
            actor=actor,
            workshop=workshop,
            name=name,
            group=group,
            organisation=organisation,
            opd_id=opd.pk if opd else None,
            stakeholder_id=stakeholder.pk if stakeholder else None,
            attended=came,
        )


def _outputs(actor, workshop, rows, opds, stakeholders) -> None:
    for kind, text, extra, proposer in rows:
        opd, stakeholder = opds.get(proposer), stakeholders.get(proposer)
        fields = {
            "kind": kind,
            "text": text,
            "proposed_by_opd_id": opd.pk if opd else None,
            "proposed_by_stakeholder_id": stakeholder.pk if stakeholder else None,
        }
        if kind == Output.Kind.SWOT:
            fields |= {"lens_code": extra[0], "swot_category": extra[1]}
        elif kind == Output.Kind.GAP:
            fields["lens_code"] = extra
        elif extra:
            fields["dimension_code"] = extra
        services.output_record(actor=actor, workshop=workshop, **fields)
