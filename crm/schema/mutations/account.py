"""Sign-up, sign-in and sign-out for the site (Django session) and for API clients."""

import logging

import graphene
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.utils.translation import gettext
from django_ratelimit.core import is_ratelimited

from common.api_tokens import revoke_api_token
from crm import services
from crm.errors import CrmError
from crm.schema.access import current_user, customer_of
from crm.schema.mutations.base import error, errors_field, run_service
from crm.schema.types.customer import Customer, Me

logger = logging.getLogger(__name__)

# Defaults; settings AMAZE_LOGIN_RATE_PER_ACCOUNT / AMAZE_LOGIN_RATE_PER_ADDRESS override them.
# The format is django-ratelimit's "<count>/<period>", e.g. 5/15m is five attempts per 15 minutes.
DEFAULT_RATE_PER_ACCOUNT = "5/15m"
DEFAULT_RATE_PER_ADDRESS = "20/15m"


def login_rate_limited(request, identifier: str) -> bool:
    """Count this attempt against the account and the client address; True once either is over."""
    account_key = identifier.strip().lower()
    per_account = is_ratelimited(
        request,
        group="amaze-login-account",
        key=lambda _group, _request: account_key,
        rate=getattr(settings, "AMAZE_LOGIN_RATE_PER_ACCOUNT", DEFAULT_RATE_PER_ACCOUNT),
        increment=True,
    )
    per_address = is_ratelimited(
        request,
        group="amaze-login-address",
        key="ip",
        rate=getattr(settings, "AMAZE_LOGIN_RATE_PER_ADDRESS", DEFAULT_RATE_PER_ADDRESS),
        increment=True,
    )
    return per_account or per_address


def username_for(identifier: str) -> str | None:
    """Find the username behind a username, an e-mail address or a customer's phone number."""
    User = get_user_model()
    identifier = identifier.strip()
    user = (
        User.objects.filter(username__iexact=identifier).first()
        or User.objects.filter(email__iexact=identifier).first()
        or User.objects.filter(customer__email__iexact=identifier).first()
    )
    if user is None:
        try:
            phone = services.parse_phone(identifier)
        except CrmError:
            return None
        user = User.objects.filter(customer__phone=phone).first()
    return user.get_username() if user else None


class Register(graphene.Mutation):
    """Create an online account with its customer profile. Sign in afterwards with `login`."""

    class Arguments:
        full_name = graphene.String(required=True)
        phone = graphene.String(required=True, description="0812…, +62 812… or an international number.")
        email = graphene.String(required=True, description="Used to sign in.")
        password = graphene.String(required=True)
        birth_date = graphene.Date()
        sex = graphene.String(description="female or male.")
        skin_type = graphene.String(description="normal, dry, oily, combination or sensitive.")
        marketing_consent = graphene.Boolean(default_value=False)
        photo_consent = graphene.Boolean(default_value=False)

    profile = graphene.Field(Customer)
    errors = errors_field()

    def mutate(root, info, full_name, phone, email, password, birth_date=None, sex="", skin_type="", marketing_consent=False, photo_consent=False):
        User = get_user_model()

        def work():
            if current_user(info) is not None:
                return error("already_signed_in", gettext("Sign out before registering a new account."))
            normalized_email = email.strip().lower()
            if not normalized_email:
                return error("email_required", gettext("Enter your e-mail address; you sign in with it."), "email")
            if User.objects.filter(email__iexact=normalized_email).exists() or User.objects.filter(username__iexact=normalized_email).exists():
                raise CrmError("email_taken", field="email", value=normalized_email)
            try:
                validate_password(password, User(username=normalized_email, email=normalized_email, first_name=full_name))
            except ValidationError as invalid:
                return error("password_invalid", " ".join(invalid.messages), "password")
            user = User.objects.create_user(username=normalized_email, email=normalized_email, password=password)
            customer = services.register_customer(
                actor=user,
                user=user,
                full_name=full_name,
                phone=phone,
                email=normalized_email,
                birth_date=birth_date,
                sex=sex or "",
                skin_type=skin_type or "",
                marketing_consent=marketing_consent,
                photo_consent=photo_consent,
            )
            logger.info("Online account %s registered for customer %s", user.pk, customer.pk)
            return {"profile": customer}

        return run_service(info, Register, work)


class Login(graphene.Mutation):
    """Sign in with a Django session (cookie). Rate-limited per account and per client address."""

    class Arguments:
        username = graphene.String(required=True, description="Username, e-mail address or phone number.")
        password = graphene.String(required=True)

    me = graphene.Field(Me)
    csrf_token = graphene.String(description="Send it as the X-CSRFToken header on later POSTs with the session cookie.")
    errors = errors_field()

    def mutate(root, info, username, password):
        request = info.context
        if login_rate_limited(request, username):
            logger.warning("Login rate limit reached (request from %s)", request.META.get("REMOTE_ADDR"))
            return Login(
                errors=[error("too_many_attempts", gettext("Too many sign-in attempts. Wait a few minutes and try again."))]
            )
        resolved = username_for(username)
        user = authenticate(request, username=resolved, password=password) if resolved else None
        if user is None:
            logger.info("Failed sign-in through the API")
            return Login(errors=[error("invalid_credentials", gettext("The username or password is incorrect."))])
        login(request, user)
        logger.info("User %s signed in through the API", user.pk)
        return Login(me=(user, customer_of(user)), csrf_token=get_token(request), errors=[])


class Logout(graphene.Mutation):
    """End the session; with a bearer token, revoke that token instead."""

    ok = graphene.Boolean()
    errors = errors_field()

    def mutate(root, info):
        request = info.context
        user = current_user(info)
        if getattr(request, "api_token", None) is not None:
            revoke_api_token(token=request.api_token, actor=user)
        elif user is not None:
            logout(request)
            logger.info("User %s signed out through the API", user.pk)
        return Logout(ok=True, errors=[])
