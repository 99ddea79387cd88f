from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import Testimonial

from cms.schema.queries import CmsQuery
from common.graphql.grapple_visibility import restrict_grapple_collections


@hooks.register("register_schema_query")
def register_cms_queries(query_mixins):
    query_mixins.append(CmsQuery)


# grapple appends its own root fields in a hook of the default order 0, which runs after this app's
# hooks of the same order (INSTALLED_APPS lists cms first), so the restriction needs a later order.
@hooks.register("register_schema_query", order=1)
def restrict_grapple_queries(query_mixins):
    restrict_grapple_collections(query_mixins)


class TestimonialViewSet(SnippetViewSet):
    model = Testimonial
    icon = "openquote"
    menu_label = _("Testimonials")
    menu_order = 300
    add_to_admin_menu = True
    list_display = [
        "display_name",
        "rating",
        "service",
        "consent_label",
        LiveStatusTagColumn(),
        "submitted_at",
    ]
    list_filter = ["live", "rating"]
    search_fields = ["display_name", "text"]


register_snippet(TestimonialViewSet)
