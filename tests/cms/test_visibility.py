"""Drafts, unpublished and private content never reach an anonymous client.

The fixture adds hidden content next to the demo clinic, each piece carrying a unique marker
string, and links it from published content (promotions, testimonials, home highlights,
redirects) where an editor could. Every public GraphQL field and every site page is then
searched for the markers.
"""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

from cms.models import (
    HomeHighlightedService,
    HomePage,
    PromotionIndexPage,
    PromotionPage,
    ServiceIndexPage,
    ServicePage,
    Testimonial as CustomerTestimonial,
)

pytestmark = pytest.mark.django_db

DRAFT_SERVICE = "Facial Draf Rahasia"
WITHDRAWN_SERVICE = "Laser Ditarik Kembali"
PRIVATE_SERVICE = "Perawatan Privat VIP"
DRAFT_REVISION_TITLE = "Judul Revisi Belum Terbit"
DRAFT_REVISION_SUMMARY = "Ringkasan revisi yang belum terbit"
DRAFT_HERO_TITLE = "Hero Draf Belum Terbit"
DRAFT_PROMOTION = "Promo Draf Rahasia"
DRAFT_INDEX = "Indeks Layanan Draf"
DRAFT_TESTIMONIAL = "Testimoni ini masih menunggu moderasi"
WITHDRAWN_TESTIMONIAL = "Testimoni ini sudah ditarik editor"

HIDDEN_MARKERS = [
    DRAFT_SERVICE,
    WITHDRAWN_SERVICE,
    PRIVATE_SERVICE,
    DRAFT_REVISION_TITLE,
    DRAFT_REVISION_SUMMARY,
    DRAFT_HERO_TITLE,
    DRAFT_PROMOTION,
    DRAFT_INDEX,
    DRAFT_TESTIMONIAL,
    WITHDRAWN_TESTIMONIAL,
]

LIVE_TITLE = "Peeling TCA Medium"


def new_service(title: str, slug: str) -> ServicePage:
    return ServicePage(
        title=title,
        slug=slug,
        summary=f"{title}: ringkasan",
        category="facial",
        price=Decimal("777000"),
        duration_minutes=45,
        launch_date=timezone.localdate() - datetime.timedelta(days=3),
        show_in_menus=True,
    )


@pytest.fixture
def hidden(db):
    """Create hidden pages and testimonials, linked from published content; return them by name."""
    index = ServiceIndexPage.objects.get()
    home = HomePage.objects.get()

    draft = new_service(DRAFT_SERVICE, "facial-draf-rahasia")
    draft.live = False
    index.add_child(instance=draft)
    draft.save_revision()

    withdrawn = new_service(WITHDRAWN_SERVICE, "laser-ditarik-kembali")
    index.add_child(instance=withdrawn)
    withdrawn.save_revision().publish()
    withdrawn.refresh_from_db()
    withdrawn.unpublish()

    private = new_service(PRIVATE_SERVICE, "perawatan-privat-vip")
    index.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="rahasia-vip"
    )

    # An editor saves a draft of a live service with a new title and summary, not yet published.
    revised = ServicePage.objects.get(slug="peeling-tca-medium")
    revised.title = DRAFT_REVISION_TITLE
    revised.summary = DRAFT_REVISION_SUMMARY
    revised.price = Decimal("1")
    revised.save_revision()

    home_draft = HomePage.objects.get()
    home_draft.hero_title = DRAFT_HERO_TITLE
    home_draft.save_revision()

    promotion_index = PromotionIndexPage.objects.get()
    draft_promotion = PromotionPage(
        title=DRAFT_PROMOTION,
        slug="promo-draf-rahasia",
        summary=DRAFT_PROMOTION,
        start_date=timezone.localdate() - datetime.timedelta(days=1),
        end_date=timezone.localdate() + datetime.timedelta(days=10),
        discount_kind="percent",
        discount_percent=Decimal("10"),
        live=False,
    )
    promotion_index.add_child(instance=draft_promotion)
    draft_promotion.save_revision()

    # A never-published section whose child was published anyway (Wagtail allows it).
    draft_index = ServiceIndexPage(title=DRAFT_INDEX, slug="indeks-draf", live=False)
    home.add_child(instance=draft_index)
    draft_index.save_revision()
    orphan = new_service("Layanan Anak Terbit", "layanan-anak-terbit")
    draft_index.add_child(instance=orphan)
    orphan.save_revision().publish()

    hidden_services = [draft, withdrawn, private]

    active = PromotionPage.objects.get(slug="promo-akhir-tahun")
    active.services.add(*hidden_services)
    active.save()

    for order, service in enumerate(hidden_services, start=10):
        HomeHighlightedService.objects.create(page=home, service=service, sort_order=order)
        CustomerTestimonial.objects.create(
            display_name="Uji", rating=5, text=f"Ulasan terbit tentang layanan {service.pk}",
            service=service, consent_to_publish=True, live=True, first_published_at=timezone.now(),
        )
        Redirect.objects.create(old_path=f"/lama-{service.slug}", redirect_page=service)
    Redirect.objects.create(old_path="/lama-indeks-draf", redirect_page=draft_index)

    moderated = CustomerTestimonial(display_name="Baru", rating=4, text=DRAFT_TESTIMONIAL, consent_to_publish=True, live=False)
    moderated.save()
    moderated.save_revision()

    withdrawn_testimonial = CustomerTestimonial(display_name="Tarik", rating=3, text=WITHDRAWN_TESTIMONIAL, consent_to_publish=True, live=False)
    withdrawn_testimonial.save()
    withdrawn_testimonial.save_revision().publish()
    withdrawn_testimonial.refresh_from_db()
    withdrawn_testimonial.unpublish()

    return {
        "draft": draft,
        "withdrawn": withdrawn,
        "private": private,
        "revised": revised,
        "draft_promotion": draft_promotion,
        "draft_index": draft_index,
        "orphan": orphan,
        "moderated": moderated,
        "withdrawn_testimonial": withdrawn_testimonial,
    }


