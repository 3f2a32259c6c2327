"""The national evaluation pages, under evaluation/: years and rounds, assessor assignments (the
ministry), the national ranking of a year (public)."""

from django.urls import path

from kotacerdas.evaluation import views

app_name = "evaluation_national"
urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("export/", views.ranking_export, name="ranking_export"),
    path("years/", views.years, name="years"),
    path("assignments/", views.assignments, name="assignments"),
    path("assignments/<int:pk>/delete/", views.assignment_delete, name="assignment_delete"),
]
