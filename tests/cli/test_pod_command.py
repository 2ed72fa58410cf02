"""``manage.py pod``: validate/export/import/simulate for scripts and CI, as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANIFESTS = ROOT / "tests" / "domain" / "manifests"

VALID_POD = """\
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: nginx:1.27
"""
DUPLICATE_NAMES = (
    VALID_POD
    + """\
  - name: app
    image: nginx:1.27
"""
)


def pod(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    return subprocess.run(
        [sys.executable, "manage.py", "pod", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_validate_json_prints_one_object_and_exits_0_when_valid() -> None:
    result = pod("validate", "-", "--json", stdin=VALID_POD)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert set(report) == {"valid", "findings"}
    for finding in report["findings"]:
        assert set(finding) == {"severity", "rule", "path", "message", "hint"}
        assert finding["severity"] in ("warning", "info")


def test_validate_json_exits_1_with_the_api_servers_error_for_a_duplicate_name() -> None:
    """validateContainers: a repeated container name is a Duplicate value."""
    result = pod("validate", "-", "--json", stdin=DUPLICATE_NAMES)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert {
        "rule": "api.validateContainers.duplicate-name",
        "path": "spec.containers[1].name",
        "message": 'Duplicate value: "app"',
    }.items() <= errors[0].items()


@pytest.mark.parametrize("text", ["a: b: c", "- just\n- a list\n", "x: &a [*a]", "kind: Service\n"])
def test_validate_json_exits_2_with_one_finding_when_the_input_is_not_manifests(text: str) -> None:
    result = pod("validate", "-", "--json", stdin=text)
    assert result.returncode == 2, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["valid"] is False and len(report["findings"]) == 1
    assert report["findings"][0]["rule"] == "input.unreadable"


def test_validate_of_a_missing_file_exits_2() -> None:
    result = pod("validate", "/no/such/file.yaml", "--json")
    assert result.returncode == 2
    assert "cannot read" in json.loads(result.stdout)["findings"][0]["message"]


def test_validate_human_output_names_the_verdict_and_the_version() -> None:
    result = pod("validate", "-", "--kubernetes-version", "1.30", stdin=DUPLICATE_NAMES)
    assert result.returncode == 1
    assert "INVALID for Kubernetes 1.30" in result.stdout
    assert 'spec.containers[1].name: Duplicate value: "app"' in result.stdout


def test_export_wraps_as_a_deployment_and_the_output_validates() -> None:
    exported = pod("export", str(MANIFESTS / "tomcat-war-init.yaml"), "--kind", "Deployment")
    assert exported.returncode == 0, exported.stderr
    assert "kind: Deployment" in exported.stdout
    again = pod("validate", "-", "--json", stdin=exported.stdout)
    assert again.returncode == 0, again.stdout


def test_export_refuses_a_design_with_errors_unless_draft() -> None:
    refused = pod("export", "-", stdin=DUPLICATE_NAMES)
    assert refused.returncode == 1
    assert "Duplicate value" in refused.stderr
    draft = pod("export", "-", "--draft", stdin=DUPLICATE_NAMES)
    assert draft.returncode == 0
    assert draft.stdout.startswith("# DRAFT")


def test_import_prints_a_design_document_that_validate_accepts_as_input(tmp_path: Path) -> None:
    imported = pod("import", str(MANIFESTS / "log-shipping-fluent-bit.yaml"))
    assert imported.returncode == 0, imported.stderr
    document = json.loads(imported.stdout)
    assert document["schema_version"] == 1
    path = tmp_path / "design.json"
    path.write_text(imported.stdout)
    from_design = pod("validate", str(path), "--json")
    from_manifest = pod("validate", str(MANIFESTS / "log-shipping-fluent-bit.yaml"), "--json")
    assert from_design.returncode == from_manifest.returncode != 2
    assert json.loads(from_design.stdout) == json.loads(from_manifest.stdout)


def test_simulate_prints_init_containers_before_the_app() -> None:
    """SyncPod step 6 (init, one at a time) before step 7 (app containers)."""
    result = pod("simulate", str(MANIFESTS / "tomcat-war-init.yaml"), "--json")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)["events"]
    started = [e["container"] for e in events if e["kind"] == "container-started"]
    assert started == ["fetch-war", "tomcat"]
    human = pod("simulate", str(MANIFESTS / "tomcat-war-init.yaml"), "--scenario", "deletion")
    assert human.returncode == 0 and "phase:" in human.stdout
