from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class Branch(models.Model):
    """A clinic location; queues, rooms and orders all belong to one."""

    name = models.CharField(max_length=120, unique=True, verbose_name=_("name"))
    code = models.SlugField(
        max_length=30,
        unique=True,
        verbose_name=_("code"),
        help_text=_("Short stable identifier used in links and the API, e.g. jakarta-selatan."),
    )
    address = models.TextField(verbose_name=_("address"))
    phone = PhoneNumberField(region="ID", blank=True, verbose_name=_("phone"))
    is_active = models.BooleanField(default=True, verbose_name=_("active"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("branch")
        verbose_name_plural = _("branches")

    def __str__(self):
        return self.name
