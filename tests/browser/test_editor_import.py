"""Import manifests into the canvas: roles come back, the YAML pane round-trips, bad YAML is shown."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.test_editor_support import container, open_editor, wait_validated
from tests.conftest import AsgiServer

SHOP = """\
apiVersion: v1
kind: Pod
metadata:
  name: shop
  annotations:
    pod-designer.dev/roles: "envoy=ambassador"
spec:
  initContainers:
  - name: migrate
    image: busybox:1.36
    command: ["sh", "-c", "echo migrating"]
  - name: log
    image: fluent/fluent-bit:3.1
    restartPolicy: Always
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - containerPort: 80
  - name: envoy
    image: envoyproxy/envoy:v1.31.2
    ports:
    - containerPort: 10000
"""


def import_yaml(page: Page, text: str) -> None:
    page.get_by_test_id("import-open").click()
    dialog = page.get_by_test_id("import-dialog")
    dialog.get_by_test_id("import-text").fill(text)
    dialog.get_by_test_id("import-run").click()


def test_importing_a_multi_container_pod_restores_every_role(
    page: Page, asgi_server: AsgiServer, screenshots: Path
) -> None:
    open_editor(page, asgi_server)
    import_yaml(page, SHOP)
    expect(page.get_by_test_id("import-dialog")).to_have_count(0)
    expect(page.get_by_test_id("container-node")).to_have_count(4)
    expected = {"migrate": "init", "log": "sidecar", "app": "main", "envoy": "ambassador"}
    for name, role in expected.items():
        expect(container(page, name)).to_have_attribute("data-role", role)
    # Init containers and sidecars are numbered; the ambassador shows the port the app talks to.
    expect(container(page, "migrate").get_by_test_id("order-badge")).to_have_text("1")
    expect(container(page, "envoy")).to_contain_text("localhost:10000")
    wait_validated(page)
    page.screenshot(path=screenshots / "editor-imported-roles.png")


def test_the_yaml_pane_applies_edits_and_shows_bad_yaml_inline_without_losing_the_canvas(
    page: Page, asgi_server: AsgiServer, screenshots: Path
) -> None:
    open_editor(page, asgi_server)
    import_yaml(page, SHOP)
    expect(page.get_by_test_id("container-node")).to_have_count(4)
    page.get_by_role("tab", name="YAML").click()
    pane = page.get_by_test_id("yaml-text")
    expect(pane).to_have_value(__import__("re").compile(r"kind: Pod"), timeout=10_000)
    manifest = pane.input_value()
    assert "name: migrate" in manifest and "pod-designer.dev/roles" in manifest

    pane.fill("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n")
    page.get_by_test_id("yaml-apply").click()
    error = page.get_by_test_id("yaml-error")
    expect(error).to_contain_text("Line")
    expect(page.get_by_test_id("container-node")).to_have_count(4)
    page.screenshot(path=screenshots / "editor-yaml-error.png")

    pane.fill(manifest.replace("image: nginx:1.27", "image: nginx:1.28"))
    page.get_by_test_id("yaml-apply").click()
    expect(container(page, "app")).to_contain_text("nginx:1.28")
    expect(container(page, "envoy")).to_have_attribute("data-role", "ambassador")
    expect(page.get_by_test_id("yaml-error")).to_have_count(0)


def test_a_yaml_file_dropped_on_the_canvas_is_imported(page: Page, asgi_server: AsgiServer) -> None:
    open_editor(page, asgi_server)
    handle = page.evaluate_handle(
        """(text) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text], "shop.yaml", { type: "application/yaml" }));
            return dt;
        }""",
        SHOP,
    )
    canvas = page.get_by_test_id("canvas")
    canvas.dispatch_event("dragover", {"dataTransfer": handle})
    canvas.dispatch_event("drop", {"dataTransfer": handle})
    expect(page.get_by_test_id("container-node")).to_have_count(4)
    expect(page.get_by_test_id("toast")).to_contain_text("Imported 1 Pod")
