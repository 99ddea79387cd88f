"""The site's URLs with the bench endpoints in front, as config/urls.py mounts them with AMAZE_BENCH=1."""

from bench.urls import urlpatterns as bench_urlpatterns
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = bench_urlpatterns + site_urlpatterns

handler404 = "website.views.page_not_found"