def assert_no_hidden_content(text: str):
    for marker in HIDDEN_MARKERS:
        assert marker not in text, f"{marker!r} reached an anonymous client"


def query_ok(graphql, query: str, variables: dict | None = None) -> dict:
    status, body = graphql(query, variables)
    assert status == 200, body
    assert "errors" not in body, body
    return body["data"]


def hidden_pages(hidden) -> list:
    return [hidden[name] for name in ("draft", "withdrawn", "private", "draft_promotion", "draft_index")]


def test_fixture_state(hidden):
    assert Page.objects.get(pk=hidden["draft"].pk).live is False
    assert Page.objects.get(pk=hidden["withdrawn"].pk).live is False
    assert Page.objects.get(pk=hidden["private"].pk).live is True
    revised = ServicePage.objects.get(pk=hidden["revised"].pk)
    assert revised.title == LIVE_TITLE
    assert revised.has_unpublished_changes is True
    assert revised.latest_revision.as_object().title == DRAFT_REVISION_TITLE
    assert CustomerTestimonial.objects.get(pk=hidden["withdrawn_testimonial"].pk).live is False


# --- GraphQL ---------------------------------------------------------------------------------


def test_services_list(graphql, hidden):
    data = query_ok(graphql, "{ services { slug name summary price { display } } }")

    text = json.dumps(data)
    assert_no_hidden_content(text)
    assert LIVE_TITLE in text
    assert "Rp 1.250.000" in text


def test_new_services_list(graphql, hidden):
    data = query_ok(graphql, "{ services(newOnly: true) { slug name } }")

    assert_no_hidden_content(json.dumps(data))


def test_service_by_slug(graphql, hidden):
    for page in hidden_pages(hidden):
        data = query_ok(graphql, "query($slug: String!) { service(slug: $slug) { name } }", {"slug": page.slug})
        assert data["service"] is None, page.slug


def test_live_version_not_draft_revision(graphql, hidden):
    data = query_ok(
        graphql,
        '{ service(slug: "peeling-tca-medium") { name summary price { min { amount } display } } }',
    )

    assert data["service"]["name"] == LIVE_TITLE
    assert data["service"]["summary"] != DRAFT_REVISION_SUMMARY
    assert data["service"]["price"]["min"]["amount"] == "1250000"


def test_home_page(graphql, hidden):
    data = query_ok(graphql, "{ homePage { heroTitle highlightedServices { slug name } } siteNavigation { title url } }")

    assert_no_hidden_content(json.dumps(data))
    assert data["homePage"]["heroTitle"] == "Kulit sehat bercahaya, dirawat oleh ahlinya"


