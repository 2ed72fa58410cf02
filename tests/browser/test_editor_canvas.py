"""Direct manipulation on the canvas: reorder by drag, move between Pods, refused mounts, keys."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.browser.test_editor_import import import_yaml
from tests.browser.test_editor_support import (
    connect,
    container,
    drag,
    fit,
    lane,
    open_editor,
    palette,
    pod,
)
from tests.conftest import AsgiServer

TWO_PODS = """\
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers:
  - {name: first, image: busybox:1.36}
  - {name: second, image: busybox:1.36}
  containers:
  - {name: app, image: nginx:1.27}
  volumes:
  - {name: cache, emptyDir: {}}
---
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
  - {name: server, image: redis:7.4}
"""


def inside(inner: Locator, outer: Locator) -> bool:
    a, b = inner.bounding_box(), outer.bounding_box()
    assert a and b
    return (
        b["x"] <= a["x"]
        and a["x"] + a["width"] <= b["x"] + b["width"]
        and b["y"] <= a["y"] <= b["y"] + b["height"]
    )


def order(page: Page, name: str) -> str:
    return container(page, name).get_by_test_id("order-badge").inner_text()


def test_dragging_an_init_container_before_another_reorders_the_init_lane(
    page: Page, asgi_server: AsgiServer
) -> None:
    open_editor(page, asgi_server)
    import_yaml(page, TWO_PODS)
    fit(page)
    assert (order(page, "first"), order(page, "second")) == ("1", "2")
    drag(
        page,
        container(page, "second").locator(".card-name"),
        container(page, "first").locator(".card-name"),
        dx=-60,
    )
    expect(container(page, "second").get_by_test_id("order-badge")).to_have_text("1")
    expect(container(page, "first").get_by_test_id("order-badge")).to_have_text("2")
    # The buttons on the card do the same, for keyboard users.
    container(page, "first").get_by_role("button", name="Move first earlier").click()
    expect(container(page, "first").get_by_test_id("order-badge")).to_have_text("1")


def test_a_container_dragged_into_another_pod_moves_there_and_a_volume_cannot_span_pods(
    page: Page, asgi_server: AsgiServer, screenshots: Path
) -> None:
    open_editor(page, asgi_server)
    import_yaml(page, TWO_PODS)
    fit(page)
    drag(page, container(page, "app").locator(".card-name"), lane(page, "app", "api"))
    fit(page)
    assert inside(container(page, "app"), pod(page, "api"))
    assert not inside(container(page, "app"), pod(page, "web"))
    connect(page, "cache", "server")
    expect(
        page.get_by_test_id("toast").filter(has_text="can only mount volumes of its own Pod")
    ).to_be_visible()
    expect(page.get_by_test_id("mount-label")).to_have_count(0)
    page.screenshot(path=screenshots / "editor-cross-pod-refused.png")


def test_delete_undo_and_redo_from_the_keyboard(page: Page, asgi_server: AsgiServer) -> None:
    open_editor(page, asgi_server)
    import_yaml(page, TWO_PODS)
    fit(page)
    container(page, "server").click(position={"x": 60, "y": 36})
    page.keyboard.press("Delete")
    expect(container(page, "server")).to_have_count(0)
    page.keyboard.press("Control+z")
    expect(container(page, "server")).to_have_count(1)
    page.keyboard.press("Control+Shift+z")
    expect(container(page, "server")).to_have_count(0)


def test_pod_namespace_toggles_show_what_is_shared_and_what_it_costs(
    page: Page, asgi_server: AsgiServer
) -> None:
    open_editor(page, asgi_server)
    drag(page, palette(page, "pod"), page.get_by_test_id("canvas"))
    fit(page)
    pod(page).locator(".pod-header").click()
    form = page.get_by_test_id("pod-form")
    expect(form.get_by_test_id("ns-facts")).to_contain_text("PID (private)")
    form.get_by_label("Share the process namespace (PID)").check()
    expect(pod(page).get_by_test_id("ns-pid")).to_have_text("PID")
    form.get_by_label("Host network").check()
    expect(pod(page).get_by_test_id("ns-net")).to_have_attribute("data-tone", "host")
    expect(form.get_by_test_id("ns-facts")).to_contain_text("Security cost: High")
    expect(page.get_by_test_id("finding").first).to_be_visible(timeout=10_000)
