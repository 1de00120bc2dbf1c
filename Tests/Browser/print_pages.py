"""Prints local letter files to A4 PDFs in headless Chromium, as a clerk's browser would, and
reports as JSON how many pages each printed to against how many letters (`section.page`) it
holds: each letter is meant to fill one sheet, so more pages than letters means some letter
spilled onto a second sheet.

To say which letters spill, it also lays each file out for print at the printable width and
measures every letter's height against the printable height. That is an estimate (Chromium's
print layout may differ from the emulated one by a line), so the page count is what decides.

Usage: print_pages.py FILE.html [FILE.html ...]
Prints one JSON line on stdout:
  {"files": [{"file": PATH, "pages": N, "letters": M,
              "overflowing": [{"index": i, "reference": "...", "heightPx": h}, ...], ...}]}
with at most 20 overflowing letters listed per file (`overflowingCount` gives them all).
Diagnostics go to stderr. Run by PathwayTestSupport's `Browser.printPages`; needs Debian's
chromium and chromium-driver and selenium from PyPI (.ci/run installs them).
"""
import base64
import json
import math
import os
import pathlib
import re
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
import chromium  # noqa: E402

A4_WIDTH_MM, A4_HEIGHT_MM = 210.0, 297.0
PX_PER_MM = 96 / 25.4
# Chromium's printToPDF margins when the page gives none: 0.4in (about 10mm) on every side.
DEFAULT_MARGIN_PX = 0.4 * 96
# A letter this much taller than the printable height (CSS px) is called overflowing; less is
# rounding, which Chromium's fragmentation absorbs.
TOLERANCE_PX = 0.5
MAX_LISTED = 20

# A page object, `/Type /Page`, but not the page tree's `/Type /Pages` (nor any longer name).
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z0-9_.#-])")
PAGE_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", re.S)

# The @page margins of the document's stylesheets, in CSS px (top, right, bottom, left), each
# null where no rule sets it. Converts any CSS length by laying out a probe element, so mm, in,
# pt and px all come out the same way Chromium's print code sees them.
MARGINS_SCRIPT = """
const sides = ["top", "right", "bottom", "left"];
const found = [null, null, null, null];
function visit(rules) {
  for (const rule of rules) {
    if (rule.type === CSSRule.PAGE_RULE && !rule.selectorText) {
      sides.forEach((side, i) => {
        const value = rule.style.getPropertyValue("margin-" + side);
        if (value) found[i] = value;
      });
    } else if (rule.cssRules && (rule.type !== CSSRule.MEDIA_RULE || matchMedia(rule.media.mediaText).matches ||
                                 /\\bprint\\b/.test(rule.media.mediaText))) {
      visit(rule.cssRules);
    }
  }
}
for (const sheet of document.styleSheets) {
  try { visit(sheet.cssRules); } catch (e) { /* a stylesheet from elsewhere: unreadable */ }
}
const probe = document.createElement("div");
probe.style.cssText = "position:absolute;visibility:hidden;padding:0;border:0;width:0";
document.documentElement.appendChild(probe);
const px = found.map(value => {
  if (value === null || /%|auto/.test(value)) return null;
  probe.style.height = value;
  return probe.getBoundingClientRect().height;
});
probe.remove();
return px;
"""

# Every letter's rendered height (CSS px) and its first reference's text, in one round trip.
MEASURE_SCRIPT = """
return Array.from(document.querySelectorAll("section.page"), section => {
  const reference = section.querySelector(".reference");
  return [section.getBoundingClientRect().height, reference ? reference.textContent.trim() : ""];
});
"""


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def fail(message):
    log("print_pages.py: " + message)
    sys.exit(1)


def count_pages(pdf):
    objects = len(PAGE_OBJECT.findall(pdf))
    # The root of the page tree counts every page; inner nodes count fewer, so take the largest.
    counts = [int(a or b) for a, b in PAGE_COUNT.findall(pdf)]
    if counts and max(counts) != objects:
        log(f"print_pages.py: {objects} page objects but the page tree counts {max(counts)}")
    return objects if objects else (max(counts) if counts else 0)


def main(arguments):
    if not arguments:
        fail("usage: print_pages.py FILE.html [FILE.html ...]")
    paths = []
    for argument in arguments:
        path = pathlib.Path(argument).resolve()
        # Chromium shows an error page rather than failing for a file it cannot read.
        if not path.is_file() or not os.access(path, os.R_OK):
            fail(f"cannot open {argument}")
        paths.append((argument, path))

    driver = chromium.driver()
    try:
        # Printing a file of 1,400 letters takes longer than selenium's 120-second default.
        config = getattr(driver.command_executor, "client_config", None)
        if config is not None:
            config.timeout = 900
        driver.set_page_load_timeout(600)
        driver.set_script_timeout(600)
        files = []
        for argument, path in paths:
            started = time.monotonic()
            # Undo the previous file's emulation, so each file prints as a clerk's browser would.
            driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
            driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": False})
            driver.get(path.as_uri())
            if driver.execute_script("return document.readyState") != "complete":
                fail(f"cannot open {argument}: it did not finish loading")
            pdf = base64.b64decode(driver.execute_cdp_cmd(
                "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})["data"])
            pages = count_pages(pdf)
            printed = time.monotonic()

            top, right, bottom, left = (DEFAULT_MARGIN_PX if value is None else value
                                        for value in driver.execute_script(MARGINS_SCRIPT))
            width = A4_WIDTH_MM * PX_PER_MM - left - right
            height = A4_HEIGHT_MM * PX_PER_MM - top - bottom
            # A headless window's scrollbar would take 15px of the width and rewrap the lines.
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": max(1, round(width)), "height": max(1, round(height)),
                "deviceScaleFactor": 1, "mobile": False})
            letters = driver.execute_script(MEASURE_SCRIPT)
            overflowing = [{"index": index, "reference": reference, "heightPx": round(measured, 1)}
                           for index, (measured, reference) in enumerate(letters)
                           if measured > height + TOLERANCE_PX]
            # Each letter starts a sheet (the letters' print CSS breaks after each), so one h tall
            # needs ceil(h / height) of them; the sum is a cross-check on the page count.
            estimated = sum(max(1, math.ceil((measured - TOLERANCE_PX) / height)) for measured, _ in letters)
            log(f"print_pages.py: {argument}: {pages} pages, {len(letters)} letters, "
                f"{len(overflowing)} estimated to overflow ({estimated} pages estimated); "
                f"printable {width:.1f}x{height:.1f}px; printed in {printed - started:.1f}s, "
                f"measured in {time.monotonic() - printed:.1f}s")
            files.append({"file": argument, "pages": pages, "letters": len(letters),
                          "overflowing": overflowing[:MAX_LISTED], "overflowingCount": len(overflowing),
                          "estimatedPages": estimated, "printableHeightPx": round(height, 1)})
        print(json.dumps({"files": files}, ensure_ascii=False), flush=True)
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1:])
