# Registers the CRM's GraphQL root fields; keep this import when adding admin hooks below.
import crm.schema.registration  # noqa: F401
