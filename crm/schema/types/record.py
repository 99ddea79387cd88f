import datetime

import graphene
from django.utils import timezone

from common.graphql.pagination import page_arguments, paginate
from common.graphql.scalars import Money
from common.private_media import default_ttl, private_file_url
from crm import permissions
from crm.models import PhotoKind, RecordAccessAction
from crm.schema.access import current_user, log_records_viewed
from crm.schema.types.common import id_resolver, label_of


class RecordAddendum(graphene.ObjectType):
    """A note added to a signed record by a practitioner."""

    text = graphene.String(required=True)
    author_name = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)

    def resolve_author_name(addendum, info):
        return addendum.author.get_full_name() or addendum.author.get_username()


class TreatmentPhoto(graphene.ObjectType):
    """A before or after photo; `url` stops working at `urlExpiresAt` (a few minutes)."""

    id = graphene.ID(required=True)
    kind = graphene.String(required=True, description="before or after.")
    kind_label = graphene.String(required=True)
    caption = graphene.String(required=True)
    width = graphene.Int()
    height = graphene.Int()
    url = graphene.String(required=True)
    url_expires_at = graphene.DateTime(required=True)

    resolve_id = id_resolver("TreatmentPhoto")

    def resolve_kind_label(photo, info):
        return label_of(PhotoKind, photo.kind)

    def resolve_url(photo, info):
        # The parent record was authorized when it was loaded; the link is bound to this user.
        return private_file_url(photo.image, current_user(info), request=info.context)

    def resolve_url_expires_at(photo, info):
        return timezone.now() + datetime.timedelta(seconds=default_ttl())


class TreatmentRecord(graphene.ObjectType):
    """A treatment record; customers see their own signed records, staff as their role allows."""

    id = graphene.ID(required=True)
    performed_at = graphene.DateTime(required=True)
    service_name = graphene.String(required=True)
    service_price = graphene.Field(Money)
    branch = graphene.Field("crm.schema.types.branch.Branch", required=True)
    practitioner_name = graphene.String(required=True)
    complaint = graphene.String(required=True)
    skin_assessment = graphene.String(required=True)
    treatment_performed = graphene.String(required=True)
    products_used = graphene.String(required=True)
    advice = graphene.String(required=True)
    next_visit_on = graphene.Date()
    is_signed = graphene.Boolean(required=True)
    signed_at = graphene.DateTime()
    addenda = graphene.List(graphene.NonNull(RecordAddendum), required=True, **page_arguments())
    photos = graphene.List(graphene.NonNull(TreatmentPhoto), required=True, **page_arguments())
    customer = graphene.Field("crm.schema.types.customer.Customer", description="Staff with customer access only.")

    resolve_id = id_resolver("TreatmentRecord")

    def resolve_service_price(record, info):
        return Money.from_amount(record.service_price)

    def resolve_practitioner_name(record, info):
        return record.practitioner.get_full_name() or record.practitioner.get_username()

    def resolve_addenda(record, info, first=None, offset=0):
        return paginate(list(record.addenda.all()), first, offset)

    def resolve_photos(record, info, first=None, offset=0):
        photos = list(paginate(list(record.photos.all()), first, offset))
        if photos:
            log_records_viewed(current_user(info), [record], action=RecordAccessAction.PHOTO_VIEWED)
        return photos

    def resolve_customer(record, info):
        if not permissions.can_view_customers(current_user(info)):
            return None
        return record.customer
