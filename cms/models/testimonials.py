from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index


class Testimonial(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A customer's review; only published (live) testimonials with consent are shown publicly."""

    display_name = models.CharField(
        max_length=60,
        verbose_name=_("display name"),
        help_text=_("As the customer wants to be shown, initials are fine (e.g. R. A.)."),
    )
    rating = models.PositiveSmallIntegerField(
        validators=[
            MinValueValidator(1, message=_("The rating is at least 1.")),
            MaxValueValidator(5, message=_("The rating is at most 5.")),
        ],
        verbose_name=_("rating (1–5)"),
    )
    text = models.TextField(max_length=2000, verbose_name=_("text"))
    service = models.ForeignKey(
        "cms.ServicePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonials",
        verbose_name=_("service"),
    )
    consent_to_publish = models.BooleanField(
        default=False,
        verbose_name=_("customer consents to publication"),
    )
    submitted_at = models.DateTimeField(auto_now_add=True, verbose_name=_("submitted at"))

    panels = [
        FieldPanel("display_name"),
        FieldPanel("rating"),
        FieldPanel("text"),
        FieldPanel("service"),
        FieldPanel("consent_to_publish"),
    ]
    # The filter fields let the public search narrow results to published testimonials.
    search_fields = [
        index.SearchField("text"),
        index.SearchField("display_name"),
        index.FilterField("live"),
        index.FilterField("consent_to_publish"),
    ]

    class Meta:
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")
        ordering = ["-first_published_at", "-submitted_at"]

    def __str__(self):
        return f"{self.display_name} ({self.rating}/5)"

    @admin.display(description=_("Consent"))
    def consent_label(self) -> str:
        # A translated word, because Wagtail's BooleanColumn shows Python's True/False as tooltip.
        return _("Yes") if self.consent_to_publish else _("No")

    def clean(self):
        super().clean()
        if self.live and not self.consent_to_publish:
            raise ValidationError(
                {"consent_to_publish": _("A testimonial is published only with the customer's consent.")}
            )
