from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiTokenExpiry(models.Model):
    """The expiry of a Wagtail API token.

    Wagtail 8's `APIToken` already stores only a keyed hash, shows the plaintext once and is
    listed and revoked in the admin; it has no expiry, which this row adds. A token without a
    row here is refused by `common.api_tokens`, so every token must be made through it.
    """

    token = models.OneToOneField(
        "wagtailcore.APIToken", on_delete=models.CASCADE, related_name="expiry", verbose_name=_("token")
    )
    expires_at = models.DateTimeField(verbose_name=_("expires at"))

    class Meta:
        verbose_name = _("API token expiry")
        verbose_name_plural = _("API token expiries")
