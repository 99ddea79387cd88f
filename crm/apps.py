from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles_after_migrate(sender, using, **kwargs):
    from django.db import router

    from crm.models import Branch
    from crm.roles import ensure_roles

    if router.allow_migrate_model(using, Branch):
        ensure_roles(using=using)


class CrmConfig(AppConfig):
    name = "crm"
    verbose_name = _("Clinic operations")

    def ready(self):
        # Staff role groups need the permissions Django creates after migrating, so they are
        # (re)built after every migrate and flush rather than in a data migration.
        post_migrate.connect(_ensure_roles_after_migrate, sender=self, dispatch_uid="crm.ensure_roles")
