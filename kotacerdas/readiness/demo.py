"""Demo: Ambon's readiness analysis (2019 bimtek I) — assessments, SWOT and gaps per aspect (demo content).

Bimtek SWOT and gap outputs (if the bimtek demo recorded any) are adopted first so their
provenance shows; the rest is written directly. Gaps are linked to the programmes (if the
programmes demo created them) whose names contain the given keywords; the gap about ICT staff
is deliberately left without a programme — a finding the masterplan has to answer.

Strategies per dimension (2019 bimtek II): the six strategy outputs of the bimtek demo are adopted and then
linked; one more per dimension is written directly, its description marked "(contoh)" as invented. Each names the
SWOT items it answers (by aspect and text) and the programmes carrying it (by name); those missing are skipped.
"""

from kotacerdas.framework.models import ReadinessLens
from kotacerdas.masterplan.selectors import current_masterplan
from kotacerdas.readiness import selectors, services
from kotacerdas.readiness.models import GapItem, Strategy, SwotItem

# lens → (rating value, current condition, target condition)
ASSESSMENTS = {
    "struktur": (
        2,
        "Sumber daya manusia TIK terbatas dan terpusat di Diskominfosandi; anggaran smart city sekitar 2% APBD dan tersebar di OPD.",
        "Setiap OPD memiliki pengelola data dan aplikasi; anggaran program smart city terencana dalam RKPD setiap tahun.",
    ),
    "infrastruktur": (
        3,
        "Jaringan fiber optik menjangkau pusat kota; cakupan internet di Leitimur Selatan dan wilayah perbukitan belum merata; pusat data masih terpisah per OPD.",
        "Seluruh kelurahan dan desa terjangkau internet, pusat data dan command center kota melayani semua OPD.",
    ),
    "suprastruktur": (
        2,
        "Dewan Smart City dan Tim Pelaksana telah dibentuk dengan SK Wali Kota; regulasi turunan (satu data, keamanan informasi, SPBE) belum lengkap.",
        "Masterplan ditetapkan dengan Perwali, regulasi satu data dan tata kelola SPBE berlaku, SOP layanan digital dibakukan.",
    ),
    "nature": (
        4,
        "Kota pesisir di Teluk Ambon dengan potensi perikanan dan wisata bahari yang besar, namun rawan longsor dan banjir.",
        "Potensi bahari dikelola berkelanjutan dengan sistem peringatan dini bencana yang terhubung ke command center.",
    ),
    "culture": (
        4,
        # Written in Bimtek I (July 2019), before UNESCO named Ambon a City of Music (31 October 2019): no such claim here.
        "Budaya pela gandong dan tradisi musik yang kuat.",
        "Budaya orang basudara dan musik menjadi penggerak branding kota dan ekonomi kreatif.",
    ),
}

