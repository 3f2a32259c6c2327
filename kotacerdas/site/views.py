from django.shortcuts import render

from kotacerdas.cities.models import Stage
from kotacerdas.core import permissions
from kotacerdas.core.models import ReferenceDataset
from kotacerdas.core.pagination import paginate
from kotacerdas.site import selectors


def home(request):
    """The cities the visitor may see, each with its lifecycle stage and key counts."""
    page = paginate(request, selectors.home_cities(request.user))
    return render(request, "site/home.html", {
        "page": page, "stages": Stage.choices, "can_enrol": permissions.can_manage_reference(request.user),
    })


def about(request):
    return render(request, "site/about.html", {"datasets": ReferenceDataset.objects.all()})
