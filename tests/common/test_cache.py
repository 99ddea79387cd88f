"""The response caches: what they store, what they never store, and when entries go stale."""

import datetime

import graphene
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory, override_settings
from django.utils import timezone, translation
from graphql.validation import specified_rules

from cms.models import HomePage, OpeningHoursSettings, ServicePage, SpecialDay
from cms.models import Testimonial as TestimonialSnippet
from common.api_tokens import create_api_token
from common.graphql import cache as response_cache

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("response_cache_on")]

SERVICE_NAMES = "query ServiceNames { services { slug name } }"


@pytest.fixture
def response_cache_on():
    cache.clear()
    with override_settings(AMAZE_RESPONSE_CACHE=True):
        yield
    cache.clear()


def post_query(client, query, variables=None, **headers):
    response = client.post(
        "/graphql/", data={"query": query, "variables": variables or {}}, content_type="application/json", **headers
    )
    return response


def service_names(response) -> dict[str, str]:
    return {service["slug"]: service["name"] for service in response.json()["data"]["services"]}


def rename_without_signals(slug: str, title: str) -> None:
    """Change a live service row behind the caches' back, as a stale entry would show it."""
    ServicePage.objects.filter(slug=slug).update(title=title)


def test_query_served_from_cache_on_repeat(client):
    first = post_query(client, SERVICE_NAMES)
    second = post_query(client, SERVICE_NAMES)

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.json() == first.json()


def test_cached_query_costs_no_sql(client, django_assert_num_queries):
    post_query(client, SERVICE_NAMES)

    with django_assert_num_queries(0):
        response = post_query(client, SERVICE_NAMES)

    assert response["X-Cache"] == "hit"


def test_publish_visible_on_next_request(client):
    post_query(client, SERVICE_NAMES)
    page = ServicePage.objects.get(slug="hydrafacial-deluxe")
    page.title = "Hydrafacial Platinum"
    page.save_revision().publish()

    response = post_query(client, SERVICE_NAMES)

    assert response["X-Cache"] == "miss"
    assert service_names(response)["hydrafacial-deluxe"] == "Hydrafacial Platinum"


def test_unpublish_visible_on_next_request(client):
    post_query(client, SERVICE_NAMES)
    ServicePage.objects.get(slug="laser-pigmentasi").unpublish()

    response = post_query(client, SERVICE_NAMES)

    assert "laser-pigmentasi" not in service_names(response)


def test_testimonial_publish_visible_on_next_request(client):
    query = "{ testimonials(limit: 50) { displayName } }"
    before = post_query(client, query).json()["data"]["testimonials"]
    draft = TestimonialSnippet.objects.get(display_name="N. H.")
    draft.save_revision().publish()

    after = post_query(client, query).json()["data"]["testimonials"]

    assert {"displayName": "N. H."} not in before
    assert {"displayName": "N. H."} in after


def test_opening_hours_save_visible_on_next_request(client):
    query = "{ openingHours { today { closed reason } } }"
    post_query(client, query)
    hours = OpeningHoursSettings.objects.get()
    SpecialDay.objects.create(settings=hours, date=timezone.localdate(), closed=True, reason="Renovasi")

    today = post_query(client, query).json()["data"]["openingHours"]["today"]

    assert today == {"closed": True, "reason": "Renovasi"}


def test_signed_in_user_never_served_from_cache(client):
    post_query(client, SERVICE_NAMES)
    rename_without_signals("hydrafacial-deluxe", "Renamed behind the cache")
    user = get_user_model().objects.create_user("cache-reader", password="cache-reader-password")
    client.force_login(user)

    response = post_query(client, SERVICE_NAMES)

    assert not response.has_header("X-Cache")
    assert service_names(response)["hydrafacial-deluxe"] == "Renamed behind the cache"


def test_signed_in_response_not_stored(client):
    user = get_user_model().objects.create_user("cache-writer", password="cache-writer-password")
    client.force_login(user)
    post_query(client, SERVICE_NAMES)
    client.logout()

    response = post_query(client, SERVICE_NAMES)

    assert response["X-Cache"] == "miss"


def test_bearer_request_never_served_from_cache(client):
    post_query(client, SERVICE_NAMES)
    rename_without_signals("hydrafacial-deluxe", "Renamed behind the cache")
    user = get_user_model().objects.create_user("cache-app", password="cache-app-password")
    _token, plaintext = create_api_token(user=user, name="cache test")

    response = post_query(client, SERVICE_NAMES, HTTP_AUTHORIZATION=f"Bearer {plaintext}")

    assert not response.has_header("X-Cache")
    assert service_names(response)["hydrafacial-deluxe"] == "Renamed behind the cache"