# lens → {category: [text, …]}
SWOT = {
    "struktur": {
        "S": [
            "Komitmen Wali Kota dan Sekretaris Kota terhadap smart city tinggi",
            "Diskominfosandi sebagai pengampu memiliki tim pengembang aplikasi internal",
            "Dukungan akademisi Universitas Pattimura dan Politeknik Negeri Ambon",
            "Forum Ambon Smart City melibatkan komunitas dan media",
        ],
        "W": [
            "Jumlah ASN berlatar belakang TIK masih sedikit di luar Diskominfosandi",
            "Anggaran smart city kecil (sekitar 2% APBD) dan tersebar di banyak OPD",
            "Koordinasi program antar-OPD masih sektoral",
            "Belum ada jabatan fungsional pranata komputer di sebagian besar OPD",
        ],
        "O": [
            "Program Gerakan Menuju 100 Smart City memberikan pendampingan nasional",
            "Dana CSR BUMN (Telkom, PLN, Pelindo) dapat mendukung program",
            "Program Digital Talent Scholarship Kominfo untuk ASN",
            "Kerja sama dengan perguruan tinggi untuk riset dan magang",
        ],
        "T": [
            "Perpindahan ASN terlatih ke instansi lain",
            "Ketergantungan pada vendor untuk pemeliharaan aplikasi",
            "Pergantian kepemimpinan daerah dapat menggeser prioritas program",
            "Keterbatasan fiskal akibat pendapatan asli daerah yang rendah",
        ],
    },
    "infrastruktur": {
        "S": [
            "Jaringan fiber optik Telkom menjangkau pusat kota dan kantor OPD",
            "Tersedia ruang server di Diskominfosandi",
            "Wi-Fi publik gratis di taman kota dan ruang publik utama",
            "Aplikasi layanan kependudukan Disdukcapil sudah daring",
        ],
        "W": [
            "Cakupan internet di Leitimur Selatan dan wilayah perbukitan belum merata",
            "Data tidak terintegrasi antar-OPD; setiap OPD memiliki server sendiri",
            "Belum ada command center yang memantau layanan kota secara terpadu",
            "Cakupan layanan persampahan belum menjangkau seluruh kelurahan",
            "Sebagian puskesmas belum memakai rekam medis elektronik",
        ],
        "O": [
            "Program Palapa Ring dan BAKTI Kominfo memperluas jaringan di Maluku",
            "Tren layanan komputasi awan pemerintah (pusat data nasional)",
            "Operator seluler memperluas jaringan 4G di Pulau Ambon",
            "Skema KPBU untuk infrastruktur pengolahan sampah",
        ],
        "T": [
            "Wilayah rawan gempa, longsor, dan banjir mengancam infrastruktur",
            "Serangan siber terhadap situs dan data pemerintah daerah",
            "Pasokan listrik belum stabil di beberapa wilayah",
            "Biaya pemeliharaan perangkat tinggi karena logistik kepulauan",
        ],
    },
    "suprastruktur": {
        "S": [
            "Dewan Smart City dan Tim Pelaksana dibentuk dengan SK Wali Kota (2019)",
            "RPJMD 2017–2022 memuat misi pelayanan publik berbasis teknologi",
            "Komitmen bersama smart city ditandatangani OPD, TNI/Polri, BUMN, dan BUMD",
            "Ambon memiliki Perwali tentang penyelenggaraan Ambon City of Music",
        ],
        "W": [
            "Regulasi pendukung smart city masih sedikit (satu data, SPBE, keamanan informasi)",
            "SOP layanan digital belum dibakukan antar-OPD",
            "Belum ada mekanisme monitoring dan evaluasi program smart city",
            "Kebijakan berbagi pakai data antar-OPD belum ada",
        ],
        "O": [
            "Perpres 95/2018 tentang SPBE menjadi payung hukum transformasi digital",
            "Perpres 39/2019 tentang Satu Data Indonesia",
            "Evaluasi tahunan smart city nasional mendorong perbaikan",
            "Replikasi regulasi dari kota lain peserta gerakan",
        ],
        "T": [
            "Perubahan regulasi pusat yang cepat membutuhkan penyesuaian",
            "Ego sektoral dalam pengelolaan data",
            "Rendahnya kepatuhan terhadap standar keamanan informasi",
            "Proses legislasi daerah yang panjang",
        ],
    },
    "nature": {
        "S": ["Teluk Ambon dengan potensi perikanan dan wisata bahari", "Pantai dan taman laut yang menarik wisatawan"],
        "W": ["Topografi berbukit membatasi lahan permukiman dan jaringan"],
        "O": ["Pengembangan ekowisata bahari dan kawasan pesisir"],
        "T": ["Bencana longsor dan banjir pada musim hujan", "Pencemaran sampah di Teluk Ambon"],
    },
    "culture": {
        "S": ["Tradisi musik yang hidup di setiap komunitas", "Budaya pela gandong dan hidup orang basudara"],
        "W": ["Industri musik belum menjadi sumber pendapatan yang besar"],
        "O": ["Jejaring kota kreatif internasional", "Festival musik dan budaya menarik wisatawan"],
        "T": ["Sisa trauma konflik sosial dapat dipicu hoaks di media sosial"],
    },
}

