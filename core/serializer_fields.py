"""Serializer fields whose choices are limited to what the requesting user may see."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference to a record the caller can see (through `selector`), by id."""

    def __init__(self, selector, model, **kwargs):
        self.selector, self.model = selector, model
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.selector(user=request.user) if request else self.model.objects.none()


class ScopedPrimaryKeyExtension(OpenApiSerializerFieldExtension):
    """In the schema, a scoped reference is the integer id of a record of its model."""

    target_class = ScopedPrimaryKeyRelatedField

    def map_serializer_field(self, auto_schema, direction):
        schema = build_basic_type(OpenApiTypes.INT)
        schema["description"] = f"id of a {self.target.model._meta.verbose_name} in your scope"
        return schema
