"""Reads for the site's own pages, across the domain apps."""

from django.db.models import QuerySet

from kotacerdas.cities.selectors import city_summaries, count_per_city
from kotacerdas.programmes.models import Programme


def home_cities(user) -> QuerySet:
    """The cities of the home page: the city summaries with their number of programmes."""
    return city_summaries(user).annotate(n_programmes=count_per_city(Programme, "masterplan__city"))
