import json

import pytest
from django.core.cache import cache
from django.test import Client

from crm.schema.access import global_id
from tests.crm.factories import CustomerFactory, UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with no rate-limit counters and no cached responses."""
    cache.clear()
    yield
    cache.clear()


def poster(client: Client):
    def post(query: str, variables: dict | None = None, **headers):
        response = client.post(
            "/graphql/",
            data=json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            **headers,
        )
        return response.status_code, response.json()

    return post


@pytest.fixture
def api(db):
    """api(user=None) returns a function posting GraphQL as `user` (session) or anonymously."""

    def make(user=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        return poster(client)

    return make


def make_customer_account(**customer_fields):
    user = UserFactory()
    return CustomerFactory(user=user, **customer_fields)


@pytest.fixture
def owner(db):
    """A customer with an online account."""
    return make_customer_account()


@pytest.fixture
def other_customer(db):
    return make_customer_account()


def gid(type_name: str, obj) -> str:
    return global_id(type_name, obj.pk)


@pytest.fixture
def staff(db):
    """One user per staff role, keyed by role value."""
    from crm.models import StaffRole

    return {role.value: UserFactory(role=role) for role in StaffRole}


def errors_of(body) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in body.get("errors", [])]
