"""What a step on the meetings' and the matters' pages does with its action's answer: a refusal
lands on the form, per field where it names one; a stale version marks the form a conflict
(answered 409); either way the form keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError

from structure.actions import ConflictError


def refuse(form, error: Exception) -> None:
    """An action's refusal onto the form: per field where the form shows the field (a hidden
    one, such as the version read, shows no errors of its own: its problems are the form's)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            shown = field in form.fields and not form.fields[field].widget.is_hidden
            for text in texts:
                form.add_error(field if shown else None, text)
    elif isinstance(error, ValidationError):
        for text in error.messages:
            form.add_error(None, text)
    else:
        form.add_error(None, str(error))


def attempt(form, call: Callable[[], object]) -> bool:
    """Call the action; a refusal or a stale version lands on the form. True when done."""
    try:
        call()
    except ConflictError as error:
        form.conflict = True
        refuse(form, error)
        return False
    except (ValidationError, PermissionDenied) as error:
        refuse(form, error)
        return False
    return True


def taken(request, form, call: Callable[[], object]) -> bool:
    """A POST whose form is valid and whose action was taken; a refusal lands on the form."""
    return request.method == "POST" and form.is_valid() and attempt(form, call)


def status(form) -> int:
    """409 when the form was prepared on a stale version, 400 when refused, else 200."""
    if getattr(form, "conflict", False):
        return 409
    return 400 if form.is_bound and form.errors else 200
