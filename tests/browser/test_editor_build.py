"""Build the WAR + Tomcat Pod from an empty canvas with real mouse drags, download it, break it."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from designer.domain.operations import import_text, validate
from tests.browser.test_editor_support import (
    connect,
    container,
    drag,
    fit,
    lane,
    mount_label,
    open_editor,
    palette,
    pod,
    wait_validated,
)
from tests.conftest import AsgiServer

# Where a card is clicked to select it: its name, clear of mount edges crossing its middle.
CARD_NAME = {"x": 60, "y": 36}


def set_mount(page: Page, container_id: str, path: str, *, read_only: bool = False) -> None:
    """Select the edge of the newest mount into ``container_id`` and edit it in the inspector."""
    page.locator(f'[data-testid="mount-label"][data-target="{container_id}"]').last.click()
    form = page.get_by_test_id("mount-form")
    expect(form).to_be_visible()
    form.get_by_label("Mount path").fill(path)
    if read_only:
        form.get_by_label("Read-only").check()


def build_war_tomcat(page: Page) -> None:
    canvas = page.get_by_test_id("canvas")
    expect(page.get_by_test_id("empty-state")).to_be_visible()
    drag(page, palette(page, "pod"), canvas, dx=-150, dy=-120)
    expect(pod(page)).to_be_visible()
    expect(page.get_by_test_id("empty-state")).to_have_count(0)
    fit(page)
    drag(page, palette(page, "container-busybox"), lane(page, "app"))
    fit(page)
    drag(page, palette(page, "container-tomcat"), lane(page, "app"))
    expect(page.get_by_test_id("container-node")).to_have_count(2)
    # Roles: one from the quick chip on the card, one from the inspector.
    page.get_by_label("Role of busybox").select_option("init")
    container(page, "tomcat").click(position=CARD_NAME)
    page.get_by_test_id("container-form").get_by_label("Role", exact=True).select_option("main")
    expect(container(page, "busybox")).to_have_attribute("data-role", "init")
    expect(container(page, "tomcat")).to_have_attribute("data-role", "main")
    fit(page)
    drag(page, palette(page, "volume-emptyDir"), lane(page, "volumes"))
    fit(page)
    connect(page, "scratch", "busybox")
    connect(page, "scratch", "tomcat")
    expect(page.get_by_test_id("mount-label")).to_have_count(2)
    set_mount(page, "c-busybox", "/work")
    set_mount(page, "c-tomcat", "/usr/local/tomcat/webapps", read_only=True)
    container(page, "busybox").click(position=CARD_NAME)
    page.get_by_test_id("container-form").get_by_label("Command (one item per line)", exact=True).fill(
        "sh\n-c\ncp /app/ROOT.war /work/"
    )


def test_a_new_user_builds_the_war_and_tomcat_pod_and_downloads_a_valid_manifest(
    page: Page, asgi_server: AsgiServer, screenshots: Path
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_editor(page, asgi_server)
    page.screenshot(path=screenshots / "editor-empty.png")

    build_war_tomcat(page)
    expect(mount_label(page, "/work · rw")).to_be_visible()
    expect(mount_label(page, "/usr/local/tomcat/webapps · ro")).to_be_visible()
    wait_validated(page)
    expect(page.get_by_test_id("count-error")).to_have_text("0 errors")
    expect(page.get_by_test_id("download")).to_contain_text("✓ valid")
    # The pause container and the namespaces the containers share are on the Pod.
    expect(pod(page).get_by_test_id("pause-indicator")).to_contain_text("pause")
    expect(pod(page).get_by_test_id("ns-net")).to_have_text("network")
    page.screenshot(path=screenshots / "editor-war-tomcat.png")

    with page.expect_download() as download:
        page.get_by_test_id("download").click()
    assert download.value.suggested_filename == "my-pod-pod.yaml"
    text = Path(download.value.path()).read_text()
    imported = import_text(text)
    report = validate(imported.design)
    assert report.valid, [str(f) for f in report.findings if f.severity == "error"]
    (only,) = imported.design.pods
    roles = {c.spec["name"]: c.role for c in only.containers}
    assert roles == {"busybox": "init", "tomcat": "main"}
    assert "initContainers:" in text and "mountPath: /usr/local/tomcat/webapps" in text
    assert errors == []


def test_a_duplicate_mount_path_is_pinned_on_the_container_and_the_finding_focuses_the_field(
    page: Page, asgi_server: AsgiServer, screenshots: Path
) -> None:
    open_editor(page, asgi_server)
    build_war_tomcat(page)
    wait_validated(page)
    fit(page)
    drag(page, palette(page, "volume-emptyDir-memory"), lane(page, "volumes"))
    fit(page)
    connect(page, "tmpfs", "tomcat")
    set_mount(page, "c-tomcat", "/usr/local/tomcat/webapps")

    tomcat = container(page, "tomcat")
    expect(tomcat.get_by_test_id("finding-badge")).to_be_visible(timeout=10_000)
    expect(tomcat).to_have_class(re.compile(r"has-errors"))
    expect(page.get_by_test_id("download")).to_contain_text("1 error")
    page.screenshot(path=screenshots / "editor-duplicate-mount-path.png")

    finding = page.get_by_test_id("finding").filter(has_text="mountPath").first
    expect(finding).to_be_visible()
    page.locator("body").click(position={"x": 5, "y": 5})
    finding.click()
    expect(page.locator('[data-field="mountPath"]')).to_be_focused()

    # Undo takes the broken path back, and the design is valid again.
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+z")
    wait_validated(page)
    expect(page.get_by_test_id("count-error")).to_have_text("0 errors", timeout=10_000)


def test_a_container_dropped_outside_any_pod_is_not_created_and_a_hint_says_why(
    page: Page, asgi_server: AsgiServer
) -> None:
    open_editor(page, asgi_server)
    drag(page, palette(page, "container-nginx"), page.get_by_test_id("canvas"), dx=100)
    expect(page.get_by_test_id("toast")).to_contain_text("Drag a Pod onto the canvas first")
    expect(page.get_by_test_id("container-node")).to_have_count(0)


def test_unsaved_changes_survive_a_reload(page: Page, asgi_server: AsgiServer) -> None:
    open_editor(page, asgi_server)
    drag(page, palette(page, "pod"), page.get_by_test_id("canvas"))
    fit(page)
    drag(page, palette(page, "container-redis"), lane(page, "app"))
    expect(container(page, "redis")).to_be_visible()
    page.wait_for_timeout(600)  # the draft is written 0.4 s after the last change
    page.reload()
    expect(container(page, "redis")).to_be_visible()
    expect(page.get_by_test_id("toast")).to_contain_text("Restored your unsaved design")
