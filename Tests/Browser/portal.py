"""Drives the school portal in headless Chromium as a clerk would, and prints what happened as
one line of JSON for Tests/PathwayServerTests/PortalBrowserTests.swift to check.

Usage: portal.py BASE_URL PASSWORD OWN_ID OTHER_ID BULK_ID_1 BULK_ID_2 UPLOAD_FILE DOWNLOADS
Accounts: "wang" (a clerk of S1, the password given) and "guess" (another S1 clerk, to lock).
Needs Debian's chromium and chromium-driver and selenium from PyPI (.ci/run installs them).
"""
import base64
import json
import os
import re
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
import chromium  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

base, password, own, other, bulk1, bulk2, upload, downloads = sys.argv[1:9]
driver = chromium.driver()
result = {}


def text():
    return driver.find_element(By.TAG_NAME, "body").text


def follow(element):
    chromium.follow(driver, element)


def sign_in(username, secret):
    driver.get(base + "/login")
    driver.find_element(By.ID, "username").clear()
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(secret)
    follow(driver.find_element(By.ID, "submit"))


try:
    # Lockout: three wrong passwords lock the account; then even the right one is refused.
    answers = []
    for _ in range(3):
        sign_in("guess", "not the password at all")
        answers.append(driver.find_element(By.ID, "problem").text)
    sign_in("guess", password)
    answers.append(driver.find_element(By.ID, "problem").text)
    result["lockout"] = {"answers": answers, "url": driver.current_url}

    # Asking for a page first: sign-in brings the clerk back to it.
    driver.get(base + f"/school/referrals/{own}")
    result["redirected"] = driver.current_url
    driver.find_element(By.ID, "username").send_keys("wang")
    driver.find_element(By.ID, "password").send_keys(password)
    follow(driver.find_element(By.ID, "submit"))
    result["landed"] = driver.current_url
    result["cookies"] = [{"name": c["name"], "httpOnly": c.get("httpOnly"), "sameSite": c.get("sameSite")}
                         for c in driver.get_cookies()]
    result["scriptSeesCookie"] = driver.execute_script("return document.cookie")

    # A forged form: the page's token replaced, as another site's form would carry none.
    driver.execute_script("document.querySelector('#outcome input[name=_csrf]').value = 'forged'")
    Select(driver.find_element(By.ID, "one-outcome")).select_by_value("enrolled")
    follow(driver.find_element(By.ID, "one-save"))
    result["forged"] = text()

    # Another school's student, by URL: a page that does not exist; its letter too.
    driver.get(base + f"/school/referrals/{other}")
    result["other"] = {"text": text(), "title": driver.title}
    driver.get(base + f"/school/referrals/{other}/letter")
    result["otherLetter"] = text()

    # One by one, on the student's page.
    driver.get(base + f"/school/referrals/{own}")
    result["student"] = text()
    Select(driver.find_element(By.ID, "one-outcome")).select_by_value("enrolled")
    driver.find_element(By.ID, "one-note").send_keys("已分到数控 1 班")
    follow(driver.find_element(By.ID, "one-save"))
    result["one"] = {"notice": driver.find_element(By.ID, "notice").text, "status": driver.find_element(By.ID, "status").text,
                     "history": driver.find_element(By.ID, "history").text}
    # The school letter, printed: one A4 sheet.
    follow(driver.find_element(By.ID, "letter"))
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})["data"])
    result["letter"] = {"text": text(), "pages": len(re.findall(rb"/Type\s*/Page[^s]", pdf))}

    # Several at once, by checkbox.
    driver.get(base + "/school/referrals")
    result["list"] = {"counts": driver.find_element(By.ID, "counts").text, "table": driver.find_element(By.ID, "referrals").text}
    for id in (bulk1, bulk2):
        driver.find_element(By.CSS_SELECTOR, f"input[name=id][value='{id}']").click()
    Select(driver.find_element(By.ID, "bulk-outcome")).select_by_value("declined")
    Select(driver.find_element(By.ID, "bulk-reason")).select_by_value("too_far")
    follow(driver.find_element(By.ID, "bulk-save"))
    result["bulk"] = {"notice": driver.find_element(By.ID, "notice").text, "counts": driver.find_element(By.ID, "counts").text}

    # Search by name.
    driver.find_element(By.ID, "q").send_keys("赵磊")
    follow(driver.find_element(By.CSS_SELECTOR, "#search button"))
    result["search"] = driver.find_element(By.TAG_NAME, "main").text

    # The 报到名单: a preview first, then the apply.
    driver.get(base + "/school/upload")
    driver.find_element(By.ID, "file").send_keys(upload)
    follow(driver.find_element(By.ID, "preview"))
    result["preview"] = driver.find_element(By.ID, "changes").text
    follow(driver.find_element(By.ID, "apply"))
    result["applied"] = driver.find_element(By.ID, "notice").text

    # Downloads, into a folder the test reads.
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    driver.get(base + "/school/referrals")
    driver.find_element(By.ID, "download-csv").click()
    driver.find_element(By.ID, "download-xlsx").click()
    deadline = time.time() + 20
    while time.time() < deadline:
        names = [n for n in os.listdir(downloads) if not n.endswith(".crdownload")]
        if len(names) >= 2:
            break
        time.sleep(0.2)
    result["downloads"] = sorted(n for n in os.listdir(downloads) if not n.endswith(".crdownload"))

    # On a phone: the page fits the screen's width (the table scrolls inside its box).
    driver.set_window_size(390, 844)
    driver.get(base + "/school/referrals")
    result["phone"] = driver.execute_script(
        "return {page: document.documentElement.scrollWidth, screen: window.innerWidth}")

    # English, on request, remembered.
    follow(driver.find_element(By.ID, "language"))
    driver.get(base + "/school/referrals")
    result["english"] = driver.find_element(By.TAG_NAME, "h1").text

    follow(driver.find_element(By.ID, "logout"))
    result["signedOut"] = {"url": driver.current_url, "text": text()}
    driver.get(base + "/school/referrals")
    result["afterSignOut"] = driver.current_url
    print(json.dumps(result, ensure_ascii=False))
except Exception:
    # What the browser showed when a step failed, for the test's message.
    print("page at failure:", driver.current_url, driver.find_element(By.TAG_NAME, "body").text, file=sys.stderr)
    raise
finally:
    driver.quit()
