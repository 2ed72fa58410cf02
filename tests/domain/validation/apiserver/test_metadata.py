"""A.2 metadata: ValidateObjectMeta, ValidatePodSpecificAnnotations, annotation/field agreement."""

from __future__ import annotations

import pytest

from designer.domain.validation.apiserver.metadata import mask_trailing_dash
from designer.domain.validation.findings import DUPLICATE, FORBIDDEN, INVALID, REQUIRED, TOO_LONG
from tests.domain.validation.apiserver.builders import at, check, container, pod, rules


def meta_findings(metadata, template=False, **spec):
    manifest = pod(**spec)
    manifest["metadata"] = metadata
    return [f for f in check(manifest, template=template) if f.path.startswith("metadata")
            or "seccomp" in f.path or "appArmor" in f.path]


def test_ValidateObjectMetaAccessor_name_or_generateName_is_required():
    found = meta_findings({})
    assert [(f.path, f.message) for f in found] == [
        ("metadata.name", "Required value: name or generateName is required")]
    assert found[0].error_type == REQUIRED
    assert meta_findings({"generateName": "web-"}) == []
    assert meta_findings({"name": "web"}) == []


def test_ValidateObjectMetaAccessor_generateName_must_be_a_subdomain_prefix():
    assert rules(meta_findings({"generateName": "Web-"})) == [
        "api.ValidateObjectMetaAccessor.generate-name-invalid"]
    assert meta_findings({"generateName": "web.v2-"}) == []


def test_maskTrailingDash_replaces_the_last_two_characters_like_the_server():
    assert mask_trailing_dash("web-") == "wea"
    assert mask_trailing_dash("x.-") == "xa"  # quirk: "x.-" passes although "x.-abcde" would not
    assert mask_trailing_dash("-") == "-"
    assert mask_trailing_dash("web") == "web"


def test_ValidatePodName_name_must_be_a_dns_subdomain():
    found = meta_findings({"name": "Web_1"})
    assert found[0].path == "metadata.name" and found[0].error_type == INVALID
    assert 'Invalid value: "Web_1": a lowercase RFC 1123 subdomain' in found[0].message
    assert len(meta_findings({"name": "a" * 254})) == 1
    assert meta_findings({"name": "a" * 253}) == []


def test_validateObjectMetaAccessorWithOptsCommon_namespace_may_be_omitted_but_not_invalid():
    assert meta_findings({"name": "web"}) == []
    assert meta_findings({"name": "web", "namespace": "team-a"}) == []
    found = meta_findings({"name": "web", "namespace": "team.a"})
    assert [(f.path, f.message) for f in found] == [
        ("metadata.namespace", 'Invalid value: "team.a": must not contain dots')]


def test_ValidateLabels_keys_and_values_are_checked_at_the_labels_path():
    found = meta_findings({"name": "web", "labels": {"app": "web", "bad key": "x", "ok": "-x"}})
    assert [f.path for f in found] == ["metadata.labels", "metadata.labels"]
    assert 'Invalid value: "bad key"' in found[0].message
    assert 'Invalid value: "-x"' in found[1].message
    assert meta_findings({"name": "web", "labels": {"example.com/app": "web", "e": ""}}) == []


def test_ValidateAnnotations_keys_are_checked_lower_cased():
    assert meta_findings({"name": "web", "annotations": {"Example.COM/Note": "x"}}) == []
    found = meta_findings({"name": "web", "annotations": {"a b": "x"}})
    assert rules(found) == ["api.ValidateAnnotations.key"]


def test_ValidateAnnotationsSize_total_size_over_256_KiB_is_too_long():
    big = {"a": "x" * (256 * 1024)}
    found = meta_findings({"name": "web", "annotations": big})
    assert [(f.path, f.error_type) for f in found] == [("metadata.annotations", TOO_LONG)]
    assert found[0].message == "Too long: may not be more than 262144 bytes"
    assert meta_findings({"name": "web", "annotations": {"a": "x" * (256 * 1024 - 1)}}) == []


def test_ValidateFinalizers_and_validateKubeFinalizerName():
    assert meta_findings({"name": "web", "finalizers": ["example.com/cleanup",
                                                         "kubernetes"]}) == []
    found = meta_findings({"name": "web", "finalizers": ["cleanup"]})
    assert [(f.rule, f.path) for f in found] == [
        ("api.validateKubeFinalizerName.unqualified", "metadata.finalizers[0]")]
    found = meta_findings({"name": "web", "finalizers": ["a b"]})
    assert [f.path for f in found] == ["metadata.finalizers", "metadata.finalizers[0]"]
    found = meta_findings({"name": "web", "finalizers": ["orphan", "foregroundDeletion"]})
    assert rules(found) == ["api.ValidateFinalizers.conflict"]


def test_ValidatePodSpecificAnnotations_mirror_pod_needs_node_name():
    meta = {"name": "web", "annotations": {"kubernetes.io/config.mirror": "x"}}
    found = meta_findings(meta)
    assert [f.path for f in found] == ["metadata.annotations[kubernetes.io/config.mirror]"]
    assert "must set spec.nodeName" in found[0].message
    assert meta_findings(meta, nodeName="node-1") == []


