"""The live startup preview in the editor: the WAR + Tomcat Pod animates in the kubelet's order,
the timeline is drawn and can be scrubbed, a failing init container shows the crash-loop countdown,
and deleting the Pod shows the containers terminating."""

from __future__ import annotations

import math
import re
import time
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.browser.test_editor_import import import_yaml
from tests.browser.test_editor_support import container, fit, open_editor, pod, volume
from tests.conftest import AsgiServer
from tests.samples import WAR_TOMCAT


def state(page: Page, name: str) -> Locator:
    return container(page, name)


PREVIEW_VIEWPORT = {"width": 1440, "height": 1000}


def open_preview(page: Page, server: AsgiServer) -> Locator:
    open_editor(page, server)
    # A larger screen than the editor tests use: the canvas and the panel share its height.
    page.set_viewport_size(PREVIEW_VIEWPORT)
    import_yaml(page, WAR_TOMCAT)
    expect(page.get_by_test_id("container-node")).to_have_count(2)
    page.get_by_test_id("preview-toggle").click()
    panel = page.get_by_test_id("preview-panel")
    expect(panel).to_be_visible()
    expect(page.get_by_test_id("timeline")).to_be_visible(timeout=10_000)
    for button in page.get_by_test_id("toast").get_by_role("button", name="Dismiss").all():
        button.click()
    return panel


def seek(page: Page, t: float) -> float:
    """Drag the playhead to simulated time ``t`` with the real mouse (scrubbing); the time reached."""
    track = page.get_by_test_id("timeline-track")
    box = track.bounding_box()
    assert box is not None
    end = float(track.get_attribute("data-end") or "1")
    x = box["x"] + box["width"] * t / end
    y = box["y"] + box["height"] / 2
    start = max(box["x"] + 2, x - 40)
    page.mouse.move(start, y)
    page.mouse.down()
    page.mouse.move((start + x) / 2, y, steps=3)
    page.mouse.move(x, y, steps=4)
    page.mouse.up()
    page.wait_for_function(
        """([t, tolerance]) => Math.abs(Number(document.querySelector('[data-testid="playhead"]')
                                             ?.getAttribute("data-t")) - t) < tolerance""",
        arg=[t, max(0.1, 1.5 * end / box["width"])],
        timeout=5_000,
    )
    return float(page.get_by_test_id("playhead").get_attribute("data-t") or "0")


def watch_states(page: Page, names: list[str], until: str, timeout: float = 20.0) -> list[tuple[str, str]]:
    """Poll the cards' preview states until ``until`` (name=state) holds; return each change seen."""
    seen: list[tuple[str, str]] = []
    last: dict[str, str | None] = {}
    deadline = time.monotonic() + timeout
    want_name, want_state = until.split("=")
    while time.monotonic() < deadline:
        current = page.evaluate(
            """names => Object.fromEntries(names.map(n => [n,
                document.querySelector(`[data-testid="container-node"][data-name="${n}"]`)
                  ?.getAttribute("data-preview-state") ?? null]))""",
            names,
        )
        for name in names:
            if current[name] != last.get(name) and current[name] is not None:
                seen.append((name, current[name]))
            last[name] = current[name]
        if current[want_name] == want_state:
            return seen
        page.wait_for_timeout(40)
    raise AssertionError(f"{until} never happened; saw {seen}")


