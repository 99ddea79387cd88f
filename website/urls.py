"""URLs of the site's own views; each area keeps its patterns in its own module."""

from django.urls import include, path

urlpatterns = [
    path("", include("website.urls_queue")),
    path("", include("website.urls_account")),
]
