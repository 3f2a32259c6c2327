import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from kotacerdas.cities.models import Stage
from kotacerdas.core import permissions
from kotacerdas.core.models import ReferenceDataset
from kotacerdas.core.pagination import paginate
from kotacerdas.site import selectors


def home(request):
    """The cities the visitor may see, each with its lifecycle stage and key counts."""
    page = paginate(request, selectors.home_cities(request.user))
    if request.user.is_authenticated:
        for city in page:
            city.next_step = selectors.next_step(city)
    return render(
        request,
        "site/home.html",
        {
            "page": page,
            "stages": Stage.choices,
            "can_enrol": permissions.can_manage_reference(request.user),
        },
    )


def about(request):
    return render(request, "site/about.html", {"datasets": ReferenceDataset.objects.all()})


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