# (lens, description, current, target, programme name keywords — empty: deliberately open)
GAPS = [
    (
        "struktur",
        "Jumlah SDM TIK di OPD terbatas",
        "Sebagian besar OPD tidak memiliki tenaga TIK.",
        "Setiap OPD memiliki minimal dua pengelola data dan aplikasi.",
        [],
    ),
    (
        "infrastruktur",
        "Data tidak terintegrasi antar-OPD",
        "Setiap OPD menyimpan data di server dan aplikasi masing-masing.",
        "Satu Data Kota Ambon dan command center melayani semua OPD.",
        ["command center", "satu data", "satu akses"],
    ),
    (
        "infrastruktur",
        "Cakupan internet belum merata di Leitimur Selatan",
        "Beberapa negeri di Leitimur Selatan belum terjangkau internet.",
        "Seluruh kelurahan dan negeri terjangkau internet dan Wi-Fi publik.",
        ["wi-fi", "wifi", "internet"],
    ),
    (
        "infrastruktur",
        "Cakupan layanan persampahan belum menjangkau seluruh kelurahan",
        "Sekitar 60% wilayah terlayani pengangkutan sampah.",
        "80% wilayah terlayani, sampah dipilah di bank sampah dan diolah.",
        ["sampah"],
    ),
    (
        "suprastruktur",
        "Regulasi pendukung smart city masih sedikit",
        "Belum ada Perwali satu data, SPBE, dan keamanan informasi.",
        "Regulasi satu data, SPBE, dan keamanan informasi ditetapkan.",
        ["regulasi", "perwali", "spbe"],
    ),
    (
        "suprastruktur",
        "Belum ada mekanisme monitoring dan evaluasi program",
        "Capaian program dilaporkan manual per OPD.",
        "Dashboard capaian program smart city dipantau Dewan Smart City.",
        ["dashboard", "command center"],
    ),
    (
        "culture",
        "Potensi musik belum menjadi penggerak ekonomi kreatif",
        "Kegiatan musik bersifat seremonial.",
        "Ekosistem industri musik dan festival tahunan berskala internasional.",
        ["music", "musik"],
    ),
]

