"""A.6: ValidateVolumes and the volume sources, ValidateVolumeMounts, ValidateVolumeDevices."""

from __future__ import annotations

import pytest

from designer.domain.validation.apiserver.volume_sources import (
    local_descending_path,
    local_non_reserved_path,
)
from designer.domain.validation.findings import (
    DUPLICATE,
    FORBIDDEN,
    INVALID,
    NOT_FOUND,
    NOT_SUPPORTED,
    REQUIRED,
    TOO_LONG,
)
from tests.domain.validation.apiserver.builders import at, check, container, errors, pod, rules


def mounted(*volumes, mounts=None, version=(1, 35), template=False, **spec):
    """Findings for a Pod whose one container mounts every named volume (unless told)."""
    if mounts is None:
        mounts = [{"name": v["name"], "mountPath": f"/m/{i}"} for i, v in enumerate(volumes)
                  if isinstance(v, dict) and isinstance(v.get("name"), str)]
    return check(pod(container(volumeMounts=mounts), volumes=list(volumes), **spec),
                 version=version, template=template)


def paths(findings):
    return [(f.path, f.error_type) for f in findings]


@pytest.mark.parametrize(("value", "problems"), [
    ("a/b", []), ("a..b/c", []), ("/abs", ["must be a relative path"]),
    ("a/../b", ["must not contain '..'"]), ("..", ["must not contain '..'"])])
def test_validateLocalDescendingPath_and_validatePathNoBacksteps(value, problems):
    out = []
    local_descending_path(out, value, "p")
    assert [f.message.split(": ", 2)[-1] for f in out] == problems


@pytest.mark.parametrize(("value", "problems"), [
    ("a/b", []), ("..data", ["must not start with '..'"]),
    ("../x", ["must not contain '..'"]),
    ("..", ["must not contain '..'", "must not start with '..'"])])
def test_ValidateLocalNonReservedPath(value, problems):
    out = []
    local_non_reserved_path(out, value, "p")
    assert [f.message.split(": ", 2)[-1] for f in out] == problems


def test_ValidateVolumes_name_required_invalid_and_duplicate():
    found = mounted({"emptyDir": {}}, {"name": "Data", "emptyDir": {}},
                    {"name": "a", "emptyDir": {}}, {"name": "a", "emptyDir": {}},
                    mounts=[{"name": "a", "mountPath": "/a"}])
    assert paths(found) == [("spec.volumes[0].name", REQUIRED), ("spec.volumes[1].name", INVALID),
                            ("spec.volumes[3].name", DUPLICATE)]


def test_ValidateVolumes_broken_volumes_are_not_found_by_their_mounts():
    found = mounted({"name": "cfg", "configMap": {}})
    assert paths(found) == [("spec.volumes[0].configMap.name", REQUIRED),
                            ("spec.containers[0].volumeMounts[0].name", NOT_FOUND)]


def test_validateVolumeSource_more_than_one_type_uses_the_server_child_names():
    found = mounted({"name": "v", "emptyDir": {}, "downwardAPI": {}, "cephfs": {"monitors": ["m"]}})
    assert paths(found) == [("spec.volumes[0].cephFS", FORBIDDEN),
                            ("spec.volumes[0].downwarAPI", FORBIDDEN),
                            ("spec.containers[0].volumeMounts[0].name", NOT_FOUND)]
    assert found[0].message == "Forbidden: may not specify more than 1 volume type"


def test_validateVolumeSource_no_source_is_a_warning_because_it_becomes_empty_dir():
    found = mounted({"name": "scratch"})
    assert [(f.severity, f.rule, f.path) for f in found] == [
        ("warning", "api.validateVolumeSource.no-volume-type", "spec.volumes[0]")]
    assert mounted({"name": "scratch", "emptyDir": {}}) == []


def test_validateVolumeSource_empty_dir_size_limit_must_not_be_negative():
    assert paths(mounted({"name": "v", "emptyDir": {"sizeLimit": "-1Gi"}})) == [
        ("spec.volumes[0].emptyDir.sizeLimit", FORBIDDEN),
        ("spec.containers[0].volumeMounts[0].name", NOT_FOUND)]
    assert mounted({"name": "v", "emptyDir": {"sizeLimit": "1Gi", "medium": "Memory"}}) == []


