"""The /graphql/ endpoint: client mistakes get GraphQL errors, our failures stay masked."""

import json
import logging

import pytest
from django.test import override_settings

from cms import selectors

pytestmark = pytest.mark.django_db

INTERNAL_MESSAGE_START = "Terjadi kesalahan di sisi kami"


def test_malformed_query_is_400_with_errors(graphql):
    status, body = graphql("{ services { name ")

    assert status == 400
    assert "data" not in body
    assert body["errors"][0]["message"].startswith("Syntax Error")
    assert "Traceback" not in json.dumps(body)


def test_unknown_field_is_400(graphql):
    status, body = graphql("{ services { name } noSuchField }")

    assert status == 400
    assert "data" not in body
    assert "noSuchField" in body["errors"][0]["message"]


@override_settings(GRAPHQL_INTROSPECTION=False)
def test_unknown_field_is_400_without_introspection(graphql):
    status, body = graphql("{ noSuchField }")

    assert status == 400
    assert "noSuchField" in body["errors"][0]["message"]


def test_wrong_argument_type_is_400(graphql):
    status, body = graphql('{ services(newOnly: "yes") { name } }')

    assert status == 400
    assert "Boolean cannot represent" in body["errors"][0]["message"]


def test_invalid_json_body_is_400(client):
    response = client.post("/graphql/", data="{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"]


def test_missing_query_is_400(client):
    response = client.post("/graphql/", data={}, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"]


def test_client_graphql_error_keeps_message(graphql):
    # grapple raises GraphQLError on purpose for this combination of arguments.
    status, body = graphql('{ pages(site: "localhost", inSite: true) { id } }')

    assert status == 200
    assert "cannot be used at the same time" in body["errors"][0]["message"]


def test_resolver_exception_is_masked_and_logged(graphql, monkeypatch, caplog):
    def broken_selector(**kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(selectors, "public_services", broken_selector)
    caplog.set_level(logging.ERROR, logger="common.graphql.view")

    status, body = graphql("{ services { name } }", HTTP_X_REQUEST_ID="req-test-0001")

    assert status == 200
    error = body["errors"][0]
    assert "hunter2" not in json.dumps(body)
    assert "RuntimeError" not in json.dumps(body)
    assert error["extensions"] == {"code": "INTERNAL_ERROR", "requestId": "req-test-0001"}
    assert "req-test-0001" in error["message"]
    assert INTERNAL_MESSAGE_START in error["message"]
    assert error["path"] == ["services"]

    logged = [record for record in caplog.records if "req-test-0001" in record.getMessage()]
    assert len(logged) == 1
    assert logged[0].exc_info[0] is RuntimeError
    assert "hunter2" in str(logged[0].exc_info[1])


def test_generated_request_id_matches_log_and_header(client, monkeypatch, caplog):
    def broken_selector(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "public_services", broken_selector)
    caplog.set_level(logging.ERROR, logger="common.graphql.view")

    response = client.post("/graphql/", data={"query": "{ services { name } }"}, content_type="application/json")

    request_id = response["X-Request-ID"]
    assert request_id
    assert response.json()["errors"][0]["extensions"]["requestId"] == request_id
    assert any(request_id in record.getMessage() for record in caplog.records)


def test_invalid_client_request_id_is_replaced(client):
    response = client.post(
        "/graphql/",
        data={"query": "{ serviceCategories { value } }"},
        content_type="application/json",
        HTTP_X_REQUEST_ID="bad id with spaces",
    )

    assert response.status_code == 200
    assert response["X-Request-ID"] != "bad id with spaces"


def test_failure_outside_resolvers_is_masked(graphql, monkeypatch, caplog):
    import graphene_django.views

    def broken_execute(*args, **kwargs):
        raise RuntimeError("connection string postgres://secret")

    monkeypatch.setattr(graphene_django.views, "execute", broken_execute)
    caplog.set_level(logging.ERROR, logger="common.graphql.view")

    status, body = graphql("{ services { name } }", HTTP_X_REQUEST_ID="req-test-0002")

    assert status == 500
    assert "secret" not in json.dumps(body)
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_ERROR"
    assert any("req-test-0002" in record.getMessage() for record in caplog.records)


@override_settings(DEBUG=True)
def test_graphiql_served_when_debug(client):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert "text/html" in response["Content-Type"]
    assert "graphiql" in response.content.decode().lower()


@override_settings(DEBUG=False)
def test_graphiql_not_served_without_debug(client):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")

    assert response.status_code == 400
    assert "application/json" in response["Content-Type"]
    assert "graphiql" not in response.content.decode().lower()


INTROSPECTION_QUERY = "{ __schema { queryType { name } } }"


@override_settings(GRAPHQL_INTROSPECTION=True)
def test_introspection_allowed_when_enabled(graphql):
    status, body = graphql(INTROSPECTION_QUERY)

    assert status == 200
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


@override_settings(GRAPHQL_INTROSPECTION=False)
def test_introspection_refused_when_disabled(graphql):
    status, body = graphql(INTROSPECTION_QUERY)

    assert status == 400
    assert "data" not in body
    assert "introspection" in body["errors"][0]["message"].lower()


@override_settings(GRAPHQL_INTROSPECTION=False)
def test_type_introspection_refused_when_disabled(graphql):
    status, body = graphql('{ __type(name: "Service") { name } }')

    assert status == 400
    assert "introspection" in body["errors"][0]["message"].lower()


@override_settings(GRAPHQL_INTROSPECTION=False)
def test_normal_query_works_without_introspection(graphql):
    status, body = graphql("{ serviceCategories { value } }")

    assert status == 200
    assert {"value": "FACIAL"} in body["data"]["serviceCategories"]
