import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from kotacerdas.cities.forms import CohortFilterForm
from kotacerdas.cities.models import Stage
from kotacerdas.core import permissions
from kotacerdas.core.models import ReferenceDataset
from kotacerdas.core.pagination import paginate
from kotacerdas.site import selectors


def home(request):
    """The cities the visitor may see (of the chosen cohort), each with its lifecycle stage and key counts."""
    cohort_filter = CohortFilterForm(request.GET)
    cohort = cohort_filter.chosen()
    page = paginate(request, selectors.home_cities(request.user, cohort_id=cohort.pk if cohort else None))
    if request.user.is_authenticated:
        for city in page:
            city.next_step = selectors.next_step(city)
    return render(
        request,
        "site/home.html",
        {
            "page": page,
            "cohort_filter": cohort_filter,
            "stages": Stage.choices,
            "can_enrol": permissions.can_manage_reference(request.user),
        },
    )


# The facts of the Ambon demo that come from public sources (the source notes in each app's demo.py).
DEMO_FACTS = [
    (_("MoU with the ministry signed on 16 May 2019 in Jakarta."), _("news of the ministry and the city, May 2019")),
    (_("Bimtek I held on 11 July 2019 at the Manise Hotel, Ambon."), _("city news, July 2019")),
    (
        _(
            "Commitment signed on 15 October 2019 at the Manise Hotel by the city secretary A. G. Latuheru on behalf of Mayor Richard Louhenapessy, then the departments, TNI/Polri, BUMN and BUMD."
        ),
        _("news story, 15 October 2019"),
    ),
    (_("The masterplan is called “2019–2024” by the city."), _("city publications")),
    (
        _("UNESCO named Ambon a City of Music on 31 October 2019, after the 2019 bimtek."),
        _("UNESCO Creative Cities Network, 31 October 2019"),
    ),
    (_("Call Center 112 is run by Diskominfosandi, launched after 2020."), _("city news")),
    (
        _("The national plan RPJMN 2020–2024 with its vision and its seven national priorities (PN 1–7)."),
        _("Presidential Regulation 18/2020"),
    ),
    (
        _("Leading sector: Dinas Komunikasi, Informatika dan Persandian; departments as the city names them (BPPRD, DP3AMD, DPRKP …)."),
        _("city government website"),
    ),
]


# The reference data sets' sources and licences in the interface's language (the records keep the
# loaders' wording, shown for a data set not listed here).
DATASET_TEXTS = {
    "idn-area-data": (_("npm package idn-area-data (Kemendagri region codes)"), _("Open Database License (ODbL) 1.0")),
    "indicator-codes": (
        _("Starter set: ISO 37120/37122 theme clauses, U4SSC dimensions, selected SDG indicators (extend from the official publications)"),
        _("Codes and titles cited for reference"),
    ),
    "smart-city-framework": (
        _(
            "Gerakan Menuju 100 Smart City / Gerakan Menuju Kota Cerdas (Kominfo/Komdigi, Kemendagri, Bappenas, PUPR, KSP): "
            "the masterplan guidance and the evaluation guidance"
        ),
        _("Public government information"),
    ),
    "time-zones": (
        _("Presidential Decree No. 41 of 1987 on the three time zones (WIB, WITA, WIT), per province"),
        _("Public law (not subject to copyright, UU 28/2014 art. 42)"),
    ),
}


def about(request):
    datasets = [
        {"name": d.name, "version": d.version, "row_count": d.row_count, "source": d.source, "licence": d.licence}
        | dict(zip(("source", "licence"), DATASET_TEXTS.get(d.name, ()), strict=False))
        for d in ReferenceDataset.objects.all()
    ]
    return render(request, "site/about.html", {"datasets": datasets, "demo_facts": DEMO_FACTS})


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers and file storage is writable, else 503."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any failure is the answer, not a crash
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        name = default_storage.save(f"healthz/{uuid.uuid4().hex}", ContentFile(b"ok"))
        default_storage.delete(name)
        checks["storage"] = "ok"
    except Exception as exc:
        checks["storage"] = f"error: {exc.__class__.__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)
