"""Content rules of the CMS models, and their errors in the Indonesian Wagtail admin."""

import datetime
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield
from wagtail.users.models import UserProfile

from cms.models import PromotionPage, ServiceIndexPage, ServicePage
from cms.models import Testimonial as CustomerTestimonial

# Building a Wagtail page instance looks up its content type, so every test needs the database.
pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
UTC = datetime.timezone.utc

# Translations from locale/id/LC_MESSAGES/django.po of the model messages below.
END_BEFORE_START_ID = "Hari terakhir tidak boleh sebelum hari pertama."
NEGATIVE_PRICE_ID = "Harga tidak boleh negatif."


# --- "new" services: launched within the last 60 days -----------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        (0, True),
        (1, True),
        (59, True),
        (60, True),
        (61, False),
        (400, False),
        (-1, False),  # announced but not launched yet
    ],
)
def test_service_is_new_boundaries(days_ago, expected):
    today = datetime.date(2026, 12, 5)
    service = ServicePage(launch_date=today - datetime.timedelta(days=days_ago))

    assert service.is_new(today) is expected


def test_service_is_new_uses_jakarta_date():
    # 2026-12-05 17:30 UTC is already 6 December in Jakarta, 61 days after the launch.
    service = ServicePage(launch_date=datetime.date(2026, 10, 6))

    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 5, 16, 59, tzinfo=UTC)):
        assert service.is_new() is True
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 5, 17, 30, tzinfo=UTC)):
        assert service.is_new() is False


def test_new_only_filter_follows_jakarta_date(graphql):
    ServicePage.objects.filter(slug="hydrafacial-deluxe").update(launch_date=datetime.date(2026, 10, 6))
    query = "{ services(newOnly: true) { slug isNew } }"

    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 5, 16, 59, tzinfo=UTC)):
        _status, before_midnight = graphql(query)
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 5, 17, 0, tzinfo=UTC)):
        _status, after_midnight = graphql(query)

    assert {"slug": "hydrafacial-deluxe", "isNew": True} in before_midnight["data"]["services"]
    assert "hydrafacial-deluxe" not in [service["slug"] for service in after_midnight["data"]["services"]]


# --- promotions: active while today in Jakarta is inside the period ----------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 11, 30), False),
        (datetime.date(2026, 12, 1), True),
        (datetime.date(2026, 12, 15), True),
        (datetime.date(2026, 12, 31), True),
        (datetime.date(2027, 1, 1), False),
    ],
)
def test_promotion_is_active_boundaries(today, expected):
    promotion = PromotionPage(start_date=datetime.date(2026, 12, 1), end_date=datetime.date(2026, 12, 31))

    assert promotion.is_active(today) is expected


def test_one_day_promotion():
    promotion = PromotionPage(start_date=datetime.date(2026, 12, 12), end_date=datetime.date(2026, 12, 12))

    assert promotion.is_active(datetime.date(2026, 12, 12)) is True
    assert promotion.is_active(datetime.date(2026, 12, 13)) is False


def test_promotion_is_active_uses_jakarta_date():
    promotion = PromotionPage(start_date=datetime.date(2026, 12, 6), end_date=datetime.date(2026, 12, 31))

    # 17:00 UTC on 5 December is midnight at the start of 6 December in Jakarta.
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 5, 16, 59, tzinfo=UTC)):
        assert promotion.is_active() is False
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 5, 17, 0, tzinfo=UTC)):
        assert promotion.is_active() is True


def test_active_promotions_switch_at_jakarta_midnight(graphql):
    PromotionPage.objects.filter(slug="promo-akhir-tahun").update(
        start_date=datetime.date(2026, 11, 1), end_date=datetime.date(2026, 12, 5)
    )
    PromotionPage.objects.filter(slug="promo-imlek").update(
        start_date=datetime.date(2026, 12, 6), end_date=datetime.date(2027, 2, 1)
    )
    query = "{ activePromotions { slug isActive } }"

    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 5, 16, 59, tzinfo=UTC)):
        _status, late_evening = graphql(query)
    with mock.patch("django.utils.timezone.now", return_value=datetime.datetime(2026, 12, 5, 17, 0, tzinfo=UTC)):
        _status, midnight = graphql(query)

    assert late_evening["data"]["activePromotions"] == [{"slug": "promo-akhir-tahun", "isActive": True}]
    assert midnight["data"]["activePromotions"] == [{"slug": "promo-imlek", "isActive": True}]


# --- model validation --------------------------------------------------------------------------


def valid_promotion(**changes) -> PromotionPage:
    fields = {
        "title": "Promo Uji",
        "slug": "promo-uji",
        "summary": "Diskon uji.",
        "start_date": datetime.date(2026, 12, 1),
        "end_date": datetime.date(2026, 12, 31),
        "discount_kind": "percent",
        "discount_percent": Decimal("15"),
    }
    fields.update(changes)
    return PromotionPage(**fields)


def test_promotion_end_before_start_is_invalid():
    promotion = valid_promotion(end_date=datetime.date(2026, 11, 30))

    with pytest.raises(ValidationError) as raised:
        promotion.clean()

    assert "end_date" in raised.value.message_dict


def test_promotion_same_first_and_last_day_is_valid():
    valid_promotion(end_date=datetime.date(2026, 12, 1)).clean()


def test_percent_promotion_needs_percent():
    with pytest.raises(ValidationError) as raised:
        valid_promotion(discount_percent=None).clean()

    assert "discount_percent" in raised.value.message_dict


def test_amount_promotion_needs_amount():
    with pytest.raises(ValidationError) as raised:
        valid_promotion(discount_kind="amount", discount_percent=None).clean()

    assert "discount_amount" in raised.value.message_dict


