"""Headless Chromium, driven over the DevTools protocol on a pipe, to print the briefing's HTML page to an A4 PDF
(page numbers, the document outline as bookmarks, fonts embedded) and to photograph its charts for Word.

One browser per briefing: the page loads once, its charts are drawn by the pages' ECharts scripts as SVG, then
it is printed and each chart captured. The browser is Debian's `chromium` (scripts/install-browser.sh).
"""

from __future__ import annotations

import base64
import fcntl
import json
import math
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from chainatlas.reports.briefing_pdf_pages import destination_pages

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
READY = "document.readyState === 'complete' && document.fonts.status === 'loaded'"
CHART_BOXES = """JSON.stringify(Array.from(document.querySelectorAll('[data-chart]')).map(function (e) {
  var r = e.getBoundingClientRect();
  return {id: e.dataset.chart, x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};
}))"""
FOOTER = '<div style="font-size:8px;width:100%;text-align:center;color:#667085"><span class="pageNumber"></span> / <span class="totalPages"></span></div>'
A4_WIDTH_PX = 794
CHART_SCALE = 2
"""Chart pictures for Word at twice the screen's pixels (sharp when printed at 165 mm wide)."""
TIMEOUT_S = 60.0


class BrowserError(RuntimeError):
    """Chromium is missing, or did not answer: the code `briefing.browser_failed` with what happened."""

    code = "briefing.browser_failed"

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.params: dict[str, str | int | None] = {"problem": problem}


def find_chromium(executable: str | None = None) -> str:
    """Return the Chromium to run: the one given, else the first on the PATH."""
    for name in (executable, *CHROMIUM_NAMES):
        found = shutil.which(name) if name else None
        if found:
            return found
    raise BrowserError("no chromium found on the PATH (run scripts/install-browser.sh)")


class Chromium:
    """A headless Chromium answering DevTools commands on fds 3 (commands in) and 4 (replies out)."""

    def __init__(self, executable: str | None = None) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="chainatlas-chromium-")
        to_child, self.out = os.pipe()
        self.inp, from_child = os.pipe()
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_child, from_child)]
        for fd in (to_child, from_child):
            os.close(fd)

        def wire() -> None:
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        args = [
            find_chromium(executable),
            "--headless",
            "--remote-debugging-pipe",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--allow-file-access-from-files",
            f"--user-data-dir={self.profile.name}",
            "about:blank",
        ]
        self.process = subprocess.Popen(  # noqa: S603 - a fixed argument list, the browser found above
            args, pass_fds=(3, 4), preexec_fn=wire, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for fd in high:
            os.close(fd)
        self.buffer = b""
        self.next_id = 0

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and return its result (events in between are skipped)."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message', reply['error'])}")
                return dict(reply.get("result", {}))
        raise BrowserError(f"{method}: no answer in {TIMEOUT_S:.0f} s")

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            chunk = os.read(self.inp, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed its pipe")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\0", 1)
        return dict(json.loads(line))

    def close(self) -> None:
        """Stop the browser and remove its profile."""
        try:
            self.send("Browser.close")
        except (BrowserError, OSError):
            self.process.kill()
        self.process.wait(timeout=10)
        for fd in (self.inp, self.out):
            os.close(fd)
        self.profile.cleanup()


def _open(browser: Chromium, url: str) -> str:
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = str(browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"])
    metrics = {"width": A4_WIDTH_PX, "height": 1123, "deviceScaleFactor": 1, "mobile": False}
    browser.send("Emulation.setDeviceMetricsOverride", metrics, session)
    browser.send("Page.navigate", {"url": url}, session)
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        found = browser.send("Runtime.evaluate", {"expression": READY, "returnByValue": True}, session)
        if found.get("result", {}).get("value") is True:
            return session
        time.sleep(0.02)
    raise BrowserError("the briefing page did not finish loading")


def render_page(
    html: str, *, pdf: bool, charts: bool, executable: str | None = None, contents: bool = True
) -> tuple[bytes, dict[str, bytes]]:
    """Return the page printed to PDF (empty unless asked; with `contents`, its table of contents gets the page
    numbers) and a PNG of each chart by its id (if asked)."""
    with tempfile.TemporaryDirectory(prefix="chainatlas-briefing-") as folder:
        page = Path(folder) / "briefing.html"
        page.write_text(html, encoding="utf-8")
        browser = Chromium(executable)
        try:
            session = _open(browser, page.as_uri())
            images = _capture_charts(browser, session) if charts else {}
            printing = _print_with_contents if contents else _print
            printed = printing(browser, session) if pdf else b""
        finally:
            browser.close()
    return printed, images


def _capture_charts(browser: Chromium, session: str) -> dict[str, bytes]:
    """Photograph every chart: the viewport is made as tall as the page once (no relayout per picture)."""
    boxes = json.loads(
        browser.send("Runtime.evaluate", {"expression": CHART_BOXES, "returnByValue": True}, session)["result"]["value"]
    )
    if not boxes:
        return {}
    bottom = math.ceil(max(box["y"] + box["height"] for box in boxes)) + 1
    metrics = {"width": A4_WIDTH_PX, "height": bottom, "deviceScaleFactor": 1, "mobile": False}
    browser.send("Emulation.setDeviceMetricsOverride", metrics, session)
    images = {}
    for box in boxes:
        clip = {k: box[k] for k in ("x", "y", "width", "height")} | {"scale": CHART_SCALE}
        shot = browser.send(
            "Page.captureScreenshot", {"format": "png", "clip": clip, "optimizeForSpeed": True}, session
        )
        images[box["id"]] = base64.b64decode(shot["data"])
    return images


def _print_with_contents(browser: Chromium, session: str) -> bytes:
    """Print the page, read where each section begins, write those page numbers into the table of contents (one
    line each: the pagination does not move) and print again."""
    first = _print(browser, session)
    pages = destination_pages(first)
    if not pages:
        return first
    fill = f"""(function (pages) {{
      document.querySelectorAll('[data-toc]').forEach(function (e) {{ e.textContent = pages[e.dataset.toc] || ''; }});
    }})({json.dumps(pages)})"""
    browser.send("Runtime.evaluate", {"expression": fill}, session)
    return _print(browser, session)


def _print(browser: Chromium, session: str) -> bytes:
    options = {
        "printBackground": True,
        "preferCSSPageSize": True,
        "displayHeaderFooter": True,
        "headerTemplate": "<span></span>",
        "footerTemplate": FOOTER,
        "generateDocumentOutline": True,
        "generateTaggedPDF": True,
    }
    return base64.b64decode(browser.send("Page.printToPDF", options, session)["data"])
