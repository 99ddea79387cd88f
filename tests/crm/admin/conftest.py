"""Fixtures for the clinic screens in the Wagtail admin.

Every test works on its own branch, so the demo clinic seeded for the session does not change
what a screen lists; screens get the branch through `?branch=<code>` like a second branch would.
"""

import html

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import translation
from django.utils.html import strip_tags

from crm.errors import CrmError
from crm.models import RoomKind, StaffRole
from tests.crm.factories import BranchFactory, TreatmentRoomFactory, UserFactory

ROLES = list(StaffRole)


@pytest.fixture
def branch(db):
    # The demo branch is "Amaze Skin Care Kemang"; this one sorts after it and is never the default.
    return BranchFactory(name="Zz Cabang Uji Admin")


@pytest.fixture
def rooms(branch):
    return [
        TreatmentRoomFactory(branch=branch, name="Ruang Uji A", kind=RoomKind.FACIAL, sort_order=1),
        TreatmentRoomFactory(branch=branch, name="Ruang Uji B", kind=RoomKind.LASER, sort_order=2),
    ]


@pytest.fixture
def staff(db):
    """One user per staff role, keyed by StaffRole."""
    return {role: UserFactory(username=f"admin-test-{role.value}", role=role) for role in ROLES}


@pytest.fixture
def login(staff):
    """Return a test client signed in as the user of `role` (a StaffRole)."""

    def sign_in(role) -> Client:
        client = Client()
        client.force_login(staff[role])
        return client

    return sign_in


def messages_of(response) -> list[str]:
    """Return the plain text of the Django messages added while handling `response`'s request."""
    return [html.unescape(strip_tags(str(message))).strip() for message in get_messages(response.wsgi_request)]


def error_text(code: str, /, **params) -> str:
    """Return a CrmError's message as the admin shows it (Indonesian, the default language)."""
    with translation.override("id"):
        return CrmError(code, **params).message


def is_rejection(response) -> bool:
    """Refused screens redirect to the admin home with an error message."""
    return response.status_code == 302 and response["Location"] == "/admin/"