def test_the_war_and_tomcat_pod_starts_in_order_and_the_timeline_can_be_scrubbed(
    page: Page, asgi_server: AsgiServer, screenshots: Path
) -> None:
    panel = open_preview(page, asgi_server)
    # It plays at once (4× by default): record every state each card goes through.
    changes = watch_states(page, ["copy-war", "tomcat"], until="tomcat=ready")
    assert changes[:2] == [("copy-war", "not-started"), ("tomcat", "not-started")], changes
    war = [s for n, s in changes[2:] if n == "copy-war"]
    tomcat = [s for n, s in changes[2:] if n == "tomcat"]
    assert war[-1] == "completed" and "running" in war, changes
    assert tomcat[0] == "waiting" and tomcat[-1] == "ready", changes
    # SyncPod: the init container completed before tomcat left "waiting".
    assert changes.index(("copy-war", "completed")) < changes.index(("tomcat", tomcat[1])), changes
    expect(pod(page)).to_have_attribute("data-phase", "Running")
    expect(page.get_by_test_id("condition-Ready")).to_have_attribute("data-status", "True")
    expect(page.get_by_test_id("pause-indicator")).to_have_attribute("data-sandbox", "up")
    expect(volume(page, "webapps")).to_have_attribute("data-preview-volume", "mounted")

    # The log explains every step, in order.
    log = page.get_by_test_id("log-entry")
    expect(log.last).to_contain_text("The Pod is Ready")
    texts = log.all_inner_texts()
    finished = next(i for i, t in enumerate(texts) if "copy-war finished successfully" in t)
    starts = next(i for i, t in enumerate(texts) if "tomcat starts" in t)
    waits = next(
        i for i, t in enumerate(texts) if "tomcat waits: init container copy-war has not completed" in t
    )
    assert waits < finished < starts

    # The timeline: a lane per container, coloured segments, condition markers.
    lanes = page.get_by_test_id("gantt-lane")
    expect(lanes).to_have_count(2)
    expect(lanes.first).to_have_attribute("data-name", "copy-war")
    expect(lanes.nth(1).locator('[data-state="waiting"]')).to_have_count(1)
    expect(lanes.nth(1).locator('[data-state="ready"]')).to_have_count(1)
    expect(page.get_by_test_id("gantt-marker")).to_have_count(5)
    fit(page)
    page.screenshot(path=screenshots / "preview-ready.png")

    # Scrubbing back shows the earlier state again: sandbox up, copy-war still pulling.
    seek(page, 3)
    expect(state(page, "copy-war")).to_have_attribute("data-preview-state", "pulling")
    expect(state(page, "tomcat")).to_have_attribute("data-preview-state", "waiting")
    expect(page.get_by_test_id("condition-Ready")).to_have_attribute("data-status", "Unknown")
    expect(page.get_by_test_id("pause-indicator")).to_have_attribute("data-sandbox", "up")
    expect(page.get_by_test_id("preview-explanation")).to_contain_text("copy-war starts")
    page.screenshot(path=screenshots / "preview-sandbox-up.png")

    seek(page, 1.5)
    expect(page.get_by_test_id("pause-indicator")).to_have_attribute("data-sandbox", "none")
    expect(state(page, "copy-war")).to_have_attribute("data-preview-state", "not-started")

    seek(page, 5.5)
    expect(state(page, "copy-war")).to_have_attribute("data-preview-state", "running")
    expect(state(page, "tomcat")).to_have_attribute("data-preview-state", "waiting")
    page.screenshot(path=screenshots / "preview-init-running.png")

    # Step through the instant at 10 s: tomcat is running before it is ready.
    seek(page, 9.6)
    expect(state(page, "tomcat")).to_have_attribute("data-preview-state", "created")
    panel.get_by_test_id("preview-step").click()
    expect(state(page, "tomcat")).to_have_attribute("data-preview-state", "running")
    expect(page.get_by_test_id("preview-explanation")).to_contain_text("tomcat is running")
    page.screenshot(path=screenshots / "preview-app-running.png")
    panel.get_by_test_id("preview-step").click()
    panel.get_by_test_id("preview-step").click()
    panel.get_by_test_id("preview-step").click()
    expect(state(page, "tomcat")).to_have_attribute("data-preview-state", "ready")

    # Closing the preview gives the editor back, unchanged.
    panel.get_by_test_id("preview-close").click()
    expect(page.get_by_test_id("preview-panel")).to_have_count(0)
    expect(state(page, "tomcat")).not_to_have_attribute("data-preview-state", re.compile("."))


