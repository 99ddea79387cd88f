from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


class Weekday(models.IntegerChoices):
    """ISO-style weekday numbers as `date.weekday()` returns them."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


@register_setting(icon="time")
class OpeningHoursSettings(ClusterableModel, BaseSiteSetting):
    """The clinic's weekly schedule and its exceptions; times are local (Asia/Jakarta)."""

    closed_on_public_holidays = models.BooleanField(
        default=True,
        verbose_name=_("closed on Indonesian public holidays"),
        help_text=_("A special day on the same date overrides this."),
    )

    panels = [
        FieldPanel("closed_on_public_holidays"),
        InlinePanel("weekly_hours", label=_("Weekly schedule"), max_num=7),
        InlinePanel("special_days", label=_("Special days")),
    ]

    class Meta:
        verbose_name = _("opening hours")


def _validate_times(instance):
    if instance.closed:
        return
    errors = {}
    if instance.opens_at is None:
        errors["opens_at"] = _("Enter the opening time or mark the day as closed.")
    if instance.closes_at is None:
        errors["closes_at"] = _("Enter the closing time or mark the day as closed.")
    if not errors and instance.closes_at <= instance.opens_at:
        errors["closes_at"] = _("The closing time must be after the opening time.")
    if errors:
        raise ValidationError(errors)


class WeeklyOpeningHours(Orderable):
    settings = ParentalKey(
        OpeningHoursSettings, on_delete=models.CASCADE, related_name="weekly_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, verbose_name=_("day"))
    closed = models.BooleanField(default=False, verbose_name=_("closed"))
    opens_at = models.TimeField(null=True, blank=True, verbose_name=_("opens at"))
    closes_at = models.TimeField(null=True, blank=True, verbose_name=_("closes at"))

    panels = [
        FieldPanel("weekday"),
        FieldPanel("closed"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("weekly opening hours")
        verbose_name_plural = _("weekly opening hours")
        constraints = [
            models.UniqueConstraint(fields=["settings", "weekday"], name="unique_weekday_per_site")
        ]

    def clean(self):
        super().clean()
        _validate_times(self)


class SpecialDay(Orderable):
    """A date with other hours than the weekly schedule, or a closure (e.g. Idul Fitri)."""

    settings = ParentalKey(
        OpeningHoursSettings, on_delete=models.CASCADE, related_name="special_days"
    )
    date = models.DateField(verbose_name=_("date"))
    closed = models.BooleanField(default=True, verbose_name=_("closed"))
    opens_at = models.TimeField(null=True, blank=True, verbose_name=_("opens at"))
    closes_at = models.TimeField(null=True, blank=True, verbose_name=_("closes at"))
    reason = models.CharField(max_length=120, verbose_name=_("reason"))

    panels = [
        FieldPanel("date"),
        FieldPanel("reason"),
        FieldPanel("closed"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("special day")
        verbose_name_plural = _("special days")

    def clean(self):
        super().clean()
        _validate_times(self)