def test_stale_row_shows_until_version_bump(client):
    """The anonymous side of the two tests above: without a bump the entry is served."""
    post_query(client, SERVICE_NAMES)
    rename_without_signals("hydrafacial-deluxe", "Renamed behind the cache")

    stale = post_query(client, SERVICE_NAMES)
    response_cache.bump_versions("content")
    fresh = post_query(client, SERVICE_NAMES)

    assert service_names(stale)["hydrafacial-deluxe"] == "Hydrafacial Deluxe"
    assert service_names(fresh)["hydrafacial-deluxe"] == "Renamed behind the cache"


def test_errors_not_cached(client, monkeypatch):
    from cms import selectors

    def broken_services(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(selectors, "public_services", broken_services)
    failed = post_query(client, SERVICE_NAMES)
    monkeypatch.undo()

    response = post_query(client, SERVICE_NAMES)

    assert failed.json()["errors"][0]["extensions"]["code"] == "INTERNAL_ERROR"
    assert response["X-Cache"] == "miss"
    assert "hydrafacial-deluxe" in service_names(response)


def test_invalid_document_not_cached(client):
    response = post_query(client, "{ services { noSuchField } }")

    assert response.status_code == 400
    assert not response.has_header("X-Cache")


def test_unregistered_root_field_not_cached(client):
    response = post_query(client, "{ services { slug } pages { id } }")

    assert response.status_code == 200
    assert not response.has_header("X-Cache")


def test_variables_are_part_of_key(client):
    query = "query ByCategory($category: ServiceCategory) { services(category: $category) { slug } }"
    lasers = post_query(client, query, {"category": "LASER"}).json()["data"]["services"]
    facials = post_query(client, query, {"category": "FACIAL"}).json()["data"]["services"]

    assert {service["slug"] for service in lasers} == {"laser-rejuvenation", "laser-pigmentasi"}
    assert "hydrafacial-deluxe" in {service["slug"] for service in facials}


class EchoQuery(graphene.ObjectType):
    echo = graphene.String()


class EchoMutation(graphene.ObjectType):
    echo = graphene.String()


ECHO_SCHEMA = graphene.Schema(query=EchoQuery, mutation=EchoMutation).graphql_schema
RULES = tuple(specified_rules)


def anonymous_request():
    request = RequestFactory().post("/graphql/")
    request.user = AnonymousUser()
    return request


@pytest.fixture
def echo_cacheable(monkeypatch):
    monkeypatch.setitem(response_cache._cacheable_fields, "echo", ("content",))


def test_mutation_never_cached(echo_cacheable):
    query_key = response_cache.response_cache_key(anonymous_request(), ECHO_SCHEMA, RULES, "query { echo }", {}, None)
    mutation_key = response_cache.response_cache_key(
        anonymous_request(), ECHO_SCHEMA, RULES, "mutation { echo }", {}, None
    )

    assert query_key is not None
    assert mutation_key is None


def test_language_is_part_of_key(echo_cacheable):
    keys = set()
    for language in ("id", "en"):
        with translation.override(language):
            keys.add(response_cache.response_cache_key(anonymous_request(), ECHO_SCHEMA, RULES, "{ echo }", {}, None))

    assert len(keys) == 2


def test_parsed_document_reused():
    query = "query Reused { echo }"

    first = response_cache.check_document(ECHO_SCHEMA, query, RULES)
    second = response_cache.check_document(ECHO_SCHEMA, query, RULES)

    assert first.errors == []
    assert second.document is first.document


def test_invalid_document_checked_each_time():
    first = response_cache.check_document(ECHO_SCHEMA, "{ nope }", RULES)
    second = response_cache.check_document(ECHO_SCHEMA, "{ nope }", RULES)

    assert first.errors and second.errors
    assert second.errors is not first.errors


def test_home_page_served_from_page_cache(client):
    first = client.get("/")
    second = client.get("/")

    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


def test_home_page_publish_visible_on_next_request(client):
    client.get("/")
    home = HomePage.objects.get()
    home.hero_title = "Kulit sehat, cache segar"
    home.save_revision().publish()

    response = client.get("/")

    assert response["X-Cache"] == "miss"
    assert "Kulit sehat, cache segar" in response.content.decode()


def test_service_publish_visible_on_list_page(client):
    client.get("/layanan/")
    page = ServicePage.objects.get(slug="body-scrub-spa")
    page.title = "Body Scrub Royal"
    page.save_revision().publish()

    response = client.get("/layanan/")

    assert "Body Scrub Royal" in response.content.decode()


def test_page_cache_skipped_with_session(client):
    user = get_user_model().objects.create_user("page-reader", password="page-reader-password")
    client.get("/")
    client.force_login(user)

    response = client.get("/")

    assert not response.has_header("X-Cache")


def test_page_cache_keys_query_string(client):
    everything = client.get("/layanan/").content.decode()
    lasers = client.get("/layanan/?kategori=laser").content.decode()

    assert "Body Scrub" in everything
    assert "Body Scrub" not in lasers


def test_not_found_page_not_cached(client):
    client.get("/no-such-page/")

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert not response.has_header("X-Cache")


def test_unmarked_response_not_shareable():
    from django.http import HttpResponse

    from website.cache import FullPageCacheMiddleware

    response = HttpResponse("<p>draft</p>", content_type="text/html")

    assert FullPageCacheMiddleware.is_shareable(response) is False


@override_settings(AMAZE_RESPONSE_CACHE=False)
def test_setting_off_disables_both_caches(client):
    client.get("/")
    page = client.get("/")
    query = post_query(client, SERVICE_NAMES)

    assert not page.has_header("X-Cache")
    assert not query.has_header("X-Cache")


def test_version_token_changes_on_bump():
    before = response_cache.current_versions(["content"])["content"]
    response_cache.bump_versions("content")
    after = response_cache.current_versions(["content"])["content"]

    assert before != after


def test_publish_bumps_again_after_commit(django_capture_on_commit_callbacks):
    page = ServicePage.objects.get(slug="hydrafacial-deluxe")
    with django_capture_on_commit_callbacks() as callbacks:
        page.save_revision().publish()
    before_commit = response_cache.current_versions(["content"])["content"]
    for callback in callbacks:
        callback()

    assert callbacks
    assert response_cache.current_versions(["content"])["content"] != before_commit


def test_new_date_changes_key(echo_cacheable, monkeypatch):
    keys = set()
    for day in (datetime.date(2026, 1, 1), datetime.date(2026, 1, 2)):
        monkeypatch.setattr(timezone, "localdate", lambda day=day: day)
        keys.add(response_cache.response_cache_key(anonymous_request(), ECHO_SCHEMA, RULES, "{ echo }", {}, None))

    assert len(keys) == 2


QUEUE_STATUS = 'query QueueBoard { queueStatus(branch: "kemang") { waitingCount } }'


def front_desk_user():
    from crm.models import StaffRole
    from crm.roles import role_group

    return get_user_model().objects.filter(groups=role_group(StaffRole.FRONT_DESK)).first()


def test_queue_ticket_visible_on_next_poll(client):
    from crm import services
    from crm.models import Branch

    first = post_query(client, QUEUE_STATUS)
    repeated = post_query(client, QUEUE_STATUS)
    services.take_queue_number(actor=front_desk_user(), branch=Branch.objects.get(code="kemang"), walk_in_name="Tamu")
    after = post_query(client, QUEUE_STATUS)

    waiting = first.json()["data"]["queueStatus"]["waitingCount"]
    assert repeated["X-Cache"] == "hit"
    assert after["X-Cache"] == "miss"
    assert after.json()["data"]["queueStatus"]["waitingCount"] == waiting + 1


def test_order_stock_visible_on_next_request(client):
    from crm import services
    from crm.models import Branch, Customer, Product

    query = "query Stock { products(first: 100) { sku stock } }"
    product = Product.objects.filter(is_active=True, stock__gte=5).order_by("pk").first()
    before = {item["sku"]: item["stock"] for item in post_query(client, query).json()["data"]["products"]}
    services.place_order(
        actor=front_desk_user(),
        customer=Customer.objects.order_by("pk").first(),
        branch=Branch.objects.get(code="kemang"),
        items=[(product.pk, 2)],
    )
    after = {item["sku"]: item["stock"] for item in post_query(client, query).json()["data"]["products"]}

    assert after[product.sku] == before[product.sku] - 2


def test_private_root_field_not_cached(client):
    response = post_query(client, "query Mine { me { username } }")

    assert not response.has_header("X-Cache")
