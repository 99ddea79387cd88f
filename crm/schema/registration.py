"""Add the CRM's root fields to the one GraphQL schema through grapple's schema hooks."""

from wagtail import hooks


class CrmQuery:
    """Root query fields of the CRM; filled by the modules of crm.schema."""


@hooks.register("register_schema_query")
def register_crm_queries(query_mixins):
    query_mixins.append(CrmQuery)
