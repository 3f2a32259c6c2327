from django.urls import path

from kotacerdas.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("new/", views.user_create, name="user_create"),
    path("<int:pk>/", views.user_edit, name="user_edit"),
    path("<int:pk>/password/", views.user_password, name="user_password"),
    path("me/password/", views.password_change, name="password_change"),
    path("set-password/<str:uidb64>/<str:token>/", views.set_password, name="set_password"),
]
