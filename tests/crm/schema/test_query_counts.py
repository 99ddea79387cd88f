"""Lists cost a fixed number of SQL queries whatever their length."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crm import services
from crm.models import OrderChannel
from tests.crm.factories import BranchFactory, ProductFactory
from tests.crm.schema.conftest import make_customer_account, poster

MY_ORDERS = "{ me { orders(first: 100) { number items { product { name } } statusHistory { toStatus } } } }"


def customer_with_orders(count: int):
    customer = make_customer_account()
    branch = BranchFactory()
    products = [ProductFactory(stock=1000) for _ in range(3)]
    for index in range(count):
        services.place_order(
            actor=customer.user,
            customer=customer,
            branch=branch,
            items=[(products[index % 3].pk, 1), (products[(index + 1) % 3].pk, 2)],
            channel=OrderChannel.ONLINE,
        )
    return customer


def count_queries(user, query):
    client = Client()
    client.force_login(user)
    post = poster(client)
    post("{ __typename }")  # the session and user lookups are warmed like any other request
    with CaptureQueriesContext(connection) as captured:
        status, body = post(query)
    assert status == 200
    assert "errors" not in body, body
    return len(captured), body


@pytest.mark.django_db
def test_my_orders_constant_queries():
    few, few_body = count_queries(customer_with_orders(5).user, MY_ORDERS)
    many, many_body = count_queries(customer_with_orders(50).user, MY_ORDERS)
    assert len(few_body["data"]["me"]["orders"]) == 5
    assert len(many_body["data"]["me"]["orders"]) == 50
    assert many == few


@pytest.mark.django_db
def test_products_constant_queries(api):
    client = Client()
    post = poster(client)
    with CaptureQueriesContext(connection) as small:
        post("{ products(first: 2) { name price { display } } }")
    for _ in range(12):
        ProductFactory()
    with CaptureQueriesContext(connection) as large:
        _, body = post("{ products(first: 14) { name price { display } } }")
    assert len(body["data"]["products"]) == 14
    assert len(large) == len(small)