def test_validateHostPathVolumeSource_and_validateHostPathType():
    assert paths(errors(mounted({"name": "v", "hostPath": {}})))[0] == (
        "spec.volumes[0].hostPath.path", REQUIRED)
    found = errors(mounted({"name": "v", "hostPath": {"path": "/a/../b", "type": "Dir"}}))
    assert paths(found)[:2] == [("spec.volumes[0].hostPath.path", INVALID),
                                ("spec.volumes[0].hostPath.type", NOT_SUPPORTED)]
    assert found[1].message.startswith('Unsupported value: "Dir": supported values: "", ')
    assert mounted({"name": "v", "hostPath": {"path": "/var/log", "type": "Directory"}}) == []


def test_validatePersistentClaimVolumeSource_claim_name_required():
    assert paths(errors(mounted({"name": "v", "persistentVolumeClaim": {}})))[0] == (
        "spec.volumes[0].persistentVolumeClaim.claimName", REQUIRED)
    assert mounted({"name": "v", "persistentVolumeClaim": {"claimName": "data"}}) == []


def claim(**spec):
    return {"volumeClaimTemplate": {"spec": {"accessModes": ["ReadWriteOnce"],
                                             "resources": {"requests": {"storage": "1Gi"}},
                                             **spec}}}


def test_ValidatePersistentVolumeClaimTemplate_only_labels_and_annotations_in_metadata():
    template = claim()
    template["volumeClaimTemplate"]["metadata"] = {"labels": {"a": "b"}, "name": "x",
                                                   "uid": "123", "creationTimestamp": None}
    found = errors(mounted({"name": "v", "ephemeral": template}))
    base = "spec.volumes[0].ephemeral.volumeClaimTemplate.metadata"
    assert paths(found)[:2] == [(f"{base}.name", FORBIDDEN), (f"{base}.uID", FORBIDDEN)]
    del template["volumeClaimTemplate"]["metadata"]["name"]
    del template["volumeClaimTemplate"]["metadata"]["uid"]
    assert mounted({"name": "v", "ephemeral": template}) == []


def test_ValidatePersistentVolumeClaimSpec_storage_must_be_positive():
    found = errors(mounted({"name": "v", "ephemeral": claim(resources={"requests": {
        "storage": "0"}})}))
    assert [f.message for f in found][:1] == ["Invalid value: \"0\": must be greater than zero"]


def test_validateEphemeralVolumeSource_and_the_claim_template():
    assert mounted({"name": "scratch", "ephemeral": claim()}) == []
    assert paths(errors(mounted({"name": "v", "ephemeral": {}})))[0] == (
        "spec.volumes[0].ephemeral.volumeClaimTemplate", REQUIRED)
    found = errors(mounted({"name": "v", "ephemeral": claim(
        accessModes=["ReadWriteOncePod", "ReadWriteOnce"], resources={},
        volumeMode="Raw")}))
    base = "spec.volumes[0].ephemeral.volumeClaimTemplate.spec"
    assert paths(found)[:3] == [(f"{base}.accessModes", FORBIDDEN),
                                (f"{base}.resources[storage]", REQUIRED),
                                (f"{base}.volumeMode", NOT_SUPPORTED)]


def test_ValidateVolumes_a_claim_name_may_not_be_a_pvc_an_ephemeral_volume_creates():
    found = mounted({"name": "scratch", "ephemeral": claim()},
                    {"name": "other", "persistentVolumeClaim": {"claimName": "web-scratch"}})
    assert paths(found) == [("spec.volumes[1].persistentVolumeClaim.claimName", INVALID)]
    assert mounted({"name": "scratch", "ephemeral": claim()},
                   {"name": "other", "persistentVolumeClaim": {"claimName": "web-scratch"}},
                   template=True) == []


def test_validateVolumeSource_ephemeral_pvc_name_must_be_a_subdomain():
    manifest = pod(container(volumeMounts=[{"name": "v", "mountPath": "/v"}]),
                   name="p" * 252, volumes=[{"name": "v", "ephemeral": claim()}])
    found = at(check(manifest), "spec.volumes[0].name")
    assert found and found[0].message.startswith(f'Invalid value: "v": PVC name "{"p" * 252}-v"')
    manifest["metadata"]["name"] = "p" * 251
    assert check(manifest) == []


