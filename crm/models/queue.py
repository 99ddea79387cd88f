from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.money import RUPIAH_DIGITS
from crm.models.choices import TicketSource, TicketStatus

queue_prefix_validator = RegexValidator(
    r"^[A-Z]{1,3}$", message=_("A queue prefix is one to three capital letters.")
)


class QueueCounter(models.Model):
    """The last number handed out per branch, local day and prefix.

    Taking a number locks this row, so concurrent requests queue behind each other and each
    gets the next number exactly once.
    """

    branch = models.ForeignKey("crm.Branch", on_delete=models.CASCADE, related_name="+")
    service_date = models.DateField()
    prefix = models.CharField(max_length=3, validators=[queue_prefix_validator])
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "service_date", "prefix"], name="crm_queuecounter_unique_day_prefix"
            )
        ]


class QueueTicket(models.Model):
    """A queue number (antrian) for one visit, shown as `A-007`."""

    branch = models.ForeignKey(
        "crm.Branch", on_delete=models.PROTECT, related_name="queue_tickets", verbose_name=_("branch")
    )
    # Local date in Asia/Jakarta, so a ticket taken at 00:15 belongs to the new day.
    service_date = models.DateField(verbose_name=_("service date"))
    prefix = models.CharField(max_length=3, validators=[queue_prefix_validator], verbose_name=_("prefix"))
    number = models.PositiveIntegerField(verbose_name=_("number"))
    customer = models.ForeignKey(
        "crm.Customer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="queue_tickets",
        verbose_name=_("customer"),
    )
    walk_in_name = models.CharField(
        max_length=150,
        blank=True,
        verbose_name=_("walk-in name"),
        help_text=_("Name to call when the visitor is not a registered customer."),
    )
    service = models.ForeignKey(
        "cms.ServicePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested service"),
    )
    # Copies of the service as it was when the number was taken; the CMS page may change later.
    service_name = models.CharField(max_length=255, blank=True, verbose_name=_("service name"))
    service_price = models.DecimalField(
        max_digits=RUPIAH_DIGITS, decimal_places=0, null=True, blank=True, verbose_name=_("service price (Rp)")
    )
    service_duration_minutes = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("service duration (minutes)")
    )
    source = models.CharField(
        max_length=10, choices=TicketSource.choices, default=TicketSource.WALK_IN, verbose_name=_("source")
    )
    status = models.CharField(
        max_length=20, choices=TicketStatus.choices, default=TicketStatus.WAITING, verbose_name=_("status")
    )
    notes = models.CharField(max_length=255, blank=True, verbose_name=_("notes"))
    room = models.ForeignKey(
        "crm.TreatmentRoom",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        verbose_name=_("treatment room"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("taken at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("taken by"),
    )
    called_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last called at"))
    treatment_started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("treatment started at"))
    treatment_finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("treatment finished at"))
    status_changed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("status changed at"))

    class Meta:
        ordering = ["service_date", "created_at", "pk"]
        verbose_name = _("queue ticket")
        verbose_name_plural = _("queue tickets")
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "service_date", "prefix", "number"], name="crm_queueticket_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(customer__isnull=False) | ~models.Q(walk_in_name=""),
                name="crm_queueticket_has_customer_or_name",
            ),
        ]
        indexes = [models.Index(fields=["branch", "service_date", "status"], name="crm_ticket_day_status_idx")]

    def __str__(self):
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"{self.prefix}-{self.number:03d}"

    @property
    def visitor_name(self) -> str:
        """Name to call out: the customer's, else the walk-in name (needs customer loaded)."""
        if self.customer_id:
            return self.customer.full_name
        return self.walk_in_name


class QueueTicketStatusChange(models.Model):
    """One step in a ticket's history; a recall is recorded as called → called."""

    ticket = models.ForeignKey(
        QueueTicket, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("ticket")
    )
    from_status = models.CharField(
        max_length=20, choices=TicketStatus.choices, blank=True, verbose_name=_("from status")
    )
    to_status = models.CharField(max_length=20, choices=TicketStatus.choices, verbose_name=_("to status"))
    changed_at = models.DateTimeField(verbose_name=_("changed at"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    note = models.CharField(max_length=255, blank=True, verbose_name=_("note"))

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("queue ticket status change")
        verbose_name_plural = _("queue ticket status changes")
