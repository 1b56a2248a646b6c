from typing import Any

from django.db import models


class WebAddressField(models.URLField):
    """A URL field whose forms assume https:// when the scheme is left out (Django 6's default)."""

    def formfield(self, **kwargs: Any) -> Any:
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)
