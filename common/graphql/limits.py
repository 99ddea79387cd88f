"""Validation rules that refuse queries too deep or too wide before anything runs.

Depth counts nested selection sets through fragments (introspection's `__schema` included). The
field count is the number of field selections in the operation after fragments are expanded,
aliases counting once each, so `a: services b: services …` is as costly as writing the fields out.
"""

from django.conf import settings
from django.utils.translation import gettext
from graphql import GraphQLError
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
)
from graphql.validation import ValidationRule


INTROSPECTION_ROOTS = {"__schema", "__type"}


def _fragments(context) -> dict[str, FragmentDefinitionNode]:
    return {
        definition.name.value: definition
        for definition in context.document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }


def _measure(selection_set, fragments, depth, visited) -> tuple[int, int]:
    """Return (max depth, field count) below a selection set."""
    if selection_set is None:
        return depth, 0
    deepest = depth
    fields = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value in INTROSPECTION_ROOTS:
                # Introspection cost is bounded by the schema; GraphiQL's own query nests 13 deep.
                continue
            fields += 1
            child_depth, child_fields = _measure(selection.selection_set, fragments, depth + 1, visited)
            deepest = max(deepest, child_depth)
            fields += child_fields
        elif isinstance(selection, InlineFragmentNode):
            child_depth, child_fields = _measure(selection.selection_set, fragments, depth, visited)
            deepest = max(deepest, child_depth)
            fields += child_fields
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            # A fragment spread inside itself is reported by graphql-core's own NoFragmentCycles rule.
            if fragment is None or name in visited:
                continue
            child_depth, child_fields = _measure(fragment.selection_set, fragments, depth, visited | {name})
            deepest = max(deepest, child_depth)
            fields += child_fields
    return deepest, fields


class QueryLimitsRule(ValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        depth, fields = _measure(node.selection_set, _fragments(self.context), 0, frozenset())
        max_depth = settings.GRAPHQL_MAX_DEPTH
        max_fields = settings.GRAPHQL_MAX_FIELDS
        if depth > max_depth:
            self.report_error(
                GraphQLError(
                    gettext("The query is nested %(depth)s levels deep; the maximum is %(max)s.")
                    % {"depth": depth, "max": max_depth},
                    node,
                    extensions={"code": "QUERY_TOO_DEEP"},
                )
            )
        if fields > max_fields:
            self.report_error(
                GraphQLError(
                    gettext("The query selects %(fields)s fields; the maximum is %(max)s.")
                    % {"fields": fields, "max": max_fields},
                    node,
                    extensions={"code": "QUERY_TOO_COMPLEX"},
                )
            )