def test_promotions(graphql, hidden):
    data = query_ok(
        graphql,
        """{
          activePromotions { slug title services { slug name } }
          promotions { slug title services { slug name } }
          promotion(slug: "promo-akhir-tahun") { services { slug name url } }
        }""",
    )

    assert_no_hidden_content(json.dumps(data))
    assert data["activePromotions"][0]["slug"] == "promo-akhir-tahun"
    assert "facial-glow-brightening" in json.dumps(data["promotion"])


def test_draft_promotion_by_slug(graphql, hidden):
    data = query_ok(graphql, '{ promotion(slug: "promo-draf-rahasia") { title } }')

    assert data["promotion"] is None


def test_testimonials(graphql, hidden):
    data = query_ok(
        graphql, "{ testimonials(limit: 50) { id text displayName service { slug name summary } } }"
    )

    text = json.dumps(data)
    assert_no_hidden_content(text)
    ids = {item["id"] for item in data["testimonials"]}
    assert str(hidden["moderated"].pk) not in ids
    assert str(hidden["withdrawn_testimonial"].pk) not in ids
    # Testimonials about a hidden service are public, but the service itself is not.
    for service in (hidden["draft"], hidden["withdrawn"], hidden["private"]):
        review = next(item for item in data["testimonials"] if item["text"].endswith(f" {service.pk}"))
        assert review["service"] is None


def test_testimonials_by_hidden_service_slug(graphql, hidden):
    for page in (hidden["draft"], hidden["withdrawn"]):
        data = query_ok(
            graphql, "query($slug: String) { testimonials(serviceSlug: $slug) { text } }", {"slug": page.slug}
        )
        assert data["testimonials"] == []


def test_grapple_pages(graphql, hidden):
    data = query_ok(
        graphql,
        """{
          pages(limit: 100) { id title slug url }
          services: pages(contentType: "cms.ServicePage", limit: 100) { id title }
          search: pages(searchQuery: "Rahasia", limit: 100) { id title }
        }""",
    )

    text = json.dumps(data)
    assert_no_hidden_content(text)
    assert LIVE_TITLE in text
    ids = {page["id"] for page in data["pages"]}
    for page in hidden_pages(hidden):
        assert str(page.pk) not in ids


def test_grapple_pages_under_parent(graphql, hidden):
    index = ServiceIndexPage.objects.get(slug="layanan")
    data = query_ok(
        graphql,
        """query($parent: ID, $home: ID) {
          byParent: pages(parent: $parent, limit: 100) { title }
          byAncestor: pages(ancestor: $home, limit: 100) { title }
          index: page(id: $parent) { children(limit: 100) { title } descendants(limit: 100) { title } }
          home: page(id: $home) { children(limit: 100) { title } descendants(limit: 100) { title } }
        }""",
        {"parent": index.pk, "home": HomePage.objects.get().pk},
    )

    assert_no_hidden_content(json.dumps(data))


def test_grapple_page_by_id_slug_and_path(graphql, hidden):
    for page in hidden_pages(hidden):
        data = query_ok(
            graphql,
            """query($id: ID, $slug: String, $path: String, $token: String) {
              byId: page(id: $id) { title }
              bySlug: page(slug: $slug) { title }
              byPath: page(urlPath: $path) { title }
              byToken: page(token: $token) { title }
            }""",
            {"id": page.pk, "slug": page.slug, "path": page.url_path, "token": f"id={page.pk}"},
        )
        assert data == {"byId": None, "bySlug": None, "byPath": None, "byToken": None}, page.slug


def test_grapple_page_shows_live_title(graphql, hidden):
    data = query_ok(graphql, "query($id: ID) { page(id: $id) { title } }", {"id": hidden["revised"].pk})

    assert data["page"]["title"] == LIVE_TITLE


def test_grapple_site_pages(graphql, hidden):
    data = query_ok(
        graphql,
        """{ sites { pages(limit: 100) { title } page(slug: "facial-draf-rahasia") { title } } }""",
    )

    assert_no_hidden_content(json.dumps(data))


def test_grapple_parent_of_live_page(graphql, hidden):
    data = query_ok(graphql, "query($id: ID) { page(id: $id) { title parent { title } } }", {"id": hidden["orphan"].pk})

    assert data["page"]["title"] == "Layanan Anak Terbit"
    assert_no_hidden_content(json.dumps(data))


def test_grapple_redirect_targets(graphql, hidden):
    data = query_ok(graphql, "{ redirects { oldPath page { title } } }")

    assert_no_hidden_content(json.dumps(data))
    old_paths = {redirect["oldPath"] for redirect in data["redirects"]}
    assert "/lama-facial-draf-rahasia" in old_paths


