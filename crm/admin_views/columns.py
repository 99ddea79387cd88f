"""Table columns for the clinic listings, built on wagtail.admin.ui.tables."""

from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.ui.tables import Column, StatusTagColumn

from common.money import format_rupiah


class ChoiceStatusColumn(StatusTagColumn):
    """A status tag showing the translated label of a choices field.

    `primary` lists the values drawn as primary (filled) tags, e.g. the states needing action.
    """

    def __init__(self, name, primary_values=(), **kwargs):
        super().__init__(name, primary=lambda instance: getattr(instance, name) in primary_values, **kwargs)

    def get_value(self, instance):
        return getattr(instance, f"get_{self.name}_display")()


class RupiahColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        return format_rupiah(value) if value is not None else ""


def local_datetime(value) -> str:
    """Format an aware datetime in the clinic's time zone (Asia/Jakarta), e.g. 04/12/2026 14:05."""
    if value is None:
        return ""
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


class LocalDateTimeColumn(Column):
    """A date and time written out in full rather than "2 hours ago": staff compare exact times."""

    def get_value(self, instance):
        return local_datetime(super().get_value(instance))


class LocalDateColumn(Column):
    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(value, "SHORT_DATE_FORMAT") if value else ""