def test_a_failing_init_container_shows_the_crash_loop_countdown(
    page: Page, asgi_server: AsgiServer, screenshots: Path
) -> None:
    panel = open_preview(page, asgi_server)
    scenario = panel.get_by_test_id("preview-scenario")
    expect(scenario.locator("option", has_text="Init container copy-war fails")).to_have_count(1)
    panel.get_by_test_id("preview-speed-1").click()
    scenario.select_option(label="Init container copy-war fails")
    expect(page.get_by_test_id("gantt-lane").first.locator('[data-state="crash-loop"]').first).to_be_visible(
        timeout=10_000
    )
    panel.get_by_test_id("preview-pause").click()

    # Backoff after the second failure: 10 s, from 11 s to 21 s.
    t = seek(page, 15)
    war = state(page, "copy-war")
    expect(war).to_have_attribute("data-preview-state", "crash-loop")
    detail = war.get_by_test_id("preview-detail")
    expect(detail).to_have_text(f"restart in {math.ceil(21 - t - 1e-6)}s")
    expect(war.get_by_test_id("preview-status")).to_contain_text("crash loop")
    expect(state(page, "tomcat")).to_have_attribute("data-preview-state", "waiting")
    expect(page.get_by_test_id("preview-explanation")).to_contain_text(
        "Init:CrashLoopBackOff, next restart in 10s"
    )
    expect(page.get_by_test_id("condition-Initialized")).to_have_attribute("data-status", "Unknown")
    page.screenshot(path=screenshots / "preview-crash-loop.png")

    # Playing at 1×, the countdown runs down in real time.
    panel.get_by_test_id("preview-play").click()
    expect(detail).to_have_text(f"restart in {math.ceil(21 - t - 1e-6) - 2}s", timeout=5_000)
    panel.get_by_test_id("preview-pause").click()


def test_deleting_the_pod_shows_the_containers_terminating(
    page: Page, asgi_server: AsgiServer, screenshots: Path
) -> None:
    panel = open_preview(page, asgi_server)
    panel.get_by_test_id("preview-scenario").select_option(label="Delete the Pod")
    expect(page.get_by_test_id("playhead")).to_be_visible()
    panel.get_by_test_id("preview-speed-instant").click()
    expect(page.get_by_test_id("log-entry").last).to_contain_text("removed from the API", timeout=10_000)
    expect(pod(page)).to_have_attribute("data-phase", "Succeeded")
    expect(page.get_by_test_id("pause-indicator")).to_have_attribute("data-sandbox", "removed")

    seek(page, 12.5)
    tomcat = state(page, "tomcat")
    expect(tomcat).to_have_attribute("data-preview-state", "terminating")
    expect(tomcat.get_by_test_id("preview-detail")).to_contain_text("kill in")
    expect(page.get_by_test_id("preview-phase")).to_contain_text("terminating")
    page.screenshot(path=screenshots / "preview-terminating.png")


def test_the_preview_follows_the_design_as_it_is_edited(page: Page, asgi_server: AsgiServer) -> None:
    panel = open_preview(page, asgi_server)
    scenario = panel.get_by_test_id("preview-scenario")
    scenario.select_option(label="Init container copy-war fails")
    expect(state(page, "copy-war")).to_have_attribute("data-preview-state", "crash-loop", timeout=15_000)
    # Remove the init container: its failure no longer applies, so the preview says so and
    # follows the design with a normal start, where tomcat starts without waiting.
    container(page, "copy-war").click(position={"x": 60, "y": 36})
    page.keyboard.press("Delete")
    expect(container(page, "copy-war")).to_have_count(0)
    expect(page.get_by_test_id("preview-error")).to_contain_text("Back to a normal start", timeout=10_000)
    expect(page.get_by_test_id("preview-error")).to_contain_text("needs a regular init container")
    expect(scenario).to_have_value("normal:")
    expect(page.get_by_test_id("gantt-lane")).to_have_count(1)
    expect(state(page, "tomcat")).to_have_attribute("data-preview-state", "ready", timeout=15_000)
    expect(page.get_by_test_id("log-entry").filter(has_text="copy-war")).to_have_count(0)
    expect(scenario.locator("option", has_text="copy-war")).to_have_count(0)
    # An edit that keeps the scenario reloads it too: the new image shows in the log.
    container(page, "tomcat").click(position={"x": 60, "y": 36})
    page.get_by_test_id("container-form").get_by_label("Image", exact=True).fill("tomcat:11.0")
    expect(page.get_by_test_id("log-entry").filter(has_text="pulling image tomcat:11.0")).to_have_count(
        1, timeout=10_000
    )
    expect(state(page, "tomcat")).to_have_attribute("data-preview-state", "ready", timeout=15_000)
