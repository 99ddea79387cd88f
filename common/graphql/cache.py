"""Caches of the GraphQL endpoint: parsed and validated documents, and anonymous query responses.

Documents: a client sends the same few documents again and again, so parsing and validating
each one once per process leaves only execution per request. Only documents that validated
cleanly are kept, so junk sent by a client cannot fill the cache.

Responses: a query response is stored only when all of these hold. The request is anonymous
(no session user, no bearer token, no Authorization header). The operation is a query. Every
root field it selects is registered as public with `register_cacheable_fields`. The result has
no errors. The key covers the document, operation name, variables, language, host, local date and the
content versions of the root fields, so bumping a version (see `bump_versions`, called by the
signal handlers in `common.cache_invalidation`) makes every dependent entry unreachable.
"""

import functools
import hashlib
import json
import logging
import threading
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.utils import timezone, translation
from django.db import connection, transaction
from graphene_django import views as graphene_views
from graphene_django.constants import MUTATION_ERRORS_FLAG
from graphene_django.settings import graphene_settings
from graphene_django.views import HttpError
from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationType,
    get_operation_ast,
    parse,
    validate,
    validate_schema,
)
from graphql.language import FragmentDefinitionNode, OperationDefinitionNode

logger = logging.getLogger(__name__)

# Documents longer than this (characters) are parsed per request and never kept, which bounds
# the memory of the document cache to about MAX_CACHED_DOCUMENTS small ASTs.
MAX_CACHED_DOCUMENT_CHARS = 16_000
MAX_CACHED_DOCUMENTS = 256

VERSION_KEY = "amaze:content-version:{namespace}"
RESPONSE_KEY = "amaze:graphql:{digest}"

# Bench mode only: a request with this header skips the response caches, so the harness can
# measure uncached and cached runs against the same server.
BENCH_BYPASS_HEADER = "X-Bench-Cache"

_cacheable_fields: dict[str, tuple[str, ...]] = {}
_registry_lock = threading.Lock()


class InvalidDocument(Exception):
    def __init__(self, document: DocumentNode | None, errors: list[GraphQLError]):
        super().__init__(errors)
        self.document = document
        self.errors = errors


@dataclass(frozen=True)
class CheckedDocument:
    document: DocumentNode | None
    errors: list[GraphQLError]


def _parse_and_validate(schema, query: str, rules: tuple) -> DocumentNode:
    try:
        document = parse(query)
    except GraphQLError as error:
        raise InvalidDocument(None, [error]) from error
    errors = validate(schema, document, rules, graphene_settings.MAX_VALIDATION_ERRORS)
    if errors:
        raise InvalidDocument(document, errors)
    return document


# The key contains the limits that QueryLimitsRule reads from settings, so tests that override
# them get a fresh validation. An exception is never stored by lru_cache, so invalid documents
# are checked again on every request.
@functools.lru_cache(maxsize=MAX_CACHED_DOCUMENTS)
def _cached_document(schema, query: str, rules: tuple, limits: tuple) -> DocumentNode:
    return _parse_and_validate(schema, query, rules)


def check_document(schema, query: str, rules: tuple) -> CheckedDocument:
    """Parse and validate `query`, from the process-wide cache when it validated before."""
    try:
        if len(query) > MAX_CACHED_DOCUMENT_CHARS:
            document = _parse_and_validate(schema, query, rules)
        else:
            limits = (settings.GRAPHQL_MAX_DEPTH, settings.GRAPHQL_MAX_FIELDS)
            document = _cached_document(schema, query, rules, limits)
    except InvalidDocument as invalid:
        return CheckedDocument(invalid.document, invalid.errors)
    return CheckedDocument(document, [])


class CachedDocumentMixin:
    """`execute_graphql_request` of graphene-django 3.2.3, with parse and validate cached.

    Behaviour is otherwise the same: a GET may only run a query, and mutations run in a
    transaction when ATOMIC_MUTATIONS is on. `execute` is looked up on graphene-django's module
    at call time, so a test that patches it there patches this path too.
    """

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))

        schema = self.schema.graphql_schema
        schema_errors = validate_schema(schema)
        if schema_errors:
            return ExecutionResult(data=None, errors=schema_errors)

        checked = check_document(schema, query, tuple(self.validation_rules or ()))
        if checked.document is None:
            return ExecutionResult(data=None, errors=checked.errors)

        operation_ast = get_operation_ast(checked.document, operation_name)
        if request.method.lower() == "get" and operation_ast is not None and operation_ast.operation != OperationType.QUERY:
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"], f"Can only perform a {operation_ast.operation.value} operation from a POST request."
                )
            )
        if checked.errors:
            return ExecutionResult(data=None, errors=checked.errors)

        try:
            options = {
                "root_value": self.get_root_value(request),
                "context_value": self.get_context(request),
                "variable_values": variables,
                "operation_name": operation_name,
                "middleware": self.get_middleware(request),
            }
            if self.execution_context_class:
                options["execution_context_class"] = self.execution_context_class
            is_mutation = operation_ast is not None and operation_ast.operation == OperationType.MUTATION
            atomic = graphene_settings.ATOMIC_MUTATIONS is True or connection.settings_dict.get("ATOMIC_MUTATIONS", False) is True
            if is_mutation and atomic:
                with transaction.atomic():
                    result = graphene_views.execute(schema, checked.document, **options)
                    if getattr(request, MUTATION_ERRORS_FLAG, False) is True:
                        transaction.set_rollback(True)
                return result
            return graphene_views.execute(schema, checked.document, **options)
        except Exception as error:  # graphene-django reports any failure as a GraphQL error too
            return ExecutionResult(errors=[error])


