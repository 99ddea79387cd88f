"""The one GraphQL endpoint: grapple's schema behind graphene-django's view, with safe errors.

Errors a client caused (syntax, validation, a GraphQLError raised on purpose) keep their message.
Anything else is logged with a request id and reaches the client only as a generic message with
that id, never a traceback or SQL.
"""

import logging
import re
import uuid

from django.conf import settings
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.translation import gettext
from graphene_django.views import GraphQLView
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule, specified_rules

from common.graphql import cache as response_cache
from common.graphql.limits import QueryLimitsRule

logger = logging.getLogger(__name__)

# A client may send its own request id to correlate logs; anything else gets a fresh one.
CLIENT_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def is_client_error(error: Exception) -> bool:
    # graphene-django also returns bare exceptions raised outside resolvers; those are ours.
    if not isinstance(error, GraphQLError):
        return False
    original = error.original_error
    return original is None or isinstance(original, GraphQLError)


def public_error(error: Exception, request_id: str) -> dict:
    if is_client_error(error):
        return GraphQLView.format_error(error)
    path = getattr(error, "path", None)
    logger.error(
        "GraphQL request failed (request %s, path %s)",
        request_id,
        path,
        exc_info=getattr(error, "original_error", None) or error,
    )
    return {
        "message": gettext("Something went wrong on our side. Please try again; reference %(id)s.")
        % {"id": request_id},
        "path": path,
        "extensions": {"code": "INTERNAL_ERROR", "requestId": request_id},
    }


def error_response(message: str, code: str, status: int, request_id: str) -> JsonResponse:
    response = JsonResponse(
        {"errors": [{"message": message, "extensions": {"code": code, "requestId": request_id}}]}, status=status
    )
    response["X-Request-ID"] = request_id
    return response


def csrf_rejection(request) -> str | None:
    """Return why CSRF rejects this request, or None.

    Only requests that carry cookies can be forged by another site. A cookie-less POST (a mobile
    app, a partner server) and a bearer-token request therefore skip the check. A browser with a
    session must send the CSRF token like any Django form.
    """
    if request.method != "POST" or not request.COOKIES or getattr(request, "api_token", None):
        return None
    rejection = CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {})
    return None if rejection is None else "csrf"


class AmazeGraphQLView(response_cache.CachedDocumentMixin, GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        client_id = request.headers.get("X-Request-ID", "")
        self.request_id = client_id if CLIENT_REQUEST_ID.match(client_id) else uuid.uuid4().hex[:16]
        self.graphiql = settings.DEBUG
        # LocaleMiddleware pins URLs without a language prefix to LANGUAGE_CODE (the site uses
        # prefix_default_language=False), so API clients choose with Accept-Language instead.
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        # graphql-core replaces its standard rules with whatever list it is given, so they are
        # listed first. Without them an unknown field is silently dropped instead of rejected.
        rules = [*specified_rules, QueryLimitsRule]
        if not settings.GRAPHQL_INTROSPECTION:
            rules.append(NoSchemaIntrospectionCustomRule)
        self.validation_rules = tuple(rules)

        declared_length = request.headers.get("Content-Length") or "0"
        if not declared_length.isdigit() or int(declared_length) > settings.GRAPHQL_MAX_BODY_BYTES:
            return error_response(
                gettext("The request body is larger than %(max)s bytes.") % {"max": settings.GRAPHQL_MAX_BODY_BYTES},
                "REQUEST_TOO_LARGE",
                413,
                self.request_id,
            )
        if csrf_rejection(request):
            logger.info("GraphQL POST without a valid CSRF token (request %s)", self.request_id)
            return error_response(
                gettext("The CSRF token is missing or invalid. Reload the page and try again."),
                "CSRF_FAILED",
                403,
                self.request_id,
            )

        self.cache_status = None
        response = super().dispatch(request, *args, **kwargs)
        response["X-Request-ID"] = self.request_id
        if self.cache_status:
            response["X-Cache"] = self.cache_status
        return response

    def get_response(self, request, data, show_graphiql=False):
        query, variables, operation_name, _batch_id = self.get_graphql_params(request, data)
        cache_key = response_cache.response_cache_key(
            request, self.schema.graphql_schema, tuple(self.validation_rules), query, variables, operation_name
        )
        if cache_key is not None:
            cached = response_cache.cached_response(cache_key)
            self.cache_status = "hit" if cached is not None else "miss"
            if cached is not None:
                return cached, 200

        execution_result = self.execute_graphql_request(
            request, data, query, variables, operation_name, show_graphiql
        )
        if execution_result is None:
            return None, 200

        response = {}
        status_code = 200
        if execution_result.errors:
            response["errors"] = [public_error(error, self.request_id) for error in execution_result.errors]
        # As graphene-django does: errors without a path (syntax, validation) mean nothing ran.
        # Such an error is the client's fault (400) unless it came from our side (500).
        unexecuted = [error for error in execution_result.errors or [] if not getattr(error, "path", None)]
        if unexecuted:
            status_code = 400 if all(is_client_error(error) for error in unexecuted) else 500
        else:
            response["data"] = execution_result.data
        body = self.json_encode(request, response, pretty=show_graphiql)
        if cache_key is not None and not execution_result.errors:
            response_cache.store_response(cache_key, body)
        return body, status_code
