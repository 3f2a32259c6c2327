"""Demo: the programmes of Ambon's masterplan 2020–2024 (DOMAIN.md §8), with three selected quick wins.

Budgets, targets and realisations are plausible inventions. Two imperfections are deliberate, so the
alignment checks have something to find: one programme has no lead department, one has no budget.
"""
from decimal import Decimal

from kotacerdas.bimtek.models import Output
from kotacerdas.framework.models import Element, FundingSource, Horizon, ProgrammeStatus, QuickWinCriterion
from kotacerdas.masterplan.selectors import current_masterplan
from kotacerdas.programmes import services
from kotacerdas.programmes.models import QuickWin
from kotacerdas.regions.models import Region

PARTNERS = {
    "telkom": "PT Telkom Indonesia (Persero) Witel Maluku",
    "pln": "PT PLN (Persero) UIW Maluku dan Maluku Utara",
    "pelindo": "PT Pelabuhan Indonesia (Persero) Cabang Ambon",
    "bank": "PT Bank Pembangunan Daerah Maluku dan Maluku Utara",
    "pdam": "Perumda Air Minum Kota Ambon",
    "unpatti": "Universitas Pattimura",
    "polnam": "Politeknik Negeri Ambon",
    "iain": "Institut Agama Islam Negeri Ambon",
    "kodim": "Kodim 1504/Ambon",
    "polresta": "Polresta Pulau Ambon dan Pulau-Pulau Lease",
    "amo": "Ambon Music Office",
    "komunitas": "Komunitas Ambon Bergerak",
    "kadin": "Kamar Dagang dan Industri Kota Ambon",
    "media": "Ambon Ekspres",
}
F, I, S = "funder", "implementer", "supporter"

