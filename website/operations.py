"""Run the site's named GraphQL operations in-process against the one schema.

Each operation is a file in graphql/queries/<Name>.graphql. Documents are parsed and validated
once per process and kept, so a page view pays only for execution.
"""

import functools
import logging
from pathlib import Path

from django.conf import settings
from graphql import DocumentNode, GraphQLError, execute, parse, validate

logger = logging.getLogger(__name__)

QUERIES_DIR = Path(settings.BASE_DIR) / "graphql" / "queries"


class OperationFailed(Exception):
    """A named operation returned errors; the site shows its error page, the log has the details."""

    def __init__(self, name: str, errors: list[GraphQLError]):
        super().__init__(f"Operation {name} failed: {[error.message for error in errors]}")
        self.name = name
        self.errors = errors


def graphql_schema():
    from grapple.schema import schema

    return schema.graphql_schema


@functools.lru_cache(maxsize=None)
def load_operation(name: str) -> DocumentNode:
    """Return the parsed and validated document of a named operation."""
    path = QUERIES_DIR / f"{name}.graphql"
    if not path.is_file():
        raise FileNotFoundError(f"No named operation {name!r} in {QUERIES_DIR}.")
    document = parse(path.read_text(encoding="utf-8"))
    errors = validate(graphql_schema(), document)
    if errors:
        raise OperationFailed(name, errors)
    return document


def run_operation(request, name: str, variables: dict | None = None) -> dict:
    """Execute a named operation with the request as context and return its `data`."""
    result = execute(
        graphql_schema(),
        load_operation(name),
        context_value=request,
        variable_values=variables or {},
        operation_name=name,
    )
    if result.errors:
        for error in result.errors:
            logger.error("Operation %s failed at %s", name, error.path, exc_info=error.original_error)
        raise OperationFailed(name, list(result.errors))
    return result.data
