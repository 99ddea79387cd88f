from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Shared services")

    def ready(self):
        from common import cache_invalidation

        cache_invalidation.connect()