# name, element, lead, supporting, horizon, first, last, status, district (01–05 or None), budget per year in
# million Rp, funding source, partners, output indicator, unit, target per year, description
PROGRAMMES = [
    ("Ambon Satu Akses", "governance-public-service", "Diskominfosandi", ["Disdukcapil", "DPMPTSP", "Dinkes"], "short", 2020, 2024, "running", "02",
     850, "apbd", [("telkom", I), ("bank", S)], "Layanan publik terintegrasi dalam satu aplikasi", "layanan", 12,
     "Satu aplikasi dan satu akun warga untuk mengakses layanan publik Pemerintah Kota Ambon."),
    ("Command Center Kota Ambon", "governance-bureaucracy", "Diskominfosandi", ["Dishub", "BPBD", "Satpol PP"], "medium", 2020, 2022, "realised", "02",
     2400, "apbd", [("telkom", I), ("polresta", S)], "Ruang kendali terpadu beroperasi", "unit", 1,
     "Pusat kendali terpadu untuk memantau CCTV kota, pengaduan warga, dan data layanan."),
    ("Layanan Terpadu Administrasi Kependudukan", "governance-public-service", "Disdukcapil", ["Diskominfosandi"], "medium", 2020, 2023, "realised", "02",
     620, "apbd", [("telkom", S)], "Dokumen kependudukan terbit secara daring", "dokumen", 15000,
     "Pelayanan adminduk terintegrasi: KTP-el, KK, akta kelahiran secara daring dan jemput bola di kelurahan."),
    ("Wi-Fi Publik Gratis", "governance-public-service", "Diskominfosandi", ["PUPR"], "medium", 2020, 2024, "running", None,
     480, "apbd", [("telkom", I)], "Titik akses Wi-Fi publik aktif", "titik", 60,
     "Akses internet gratis di taman kota, pelabuhan, pasar, dan kantor kelurahan."),
    ("Call Center 112", "society-security", "BPBD", ["Diskominfosandi", "Dinkes", "Satpol PP"], "short", 2020, 2024, "running", "02",
     540, "apbd", [("polresta", S), ("kodim", S), ("telkom", I)], "Panggilan darurat tertangani", "panggilan", 9000,
     "Satu nomor darurat 112 untuk kebakaran, kecelakaan, bencana, dan kegawatdaruratan medis."),
    ("Bank Sampah Digital", "environment-waste", "DLHP", ["Diskop-UKM"], "short", 2020, 2024, "running", "01",
     310, "apbd", [("bank", F), ("komunitas", I)], "Nasabah bank sampah aktif", "nasabah", 2500,
     "Bank sampah dengan pencatatan tabungan digital yang terhubung ke rekening Bank Maluku Malut."),
    ("Fasilitas Pengolahan Sampah MRF dan RDF", "environment-waste", "DLHP", ["PUPR"], "long", 2021, 2024, "running", "04",
     3200, "dak", [("pln", S), ("unpatti", S)], "Sampah terolah menjadi bahan bakar RDF", "ton/tahun", 3600,
     "Material recovery facility dan refuse-derived fuel di TPA Toisapu untuk mengurangi sampah yang ditimbun."),
    ("Ambon City of Music", "branding-tourism", "Dispar", ["Dikbud", "Diskominfosandi"], "long", 2020, 2024, "running", "02",
     900, "apbd", [("amo", I), ("media", S), ("bank", F)], "Kegiatan musik berskala internasional", "kegiatan", 6,
     "Penguatan Ambon sebagai Kota Musik UNESCO: festival, ruang musik publik, dan promosi digital."),
    ("Sistem Informasi Kesehatan Terpadu", "living-health", "Dinkes", ["Diskominfosandi"], "medium", 2020, 2023, "realised", None,
     720, "apbd", [("unpatti", S)], "Puskesmas memakai rekam medis elektronik", "puskesmas", 22,
     "Rekam medis elektronik di seluruh puskesmas dan rujukan daring ke rumah sakit."),
    ("Ambulans Gratis Terhubung 112", "living-health", "Dinkes", ["BPBD"], "short", 2021, 2022, "realised", "03",
     650, "dak", [], "Armada ambulans terhubung pusat panggilan", "unit", 8,
     "Ambulans gratis yang dikirim melalui Call Center 112 dengan pelacakan lokasi."),
    ("Halo Dokter Ambon", "living-health", "Dinkes", [], "medium", 2022, 2024, "planned", None,
     280, "apbd", [("telkom", S)], "Konsultasi kesehatan daring", "konsultasi", 5000,
     "Telekonsultasi dokter puskesmas untuk warga di pulau dan daerah pegunungan."),
    ("Angkutan Kota Terintegrasi dan Non-Tunai", "living-mobility", "Dishub", ["Bapenda"], "medium", 2021, 2024, "running", "02",
     1100, "apbd", [("bank", I)], "Angkot memakai pembayaran non-tunai", "unit", 300,
     "Penataan trayek angkot dengan pembayaran non-tunai dan informasi rute daring."),
    ("Area Traffic Control System", "living-mobility", "Dishub", ["Diskominfosandi"], "medium", 2020, 2022, "realised", "02",
     1900, "apbn", [("telkom", S)], "Simpang bersinyal terkendali terpusat", "simpang", 14,
     "Lampu lalu lintas adaptif yang dikendalikan dari Command Center."),
    ("Parkir Elektronik", "living-mobility", "Dishub", ["Bapenda"], "medium", 2022, 2024, "stopped", "02",
     400, "kpbu", [("bank", I)], "Titik parkir dengan pembayaran elektronik", "titik", 40,
     "Mesin parkir elektronik di pusat kota; dihentikan sementara untuk ditinjau ulang skemanya."),
    ("Peta Tata Ruang Digital", "living-spatial-harmony", "PUPR", ["Diskominfosandi", "DPMPTSP"], "medium", 2020, 2022, "realised", None,
     560, "apbd", [("unpatti", I)], "Peta rencana detail tata ruang daring", "peta", 5,
     "Rencana detail tata ruang per kecamatan dapat diakses warga dan investor secara daring."),
    ("Penataan Kawasan Kumuh Berbasis Data", "living-spatial-harmony", "Perkim", ["PUPR"], "long", 2021, 2024, "running", "01",
     1500, "apbn", [("komunitas", S)], "Luas kawasan kumuh tertangani", "hektare", 12,
     "Pendataan dan penanganan kawasan kumuh dengan sistem informasi permukiman."),
    ("Pusat Data Kota Terpadu", "governance-public-policy", None, ["Diskominfosandi", "Bappeda-Litbang"], "medium", 2021, 2024, "planned", None,
     350, "apbd", [("unpatti", S)], "Set data terbuka terbit", "set data", 120,
     "Satu Data Ambon: portal data terbuka lintas OPD sebagai dasar perencanaan."),
    ("E-Planning dan E-Budgeting", "governance-bureaucracy", "Bappeda-Litbang", ["BPKAD"], "medium", 2020, 2021, "realised", None,
     450, "apbd", [], "OPD menyusun rencana dan anggaran secara elektronik", "OPD", 40,
     "Perencanaan dan penganggaran daerah terintegrasi secara elektronik."),
    ("Musrenbang Daring", "governance-public-policy", "Bappeda-Litbang", ["Diskominfosandi"], "short", 2021, 2021, "realised", None,
     150, "apbd", [("komunitas", S)], "Usulan warga masuk melalui aplikasi", "usulan", 1500,
     "Usulan musyawarah perencanaan pembangunan dari kelurahan dan desa secara daring."),
    ("Sistem Kepegawaian Digital", "governance-bureaucracy", "BKPSDM", [], "medium", 2021, 2023, "realised", None,
     300, "apbd", [], "ASN memakai presensi dan kinerja daring", "ASN", 6000,
     "Presensi, kinerja, dan layanan kepegawaian aparatur sipil negara secara daring."),
    ("Pajak Daerah Online", "economy-financial", "Bapenda", ["BPKAD"], "medium", 2020, 2023, "realised", None,
     600, "apbd", [("bank", I)], "Wajib pajak membayar secara daring", "wajib pajak", 8000,
     "Pendaftaran, pelaporan, dan pembayaran pajak daerah secara elektronik."),
    ("Transaksi Non-Tunai Pemerintah Kota", "economy-financial", "BPKAD", ["Bapenda"], "short", 2020, 2020, "realised", None,
     120, "apbd", [("bank", I)], "Belanja daerah non-tunai", "persen", 100,
     "Seluruh transaksi belanja Pemerintah Kota Ambon dilakukan secara non-tunai."),
    ("QRIS Pasar Tradisional", "economy-financial", "Disperindag", ["Bapenda"], "medium", 2022, 2024, "running", "02",
     180, "csr", [("bank", F)], "Pedagang pasar memakai QRIS", "pedagang", 1200,
     "Pembayaran non-tunai QRIS di Pasar Mardika dan pasar tradisional lainnya."),
    ("Pasar Online UMKM Ambon", "economy-welfare", "Diskop-UKM", ["Disperindag", "Diskominfosandi"], "medium", 2021, 2024, "running", None,
     260, "apbd", [("bank", S), ("kadin", I)], "UMKM berjualan daring", "UMKM", 800,
     "Lokapasar untuk produk UMKM Ambon dengan pelatihan pemasaran digital."),
    ("Sentra Industri Olahan Ikan", "economy-industry", "Diskan", ["Disperindag"], "long", 2021, 2024, "running", "03",
     950, "dak", [("pelindo", S), ("polnam", S)], "Unit pengolahan ikan bersertifikat", "unit", 20,
     "Penguatan industri pengolahan hasil perikanan dengan rantai dingin terpantau."),
    ("Perizinan Online Terpadu", "economy-industry", "DPMPTSP", ["Diskominfosandi"], "short", 2020, 2021, "realised", "02",
     340, "apbd", [], "Izin usaha terbit secara daring", "izin", 3000,
     "Perizinan berusaha terintegrasi OSS dengan tanda tangan elektronik."),
    ("Bantuan Sosial Tepat Sasaran", "economy-welfare", "Dinsos", ["Disdukcapil"], "medium", 2021, 2023, "realised", None,
     420, "apbn", [], "Data penerima bantuan padan dengan NIK", "persen", 100,
     "Pemutakhiran data terpadu kesejahteraan sosial yang dipadankan dengan data kependudukan."),
    ("Promosi Investasi Digital", "branding-business", "DPMPTSP", ["Dispar"], "medium", 2022, 2024, "running", None,
     230, "apbd", [("kadin", I), ("media", S)], "Peluang investasi dipromosikan daring", "proyek", 15,
     "Profil peluang investasi Kota Ambon dalam portal dan forum bisnis."),
    ("Ambon Festival Kuliner", "branding-business", "Disperindag", ["Dispar"], "short", 2023, 2023, "planned", "01",
     0, None, [("kadin", I)], "Festival kuliner terselenggara", "kegiatan", 1,
     "Festival kuliner khas Maluku sebagai etalase usaha lokal."),
    ("Wajah Kota Ambon Manise", "branding-city-appearance", "PUPR", ["DLHP", "Perkim"], "long", 2020, 2024, "running", "02",
     1300, "apbd", [("pln", S)], "Ruang publik tertata", "lokasi", 10,
     "Penataan pedestrian, taman kota, dan penerangan jalan di kawasan pusat kota."),
    ("Gong Perdamaian Dunia sebagai Ikon Kota", "branding-city-appearance", "Dispar", ["PUPR"], "medium", 2021, 2023, "realised", "02",
     380, "apbd", [("media", S)], "Kunjungan ke kawasan ikon kota", "ribu orang", 120,
     "Penguatan kawasan Gong Perdamaian Dunia sebagai ruang publik dan ikon kota."),
    ("Aplikasi Wisata Ambon", "branding-tourism", "Dispar", ["Diskominfosandi"], "short", 2021, 2022, "realised", None,
     210, "apbd", [("telkom", S)], "Destinasi wisata terdata dalam aplikasi", "destinasi", 60,
     "Informasi destinasi, kalender acara, dan pemesanan tur dalam satu aplikasi."),
    ("Ruang Belajar Digital Sekolah", "society-learning", "Dikbud", ["Diskominfosandi"], "medium", 2020, 2023, "realised", None,
     800, "dak", [("telkom", I)], "Sekolah terhubung internet", "sekolah", 150,
     "Koneksi internet dan platform pembelajaran daring di SD dan SMP negeri."),
    ("Perpustakaan Digital Kota", "society-learning", "Dispusip", [], "medium", 2021, 2024, "running", None,
     160, "apbd", [("iain", S)], "Koleksi buku digital", "judul", 5000,
     "Perpustakaan digital dengan koleksi sejarah dan budaya Maluku."),
    ("Komunitas Digital Ambon", "society-community", "Diskominfosandi", ["Dikbud"], "short", 2020, 2024, "running", None,
     120, "sponsor", [("komunitas", I), ("polnam", S)], "Anggota komunitas terlatih", "orang", 400,
     "Pelatihan literasi digital dan kewirausahaan teknologi bagi pemuda Ambon."),
    ("Layanan Pengaduan Perempuan dan Anak", "society-community", "DP3A", ["Dinsos", "Diskominfosandi"], "medium", 2021, 2024, "running", None,
     190, "apbd", [("polresta", S)], "Pengaduan tertangani", "kasus", 300,
     "Kanal pengaduan kekerasan terhadap perempuan dan anak yang terhubung ke layanan pendampingan."),
    ("CCTV Kota dan Keamanan Lingkungan", "society-security", "Satpol PP", ["Diskominfosandi", "Dishub"], "medium", 2020, 2023, "realised", "02",
     900, "apbd", [("polresta", S), ("kodim", S), ("telkom", I)], "Kamera CCTV terhubung Command Center", "kamera", 120,
     "Kamera pemantau di titik rawan yang terhubung ke Command Center dan kepolisian."),
    ("Sistem Peringatan Dini Bencana", "environment-protection", "BPBD", ["Diskominfosandi"], "long", 2021, 2024, "running", "05",
     700, "apbn", [("unpatti", S)], "Sirene dan sensor peringatan dini", "unit", 12,
     "Sensor curah hujan, longsor, dan gelombang dengan sirene di kawasan rawan."),
    ("Pemantauan Kualitas Air dan Udara", "environment-protection", "DLHP", [], "medium", 2022, 2024, "planned", "04",
     260, "apbd", [("pdam", I), ("unpatti", S)], "Stasiun pemantau kualitas lingkungan", "stasiun", 6,
     "Stasiun pemantau kualitas udara dan air Teluk Ambon dengan data terbuka."),
    ("Penerangan Jalan Umum Tenaga Surya", "environment-energy", "PUPR", ["Bapenda"], "long", 2021, 2024, "running", "05",
     1200, "kpbu", [("pln", I)], "Lampu PJU tenaga surya terpasang", "titik", 800,
     "Lampu jalan tenaga surya dengan pemantauan jarak jauh di wilayah yang belum terjangkau listrik."),
    ("Manajemen Energi Gedung Pemerintah", "environment-energy", "BPKAD", ["PUPR"], "medium", 2022, 2024, "planned", None,
     150, "apbd", [("pln", S)], "Gedung pemerintah dengan meteran pintar", "gedung", 25,
     "Meteran listrik pintar dan audit energi untuk gedung-gedung Pemerintah Kota Ambon."),
]

