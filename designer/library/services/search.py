"""The denormalized search fields of a design."""

from __future__ import annotations

from designer.library import documents
from designer.library.models import Design, DesignToken


def reindex(design: Design) -> None:
    """Refresh ``search_text`` (saved by the caller) and the token rows of a design."""
    fields = {
        "name": design.name,
        "description": design.description,
        "tags": design.tags,
        "images": design.images,
    }
    design.search_text = documents.search_text(**fields)
    DesignToken.objects.filter(design=design).delete()
    DesignToken.objects.bulk_create(
        DesignToken(design=design, token=token) for token in documents.tokens(**fields)
    )
