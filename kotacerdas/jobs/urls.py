from django.urls import path

from kotacerdas.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/result/", views.job_result, name="result"),
    path("cities/<str:code>/export/", views.city_export, name="city_export"),
]