# dimension → [(title, TOWS pairing, description ("": adopted from the bimtek), [(aspect, SWOT text)], [programme names])]
STRATEGIES = {
    "governance": [
        (
            "Layanan publik digital satu pintu berbasis data kependudukan",
            "SO",
            "",
            [
                ("infrastruktur", "Aplikasi layanan kependudukan Disdukcapil sudah daring"),
                ("struktur", "Diskominfosandi sebagai pengampu memiliki tim pengembang aplikasi internal"),
                ("suprastruktur", "Perpres 95/2018 tentang SPBE menjadi payung hukum transformasi digital"),
            ],
            ["Ambon Satu Akses", "Layanan Terpadu Administrasi Kependudukan"],
        ),
        (
            "Satu data kota untuk perencanaan dan pengawasan program",
            "WO",
            "Data OPD dihimpun di pusat data kota dan dipantau lewat command center, sehingga perencanaan dan evaluasi "
            "program memakai data yang sama (contoh).",
            [
                ("infrastruktur", "Data tidak terintegrasi antar-OPD; setiap OPD memiliki server sendiri"),
                ("suprastruktur", "Perpres 39/2019 tentang Satu Data Indonesia"),
                ("suprastruktur", "Belum ada mekanisme monitoring dan evaluasi program smart city"),
            ],
            ["Pusat Data Kota Terpadu", "Command Center Kota Ambon", "E-Planning dan E-Budgeting"],
        ),
    ],
    "branding": [
        (
            "Membangun citra Ambon sebagai kota musik dan kota bahari",
            "SO",
            "",
            [
                ("culture", "Tradisi musik yang hidup di setiap komunitas"),
                ("nature", "Teluk Ambon dengan potensi perikanan dan wisata bahari"),
                ("culture", "Jejaring kota kreatif internasional"),
            ],
            ["Ambon City of Music", "Aplikasi Wisata Ambon"],
        ),
        (
            "Promosi wisata, kuliner, dan investasi secara digital",
            "WO",
            "Festival dan promosi daring membuka pasar bagi pelaku musik, kuliner, dan investor (contoh).",
            [
                ("culture", "Industri musik belum menjadi sumber pendapatan yang besar"),
                ("culture", "Festival musik dan budaya menarik wisatawan"),
            ],
            ["Promosi Investasi Digital", "Ambon Festival Kuliner"],
        ),
    ],
    "economy": [
        (
            "Ekosistem transaksi non-tunai untuk pasar dan UMKM",
            "SO",
            "",
            [
                ("infrastruktur", "Jaringan fiber optik Telkom menjangkau pusat kota dan kantor OPD"),
                ("struktur", "Dana CSR BUMN (Telkom, PLN, Pelindo) dapat mendukung program"),
            ],
            ["QRIS Pasar Tradisional", "Transaksi Non-Tunai Pemerintah Kota", "Pasar Online UMKM Ambon"],
        ),
        (
            "Pendapatan daerah dari pajak dan perizinan daring",
            "WT",
            "Pajak dan izin dilayani daring agar pendapatan asli daerah naik tanpa menambah beban anggaran (contoh).",
            [
                ("struktur", "Anggaran smart city kecil (sekitar 2% APBD) dan tersebar di banyak OPD"),
                ("struktur", "Keterbatasan fiskal akibat pendapatan asli daerah yang rendah"),
            ],
            ["Pajak Daerah Online", "Perizinan Online Terpadu"],
        ),
    ],
    "society": [
        (
            "Rasa aman dan komunitas belajar warga berbasis TIK",
            "ST",
            "",
            [
                ("culture", "Budaya pela gandong dan hidup orang basudara"),
                ("culture", "Sisa trauma konflik sosial dapat dipicu hoaks di media sosial"),
            ],
            ["CCTV Kota dan Keamanan Lingkungan", "Komunitas Digital Ambon"],
        ),
        (
            "Literasi digital di sekolah dan perpustakaan bersama perguruan tinggi",
            "SO",
            "Kampus di Ambon mendampingi sekolah dan perpustakaan kota dalam literasi digital (contoh).",
            [
                ("struktur", "Dukungan akademisi Universitas Pattimura dan Politeknik Negeri Ambon"),
                ("struktur", "Kerja sama dengan perguruan tinggi untuk riset dan magang"),
            ],
            ["Ruang Belajar Digital Sekolah", "Perpustakaan Digital Kota"],
        ),
    ],
    "living": [
        (
            "Layanan kesehatan dan mobilitas yang terhubung",
            "WO",
            "",
            [
                ("infrastruktur", "Sebagian puskesmas belum memakai rekam medis elektronik"),
                ("infrastruktur", "Operator seluler memperluas jaringan 4G di Pulau Ambon"),
            ],
            ["Sistem Informasi Kesehatan Terpadu", "Ambulans Gratis Terhubung 112", "Angkutan Kota Terintegrasi dan Non-Tunai"],
        ),
        (
            "Penataan ruang kota berbasis data",
            "WT",
            "Peta tata ruang digital menuntun permukiman di wilayah berbukit menjauhi daerah rawan (contoh).",
            [
                ("nature", "Topografi berbukit membatasi lahan permukiman dan jaringan"),
                ("nature", "Bencana longsor dan banjir pada musim hujan"),
            ],
            ["Peta Tata Ruang Digital", "Penataan Kawasan Kumuh Berbasis Data"],
        ),
    ],
    "environment": [
        (
            "Pengelolaan sampah dari sumber dengan partisipasi warga",
            "WO",
            "",
            [
                ("infrastruktur", "Cakupan layanan persampahan belum menjangkau seluruh kelurahan"),
                ("infrastruktur", "Skema KPBU untuk infrastruktur pengolahan sampah"),
                ("nature", "Pencemaran sampah di Teluk Ambon"),
            ],
            ["Bank Sampah Digital", "Fasilitas Pengolahan Sampah MRF dan RDF"],
        ),
        (
            "Kesiapsiagaan bencana dengan peringatan dini yang terhubung",
            "ST",
            "Forum warga dan media menyebarkan peringatan dini dari command center ke lingkungan rawan bencana (contoh).",
            [
                ("struktur", "Forum Ambon Smart City melibatkan komunitas dan media"),
                ("infrastruktur", "Wilayah rawan gempa, longsor, dan banjir mengancam infrastruktur"),
            ],
            ["Sistem Peringatan Dini Bencana"],
        ),
    ],
}


