"""Sign-in, rate limits, CSRF on session requests and bearer tokens."""

import datetime
import json

from django.test import Client, override_settings
from django.utils import timezone

from common.models import ApiTokenExpiry
from tests.crm.factories import UserFactory
from tests.crm.schema.conftest import errors_of

LOGIN = (
    "mutation ($u: String!, $p: String!) { login(username: $u, password: $p) "
    "{ csrfToken me { username } errors { code } } }"
)
# A window of a day, so the fixed rate-limit window cannot roll over while a test runs.
RATES = {"AMAZE_LOGIN_RATE_PER_ACCOUNT": "3/d", "AMAZE_LOGIN_RATE_PER_ADDRESS": "5/d"}


def post(client, query, variables=None, **headers):
    response = client.post(
        "/graphql/", data=json.dumps({"query": query, "variables": variables or {}}), content_type="application/json", **headers
    )
    return response


def login_code(client, username, password, address="10.0.0.1"):
    body = post(client, LOGIN, {"u": username, "p": password}, REMOTE_ADDR=address).json()
    errors = body["data"]["login"]["errors"]
    return errors[0]["code"] if errors else "ok"


def test_login_by_email_and_phone(owner):
    assert login_code(Client(), owner.user.username, "test-password") == "ok"
    assert login_code(Client(), owner.email.upper(), "test-password") == "ok"
    assert login_code(Client(), "0" + owner.phone.as_e164[3:], "test-password") == "ok"
    assert login_code(Client(), owner.user.username, "wrong") == "invalid_credentials"


@override_settings(**RATES)
def test_login_rate_limit_per_account(owner):
    codes = [login_code(Client(), owner.user.username, "wrong", address=f"10.0.1.{index}") for index in range(3)]
    assert codes == ["invalid_credentials"] * 3
    # The fourth attempt is refused even with the right password and from a new address.
    assert login_code(Client(), owner.user.username, "test-password", address="10.0.1.99") == "too_many_attempts"
    assert login_code(Client(), UserFactory().username, "test-password", address="10.0.1.98") == "ok"


@override_settings(**RATES)
def test_login_rate_limit_per_address(db):
    users = [UserFactory() for _ in range(6)]
    codes = [login_code(Client(), user.username, "wrong", address="10.0.2.1") for user in users[:5]]
    assert codes == ["invalid_credentials"] * 5
    assert login_code(Client(), users[5].username, "test-password", address="10.0.2.1") == "too_many_attempts"
    assert login_code(Client(), users[5].username, "test-password", address="10.0.2.2") == "ok"


def test_session_post_without_csrf_refused(owner):
    client = Client(enforce_csrf_checks=True)
    login = post(client, LOGIN, {"u": owner.user.username, "p": "test-password"})
    assert login.status_code == 200
    token = login.json()["data"]["login"]["csrfToken"]
    assert token

    refused = post(client, "{ me { username } }")
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["extensions"]["code"] == "CSRF_FAILED"

    accepted = post(client, "{ me { username } }", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200
    assert accepted.json()["data"]["me"]["username"] == owner.user.username


def test_logout_ends_session(owner):
    client = Client()
    post(client, LOGIN, {"u": owner.user.username, "p": "test-password"})
    assert post(client, "{ me { username } }").json()["data"]["me"]["username"] == owner.user.username
    post(client, "mutation { logout { ok } }")
    assert errors_of(post(client, "{ me { username } }").json()) == ["UNAUTHENTICATED"]


CREATE_TOKEN = "mutation { createApiToken(name: \"Kiosk\", lifetimeDays: 30) { secret token { id name isActive } errors { code } } }"


def create_token(owner):
    client = Client()
    client.force_login(owner.user)
    payload = post(client, CREATE_TOKEN).json()["data"]["createApiToken"]
    assert payload["errors"] == []
    return client, payload


def test_bearer_token_flow(owner):
    session, payload = create_token(owner)
    secret = payload["secret"]
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    used = post(Client(), "{ me { username } }", **bearer)
    assert used.status_code == 200
    assert used.json()["data"]["me"]["username"] == owner.user.username

    listed = post(Client(), "{ apiTokens { id name isActive lastUsedAt } }", **bearer).json()["data"]["apiTokens"]
    assert [(token["id"], token["name"], token["isActive"]) for token in listed] == [(payload["token"]["id"], "Kiosk", True)]
    assert listed[0]["lastUsedAt"] is not None

    revoked = post(
        session, "mutation ($id: ID!) { revokeApiToken(id: $id) { token { isActive } errors { code } } }", {"id": payload["token"]["id"]}
    ).json()["data"]["revokeApiToken"]
    assert revoked == {"token": {"isActive": False}, "errors": []}
    after = post(Client(), "{ me { username } }", **bearer)
    assert after.status_code == 401
    assert after.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_expired_token_rejected(owner):
    _, payload = create_token(owner)
    ApiTokenExpiry.objects.filter(token__name="Kiosk", token__user=owner.user).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = post(Client(), "{ me { username } }", HTTP_AUTHORIZATION=f"Bearer {payload['secret']}")
    assert response.status_code == 401


def test_bearer_post_needs_no_csrf(owner):
    _, payload = create_token(owner)
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "unrelated"
    response = post(client, "{ me { username } }", HTTP_AUTHORIZATION=f"Bearer {payload['secret']}")
    assert response.status_code == 200


def test_cannot_revoke_other_users_token(owner, other_customer):
    _, payload = create_token(owner)
    intruder = Client()
    intruder.force_login(other_customer.user)
    body = post(
        intruder, "mutation ($id: ID!) { revokeApiToken(id: $id) { token { id } errors { code } } }", {"id": payload["token"]["id"]}
    ).json()
    assert body["data"]["revokeApiToken"]["errors"] == [{"code": "not_found"}]


def test_token_lifetime_bounds(owner):
    client = Client()
    client.force_login(owner.user)
    body = post(client, "mutation { createApiToken(name: \"x\", lifetimeDays: 366) { secret errors { code field } } }").json()
    assert body["data"]["createApiToken"] == {"secret": None, "errors": [{"code": "lifetime_invalid", "field": "lifetimeDays"}]}
    body = post(client, "mutation { createApiToken(name: \"x\", lifetimeDays: 365) { secret errors { code } } }").json()
    assert body["data"]["createApiToken"]["errors"] == []
