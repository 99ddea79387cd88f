from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceCategory(models.TextChoices):
    """Kinds of treatment; the queue gives each its own ticket prefix."""

    FACIAL = "facial", _("Facial")
    PEELING = "peeling", _("Peeling")
    LASER = "laser", _("Laser")
    INJECTION = "injection", _("Injection")
    BODY = "body", _("Body care")
    ACNE = "acne", _("Acne care")
    CONSULTATION = "consultation", _("Doctor consultation")


# Queue ticket prefixes, one letter per category so a called number tells staff the treatment kind.
QUEUE_PREFIX_BY_CATEGORY = {
    ServiceCategory.FACIAL: "A",
    ServiceCategory.PEELING: "B",
    ServiceCategory.LASER: "C",
    ServiceCategory.INJECTION: "D",
    ServiceCategory.BODY: "E",
    ServiceCategory.ACNE: "F",
    ServiceCategory.CONSULTATION: "K",
}
