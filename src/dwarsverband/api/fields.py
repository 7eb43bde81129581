"""Building blocks the apps' APIs share: named enums, strict query parameters, problem
responses in the schema."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.fields import empty


class EnumField(serializers.ChoiceField):
    """A choice field documented as one named enum component (e.g. ``MeetingStatusEnum``).

    Fields such as ``kind`` and ``status`` carry different choice sets on different resources;
    a named component per choice set keeps the document's names stable without a warning. An
    empty stored value (e.g. an action whose status is unknown) is answered as null.
    """

    def __init__(self, *, enum_name: str, **kwargs: Any) -> None:
        self.enum_name = enum_name
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> Any:
        if value in ("", None):
            return None
        return super().to_representation(value)


class EnumFieldExtension(OpenApiSerializerFieldExtension):
    target_class = EnumField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        field: EnumField = self.target
        choices = [(key, label) for key, label in field.choices.items() if key != ""]
        component = ResolvedComponent(
            name=field.enum_name,
            type=ResolvedComponent.SCHEMA,
            object=field.enum_name,
            schema={
                "type": "string",
                "enum": [str(key) for key, _label in choices],
                "description": "\n".join(f"* `{key}` - {label}" for key, label in choices),
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


class StrictQueryParameter(serializers.Field):
    """A query parameter that is absent or valid: an empty value is an error, not "no filter".

    (DRF reads an empty form value of an optional field as absent, which would accept
    ``?vanaf=`` although the documented format says otherwise.)
    """

    def get_value(self, dictionary: Any) -> Any:
        if self.field_name not in dictionary:
            return empty
        if dictionary.get(self.field_name) == "":
            return ""
        return super().get_value(dictionary)


class DateTimeParameter(StrictQueryParameter, serializers.DateTimeField):
    pass


class BooleanParameter(StrictQueryParameter, serializers.BooleanField):
    pass


class IntegerParameter(StrictQueryParameter, serializers.IntegerField):
    pass


class SlugReferenceField(serializers.SlugRelatedField):
    """A reference by slug or code; text no database column can hold is invalid, not a crash.

    PostgreSQL refuses NUL characters even in a lookup, and lone surrogates cannot be encoded.
    """

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and any(
            character == "\x00" or "\ud800" <= character <= "\udfff" for character in data
        ):
            self.fail("invalid")
        return super().to_internal_value(data)


def problem_response(description: str) -> OpenApiResponse:
    """A documented error response in the problem+json format."""
    return OpenApiResponse(
        response={"$ref": "#/components/schemas/Problem"}, description=description
    )