@pytest.mark.parametrize(("value", "ok"), [
    ("0", True), ("-5", True), ("2147483647", True), ("-2147483648", True),
    ("+10", False), ("08", False), ("abc", False), ("", False), ("2147483648", False),
    ("1.5", False), ("-", False),
])
def test_ValidatePodSpecificAnnotations_pod_deletion_cost_is_a_32bit_integer(value, ok):
    key = "controller.kubernetes.io/pod-deletion-cost"
    found = meta_findings({"name": "web", "annotations": {key: value}})
    assert (found == []) is ok
    if not ok:
        assert found[0].message.endswith("must be a 32bit integer")
        assert found[0].path == f"metadata.annotations[{key}]"


def test_ValidateSeccompPodAnnotations_and_ValidateSeccompProfile():
    good = {"seccomp.security.alpha.kubernetes.io/pod": "runtime/default",
            "container.seccomp.security.alpha.kubernetes.io/app": "localhost/profiles/a.json"}
    assert meta_findings({"name": "web", "annotations": good}) == []
    bad = {"seccomp.security.alpha.kubernetes.io/pod": "strict",
           "container.seccomp.security.alpha.kubernetes.io/app": "localhost//abs.json"}
    found = meta_findings({"name": "web", "annotations": bad})
    assert [f.path for f in found] == [
        "metadata.annotations.seccomp.security.alpha.kubernetes.io/pod",
        "metadata.annotations.container.seccomp.security.alpha.kubernetes.io/app"]
    assert found[1].message.endswith("must be a relative path")


def test_ValidateAppArmorPodAnnotations_container_and_profile():
    key = "container.apparmor.security.beta.kubernetes.io/"
    assert meta_findings({"name": "web", "annotations": {key + "app": "runtime/default"}}) == []
    found = meta_findings({"name": "web", "annotations": {key + "ghost": "enforce"}})
    assert [f.message for f in found] == [
        'Invalid value: "ghost": container not found',
        'Invalid value: "enforce": invalid AppArmor profile name: "enforce"']
    assert {f.path for f in found} == {f"metadata.annotations[{key}ghost]"}


def seccomp_pod(profile, annotation):
    return pod(container(securityContext={"seccompProfile": profile}),
               metadata={"annotations": {
                   "container.seccomp.security.alpha.kubernetes.io/app": annotation}})


def test_validateSeccompAnnotationsAndFields_annotation_and_field_must_agree():
    assert check(seccomp_pod({"type": "RuntimeDefault"}, "docker/default")) == []
    found = check(seccomp_pod({"type": "RuntimeDefault"}, "unconfined"))
    assert [(f.path, f.error_type) for f in found] == [
        ("spec.containers[0].securityContext.seccompProfile.type", FORBIDDEN)]
    found = check(seccomp_pod({"type": "Localhost", "localhostProfile": "a.json"},
                              "localhost/b.json"))
    assert at(found, "spec.containers[0].securityContext.seccompProfile.localhostProfile")


def apparmor_pod(profile, annotation, **spec):
    return pod(container(securityContext={"appArmorProfile": profile}),
               metadata={"annotations": {
                   "container.apparmor.security.beta.kubernetes.io/app": annotation}}, **spec)


def test_validateAppArmorAnnotationsAndFieldsMatchOnCreate_annotation_and_field_must_agree():
    assert check(apparmor_pod({"type": "Unconfined"}, "unconfined")) == []
    found = check(apparmor_pod({"type": "Unconfined"}, "runtime/default"))
    assert [f.rule for f in found] == [
        "api.validateAppArmorAnnotationsAndFieldsMatchOnCreate.mismatch"]
    assert found[0].path == "spec.containers[0].securityContext.appArmorProfile.type"


def test_validateAppArmorAnnotationsAndFieldsMatchOnCreate_skips_windows_pods_and_old_versions():
    mismatch = apparmor_pod({"type": "Unconfined"}, "runtime/default")
    assert check(mismatch, version=(1, 29)) == []
    windows = apparmor_pod({"type": "Unconfined"}, "runtime/default", os={"name": "windows"})
    assert not any("AppArmorAnnotations" in f.rule for f in check(windows))


def test_template_metadata_checks_only_labels_and_annotations():
    assert meta_findings({}, template=True) == []
    assert meta_findings({"finalizers": ["x y"], "namespace": "a.b"}, template=True) == []
    found = meta_findings({"labels": {"a": "b c"}}, template=True)
    assert rules(found) == ["api.ValidateLabels.value"]


@pytest.mark.parametrize("metadata", [None, [], "x", {"labels": "x", "annotations": [1],
                                                      "finalizers": "x", "name": 5},
                                      {"labels": {"a": None}, "annotations": {"b": 3}}])
def test_garbage_metadata_never_raises(metadata):
    manifest = pod()
    manifest["metadata"] = metadata
    assert all(f.error_type != DUPLICATE for f in check(manifest))
