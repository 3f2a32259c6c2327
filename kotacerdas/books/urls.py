"""The Documents page (checklist, downloads, versions, diffs) and the book files."""

from django.urls import path

from kotacerdas.books import views, views_documents

app_name = "books"
urlpatterns = [
    path("", views_documents.documents, name="documents"),
    path("download/<str:book>/", views.download, name="download"),
    path("package/", views.package, name="package"),
    path("versions/freeze/", views_documents.version_freeze, name="version_freeze"),
    path("versions/diff/", views_documents.version_diff, name="version_diff"),
    path("versions/diff/report.xlsx", views_documents.version_diff_report, name="version_diff_report"),
    path("versions/<int:number>/", views_documents.version_detail, name="version_detail"),
    path("versions/<int:number>/legalise/", views_documents.version_legalise, name="version_legalise"),
]