QUICK_WINS = {
    "Ambon Satu Akses": ("selected", {
        "problem": "Warga harus mendatangi banyak kantor dan memakai banyak aplikasi untuk layanan publik.",
        "innovation": "Satu akun warga berbasis NIK untuk semua layanan daring Pemerintah Kota Ambon.",
        "benefit": "Waktu layanan lebih singkat dan data warga tidak diminta berulang kali.",
        "partners": "PT Telkom Indonesia Witel Maluku; Bank Maluku Malut",
        "risks": "Kesiapan integrasi data antar-OPD; keamanan data pribadi.",
        "timeline": "2020: rancang bangun · 2021: 6 layanan · 2022–2024: seluruh layanan utama",
    }, {"problem": 5, "uniqueness": 4, "benefit": 5, "partnership": 4, "sustainability": 4, "risk": 3}),
    "Call Center 112": ("selected", {
        "problem": "Laporan darurat tersebar di banyak nomor dan penanganan lambat.",
        "innovation": "Satu nomor darurat bebas pulsa dengan pengiriman petugas dan ambulans terpadu.",
        "benefit": "Waktu tanggap kejadian darurat di bawah 15 menit.",
        "partners": "Polresta Pulau Ambon dan Pulau-Pulau Lease; Kodim 1504/Ambon; PT Telkom Indonesia",
        "risks": "Panggilan iseng; keterbatasan armada di wilayah pegunungan.",
        "timeline": "2020: peluncuran · 2021: integrasi ambulans · 2022: integrasi Command Center",
    }, {"problem": 5, "uniqueness": 3, "benefit": 5, "partnership": 5, "sustainability": 4, "risk": 4}),
    "Bank Sampah Digital": ("selected", {
        "problem": "Sampah rumah tangga belum dipilah dan TPA Toisapu cepat penuh.",
        "innovation": "Tabungan sampah yang tercatat digital dan dapat dicairkan ke rekening bank.",
        "benefit": "Volume sampah ke TPA berkurang dan warga mendapat nilai ekonomi.",
        "partners": "Bank Maluku Malut; Komunitas Ambon Bergerak",
        "risks": "Harga barang bekas berfluktuasi; partisipasi warga menurun setelah peluncuran.",
        "timeline": "2020: 10 unit percontohan · 2022: 40 unit · 2024: setiap kelurahan",
    }, {"problem": 4, "uniqueness": 4, "benefit": 4, "partnership": 5, "sustainability": 4, "risk": 3}),
    "Command Center Kota Ambon": ("shortlisted", {
        "problem": "Data kota tersebar dan tidak dipantau bersama.",
        "innovation": "Ruang kendali yang menyatukan CCTV, pengaduan, dan dasbor layanan.",
        "benefit": "Keputusan lebih cepat saat kejadian dan pemantauan layanan harian.",
        "timeline": "2020–2022",
    }, {"problem": 4, "uniqueness": 3, "benefit": 4, "partnership": 3, "sustainability": 3, "risk": 3}),
    "Wi-Fi Publik Gratis": ("shortlisted", {
        "problem": "Akses internet warga terbatas di ruang publik.",
        "innovation": "Titik Wi-Fi gratis dengan portal informasi kota.",
        "benefit": "Warga dan wisatawan terhubung; promosi layanan kota.",
        "timeline": "2020–2024",
    }, {"problem": 3, "uniqueness": 2, "benefit": 4, "partnership": 3, "sustainability": 3, "risk": 3}),
    "Ambon City of Music": ("candidate", {
        "problem": "Potensi musik Ambon belum menjadi penggerak ekonomi kreatif.",
        "innovation": "Kalender musik kota dan ruang musik publik sebagai Kota Musik UNESCO.",
        "timeline": "2020–2024",
    }, {}),
}