# ---- Content versions ----


def register_cacheable_fields(field_names, *, depends_on: tuple[str, ...]) -> None:
    """Declare public root query fields whose responses may be cached.

    `depends_on` names the content version namespaces whose bump makes the response stale.
    A root field that was never registered makes its whole response uncacheable, so a new
    private field cannot be cached by mistake.
    """
    with _registry_lock:
        for name in field_names:
            _cacheable_fields[name] = tuple(sorted(set(_cacheable_fields.get(name, ())) | set(depends_on)))


def cacheable_fields() -> dict[str, tuple[str, ...]]:
    return dict(_cacheable_fields)


def current_versions(namespaces) -> dict[str, str]:
    """Return the version token of each namespace, creating the missing ones."""
    namespaces = sorted(set(namespaces))
    keys = {VERSION_KEY.format(namespace=namespace): namespace for namespace in namespaces}
    found = cache.get_many(list(keys))
    versions = {}
    for key, namespace in keys.items():
        token = found.get(key)
        if token is None:
            token = uuid.uuid4().hex
            # add() keeps a token another process wrote first, so both processes agree.
            if not cache.add(key, token, timeout=None):
                token = cache.get(key) or token
        versions[namespace] = token
    return versions


def bump_versions(*namespaces: str) -> None:
    """Make every cached response that depends on `namespaces` unreachable.

    A fresh random token, not an increment, so two bumps racing on a non-atomic backend still
    leave a value that no stored entry was keyed with.
    """
    cache.set_many({VERSION_KEY.format(namespace=namespace): uuid.uuid4().hex for namespace in namespaces}, timeout=None)


def bump_versions_now_and_on_commit(*namespaces: str) -> None:
    """Bump now, and again after the surrounding transaction commits.

    A request that read the old rows while the change was uncommitted may have stored them
    under the first new token. The second bump makes that entry unreachable as well.
    """
    bump_versions(*namespaces)
    transaction.on_commit(lambda: bump_versions(*namespaces))


# ---- Response cache ----


def request_is_anonymous(request) -> bool:
    if request.headers.get("Authorization") or getattr(request, "api_token", None):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def cache_bypassed(request) -> bool:
    return bool(getattr(settings, "AMAZE_BENCH", False)) and request.headers.get(BENCH_BYPASS_HEADER) == "bypass"


def _root_field_names(document: DocumentNode, operation: OperationDefinitionNode) -> set[str] | None:
    """Return the root field names an operation selects, or None when that cannot be known."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    names: set[str] = set()
    pending = [operation.selection_set]
    seen_fragments: set[str] = set()
    while pending:
        selection_set = pending.pop()
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is None:
                    return None
                if selection.name.value not in seen_fragments:
                    seen_fragments.add(selection.name.value)
                    pending.append(fragment.selection_set)
    return names


def response_cache_key(request, schema, rules: tuple, query, variables, operation_name) -> str | None:
    """Return the cache key of this GraphQL request, or None when its response must not be cached."""
    if not settings.AMAZE_RESPONSE_CACHE or cache_bypassed(request):
        return None
    if not query or not isinstance(query, str) or request.GET.get("pretty"):
        return None
    if not request_is_anonymous(request):
        return None

    checked = check_document(schema, query, rules)
    if checked.document is None or checked.errors:
        return None
    operation = get_operation_ast(checked.document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return None
    root_fields = _root_field_names(checked.document, operation)
    if not root_fields:
        return None

    registry = _cacheable_fields
    namespaces: set[str] = set()
    for name in root_fields:
        if name == "__typename":
            continue
        if name not in registry:
            return None
        namespaces.update(registry[name])

    try:
        canonical_variables = json.dumps(variables or {}, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return None
    versions = current_versions(namespaces)
    material = "\n".join(
        [
            query,
            operation_name or "",
            canonical_variables,
            translation.get_language() or "",
            request.get_host(),
            timezone.localdate().isoformat(),
            json.dumps(versions, sort_keys=True),
        ]
    )
    return RESPONSE_KEY.format(digest=hashlib.sha256(material.encode("utf-8")).hexdigest())


def cached_response(key: str) -> str | None:
    return cache.get(key)


def store_response(key: str, body: str) -> None:
    # The timeout bounds how stale the clock-dependent fields get (openingHours.isOpenNow and
    # `now`). Content changes are handled by the versions, not by the timeout.
    cache.set(key, body, timeout=settings.AMAZE_RESPONSE_CACHE_SECONDS)
