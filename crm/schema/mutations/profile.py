"""The customer's own data: profile, consents, testimonial and a full export."""

import logging

import graphene
from django.utils.translation import gettext

from cms.models import Testimonial
from crm import services
from crm.models import TicketStatus
from crm.schema.access import require_customer, require_user
from crm.schema.export import customer_export
from crm.schema.mutations.base import error, errors_field, not_found, run_service
from crm.schema.mutations.queue import live_service
from crm.schema.types.customer import Customer

logger = logging.getLogger(__name__)

MAX_TESTIMONIAL_CHARS = 2000
MAX_DISPLAY_NAME_CHARS = 60


class ProfileInput(graphene.InputObjectType):
    """Fields to change; omitted fields stay as they are."""

    full_name = graphene.String()
    phone = graphene.String()
    email = graphene.String()
    birth_date = graphene.Date()
    sex = graphene.String()
    skin_type = graphene.String()
    allergies = graphene.String()


class UpdateProfile(graphene.Mutation):
    class Arguments:
        input = ProfileInput(required=True)

    profile = graphene.Field(Customer)
    errors = errors_field()

    def mutate(root, info, input):
        user = require_user(info)
        customer = require_customer(info)

        def work():
            changes = {name: value for name, value in dict(input).items() if value is not None}
            updated = services.update_customer(actor=user, customer=customer, **changes)
            if "email" in changes and updated.email and updated.email != user.email:
                # The account's e-mail is the sign-in name of online customers; keep them the same.
                user.email = updated.email
                user.save(update_fields=["email"])
            return {"profile": updated}

        return run_service(info, UpdateProfile, work)


class SetConsents(graphene.Mutation):
    """Give or withdraw consent to marketing messages and to the use of treatment photos."""

    class Arguments:
        marketing_consent = graphene.Boolean()
        photo_consent = graphene.Boolean()

    profile = graphene.Field(Customer)
    errors = errors_field()

    def mutate(root, info, marketing_consent=None, photo_consent=None):
        user = require_user(info)
        customer = require_customer(info)

        def work():
            updated = services.set_customer_consents(
                actor=user, customer=customer, marketing_consent=marketing_consent, photo_consent=photo_consent
            )
            return {"profile": updated}

        return run_service(info, SetConsents, work)


class ExportMyData(graphene.Mutation):
    """Export of all data the clinic stores about the signed-in customer, as one JSON document."""

    data = graphene.JSONString()
    errors = errors_field()

    def mutate(root, info):
        customer = require_customer(info)
        logger.info("Customer %s exported their data", customer.pk)
        return ExportMyData(data=customer_export(customer, request=info.context), errors=[])


class SubmitTestimonial(graphene.Mutation):
    """Send a review for moderation; editors publish it in the CMS. Only after a treatment."""

    class Arguments:
        rating = graphene.Int(required=True, description="1 to 5.")
        text = graphene.String(required=True, description=f"At most {MAX_TESTIMONIAL_CHARS} characters.")
        display_name = graphene.String(required=True, description="As you want to be shown, initials are fine.")
        service_slug = graphene.String()
        consent_to_publish = graphene.Boolean(required=True)

    submitted = graphene.Boolean(description="True once the testimonial is waiting for moderation.")
    errors = errors_field()

    def mutate(root, info, rating, text, display_name, consent_to_publish, service_slug=None):
        user = require_user(info)
        customer = require_customer(info)

        def work():
            had_treatment = (
                customer.treatment_records.exists()
                or customer.queue_tickets.filter(status=TicketStatus.DONE).exists()
            )
            if not had_treatment:
                return error(
                    "no_treatment_yet",
                    gettext("You can write a testimonial after your first treatment with us."),
                )
            if not 1 <= rating <= 5:
                return error("rating_invalid", gettext("The rating must be between 1 and 5."), "rating")
            clean_text = text.strip()
            if not clean_text or len(clean_text) > MAX_TESTIMONIAL_CHARS:
                return error(
                    "text_invalid",
                    gettext("Write between 1 and %(max)s characters.") % {"max": MAX_TESTIMONIAL_CHARS},
                    "text",
                )
            name = " ".join(display_name.split())
            if not name or len(name) > MAX_DISPLAY_NAME_CHARS:
                return error(
                    "display_name_invalid",
                    gettext("Enter a display name of at most %(max)s characters.") % {"max": MAX_DISPLAY_NAME_CHARS},
                    "display_name",
                )
            service = live_service(service_slug)
            if service_slug and service is None:
                return not_found("service_slug")
            # Saved as a draft with a revision: it is not shown until an editor publishes it.
            testimonial = Testimonial(
                display_name=name,
                rating=rating,
                text=clean_text,
                service=service,
                consent_to_publish=consent_to_publish,
                live=False,
                has_unpublished_changes=True,
            )
            testimonial.save()
            testimonial.save_revision(user=user, log_action=True)
            logger.info("Testimonial %s submitted by customer %s for moderation", testimonial.pk, customer.pk)
            return {"submitted": True}

        return run_service(info, SubmitTestimonial, work)
