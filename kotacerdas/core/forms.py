"""What every app's forms share."""
from kotacerdas.core.errors import ServiceError


def add_write_error(form, exc: Exception) -> None:
    """Show a refused write (ServiceError or ValidationError) on the form, on the field it names when the form has it."""
    if isinstance(exc, ServiceError):
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    elif hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
