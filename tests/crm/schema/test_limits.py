"""Request limits at the limit and one past it: page size, depth, field count, body size, batching."""

import json

import pytest
from django.test import Client, override_settings

from tests.crm.schema.conftest import errors_of


@override_settings(GRAPHQL_MAX_PAGE_SIZE=5)
def test_page_size_at_limit(api):
    status, body = api()("{ products(first: 5) { id } }")
    assert status == 200
    assert "errors" not in body
    assert len(body["data"]["products"]) == 5


@override_settings(GRAPHQL_MAX_PAGE_SIZE=5)
def test_page_size_past_limit(api):
    status, body = api()("{ products(first: 6) { id } }")
    assert errors_of(body) == ["PAGE_SIZE_EXCEEDED"]
    assert "5" in body["errors"][0]["message"]


def test_negative_page_rejected(api):
    _, body = api()("{ products(offset: -1) { id } }")
    assert errors_of(body) == ["INVALID_PAGE"]


def test_offset_pages_do_not_overlap(api):
    _, first_page = api()("{ products(first: 2) { id } }")
    _, second_page = api()("{ products(first: 2, offset: 2) { id } }")
    first_ids = {product["id"] for product in first_page["data"]["products"]}
    second_ids = {product["id"] for product in second_page["data"]["products"]}
    assert len(first_ids) == 2
    assert len(second_ids) == 2
    assert not first_ids & second_ids


@override_settings(GRAPHQL_MAX_PAGE_SIZE=3)
def test_nested_list_page_size_checked(api, owner):
    _, body = api(owner.user)("{ me { orders(first: 4) { id } } }")
    assert "PAGE_SIZE_EXCEEDED" in errors_of(body)


@override_settings(GRAPHQL_MAX_DEPTH=3)
def test_depth_at_limit(api):
    # products (1) > price (2) > amount (3); leaf fields count as a level.
    status, body = api()("{ products(first: 1) { price { amount } } }")
    assert status == 200
    assert "errors" not in body


@override_settings(GRAPHQL_MAX_DEPTH=3)
def test_depth_past_limit(api):
    status, body = api()("{ products(first: 1) { price { amount } } me { orders { items { sku } } } }")
    assert status == 400
    assert errors_of(body) == ["QUERY_TOO_DEEP"]


@override_settings(GRAPHQL_MAX_FIELDS=4)
def test_field_count_at_limit(api):
    status, body = api()("{ a: branches { code } b: branches { code } }")
    assert status == 200
    assert "errors" not in body


@override_settings(GRAPHQL_MAX_FIELDS=4)
def test_field_count_past_limit(api):
    status, body = api()("{ a: branches { code } b: branches { code } c: branches { code } }")
    assert status == 400
    assert errors_of(body) == ["QUERY_TOO_COMPLEX"]


def body_of_size(size: int) -> bytes:
    base = json.dumps({"query": "{ branches { code } }", "variables": {"pad": ""}})
    padding = size - len(base.encode())
    assert padding >= 0
    return json.dumps({"query": "{ branches { code } }", "variables": {"pad": "x" * padding}}).encode()


@pytest.mark.parametrize("size,expected_status", [(2000, 200), (2001, 413)])
def test_body_size_limit(db, size, expected_status):
    with override_settings(GRAPHQL_MAX_BODY_BYTES=2000):
        data = body_of_size(size)
        assert len(data) == size
        response = Client().post("/graphql/", data=data, content_type="application/json")
    assert response.status_code == expected_status
    if expected_status == 413:
        assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


def test_batch_request_rejected(db):
    batch = json.dumps([{"query": "{ branches { code } }"}, {"query": "{ branches { code } }"}])
    response = Client().post("/graphql/", data=batch, content_type="application/json")
    assert response.status_code == 400
    assert "data" not in response.json()


def test_single_request_accepted(db):
    response = Client().post("/graphql/", data=json.dumps({"query": "{ branches { code } }"}), content_type="application/json")
    assert response.status_code == 200


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.com"])
def test_cors_allowed_origin(db):
    response = Client().options(
        "/graphql/", HTTP_ORIGIN="https://app.example.com", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert response["Access-Control-Allow-Origin"] == "https://app.example.com"


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.com"])
def test_cors_other_origin_and_paths(db):
    other = Client().options("/graphql/", HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    page = Client().get("/", HTTP_ORIGIN="https://app.example.com")
    assert "Access-Control-Allow-Origin" not in other
    assert "Access-Control-Allow-Origin" not in page


def test_cors_off_by_default(db):
    response = Client().options("/graphql/", HTTP_ORIGIN="https://app.example.com", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    assert "Access-Control-Allow-Origin" not in response


def test_nested_list_paged(api, owner):
    from crm import services
    from crm.models import OrderChannel
    from tests.crm.factories import BranchFactory, ProductFactory

    services.place_order(
        actor=owner.user,
        customer=owner,
        branch=BranchFactory(),
        items=[(ProductFactory().pk, 1), (ProductFactory().pk, 1), (ProductFactory().pk, 1)],
        channel=OrderChannel.ONLINE,
    )
    _, body = api(owner.user)("{ me { orders { a: items(first: 2) { sku } b: items(first: 2, offset: 2) { sku } } } }")
    order = body["data"]["me"]["orders"][0]
    assert len(order["a"]) == 2
    assert len(order["b"]) == 1
