from django.urls import path

from kotacerdas.readiness import views

app_name = "readiness"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export/", views.export, name="export"),
    path("adopt/<int:output_id>/", views.adopt_output, name="adopt_output"),
    path("strategies/", views.strategies, name="strategies"),
    path("strategies/export/", views.strategies_export, name="strategies_export"),
    path("strategies/new/", views.strategy_create, name="strategy_create"),
    path("strategies/<int:pk>/edit/", views.strategy_edit, name="strategy_edit"),
    path("strategies/<int:pk>/delete/", views.strategy_delete, name="strategy_delete"),
    path("items/swot/<int:pk>/edit/", views.swot_edit, name="swot_edit"),
    path("items/swot/<int:pk>/delete/", views.swot_delete, name="swot_delete"),
    path("items/swot/<int:pk>/move/<str:direction>/", views.swot_move, name="swot_move"),
    path("items/gaps/<int:pk>/edit/", views.gap_edit, name="gap_edit"),
    path("items/gaps/<int:pk>/delete/", views.gap_delete, name="gap_delete"),
    path("<slug:lens_code>/", views.lens, name="lens"),
    path("<slug:lens_code>/assessment/", views.assessment_save, name="assessment_save"),
    path("<slug:lens_code>/swot/new/", views.swot_add, name="swot_add"),
    path("<slug:lens_code>/gaps/new/", views.gap_add, name="gap_add"),
]
