"""Supported target Kubernetes versions, discovered from kubernetes-validate's schema folders."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

import pytest

from designer.domain import versions
from designer.domain.versions import (
    DEFAULT_VERSION,
    SUPPORTED_VERSIONS,
    format_version,
    parse_version,
    schema_dir,
)


def _shipped_minors() -> list[tuple[int, int]]:
    spec = find_spec("kubernetes_validate")
    assert spec is not None and spec.submodule_search_locations
    root = Path(next(iter(spec.submodule_search_locations))) / "kubernetes-json-schema"
    found = set()
    for entry in root.iterdir():
        match = re.fullmatch(r"v(\d+)\.(\d+)\.\d+-local-strict", entry.name)
        if match:
            found.add((int(match[1]), int(match[2])))
    return sorted(found)


def test_supported_versions_start_at_1_27():
    assert SUPPORTED_VERSIONS[0] == "1.27"


def test_supported_versions_end_at_the_newest_shipped_schema():
    newest = _shipped_minors()[-1]
    assert SUPPORTED_VERSIONS[-1] == format_version(newest)


def test_supported_versions_are_every_shipped_minor_from_1_27_in_order():
    expected = [format_version(v) for v in _shipped_minors() if v >= (1, 27)]
    assert list(SUPPORTED_VERSIONS) == expected
    assert tuple(parse_version(v) for v in SUPPORTED_VERSIONS) == versions.SUPPORTED


def test_default_version_is_the_newest():
    assert SUPPORTED_VERSIONS[-1] == DEFAULT_VERSION


def test_parse_version_reads_major_minor():
    assert parse_version("1.29") == (1, 29)
    assert parse_version(DEFAULT_VERSION) == versions.SUPPORTED[-1]


def test_parse_version_accepts_a_v_prefix_a_patch_and_spaces():
    assert parse_version("v1.30") == (1, 30)
    assert parse_version("1.30.4") == (1, 30)
    assert parse_version(" 1.30 ") == (1, 30)


@pytest.mark.parametrize("text", ["1.26", "1.20", "2.0", "1.999"])
def test_parse_version_rejects_unsupported_versions_with_the_range(text):
    with pytest.raises(ValueError) as caught:
        parse_version(text)
    message = str(caught.value)
    assert "not supported" in message
    assert SUPPORTED_VERSIONS[0] in message and SUPPORTED_VERSIONS[-1] in message


@pytest.mark.parametrize("text", ["", "latest", "1", "1.", "1.x", "one.two", "1.29-rc", "1..29"])
def test_parse_version_rejects_garbage_strings(text):
    with pytest.raises(ValueError, match="not a Kubernetes version"):
        parse_version(text)


@pytest.mark.parametrize("value", [None, 1.29, 129, (1, 29), ["1.29"], b"1.29"])
def test_parse_version_rejects_non_strings_with_value_error(value):
    with pytest.raises(ValueError, match="must be a string"):
        parse_version(value)


def test_parse_version_message_of_a_huge_input_is_short():
    with pytest.raises(ValueError) as caught:
        parse_version("x" * 10_000)
    assert len(str(caught.value)) < 200


def test_schema_dir_holds_the_strict_pod_schema_of_each_version():
    for text in SUPPORTED_VERSIONS:
        folder = schema_dir(parse_version(text))
        assert folder.name.endswith("-local-strict")
        assert (folder / "pod-v1.json").is_file()
        assert (folder / "_definitions.json").is_file()


def test_schema_dir_rejects_an_unsupported_version():
    with pytest.raises(ValueError):
        schema_dir((1, 20))


def test_format_version_renders_major_dot_minor():
    assert format_version((1, 33)) == "1.33"