def valid_service(**changes) -> ServicePage:
    fields = {
        "title": "Perawatan Uji",
        "slug": "perawatan-uji",
        "summary": "Ringkasan.",
        "category": "facial",
        "price": Decimal("350000"),
        "duration_minutes": 60,
        "launch_date": datetime.date(2026, 12, 1),
    }
    fields.update(changes)
    return ServicePage(**fields)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"price": Decimal("-1")}, "price"),
        ({"price_max": Decimal("-1")}, "price_max"),
        ({"duration_minutes": 4}, "duration_minutes"),
        ({"duration_minutes": 601}, "duration_minutes"),
        ({"price": Decimal("350000.5")}, "price"),
    ],
)
def test_service_field_validation(changes, field):
    with pytest.raises(ValidationError) as raised:
        valid_service(**changes).clean_fields(exclude=["path", "depth", "content_type", "locale", "translation_key"])

    assert field in raised.value.message_dict


def test_free_service_is_valid():
    valid_service(price=Decimal("0")).clean_fields(
        exclude=["path", "depth", "content_type", "locale", "translation_key"]
    )


def test_price_range_must_not_fall():
    with pytest.raises(ValidationError) as raised:
        valid_service(price_max=Decimal("300000")).clean()

    assert "price_max" in raised.value.message_dict


def test_range_and_starting_price_exclude_each_other():
    with pytest.raises(ValidationError) as raised:
        valid_service(price_max=Decimal("500000"), price_is_from=True).clean()

    assert "price_is_from" in raised.value.message_dict


def test_published_testimonial_needs_consent():
    testimonial = CustomerTestimonial(display_name="R. A.", rating=5, text="Bagus.", live=True, consent_to_publish=False)

    with pytest.raises(ValidationError) as raised:
        testimonial.clean()

    assert "consent_to_publish" in raised.value.message_dict


# --- the Wagtail admin in Indonesian -----------------------------------------------------------


@pytest.fixture
def admin_client(client):
    """Return a client signed in as the demo admin, whose admin language is Indonesian."""
    admin = get_user_model().objects.get(username="admin")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "id"
    profile.save()
    client.force_login(admin)
    return client


def edit_form_data(admin_client, url: str):
    response = admin_client.get(url)
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def test_admin_refuses_promotion_ending_before_start(admin_client):
    promotion = PromotionPage.objects.get(slug="promo-imlek")
    revisions_before = promotion.revisions.count()
    url = f"/admin/pages/{promotion.pk}/edit/"
    data = edit_form_data(admin_client, url)
    data["start_date"] = "2027-02-10"
    data["end_date"] = "2027-02-01"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert END_BEFORE_START_ID in html
    assert 'lang="id"' in html
    promotion.refresh_from_db()
    assert promotion.end_date != datetime.date(2027, 2, 1)
    assert promotion.start_date != datetime.date(2027, 2, 10)
    assert promotion.revisions.count() == revisions_before


def test_admin_saves_valid_promotion_change(admin_client):
    promotion = PromotionPage.objects.get(slug="promo-imlek")
    url = f"/admin/pages/{promotion.pk}/edit/"
    data = edit_form_data(admin_client, url)
    data["end_date"] = (promotion.end_date + datetime.timedelta(days=3)).isoformat()

    response = admin_client.post(url, data)

    # A saved draft redirects back to the editor; the live page keeps its dates until published.
    assert response.status_code == 302
    promotion.refresh_from_db()
    assert promotion.has_unpublished_changes is True
    assert promotion.latest_revision.as_object().end_date == promotion.end_date + datetime.timedelta(days=3)


def service_add_data(admin_client, index: ServiceIndexPage, **fields):
    data = querydict_from_html(
        admin_client.get(f"/admin/pages/add/cms/servicepage/{index.pk}/").content.decode(),
        form_id="page-edit-form",
    )
    data.update(nested_form_data({"body": streamfield([])}))
    data.update(
        {
            "title": "Facial Uji Harga",
            "slug": "facial-uji-harga",
            "summary": "Perawatan untuk menguji validasi harga.",
            "category": "facial",
            "price": "350000",
            "duration_minutes": "60",
            "launch_date": "2026-12-01",
        }
    )
    data.update(fields)
    return data


def test_admin_refuses_negative_price(admin_client):
    index = ServiceIndexPage.objects.get()
    services_before = ServicePage.objects.count()
    data = service_add_data(admin_client, index, price="-150000")

    response = admin_client.post(f"/admin/pages/add/cms/servicepage/{index.pk}/", data)

    assert response.status_code == 200
    assert NEGATIVE_PRICE_ID in response.content.decode()
    assert ServicePage.objects.count() == services_before
    assert not ServicePage.objects.filter(slug="facial-uji-harga").exists()


def test_admin_creates_valid_service(admin_client):
    index = ServiceIndexPage.objects.get()
    data = service_add_data(admin_client, index)

    response = admin_client.post(f"/admin/pages/add/cms/servicepage/{index.pk}/", data)

    assert response.status_code == 302
    created = ServicePage.objects.get(slug="facial-uji-harga")
    assert created.price == Decimal("350000")
    assert created.live is False


def test_admin_refuses_negative_price_on_edit(admin_client):
    service = ServicePage.objects.get(slug="facial-glow-brightening")
    url = f"/admin/pages/{service.pk}/edit/"
    data = service_add_data(admin_client, ServiceIndexPage.objects.get(), title=service.title, slug=service.slug)
    # The edit form of a saved page carries its own revision fields and gallery rows.
    data.update(edit_form_data(admin_client, url))
    data.update(nested_form_data({"body": streamfield([])}))
    data["price"] = "-1"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert NEGATIVE_PRICE_ID in response.content.decode()
    service.refresh_from_db()
    assert service.price == Decimal("350000")
    assert service.has_unpublished_changes is False

