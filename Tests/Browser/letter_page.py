"""Opens a school's letter pages in headless Chromium, as a clerk's browser would, and prints
what it saw as JSON: each page's visible text, and the page count of the letter printed to an
A4 PDF with Chromium's default margins.

Usage: letter_page.py BASE_URL TOKEN OWN_ID OTHER_ID
Run by Tests/PathwayServerTests/BrowserTests.swift; needs Debian's chromium and chromium-driver
and selenium from PyPI (.ci/run installs them).
"""
import base64
import json
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
import chromium  # noqa: E402

base, token, own, other = sys.argv[1:5]
driver = chromium.driver()
try:
    # The school's token, on every request the page makes, as a school's client sends it.
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Authorization": "Bearer " + token}})
    result = {}
    for name, path in (("own", f"/v1/referrals/{own}/letter"), ("english", f"/v1/referrals/{own}/letter?lang=en"),
                       ("other", f"/v1/referrals/{other}/letter")):
        driver.get(base + path)
        result[name] = {"title": driver.title, "text": driver.find_element("tag name", "body").text,
                        "lang": driver.find_element("tag name", "html").get_attribute("lang") or ""}
        if name != "other":
            pdf = base64.b64decode(driver.execute_cdp_cmd(
                "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})["data"])
            result[name]["pages"] = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    print(json.dumps(result, ensure_ascii=False))
finally:
    driver.quit()