STATUS_REALISATION = {"realised": Decimal("1.0"), "running": Decimal("0.8"), "stopped": Decimal("0.3"), "planned": None}


def seed(*, actor, city) -> None:
    """Create Ambon's programmes once; a second run adds nothing."""
    masterplan = current_masterplan(city)
    if masterplan is None or masterplan.programmes.exists():
        return
    refs = _references(city)
    ideas = {o.text.split("\n")[0].strip().lower(): o for o in Output.objects.filter(
        workshop__masterplan=masterplan, kind=Output.Kind.PROGRAMME_IDEA).select_related("workshop")}
    created = {}
    for row in PROGRAMMES:
        created[row[0]] = _programme(actor, masterplan, refs, ideas, *row)
    _quick_wins(actor, created)


def _references(city) -> dict:
    return {
        "opds": {o.short_name: o for o in city.opds.all()},
        "stakeholders": {s.name: s for s in city.stakeholders.all()},
        "elements": {e.code: e for e in Element.objects.select_related("dimension")},
        "horizons": {h.code: h for h in Horizon.objects.all()},
        "statuses": {s.code: s for s in ProgrammeStatus.objects.all()},
        "funding": {f.code: f for f in FundingSource.objects.all()},
        "districts": {r.code: r for r in Region.objects.filter(parent_id=city.code)},
    }


