"""GraphQL object types of the CRM, one module per domain concept."""
