from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from kotacerdas.api import api
from kotacerdas.cities import views as city_views

urlpatterns = [
    path("", include("kotacerdas.site.urls")),
    path("", include("kotacerdas.core.urls")),
    # The ID/EN switch carries no CSRF token, so that the pages of anonymous visitors hold nothing
    # personal and can be cached (core.middleware.PublicCacheMiddleware); a forged switch of
    # someone's language changes nothing else.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("users/", include("kotacerdas.accounts.urls")),
    path("people/", include("kotacerdas.accounts.urls_people")),
    path("api/v1/", api.urls),
    path("framework/", include("kotacerdas.framework.urls")),
    path("evaluation/", include("kotacerdas.evaluation.urls_national")),
    path("jobs/", include("kotacerdas.jobs.urls")),
    path("cohorts/", include("kotacerdas.cities.urls_cohorts")),
    path("cities/new/", city_views.city_create, name="city_create"),
    path("cities/<str:code>/", include("kotacerdas.cities.urls")),
    path("cities/<str:code>/plan/", include("kotacerdas.masterplan.urls")),
    path("cities/<str:code>/bimtek/", include("kotacerdas.bimtek.urls")),
    path("cities/<str:code>/people/", include("kotacerdas.accounts.urls_city")),
    path("cities/<str:code>/programmes/", include("kotacerdas.programmes.urls")),
    path("cities/<str:code>/readiness/", include("kotacerdas.readiness.urls")),
    path("cities/<str:code>/alignment/", include("kotacerdas.alignment.urls")),
    path("cities/<str:code>/records/", include("kotacerdas.governance.urls")),
    path("cities/<str:code>/monitoring/", include("kotacerdas.monitoring.urls")),
    path("cities/<str:code>/evaluation/", include("kotacerdas.evaluation.urls")),
    path("cities/<str:code>/documents/", include("kotacerdas.books.urls")),
]
