"""The fixed cost of GraphQL itself, measured in this process with time.perf_counter.

"Uncached" parses and validates the document every time, as graphene-django does by default.
"Cached" is the endpoint's path through common.graphql.cache.check_document.
"""

import time
from dataclasses import dataclass

from bench.scenarios import SERVICES_QUERY


@dataclass
class Overhead:
    document: str
    uncached_ms: float
    cached_ms: float


def endpoint_rules() -> tuple:
    from django.conf import settings
    from graphql.validation import NoSchemaIntrospectionCustomRule, specified_rules

    from common.graphql.limits import QueryLimitsRule

    rules = [*specified_rules, QueryLimitsRule]
    if not settings.GRAPHQL_INTROSPECTION:
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


def per_call_ms(function, iterations: int) -> float:
    function()  # first call outside the timing: imports, warm caches
    started = time.perf_counter()
    for _ in range(iterations):
        function()
    return (time.perf_counter() - started) * 1000 / iterations


def measure(iterations: int = 2000) -> list[Overhead]:
    from grapple.schema import schema as grapple_schema
    from graphql import parse, validate

    from common.graphql.cache import check_document
    from website.operations import QUERIES_DIR

    schema = grapple_schema.graphql_schema
    rules = endpoint_rules()
    documents = {
        "BenchServices (scenario 2)": SERVICES_QUERY,
        "HomePage (site operation)": (QUERIES_DIR / "HomePage.graphql").read_text(encoding="utf-8"),
    }
    results = []
    for name, query in documents.items():

        def uncached(query=query):
            validate(schema, parse(query), rules)

        def cached(query=query):
            check_document(schema, query, rules)

        results.append(Overhead(name, per_call_ms(uncached, max(iterations // 10, 20)), per_call_ms(cached, iterations)))
    return results
