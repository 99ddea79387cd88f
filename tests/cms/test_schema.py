"""The CMS root fields of the GraphQL schema: filters, exact money, image renditions, query counts."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model

from cms.demo_images import draw_picture
from cms.models import ServiceCategory, ServiceGalleryImage, ServiceIndexPage, ServicePage
from cms.models import Testimonial as CustomerTestimonial

pytestmark = pytest.mark.django_db


def query_ok(graphql, query: str, variables: dict | None = None) -> dict:
    status, body = graphql(query, variables)
    assert status == 200, body
    assert "errors" not in body, body
    return body["data"]


# --- services ----------------------------------------------------------------------------------


def test_services_sorted_by_category_then_name(graphql):
    services = query_ok(graphql, "{ services { name category } }")["services"]

    assert len(services) == 12
    keys = [(service["category"], service["name"]) for service in services]
    # Categories come in their declared order, the order of the site's filter buttons.
    declared = [choice.name for choice in ServiceCategory]
    assert keys == sorted(keys, key=lambda key: (declared.index(key[0]), key[1]))
    assert keys[0][0] == "FACIAL"


def test_services_by_category(graphql):
    services = query_ok(graphql, "{ services(category: LASER) { name category categoryLabel } }")["services"]

    assert [service["name"] for service in services] == ["Laser Pigmentasi", "Laser Rejuvenation"]
    assert {service["category"] for service in services} == {"LASER"}
    assert {service["categoryLabel"] for service in services} == {"Laser"}


def test_services_category_without_services(graphql):
    ServicePage.objects.filter(category="consultation").update(category="facial")

    services = query_ok(graphql, "{ services(category: CONSULTATION) { name } }")["services"]

    assert services == []


def test_services_new_only(graphql):
    services = query_ok(graphql, "{ services(newOnly: true) { name isNew launchDate } }")["services"]

    assert [service["name"] for service in services] == ["Hydrafacial Deluxe"]
    assert services[0]["isNew"] is True
    launched = datetime.date.fromisoformat(services[0]["launchDate"])
    assert (timezone.localdate() - launched).days == 20


def test_services_new_only_and_category(graphql):
    facial = query_ok(graphql, "{ services(category: FACIAL, newOnly: true) { name } }")["services"]
    laser = query_ok(graphql, "{ services(category: LASER, newOnly: true) { name } }")["services"]

    assert [service["name"] for service in facial] == ["Hydrafacial Deluxe"]
    assert laser == []


def test_unknown_category_is_validation_error(graphql):
    status, body = graphql("{ services(category: MASSAGE) { name } }")

    assert status == 400
    assert "MASSAGE" in body["errors"][0]["message"]


def test_service_by_slug(graphql):
    service = query_ok(
        graphql,
        """{ service(slug: "hydrafacial-deluxe") {
            slug url name summary category durationMinutes isNew
            body { type text html }
        } }""",
    )["service"]

    assert service["name"] == "Hydrafacial Deluxe"
    assert service["url"] == "/layanan/hydrafacial-deluxe/"
    assert service["category"] == "FACIAL"
    assert service["durationMinutes"] == 60
    assert service["isNew"] is True
    assert [block["type"] for block in service["body"]][:2] == ["heading", "paragraph"]
    assert service["body"][0]["text"] == "Untuk siapa perawatan ini?"
    assert service["body"][1]["html"].startswith("<p>")


def test_unknown_service_is_null(graphql):
    data = query_ok(graphql, '{ service(slug: "tidak-ada") { name } }')

    assert data == {"service": None}


def test_service_slug_is_required(graphql):
    status, body = graphql("{ service { name } }")

    assert status == 400
    assert "slug" in body["errors"][0]["message"]


# --- money -------------------------------------------------------------------------------------

PRICE_QUERY = """query($slug: String!) {
  service(slug: $slug) { price { isFrom display min { amount display } max { amount display } } }
}"""


def price_of(graphql, slug: str) -> dict:
    return query_ok(graphql, PRICE_QUERY, {"slug": slug})["service"]["price"]


def test_single_price_is_exact_string(graphql):
    price = price_of(graphql, "peeling-tca-medium")

    assert price["min"]["amount"] == "1250000"
    assert isinstance(price["min"]["amount"], str)
    assert price["min"]["display"] == "Rp 1.250.000"
    assert price["max"] is None
    assert price["isFrom"] is False
    assert price["display"] == "Rp 1.250.000"


def test_price_range(graphql):
    price = price_of(graphql, "laser-rejuvenation")

    assert price["min"] == {"amount": "1500000", "display": "Rp 1.500.000"}
    assert price["max"] == {"amount": "2500000", "display": "Rp 2.500.000"}
    assert price["display"] == "Rp 1.500.000 – Rp 2.500.000"


def test_starting_price_in_indonesian(graphql):
    price = price_of(graphql, "laser-pigmentasi")

    assert price["isFrom"] is True
    assert price["min"]["amount"] == "1750000"
    assert price["display"] == "Mulai Rp 1.750.000"


def test_largest_price_stays_exact(graphql):
    # The largest amount the 12-digit column holds; far beyond a 32-bit GraphQL Int.
    ServicePage.objects.filter(slug="filler-hyaluronic").update(price=Decimal("999999999999"), price_max=None)

    price = price_of(graphql, "filler-hyaluronic")

    assert price["min"]["amount"] == "999999999999"
    assert price["display"] == "Rp 999.999.999.999"


def test_promotion_money(graphql):
    data = query_ok(
        graphql,
        """{
          imlek: promotion(slug: "promo-imlek") { discountKind discountDisplay discountPercent discountAmount { amount display } }
          yearEnd: promotion(slug: "promo-akhir-tahun") { discountKind discountDisplay discountPercent discountAmount { amount } }
        }""",
    )

    assert data["imlek"]["discountKind"] == "AMOUNT"
    assert data["imlek"]["discountAmount"] == {"amount": "250000", "display": "Rp 250.000"}
    assert data["imlek"]["discountDisplay"] == "Rp 250.000"
    assert data["imlek"]["discountPercent"] is None
    assert data["yearEnd"]["discountKind"] == "PERCENT"
    assert data["yearEnd"]["discountDisplay"] == "20%"
    assert data["yearEnd"]["discountAmount"] is None


# --- images ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enum_name", "spec", "width", "height"),
    [
        ("FILL_400X300", "fill-400x300", 400, 300),
        ("FILL_800X600", "fill-800x600", 800, 600),
        ("FILL_1200X600", "fill-1200x600", 1200, 600),
    ],
)
def test_main_image_rendition_size(graphql, enum_name, spec, width, height):
    image = query_ok(
        graphql, f'{{ service(slug: "hydrafacial-deluxe") {{ mainImage(filter: {enum_name}) {{ url width height alt }} }} }}'
    )["service"]["mainImage"]

    assert f".{spec}." in image["url"]
    assert image["url"].startswith("/media/images/")
    assert (image["width"], image["height"]) == (width, height)
    assert image["alt"] == "Hydrafacial Deluxe"


def test_width_rendition_keeps_aspect_ratio(graphql):
    image = query_ok(
        graphql, '{ service(slug: "hydrafacial-deluxe") { mainImage(filter: WIDTH_400) { url width height } } }'
    )["service"]["mainImage"]

    # Demo pictures are 1600x900.
    assert (image["width"], image["height"]) == (400, 225)
    assert ".width-400." in image["url"]


def test_gallery_renditions(graphql):
    gallery = query_ok(
        graphql,
        '{ service(slug: "hydrafacial-deluxe") { gallery { caption image(filter: FILL_400X300) { width height alt } } } }',
    )["service"]["gallery"]

    assert len(gallery) == 2
    assert gallery[0]["image"]["width"] == 400
    assert gallery[0]["image"]["alt"] == gallery[0]["caption"]


@pytest.mark.parametrize(
    "argument",
    ["FILL_9999X9999", '"fill-400x300"', "ORIGINAL", "fill_400x300"],
)
def test_image_filter_outside_enum_is_validation_error(graphql, argument):
    status, body = graphql(f'{{ service(slug: "hydrafacial-deluxe") {{ mainImage(filter: {argument}) {{ url }} }} }}')

    assert status == 400
    assert "data" not in body
    assert body["errors"]


def test_image_filter_variable_outside_enum(graphql):
    status, body = graphql(
        'query($size: ImageFilter!) { service(slug: "hydrafacial-deluxe") { mainImage(filter: $size) { url } } }',
        {"size": "fill-10x10"},
    )

    assert status == 400
    assert "ImageFilter" in body["errors"][0]["message"]


def test_image_filter_is_required(graphql):
    status, body = graphql('{ service(slug: "hydrafacial-deluxe") { mainImage { url } } }')

    assert status == 400


# --- constant query counts ---------------------------------------------------------------------

SERVICES_LIST_QUERY = """{
  services {
    slug url name summary category categoryLabel isNew durationMinutes
    price { display min { amount } max { amount } }
    mainImage(filter: FILL_400X300) { url width height alt }
    gallery { caption image(filter: FILL_400X300) { url } }
    body { type text html }
  }
}"""

TESTIMONIALS_QUERY = """{
  testimonials(limit: 50) {
    id displayName rating text publishedAt
    service { name url price { display } }
  }
}"""

PROMOTIONS_QUERY = """{
  activePromotions { title discountDisplay services { name url price { display } } bannerImage(filter: FILL_800X600) { url } }
  promotions { title services { name } }
}"""


def count_queries(graphql, query: str) -> int:
    # The first run renders any missing renditions; only the second run is counted.
    query_ok(graphql, query)
    with CaptureQueriesContext(connection) as captured:
        query_ok(graphql, query)
    return len(captured.captured_queries)


def add_services(count: int, first: int = 0) -> list[ServicePage]:
    index = ServiceIndexPage.objects.get()
    images = get_image_model()
    services = []
    for number in range(first, first + count):
        main = images.objects.create(title=f"Uji {number}", file=draw_picture(f"Uji {number}", number, size=(640, 480)))
        gallery = images.objects.create(title=f"Galeri {number}", file=draw_picture(f"Galeri {number}", number, size=(640, 480)))
        page = ServicePage(
            title=f"Perawatan Uji {number:02d}",
            slug=f"perawatan-uji-{number:02d}",
            summary="Perawatan untuk menguji jumlah kueri.",
            category="body",
            price=Decimal("500000") + number,
            duration_minutes=30,
            launch_date=timezone.localdate(),
            main_image=main,
            body=[("heading", "Judul"), ("paragraph", "<p>Isi</p>")],
        )
        page.gallery_images = [ServiceGalleryImage(image=gallery, caption="Ruang")]
        index.add_child(instance=page)
        page.save_revision().publish()
        services.append(page)
    return services


def test_services_query_count_is_constant(graphql):
    before = count_queries(graphql, SERVICES_LIST_QUERY)

    add_services(12)
    after = count_queries(graphql, SERVICES_LIST_QUERY)

    assert len(query_ok(graphql, "{ services { slug } }")["services"]) == 24
    assert after == before


def test_testimonials_query_count_is_constant(graphql):
    before = count_queries(graphql, TESTIMONIALS_QUERY)

    services = list(ServicePage.objects.live())
    for number in range(12):
        CustomerTestimonial.objects.create(
            display_name=f"Pelanggan {number}", rating=5, text="Bagus sekali.", service=services[number % len(services)],
            consent_to_publish=True, live=True, first_published_at=timezone.now(),
        )
    after = count_queries(graphql, TESTIMONIALS_QUERY)

    assert len(query_ok(graphql, TESTIMONIALS_QUERY)["testimonials"]) == 20
    assert after == before


def test_promotions_query_count_is_constant(graphql):
    from cms.models import PromotionPage

    before = count_queries(graphql, PROMOTIONS_QUERY)

    for number, promotion in enumerate(PromotionPage.objects.all()):
        promotion.services.add(*add_services(3, first=3 * number))
        promotion.save()
    after = count_queries(graphql, PROMOTIONS_QUERY)

    assert after == before
