from django.urls import path

from kotacerdas.site import views

app_name = "site"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("healthz", views.healthz, name="healthz"),
]
