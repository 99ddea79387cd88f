"""Hand a named GraphQL operation to the page's JavaScript, so browsers run the same files."""

import json

from django import template
from django.utils.safestring import mark_safe

from website.operations import QUERIES_DIR, load_operation

register = template.Library()


@register.simple_tag
def graphql_operation(name: str) -> str:
    """Return `<script type="application/json" id="op-Name">` holding the operation's text.

    The document is validated first (load_operation raises on an unknown or invalid file), so a
    page never ships an operation the schema would reject.
    """
    load_operation(name)
    text = (QUERIES_DIR / f"{name}.graphql").read_text(encoding="utf-8")
    payload = json.dumps(text).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/json" id="op-{name}">{payload}</script>')
