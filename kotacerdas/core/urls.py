from django.urls import path

from kotacerdas.core import views

app_name = "core"
urlpatterns = [
    path("audit/<str:model>/<str:pk>/", views.audit_trail, name="audit_trail"),
]
