"""The one GraphQL endpoint: grapple's schema behind graphene-django's view, with safe errors.

Errors a client caused (syntax, validation, a GraphQLError raised on purpose) keep their message.
Anything else is logged with a request id and reaches the client only as a generic message with
that id, never a traceback or SQL.
"""

import logging
import uuid

from django.conf import settings
from django.utils.translation import gettext
from graphene_django.views import GraphQLView
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule

logger = logging.getLogger(__name__)


def is_client_error(error: GraphQLError) -> bool:
    original = getattr(error, "original_error", None)
    return original is None or isinstance(original, GraphQLError)


def public_error(error: GraphQLError, request_id: str) -> dict:
    if is_client_error(error):
        return GraphQLView.format_error(error)
    logger.error(
        "GraphQL resolver failed (request %s, path %s)",
        request_id,
        error.path,
        exc_info=error.original_error,
    )
    return {
        "message": gettext("Something went wrong on our side. Please try again; reference %(id)s.")
        % {"id": request_id},
        "path": error.path,
        "extensions": {"code": "INTERNAL_ERROR", "requestId": request_id},
    }


class AmazeGraphQLView(GraphQLView):
    def dispatch(self, request, *args, **kwargs):
        self.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex[:16]
        self.graphiql = settings.DEBUG
        self.validation_rules = None if settings.GRAPHQL_INTROSPECTION else (NoSchemaIntrospectionCustomRule,)
        response = super().dispatch(request, *args, **kwargs)
        response["X-Request-ID"] = self.request_id
        return response

    def get_response(self, request, data, show_graphiql=False):
        query, variables, operation_name, _batch_id = self.get_graphql_params(request, data)
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
        if execution_result.errors and any(not getattr(error, "path", None) for error in execution_result.errors):
            status_code = 400
        else:
            response["data"] = execution_result.data
        return self.json_encode(request, response, pretty=show_graphiql), status_code
