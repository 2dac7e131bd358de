"""What every API endpoint shares: the error format, the schema's error responses and the base
viewset that reads through selectors, writes through services and audits child-level reads
(pagination and throttling are in api_policies)."""

from collections.abc import Callable

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from drf_spectacular.openapi import AutoSchema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.exceptions import ErrorDetail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from agencies.audit import audit_record
from agencies.models import AuditEvent

BAD_VALUE = "A value in the request is out of range for the database."
# The service behind each CRUD action of a ScopedViewSet: without it the action is not offered.
SERVICE_FOR_ACTION = {
    "create": "create_service",
    "update": "update_service",
    "partial_update": "update_service",
    "destroy": "delete_service",
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Other records still refer to this one, so it cannot be deleted."
    default_code = "in_use"


class ErrorSerializer(serializers.Serializer):
    """The shape of every error response (documented in the schema)."""

    code = serializers.CharField(help_text="A stable code: invalid, not_found, …")
    detail = serializers.CharField()
    errors = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text="One entry per problem: field, reason and code.",
    )


def _path(field: str, key) -> str:
    """`files.0` for the first item of `files`; a non-field error keeps its parent's path."""
    if key in ("non_field_errors", ""):
        return field
    return f"{field}.{key}" if field else str(key)


def _flatten(detail, field: str = "") -> list[dict]:
    if isinstance(detail, dict):
        return [
            item for key, value in detail.items() for item in _flatten(value, _path(field, key))
        ]
    if isinstance(detail, list):
        return [item for value in detail for item in _flatten(value, field)]
    return [{"field": field, "reason": str(detail), "code": getattr(detail, "code", "invalid")}]


def _with_codes(error: DjangoValidationError) -> dict:
    """A Django ValidationError as DRF detail, keeping each message's code."""
    by_field = error.error_dict if hasattr(error, "error_dict") else {"": error.error_list}
    return {
        "" if field == NON_FIELD_ERRORS else field: [
            ErrorDetail(message, code=item.code or "invalid")
            for item in items
            for message in item.messages
        ]
        for field, items in by_field.items()
    }


def error_body(code: str, detail: str) -> dict:
    """The API's error body outside validation: {code, detail, errors: [{field, reason, code}]}."""
    return {
        "code": code,
        "detail": detail,
        "errors": [{"field": "", "reason": detail, "code": code}],
    }


def exception_handler(exc, context):
    """JSON errors everywhere: {code, detail, errors: [{field, reason, code}]}."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_with_codes(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict()
    elif isinstance(exc, DataError | OverflowError):
        exc = exceptions.ValidationError({"": [BAD_VALUE]})
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        response.data = {"code": "invalid", "detail": "The request is not valid.", "errors": errors}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        response.data = error_body(getattr(detail, "code", "error"), str(detail))
    return response


class ScopedViewSet(viewsets.ModelViewSet):
    """Reads come from `selector(user=…)`; writes call `create_service`, `update_service` and
    `delete_service`; list and detail reads of child-level records are audited as `audit_model`.

    A missing service means the operation is not offered (405)."""

    selector: Callable
    create_service: Callable | None = None
    update_service: Callable | None = None
    delete_service: Callable | None = None
    audit_model: str | None = None
    output_serializer_class = None  # when the response differs from the request
    extra_methods: tuple[str, ...] = ()
    lookup_value_regex = r"\d{1,12}"

    def __init_subclass__(cls, **kwargs):
        """Offer (and document) only the methods that have a service behind them."""
        super().__init_subclass__(**kwargs)
        methods = ["get", "head", "options", *cls.extra_methods]
        if cls.create_service:
            methods.append("post")
        if cls.update_service:
            methods += ["put", "patch"]
        if cls.delete_service:
            methods.append("delete")
        cls.http_method_names = methods

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # building the schema: no user
            serializer = self.output_serializer_class or self.get_serializer_class()
            return serializer.Meta.model.objects.none()
        return type(self).selector(user=self.request.user)

    def _audit(self, objects, action):
        if self.audit_model and objects:
            audit_record(
                user=self.request.user,
                action=action,
                model=self.audit_model,
                object_ids=[obj.pk for obj in objects],
                via="api",
            )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        self._audit(page, AuditEvent.Action.LIST)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self._audit([instance], AuditEvent.Action.VIEW)
        return Response(self.get_serializer(instance).data)

    def initial(self, request, *args, **kwargs):
        """An extra method opened for an action (say POST) does not open the matching CRUD
        operation of a viewset that has no service for it."""
        super().initial(request, *args, **kwargs)
        service = SERVICE_FOR_ACTION
        if self.action in service and getattr(type(self), service[self.action]) is None:
            raise exceptions.MethodNotAllowed(request.method)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = type(self).create_service(user=request.user, **serializer.validated_data)
        return Response(self.output(instance), status=status.HTTP_201_CREATED)

    def output(self, instance) -> dict:
        serializer_class = self.output_serializer_class or self.get_serializer_class()
        return serializer_class(instance, context=self.get_serializer_context()).data

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        instance = type(self).update_service(
            instance, user=request.user, **serializer.validated_data
        )
        return Response(self.get_serializer(instance).data)

    def destroy(self, request, *args, **kwargs):
        type(self).delete_service(self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PortalAutoSchema(AutoSchema):
    """Every operation documents the portal's error responses alongside its own."""

    ERROR_CODES = {
        "400": "The request is not valid: each problem with its field, reason and code.",
        "401": "No valid token or session.",
        "403": "Your role or LA does not give access.",
        "404": "Not found, or outside your scope.",
        "409": "Other records still refer to this one, so it cannot be deleted.",
        "429": "Too many requests from this token.",
    }

    def is_excluded(self) -> bool:
        """A CRUD action with no service behind it answers 405: it is not documented."""
        service = SERVICE_FOR_ACTION.get(getattr(self.view, "action", None))
        return service is not None and getattr(type(self.view), service, "") is None

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in self.ERROR_CODES.items():
            if code == "404" and not self._is_detail_like():
                continue
            if code == "409" and self.method != "DELETE":
                continue
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code)
                response["description"] = description
                responses[code] = response
        return responses

    def _is_detail_like(self) -> bool:
        return "{" in self.path
