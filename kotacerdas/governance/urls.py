from django.urls import path

from kotacerdas.governance import views

app_name = "governance"
urlpatterns = [
    path("regulations/", views.regulation_list, name="regulation_list"),
    path("regulations/new/", views.regulation_create, name="regulation_create"),
    path("regulations/<int:pk>/", views.regulation_detail, name="regulation_detail"),
    path("regulations/<int:pk>/edit/", views.regulation_edit, name="regulation_edit"),
    path("regulations/<int:pk>/delete/", views.regulation_delete, name="regulation_delete"),
    path("regulations/<int:pk>/file/", views.regulation_file, name="regulation_file"),
    path("revisions/<int:pk>/close/", views.revision_close, name="revision_close"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path("attachments/", views.attachment_list, name="attachment_list"),
    path("attachments/upload/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/file/", views.attachment_file, name="attachment_file"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
]