def test_validateSecretVolumeSource_and_validateKeyToPath():
    found = errors(mounted({"name": "v", "secret": {
        "defaultMode": 0o1000, "items": [{"key": "", "path": "/abs"},
                                         {"key": "k", "path": "a/../b", "mode": -1},
                                         {"key": "k", "path": "..hidden"}]}}))
    base = "spec.volumes[0].secret"
    assert paths(found)[:7] == [
        (f"{base}.secretName", REQUIRED), (f"{base}.defaultMode", INVALID),
        (f"{base}.items[0].key", REQUIRED), (f"{base}.items[0].path", INVALID),
        (f"{base}.items[1].path", INVALID), (f"{base}.items[1].mode", INVALID),
        (f"{base}.items[2].path", INVALID)]
    assert found[1].message == ("Invalid value: 512: must be a number between 0 and 0777 "
                                "(octal), both inclusive")
    assert found[6].message.endswith("must not start with '..'")
    assert mounted({"name": "v", "secret": {"secretName": "s", "defaultMode": 0o400,
                                            "items": [{"key": "k", "path": "dir/k"}]}}) == []


def test_validateConfigMapVolumeSource_name_required():
    assert paths(errors(mounted({"name": "v", "configMap": {"name": ""}})))[0] == (
        "spec.volumes[0].configMap.name", REQUIRED)


def test_validateNFSVolumeSource_path_must_be_absolute():
    found = errors(mounted({"name": "v", "nfs": {"server": "nas", "path": "exports"}}))
    assert paths(found)[0] == ("spec.volumes[0].nfs.path", INVALID)
    assert mounted({"name": "v", "nfs": {"server": "nas", "path": "/exports"}}) == []


def test_validateProjectionSources_one_type_per_source_and_unique_paths():
    sources = [{"secret": {"name": "s", "items": [{"key": "a", "path": "x"}]},
                "configMap": {"name": "c", "items": [{"key": "b", "path": "x"}]}}]
    found = errors(mounted({"name": "v", "projected": {"sources": sources}}))
    assert paths(found)[:2] == [("spec.volumes[0].projected", INVALID),
                                ("spec.volumes[0].projected.sources[0]", FORBIDDEN)]
    assert found[0].message == 'Invalid value: "c": conflicting duplicate paths'


def test_validateProjectionSources_service_account_token():
    sources = [{"serviceAccountToken": {"expirationSeconds": 60}}]
    found = errors(mounted({"name": "v", "projected": {"sources": sources}},
                           serviceAccountName="robot"))
    assert paths(found)[:2] == [
        ("spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds", INVALID),
        ("spec.volumes[0].projected.path", REQUIRED)]  # the server's path, not the token's
    ok = [{"serviceAccountToken": {"path": "token", "audience": "vault"}}]
    assert mounted({"name": "v", "projected": {"sources": ok}}, serviceAccountName="robot") == []


