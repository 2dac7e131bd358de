"""Turning validation errors into the one-line messages commands print."""

from django.core.exceptions import ValidationError


def one_line(error: ValidationError) -> str:
    """A ValidationError as one line: 'field: reason; …'."""
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
