"""What every API endpoint shares: the error format, the schema's error responses and the base
viewset that reads through selectors and writes through services (pagination and throttling are
in api_policies; auditing child-level reads is agencies.audit.AuditedReadsMixin)."""

import inspect
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

BAD_VALUE = "A value in the request is out of range for the database."


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


def _overrides(cls, name: str) -> bool:
    return any(name in klass.__dict__ for klass in cls.__mro__ if klass is not ScopedViewSet)


def takes(service: Callable, name: str) -> bool:
    """Whether `service` has a parameter called `name` (not merely **fields)."""
    return name in inspect.signature(service).parameters


class ScopedViewSet(viewsets.ModelViewSet):
    """Reads come from `selector(user=…)` (or `queryset` for records every user may read);
    writes call the app's services, which hold every rule:

    - `create_service(user=…, **fields)`;
    - `update_service(user=…, <record>=instance, **fields)`, with only the `update_fields`
      (all the serializer's fields when None);
    - `delete_service(user=…, <record>=instance)`.

    `record` is the keyword the services take the record under (the model's name by default);
    a service that takes `via` is told the interface ("api"), and a create service that takes
    the record is given a new one. A missing service means the operation is not offered (405).
    A viewset whose service is shaped otherwise overrides create_record, update_record or
    delete_record."""

    selector: Callable | None = None
    create_service: Callable | None = None
    update_service: Callable | None = None
    delete_service: Callable | None = None
    record: str | None = None
    update_fields: tuple[str, ...] | None = None
    via = "api"
    output_serializer_class = None  # when the response differs from the request
    extra_methods: tuple[str, ...] = ()
    lookup_value_regex = r"\d{1,12}"

    def __init_subclass__(cls, **kwargs):
        """Offer (and document) only the methods that have a service behind them; services are
        plain functions, never bound to the viewset."""
        super().__init_subclass__(**kwargs)
        for name in ("selector", "create_service", "update_service", "delete_service"):
            function = cls.__dict__.get(name)
            if function is not None and not isinstance(function, staticmethod):
                setattr(cls, name, staticmethod(function))
        offered = {
            "create": cls.create_service or _overrides(cls, "create_record"),
            "update": cls.update_service or _overrides(cls, "update_record"),
            "destroy": cls.delete_service or _overrides(cls, "delete_record"),
        }
        cls.offered = {action for action, service in offered.items() if service}
        methods = ["get", "head", "options", *cls.extra_methods]
        methods += [
            method
            for action, names in (
                ("create", ["post"]),
                ("update", ["put", "patch"]),
                ("destroy", ["delete"]),
            )
            if action in cls.offered
            for method in names
        ]
        cls.http_method_names = list(dict.fromkeys(methods))

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # building the schema: no user
            return self._model().objects.none()
        if self.selector is None:
            return super().get_queryset()
        return self.selector(user=self.request.user)

    def _model(self):
        return (self.output_serializer_class or self.serializer_class).Meta.model

    def _record_name(self) -> str:
        return self.record or self._model()._meta.model_name

    def service_arguments(self, service: Callable, **arguments) -> dict:
        """What `service` is called with: the user, the record and fields, and `via` if the
        service takes it."""
        if takes(service, "via"):
            arguments["via"] = self.via
        return {"user": self.request.user, **arguments}

    def create_record(self, fields: dict):
        """Create through `create_service`."""
        service, record = self.create_service, self._record_name()
        if takes(service, record):
            fields = {record: self._model()(), **fields}
        return service(**self.service_arguments(service, **fields))

    def update_record(self, instance, fields: dict):
        """Change through `update_service`, passing only the `update_fields`."""
        if self.update_fields is not None:
            fields = {name: value for name, value in fields.items() if name in self.update_fields}
        service = self.update_service
        return service(
            **self.service_arguments(service, **{self._record_name(): instance}, **fields)
        )

    def delete_record(self, instance) -> None:
        """Delete through `delete_service`."""
        service = self.delete_service
        service(**self.service_arguments(service, **{self._record_name(): instance}))

    def initial(self, request, *args, **kwargs):
        """An extra method opened for an action (say POST) does not open the matching CRUD
        operation of a viewset that has no service for it."""
        super().initial(request, *args, **kwargs)
        action = "update" if self.action == "partial_update" else self.action
        if action in ("create", "update", "destroy") and action not in self.offered:
            raise exceptions.MethodNotAllowed(request.method)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.create_record(dict(serializer.validated_data))
        return Response(self.output(instance), status=status.HTTP_201_CREATED)

    def output(self, instance) -> dict:
        serializer_class = self.output_serializer_class or self.get_serializer_class()
        return serializer_class(instance, context=self.get_serializer_context()).data

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        instance = self.update_record(instance, dict(serializer.validated_data))
        return Response(self.get_serializer(instance).data)

    def destroy(self, request, *args, **kwargs):
        self.delete_record(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class PortalAutoSchema(AutoSchema):
    """Every operation documents the portal's error responses alongside its own."""

    ERROR_CODES = {
        "400": "The request is not valid: each problem with its field, reason and code.",
        "401": "No valid token or session.",
        "403": "Your role or LA does not give access.",
        "404": "Not found, or outside your scope.",
        "429": "Too many requests from this token.",
    }

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in self.ERROR_CODES.items():
            if code == "404" and not self._is_detail_like():
                continue
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code)
                response["description"] = description
                responses[code] = response
        return responses

    def _is_detail_like(self) -> bool:
        return "{" in self.path