def seed(*, actor, city) -> None:
    plan = current_masterplan(city)
    if plan is None:
        return
    lenses = {lens.code: lens for lens in ReadinessLens.objects.all()}
    _adopt_bimtek_outputs(actor, plan)
    for code, (value, current, target) in ASSESSMENTS.items():
        if not plan.lens_assessments.filter(lens=lenses[code]).exists():
            services.assessment_save(
                actor=actor,
                city=city,
                lens=lenses[code],
                masterplan_id=plan.pk,
                rating_code=value,
                current_condition=current,
                target_condition=target,
            )
    existing = set(SwotItem.objects.filter(masterplan=plan).values_list("lens__code", "text"))
    for code, categories in SWOT.items():
        for category, texts in categories.items():
            for text in texts:
                if (code, text) not in existing:
                    services.swot_item_create(actor=actor, city=city, masterplan_id=plan.pk, lens_code=code, category=category, text=text)
    described = set(GapItem.objects.filter(masterplan=plan).values_list("description", flat=True))
    programmes = list(selectors.programmes_of(plan))
    for code, description, current, target, keywords in GAPS:
        if description in described:
            continue
        closing = [p for p in programmes if any(k in p.name.lower() for k in keywords)]
        services.gap_item_create(
            actor=actor,
            city=city,
            masterplan_id=plan.pk,
            lens_code=code,
            description=description,
            current_condition=current,
            target_condition=target,
            programme_ids=[p.pk for p in closing],
        )
    _seed_strategies(actor, city, plan, programmes)


def _adopt_bimtek_outputs(actor, plan) -> None:
    """Adopt every SWOT and gap output of the bimtek not adopted yet (a gap without a lens goes to Struktur)."""
    for output in selectors.pending_outputs(plan):
        output.workshop.masterplan = plan
        services.output_adopt(actor=actor, output=output, lens_code="struktur")


def _seed_strategies(actor, city, plan, programmes) -> None:
    """Adopt the bimtek strategy outputs, write the others, and link each (once) to its SWOT items and programmes."""
    for output in selectors.pending_strategy_outputs(plan).filter(dimension__isnull=False):
        output.workshop.masterplan = plan
        services.output_adopt(actor=actor, output=output)
    swot = {(lens, text): pk for pk, lens, text in SwotItem.objects.filter(masterplan=plan).values_list("pk", "lens__code", "text")}
    programme_ids = {p.name: p.pk for p in programmes}
    existing = {s.title: s for s in Strategy.objects.filter(masterplan=plan).select_related("masterplan")}
    for dimension, specs in STRATEGIES.items():
        for title, pairing, text, answers, carriers in specs:
            links = {
                "swot_item_ids": [swot[a] for a in answers if a in swot],
                "programme_ids": [programme_ids[n] for n in carriers if n in programme_ids],
            }
            strategy = existing.get(title)
            if strategy is None and text:
                services.strategy_create(
                    actor=actor,
                    city=city,
                    masterplan_id=plan.pk,
                    dimension_code=dimension,
                    title=title,
                    text=text,
                    pairing=pairing,
                    **links,
                )
            elif strategy is not None and not strategy.pairing and not strategy.swot_items.exists() and not strategy.programmes.exists():
                strategy.masterplan.city = city
                services.strategy_update(actor=actor, strategy=strategy, pairing=pairing, **links)
