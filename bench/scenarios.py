"""The benchmark scenarios: what each variant requests, and the order variants alternate in."""

from dataclasses import dataclass

from bench.load import Request

BYPASS = {"X-Bench-Cache": "bypass"}

# The service list as the site's list page shows it; the floor view and the Wagtail API request
# return the same fields.
SERVICES_QUERY = """
query BenchServices {
  services {
    slug
    url
    name
    summary
    category
    categoryLabel
    durationMinutes
    price { display min { amount display } }
    mainImage(filter: FILL_400X300) { url width height alt }
  }
}
"""

WAGTAIL_API_SERVICES = (
    "/api/v2/pages/?type=cms.ServicePage&order=title&limit=100000"
    "&fields=summary,category,price,price_max,price_is_from,duration_minutes,main_image_thumbnail"
)


@dataclass(frozen=True)
class Variant:
    name: str
    request: Request


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    variants: tuple[Variant, ...]


def home_page() -> Scenario:
    return Scenario(
        "home",
        "1. Home page HTML",
        (
            Variant("rendered (no page cache)", Request("GET", "/", headers=BYPASS)),
            Variant("full-page cache", Request("GET", "/")),
        ),
    )


def service_list() -> Scenario:
    return Scenario(
        "services",
        "2. Service list",
        (
            Variant("GraphQL, uncached", Request.graphql(SERVICES_QUERY, headers=BYPASS)),
            Variant("GraphQL, warm cache", Request.graphql(SERVICES_QUERY)),
            Variant("Wagtail REST API v2", Request("GET", WAGTAIL_API_SERVICES)),
            Variant("floor: Django JSON view", Request("GET", "/bench/floor/services/")),
        ),
    )


def read_scenarios() -> list[Scenario]:
    return [home_page(), service_list()]
