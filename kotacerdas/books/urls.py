"""The masterplan package: Buku I–IV, commitment sheet, presentation (DOCX, PDF, PPTX), checklist, versions."""

from django.urls import path

from kotacerdas.books import views

app_name = "books"
urlpatterns = [
    path("download/<str:book>/", views.download, name="download"),
]
