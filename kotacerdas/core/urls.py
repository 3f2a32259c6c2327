from django.urls import path

from kotacerdas.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("audit/<str:model>/<str:pk>/", views.audit_trail, name="audit_trail"),
]
