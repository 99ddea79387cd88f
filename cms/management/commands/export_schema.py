from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from graphql import print_schema


class Command(BaseCommand):
    help = "Write the live GraphQL schema to graphql/schema.graphql (the API contract)."

    # NOTE: descriptions taken from model help texts are translated once, when the schema is
    # built, so run this after compilemessages (as `make schema` does), like the contract test.

    def handle(self, *args, **options):
        from grapple.schema import schema

        target = Path(settings.BASE_DIR) / "graphql" / "schema.graphql"
        target.write_text(print_schema(schema.graphql_schema) + "\n", encoding="utf-8")
        self.stdout.write(f"Wrote {target}")
