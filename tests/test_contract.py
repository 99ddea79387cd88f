"""The API contract in graphql/: the exported schema and the site's named operations."""

from pathlib import Path

import pytest
from django.conf import settings
from graphql import parse, print_schema, validate
from grapple.schema import schema

GRAPHQL_DIR = Path(settings.BASE_DIR) / "graphql"
OPERATION_FILES = sorted((GRAPHQL_DIR / "queries").glob("*.graphql"))


def test_schema_snapshot_is_current():
    exported = (GRAPHQL_DIR / "schema.graphql").read_text(encoding="utf-8")
    live = print_schema(schema.graphql_schema) + "\n"
    assert exported == live, "graphql/schema.graphql is stale: run `make schema` and commit it"


def test_operations_exist():
    assert len(OPERATION_FILES) >= 8


@pytest.mark.parametrize("path", OPERATION_FILES, ids=lambda path: path.stem)
def test_operation_validates_against_schema(path):
    document = parse(path.read_text(encoding="utf-8"))
    errors = validate(schema.graphql_schema, document)
    assert errors == []


@pytest.mark.parametrize("path", OPERATION_FILES, ids=lambda path: path.stem)
def test_operation_name_matches_file(path):
    document = parse(path.read_text(encoding="utf-8"))
    names = [definition.name.value for definition in document.definitions if hasattr(definition, "operation")]
    assert names == [path.stem]
