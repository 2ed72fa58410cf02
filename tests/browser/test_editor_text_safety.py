"""Names typed or imported by users are rendered as text, never as HTML."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.test_editor_import import import_yaml
from tests.browser.test_editor_support import open_editor, wait_validated
from tests.conftest import AsgiServer

PAYLOAD = '<img src=x onerror="window.__pwned = 1">'
HOSTILE = f"""\
apiVersion: v1
kind: Pod
metadata:
  name: '{PAYLOAD}'
  annotations: {{note: '<script>window.__pwned = 2</script>'}}
spec:
  containers:
  - name: '{PAYLOAD}'
    image: '<b>bold</b>:1'
"""


def test_html_in_pod_and_container_names_shows_as_literal_text_and_never_runs(
    page: Page, asgi_server: AsgiServer, screenshots: Path
) -> None:
    open_editor(page, asgi_server)
    import_yaml(page, HOSTILE)
    wait_validated(page)
    canvas = page.get_by_test_id("canvas")
    expect(canvas.get_by_text(PAYLOAD).first).to_be_visible()
    expect(canvas.get_by_text("<b>bold</b>:1")).to_be_visible()
    assert canvas.locator("img[src=x], b").count() == 0
    # The findings quote the bad names too, as text.
    expect(page.get_by_test_id("finding").filter(has_text="Invalid value").first).to_be_visible()
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=screenshots / "editor-html-in-names.png")
