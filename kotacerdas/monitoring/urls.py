"""Pages of implementation monitoring, under cities/<code>/monitoring/."""

from django.urls import path

from kotacerdas.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export/", views.export, name="export"),
    path("verification/", views.queue, name="queue"),
    path("programmes/<int:pk>/", views.programme_indicators, name="programme"),
    path("programmes/<int:pk>/indicators/", views.indicator_create, name="indicator_create"),
    path("programmes/<int:pk>/indicators/<int:indicator_pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("programmes/<int:pk>/indicators/<int:indicator_pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path("programmes/<int:pk>/indicators/<int:indicator_pk>/targets/", views.targets_set, name="targets"),
    path("programmes/<int:pk>/realisations/", views.realisation_enter, name="realisation_enter"),
    path("programmes/<int:pk>/budget/", views.budget_set, name="budget"),
    path("realisations/<int:pk>/verify/", views.realisation_verify, name="verify"),
    path("realisations/<int:pk>/return/", views.realisation_return, name="return"),
    path("realisations/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("realisations/<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence_download"),
]