def test_validatePodMetadataAndSpec_token_projection_needs_a_service_account_name():
    ok = {"name": "v", "projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}}
    found = mounted(ok)
    assert paths(found) == [
        ("spec.volumes[0].projected.sources[0].serviceAccountToken", FORBIDDEN)]
    assert mounted(ok, template=True) == []
    assert mounted(ok, serviceAccount="robot") == []


def test_validateDownwardAPIVolumeFile_items_are_reported_without_their_index():
    items = [{"path": "name"}, {"path": "node", "fieldRef": {"fieldPath": "spec.nodeName"}},
             {"path": "x", "fieldRef": {"fieldPath": "metadata.labels['app']"},
              "resourceFieldRef": {"resource": "limits.cpu"}}]
    found = errors(mounted({"name": "v", "downwardAPI": {"items": items}}))
    base = "spec.volumes[0].downwardAPI"
    assert paths(found)[:3] == [(base, REQUIRED), (f"{base}.fieldRef.fieldPath", NOT_SUPPORTED),
                                (base, INVALID)]
    assert found[0].message == "Required value: one of fieldRef and resourceFieldRef is required"


def test_validateObjectFieldSelector_conversion_errors():
    items = [{"path": "a", "fieldRef": {"fieldPath": "status.phase['x']"}},
             {"path": "b", "fieldRef": {"fieldPath": "spec.foo"}},
             {"path": "c", "fieldRef": {"fieldPath": "metadata.annotations['a b']"}}]
    found = errors(mounted({"name": "v", "downwardAPI": {"items": items}}))
    assert [f.message for f in found][:3] == [
        "Invalid value: \"status.phase['x']\": error converting fieldPath: field label does not "
        "support subscript: status.phase['x']",
        'Invalid value: "spec.foo": error converting fieldPath: field label not supported: '
        "spec.foo",
        found[2].message]
    assert found[2].path == "spec.volumes[0].downwardAPI.fieldRef"


def test_validateContainerResourceFieldSelector_in_volumes():
    base = {"path": "mem"}
    bad = [dict(base, resourceFieldRef={"resource": "limits.memory"}),
           dict(base, resourceFieldRef={"containerName": "app", "resource": "limits.gpu"}),
           dict(base, resourceFieldRef={"containerName": "app", "resource": "limits.memory",
                                        "divisor": "1024"})]
    found = errors(mounted({"name": "v", "downwardAPI": {"items": bad}}))
    path = "spec.volumes[0].downwardAPI.resourceFieldRef"
    assert paths(found)[:3] == [(f"{path}.containerName", REQUIRED),
                                (f"{path}.resource", NOT_SUPPORTED), (f"{path}.divisor", INVALID)]
    good = [dict(base, resourceFieldRef={"containerName": "app", "resource": r, "divisor": d})
            for r, d in (("limits.memory", "1Mi"), ("requests.cpu", "1m"),
                         ("limits.memory", "1000"), ("limits.hugepages-2Mi", 1))]
    assert mounted({"name": "v", "downwardAPI": {"items": good}}) == []


def test_validateCSIVolumeSource_node_publish_secret_name():
    ref = {"driver": "csi.example.com", "nodePublishSecretRef": {"name": ""}}
    assert paths(errors(mounted({"name": "v", "csi": ref})))[0] == (
        "spec.volumes[0].csi.nodePublishSecretRef.name", REQUIRED)
    ref["nodePublishSecretRef"] = {"name": "Bad_Name"}
    assert paths(errors(mounted({"name": "v", "csi": ref})))[0] == (
        "spec.volumes[0].csi.name", INVALID)  # sic: the server's path
    ref["nodePublishSecretRef"] = {"name": "creds"}
    assert mounted({"name": "v", "csi": ref}) == []


def test_ValidateCSIDriverName():
    found = errors(mounted({"name": "v", "csi": {"driver": ""}}))
    assert paths(found)[:2] == [("spec.volumes[0].csi.driver", REQUIRED),
                                ("spec.volumes[0].csi.driver", INVALID)]
    assert paths(errors(mounted({"name": "v", "csi": {"driver": "d" * 64}})))[0][1] == TOO_LONG
    assert mounted({"name": "v", "csi": {"driver": "Secrets-Store.csi.k8s.io"}}) == []


def test_legacy_sources_require_their_identifiers():
    found = errors(mounted({"name": "v", "awsElasticBlockStore": {}},
                           {"name": "w", "gcePersistentDisk": {}}))
    assert [f.path for f in found][:2] == ["spec.volumes[0].awsElasticBlockStore.volumeID",
                                           "spec.volumes[1].persistentDisk.pdName"]


def test_validateImageVolumeSource_and_image_sub_paths():
    img = {"name": "models", "image": {"reference": ""}}
    assert paths(errors(mounted(img))) == [("spec.volumes[0].image.reference", REQUIRED),
                                           ("spec.containers[0].volumeMounts[0].name", NOT_FOUND)]
    assert mounted(img, template=True) == []
    ok = {"name": "models", "image": {"reference": "quay.io/m/llm:1"}}
    found = mounted(ok, mounts=[{"name": "models", "mountPath": "/m", "subPath": "a"}])
    assert paths(found) == [("spec.containers[0].volumeMounts[0].subPath", INVALID)]


def test_ValidateVolumeMounts_names_paths_and_uniqueness():
    volumes = [{"name": "a", "emptyDir": {}}]
    found = mounted(*volumes, mounts=[{"name": "", "mountPath": ""},
                                      {"name": "ghost", "mountPath": "/x"},
                                      {"name": "a", "mountPath": "/x"}])
    base = "spec.containers[0].volumeMounts"
    assert paths(found) == [(f"{base}[0].name", REQUIRED), (f"{base}[0].name", NOT_FOUND),
                            (f"{base}[0].mountPath", REQUIRED), (f"{base}[1].name", NOT_FOUND),
                            (f"{base}[2].mountPath", INVALID)]
    assert found[-1].message == 'Invalid value: "/x": must be unique'
    assert found[-1].rule == "api.ValidateVolumeMounts.mount-path-unique"


def test_ValidateVolumeMounts_sub_path_errors_use_the_unindexed_path_quirk():
    found = mounted({"name": "a", "emptyDir": {}}, mounts=[
        {"name": "a", "mountPath": "/x", "subPath": "/abs", "subPathExpr": "$(POD)/../x"}])
    assert [(f.path, f.message) for f in found] == [
        ("spec.containers[0].volumeMounts.subPath", 'Invalid value: "/abs": must be a relative '
                                                     "path"),
        ("spec.containers[0].volumeMounts[0].subPathExpr", 'Invalid value: "$(POD)/../x": '
         "subPathExpr and subPath are mutually exclusive"),
        ("spec.containers[0].volumeMounts.subPathExpr", "Invalid value: \"$(POD)/../x\": must "
                                                         "not contain '..'")]


def test_validateMountPropagation():
    mount = {"name": "a", "mountPath": "/x", "mountPropagation": "Bidirectional"}
    found = check(pod(container(volumeMounts=[mount]), volumes=[{"name": "a", "emptyDir": {}}]))
    assert paths(found) == [("spec.containers[0].volumeMounts.mountPropagation", FORBIDDEN)]
    privileged = container(volumeMounts=[mount], securityContext={"privileged": True})
    assert not errors(check(pod(privileged, volumes=[{"name": "a", "emptyDir": {}}])))
    found = mounted({"name": "a", "emptyDir": {}}, mounts=[dict(mount, mountPropagation="Up")])
    assert paths(found) == [("spec.containers[0].volumeMounts.mountPropagation", NOT_SUPPORTED)]


def test_validateMountRecursiveReadOnly():
    base = {"name": "a", "mountPath": "/x", "recursiveReadOnly": "Enabled"}
    found = mounted({"name": "a", "emptyDir": {}}, mounts=[base])
    assert [f.message for f in found] == [
        "Forbidden: may only be specified when readOnly is true"]
    assert mounted({"name": "a", "emptyDir": {}}, mounts=[dict(base, readOnly=True)]) == []
    assert rules(mounted({"name": "a", "emptyDir": {}},
                         mounts=[dict(base, recursiveReadOnly="Yes")])) == [
        "api.validateMountRecursiveReadOnly.not-supported"]


def test_ValidateVolumeDevices():
    volumes = [{"name": "disk", "persistentVolumeClaim": {"claimName": "d"}},
               {"name": "tmp", "emptyDir": {}}]
    devices = [{"name": "disk", "devicePath": "/dev/xvda"}, {"name": "tmp", "devicePath": "/m"},
               {"name": "ghost", "devicePath": "/dev/xvda"}, {"name": "disk", "devicePath": "../d"}]
    manifest = pod(container(volumeDevices=devices,
                             volumeMounts=[{"name": "tmp", "mountPath": "/m"}]), volumes=volumes)
    found = check(manifest)
    base = "spec.containers[0].volumeDevices"
    assert paths(found) == [
        ("spec.containers[0].volumeMounts[0].name", INVALID),
        ("spec.containers[0].volumeMounts[0].mountPath", INVALID),
        (f"{base}[1].name", INVALID), (f"{base}[1].name", INVALID),
        (f"{base}[1].devicePath", INVALID),
        (f"{base}[2].name", NOT_FOUND), (f"{base}[2].devicePath", INVALID),
        (f"{base}[3].name", INVALID), (f"{base}[3].devicePath", INVALID)]
    assert found[2].message.endswith("can only use volume source type of PersistentVolumeClaim "
                                     "or Ephemeral for block mode")


def test_unused_volume_warning():
    manifest = pod(container(volumeDevices=[{"name": "disk", "devicePath": "/dev/x"}]),
                   volumes=[{"name": "disk", "persistentVolumeClaim": {"claimName": "d"}},
                            {"name": "idle", "emptyDir": {}}])
    found = check(manifest)
    assert [(f.severity, f.rule, f.path) for f in found] == [
        ("warning", "api.ValidateVolumes.unused", "spec.volumes[1]")]


def test_image_volume_before_1_35_is_dropped_with_a_warning():
    found = mounted({"name": "m", "image": {"reference": "quay.io/m/llm:1"}}, version=(1, 33))
    assert [(f.severity, f.rule) for f in found] == [("warning", "api.dropImageVolumes.gate-off")]


@pytest.mark.parametrize("volume", [None, 1, "x", [], {"name": 3}, {"name": "a", "secret": "x"},
                                    {"name": "a", "projected": {"sources": ["x", None, {
                                        "secret": 1, "downwardAPI": {"items": "x"},
                                        "serviceAccountToken": []}]}},
                                    {"name": "a", "downwardAPI": {"items": [
                                        None, {"fieldRef": "x", "resourceFieldRef": 1}]}},
                                    {"name": "a", "ephemeral": {"volumeClaimTemplate": {
                                        "metadata": [], "spec": {"accessModes": "x"}}}},
                                    {"name": "a", "emptyDir": {"sizeLimit": "lots"}}])
def test_garbage_volumes_never_raise(volume):
    check(pod(container(volumeMounts=[None, {"name": 1, "mountPropagation": 5}],
                        volumeDevices="x"), volumes=[volume]))
