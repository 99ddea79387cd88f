"""Comparison endpoints, included by config/urls.py only when AMAZE_BENCH is on."""

from django.urls import path

from bench import floor
from bench.wagtail_api import api_router

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("bench/floor/services/", floor.service_list, name="bench-floor-services"),
    path("bench/floor/my-orders/", floor.my_orders, name="bench-floor-my-orders"),
]
