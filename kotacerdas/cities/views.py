from django.shortcuts import render

from kotacerdas.cities import selectors
from kotacerdas.core import permissions


def dashboard(request, code: str):
    city = permissions.city_or_404(request.user, code)
    return render(request, "cities/dashboard.html", {"city": city, **selectors.city_dashboard(city)})
