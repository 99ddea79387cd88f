import pytest
from django.core.management import call_command

DEMO_ADMIN_PASSWORD = "demo-admin-password"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo clinic once per test session; each test runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("seed_demo", admin_password=DEMO_ADMIN_PASSWORD, verbosity=0)


@pytest.fixture
def graphql(client):
    """Post a GraphQL document to /graphql/ and return (status, parsed JSON)."""

    def post(query: str, variables: dict | None = None, **headers):
        response = client.post(
            "/graphql/",
            data={"query": query, "variables": variables or {}},
            content_type="application/json",
            **headers,
        )
        return response.status_code, response.json()

    return post
