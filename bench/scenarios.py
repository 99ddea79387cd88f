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


MY_ORDERS_QUERY = """
query BenchMyOrders {
  me {
    orders(first: 20) {
      number
      status
      statusLabel
      placedAt
      total { amount display }
      subtotal { amount }
      branch { name }
      items { productName sku quantity unitPrice { amount display } lineSubtotal { amount } }
    }
  }
}
"""

TAKE_QUEUE_NUMBER = """
mutation BenchTakeQueueNumber($branch: String!) {
  takeQueueNumber(branch: $branch) { ticket { number } errors { code message } }
}
"""

CALL_NEXT_TICKET = """
mutation BenchCallNext($branch: String!) {
  callNextTicket(branch: $branch) { ticket { number } errors { code message } }
}
"""

QUEUE_STATUS_QUERY = """
query BenchQueueStatus($branch: String!) {
  queueStatus(branch: $branch) {
    date
    waitingCount
    estimatedWaitMinutes
    nowServing { place ticketNumber status }
  }
}
"""


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def my_orders(token: str) -> Scenario:
    return Scenario(
        "orders",
        "3. My orders with items",
        (
            Variant("GraphQL me.orders (20)", Request.graphql(MY_ORDERS_QUERY, headers=bearer(token))),
            Variant("floor: Django JSON view (20)", Request("GET", "/bench/floor/my-orders/", headers=bearer(token))),
        ),
    )
