from django.urls import path

from common import views

urlpatterns = [
    path("<str:token>/", views.private_file, name="private_media_file"),
]