def _programme(actor, masterplan, refs, ideas, name, element, lead, supporting, horizon, first, last, status, district,
               budget_m, funding, partners, indicator, unit, target, description):
    element = refs["elements"][element]
    opds = refs["opds"]
    years = [] if budget_m == 0 else [
        _year(year, i, budget_m, refs["funding"].get(funding), indicator, unit, target, status)
        for i, year in enumerate(range(first, last + 1))
    ]
    return services.programme_create(
        actor=actor, masterplan=masterplan, name=name, description=description, dimension=element.dimension, element=element,
        lead_opd=opds.get(lead) if lead else None, supporting_opds=[opds[s] for s in supporting if s in opds],
        person_in_charge=f"Kepala {opds[lead].name}" if lead in opds else "",
        horizon=refs["horizons"][horizon], start_year=first, end_year=last, status=refs["statuses"][status],
        outcome_indicator=indicator, outcome_baseline="0", outcome_target=f"{target * (last - first + 1)} {unit}",
        district=refs["districts"].get(f"{masterplan.city.code}.{district}") if district else None,
        origin=ideas.get(name.lower()),
        years=years, partners=[{"stakeholder": refs["stakeholders"][PARTNERS[key]], "role": role} for key, role in partners
                               if PARTNERS[key] in refs["stakeholders"]],
    )


def _year(year, index, budget_m, funding, indicator, unit, target, status) -> dict:
    # Budgets grow about 10 % a year; realisation is recorded only for years already past (up to 2023).
    budget = Decimal(budget_m) * Decimal(1_000_000) * (Decimal("1.1") ** index)
    share = STATUS_REALISATION[status]
    realised = Decimal(target) * share if share is not None and year <= 2023 else None
    return {"year": year, "output_indicator": indicator, "target": Decimal(target), "unit": unit,
            "budget": budget.quantize(Decimal(1_000_000)), "funding_source": funding,
            "realisation": realised.quantize(Decimal("0.01")) if realised is not None else None}


def _quick_wins(actor, created) -> None:
    criteria = {c.code for c in QuickWinCriterion.objects.all()}
    for name, (stage, sheet, scores) in QUICK_WINS.items():
        services.quick_win_update(
            actor=actor, programme=created[name], **sheet,
            scores={k: v for k, v in scores.items() if k in criteria} if scores else None,
            stage=stage if stage != QuickWin.Stage.CANDIDATE else None,
        )
