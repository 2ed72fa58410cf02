"""The OpenAPI 3 schema: served, valid, and complete."""

from __future__ import annotations

import re

import pytest
import yaml
from django.urls import URLPattern, URLResolver
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from designer.library.api.urls import urlpatterns

DOCS = {"schema/", "docs/"}


def api_paths() -> dict[str, set[str]]:
    """Every /api/ route with the HTTP methods its view implements."""
    out: dict[str, set[str]] = {}
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern) and not isinstance(pattern, URLResolver)
        route = str(pattern.pattern)
        if route in DOCS:
            continue
        view = pattern.callback.view_class  # type: ignore[attr-defined]
        methods = {m for m in ("get", "post", "put", "patch", "delete") if hasattr(view, m)}
        out["/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)] = methods
    return out


@pytest.fixture(scope="module")
def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_is_valid_openapi_3(schema: dict) -> None:
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_every_endpoint_and_method_is_in_the_schema(schema: dict) -> None:
    paths = schema["paths"]
    for path, methods in api_paths().items():
        assert path in paths, path
        assert methods == set(paths[path]) - {"parameters"}, path


def test_operation_ids_are_unique(schema: dict) -> None:
    ids = [op["operationId"] for item in schema["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


@pytest.mark.django_db
def test_the_schema_and_the_docs_page_are_served(api: APIClient) -> None:
    response = api.get("/api/schema/")
    assert response.status_code == 200
    served = yaml.safe_load(response.content)
    validate(served)
    assert "/api/designs/" in served["paths"]
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