def test_grapple_search(graphql, hidden):
    query = """query($q: String) {
      search(query: $q) {
        __typename
        ... on PageInterface { id title }
        ... on CmsTestimonial { id }
      }
    }"""
    hidden_testimonial_ids = {str(hidden["moderated"].pk), str(hidden["withdrawn_testimonial"].pk)}
    for term in ("Rahasia", "Ditarik", "Privat", "Revisi", "moderasi", "ditarik editor", "Draf", "Kulit"):
        data = query_ok(graphql, query, {"q": term})
        assert_no_hidden_content(json.dumps(data))
        testimonial_ids = {result["id"] for result in data["search"] if result["__typename"] == "CmsTestimonial"}
        assert not testimonial_ids & hidden_testimonial_ids, term

    found = query_ok(graphql, query, {"q": "Peeling"})
    assert LIVE_TITLE in json.dumps(found)


def test_grapple_search_finds_published_testimonial(graphql, hidden):
    published = CustomerTestimonial.objects.get(display_name="Dewi S.")

    data = query_ok(graphql, '{ search(query: "Jerawat") { __typename ... on CmsTestimonial { id } } }')

    assert {"__typename": "CmsTestimonial", "id": str(published.pk)} in data["search"]


def test_grapple_snippets(graphql, hidden):
    data = query_ok(graphql, "{ snippets { snippetType contentType } }")

    # SnippetInterface has no id, so count: at most the published testimonials may be listed.
    testimonials = [item for item in data["snippets"] if item["contentType"].lower() == "cms.testimonial"]
    published = CustomerTestimonial.objects.filter(live=True).count()
    assert len(testimonials) <= published


# --- the rendered site -----------------------------------------------------------------------

SITE_PATHS = [
    "/",
    "/en/",
    "/layanan/",
    "/layanan/?kategori=facial",
    "/layanan/?kategori=laser",
    "/layanan/peeling-tca-medium/",
    "/promo/",
    "/promo/promo-akhir-tahun/",
    "/testimoni/",
    "/jam-buka/",
]


@pytest.mark.parametrize("path", SITE_PATHS)
def test_site_pages_show_no_hidden_content(client, hidden, path):
    response = client.get(path)

    assert response.status_code == 200
    assert_no_hidden_content(response.content.decode())


def test_site_shows_live_title_of_revised_service(client, hidden):
    html = client.get("/layanan/peeling-tca-medium/").content.decode()

    assert f"<h1>{LIVE_TITLE}</h1>" in html
    assert "Rp 1.250.000" in html


@pytest.mark.parametrize(
    "path",
    [
        "/layanan/facial-draf-rahasia/",
        "/layanan/laser-ditarik-kembali/",
        "/promo/promo-draf-rahasia/",
        "/indeks-draf/",
    ],
)
def test_hidden_page_urls_are_not_found(client, hidden, path):
    response = client.get(path)

    assert response.status_code == 404
    assert_no_hidden_content(response.content.decode())


def test_private_page_asks_for_password(client, hidden):
    response = client.get("/layanan/perawatan-privat-vip/")

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert_no_hidden_content(response.content.decode())


def test_private_page_shown_after_password(client, hidden):
    private = hidden["private"]
    restriction = PageViewRestriction.objects.get(page=private)
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{private.pk}/",
        {"password": "rahasia-vip", "return_url": "/layanan/perawatan-privat-vip/"},
    )
    assert response.status_code == 302

    page = client.get("/layanan/perawatan-privat-vip/")

    assert page.status_code == 200
    assert f"<h1>{PRIVATE_SERVICE}</h1>" in page.content.decode()


def test_wrong_password_keeps_page_private(client, hidden):
    private = hidden["private"]
    restriction = PageViewRestriction.objects.get(page=private)

    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{private.pk}/",
        {"password": "salah", "return_url": "/layanan/perawatan-privat-vip/"},
    )

    assert response.status_code == 200
    assert PRIVATE_SERVICE not in response.content.decode()
    assert PRIVATE_SERVICE not in client.get("/layanan/perawatan-privat-vip/").content.decode()


def test_default_site_is_the_demo_home(hidden):
    site = Site.objects.get(is_default_site=True)

    assert site.root_page.specific_class is HomePage
