"""The programme's cohorts, under cohorts/: national pages: everyone reads, the ministry writes."""

from django.urls import path

from kotacerdas.cities import views

app_name = "cohorts"
urlpatterns = [
    path("", views.cohort_list, name="list"),
    path("export/", views.cohort_export, name="export"),
    path("new/", views.cohort_create, name="create"),
    path("<int:pk>/edit/", views.cohort_edit, name="edit"),
    path("<int:pk>/delete/", views.cohort_delete, name="delete"),
]
