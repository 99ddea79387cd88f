from wagtail.models import Page


class OperationRenderedPage(Page):
    """A page whose template data comes from a named GraphQL operation, never from the ORM.

    `graphql_operation` names a file in graphql/queries/; previews run the same operation with
    the unsaved page handed to the resolvers, so drafts render through the same template.
    """

    graphql_operation = ""

    class Meta:
        abstract = True

    def graphql_variables(self) -> dict:
        return {}

    def serve(self, request, *args, **kwargs):
        from website.rendering import render_page

        return render_page(request, self)

    def serve_preview(self, request, preview_mode):
        from website.rendering import render_page

        return render_page(request, self, preview=True)
