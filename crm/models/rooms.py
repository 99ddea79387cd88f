from django.db import models
from django.utils.translation import gettext_lazy as _

from crm.models.choices import RoomKind, RoomStatus


class TreatmentRoom(models.Model):
    """A treatment room (kamar perawatan); at most one treatment runs in it at a time."""

    branch = models.ForeignKey(
        "crm.Branch", on_delete=models.PROTECT, related_name="rooms", verbose_name=_("branch")
    )
    name = models.CharField(max_length=60, verbose_name=_("name"))
    kind = models.CharField(max_length=20, choices=RoomKind.choices, verbose_name=_("kind"))
    status = models.CharField(
        max_length=20, choices=RoomStatus.choices, default=RoomStatus.AVAILABLE, verbose_name=_("status")
    )
    # The ticket being treated; set exactly while the room is occupied (checked by the database).
    current_ticket = models.OneToOneField(
        "crm.QueueTicket",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="occupied_room",
        verbose_name=_("current ticket"),
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("status changed at"))
    sort_order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order on the board"))

    class Meta:
        ordering = ["branch", "sort_order", "name"]
        verbose_name = _("treatment room")
        verbose_name_plural = _("treatment rooms")
        constraints = [
            models.UniqueConstraint(fields=["branch", "name"], name="crm_room_unique_name_per_branch"),
            models.CheckConstraint(
                condition=(
                    models.Q(status=RoomStatus.OCCUPIED, current_ticket__isnull=False)
                    | (~models.Q(status=RoomStatus.OCCUPIED) & models.Q(current_ticket__isnull=True))
                ),
                name="crm_room_occupied_has_ticket",
            ),
        ]

    def __str__(self):
        return self.name
