"""Drives the staff console in headless Chromium through a county's year, as county staff would
on a Windows PC, and prints what happened as one line of JSON for
Tests/PathwayServerTests/ConsoleBrowserTests.swift to check.

Usage: console.py BASE_URL PASSWORD COUNTY_FOLDER DOWNLOADS
Accounts: "li" (an administrator, the password given). The script makes the others itself.
Needs Debian's chromium and chromium-driver and selenium from PyPI (.ci/run installs them).
"""
import json
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
import chromium  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

base, password, county, downloads = sys.argv[1:5]
driver = chromium.driver()
driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
result = {}


def text():
    return driver.find_element(By.TAG_NAME, "body").text


def follow(element):
    chromium.follow(driver, element)


def by_id(name):
    return driver.find_element(By.ID, name)


def finished(seconds=180):
    """Waits while a task's page says it is running (it reloads itself); the page's text then."""
    def done(d):
        try:
            return not d.find_elements(By.ID, "running") and d.find_elements(By.TAG_NAME, "h1")
        except (StaleElementReferenceException, WebDriverException):
            return False
    WebDriverWait(driver, seconds, poll_frequency=0.2).until(done)
    return text()


def wait_for_download(count):
    """Waits until `count` files have finished downloading."""
    for _ in range(200):
        if len([n for n in os.listdir(downloads) if not n.endswith(".crdownload")]) >= count:
            return
        time.sleep(0.1)


def sign_in(username, secret):
    driver.get(base + "/login")
    by_id("username").clear()
    by_id("username").send_keys(username)
    by_id("password").send_keys(secret)
    follow(by_id("submit"))


def sign_out():
    follow(by_id("logout"))


try:
    sign_in("li", password)
    result["landed"] = driver.current_url

    # The county profile first: letters are signed with it.
    follow(by_id("nav-settings"))
    by_id("office").send_keys("青岚县教育局")
    by_id("office-phone").send_keys("0851-5550100")
    follow(by_id("save-profile"))
    result["settings"] = text()

    # The county's own workbooks: each checked, then applied.
    imports = []
    for kind, name in [("places", "地名表.xlsx"), ("schools", "中职学校.xlsx"), ("programs", "专业.xlsx"), ("students", "学生名单.xlsx")]:
        follow(by_id("nav-data"))
        Select(by_id("kind")).select_by_value(kind)
        by_id("file").send_keys(os.path.join(county, name))
        follow(by_id("check"))
        preview = finished()
        follow(by_id("apply"))
        imports.append({"kind": kind, "preview": preview, "applied": finished()})
    result["imports"] = imports

    # A run: its page shows progress and survives a reload.
    follow(by_id("nav-matching"))
    Select(by_id("strategy")).select_by_value("optimal")
    follow(by_id("start-run"))
    result["taskURL"] = driver.current_url
    driver.refresh()
    result["run"] = finished()
    result["afterReload"] = driver.current_url

    # Referrals from the run, followed by 王老师; approved and sent for one school.
    by_id("assignee").send_keys("王老师")
    follow(by_id("create-referrals"))
    result["created"] = text()
    school = Select(by_id("filter-school"))
    school.select_by_index(1)
    result["school"] = school.first_selected_option.get_attribute("value")
    follow(by_id("apply-filter"))
    by_id("scope-all").click()
    follow(by_id("approve"))
    result["approved"] = text()
    Select(by_id("filter-status")).select_by_value("")
    follow(by_id("apply-filter"))
    by_id("scope-all").click()
    follow(by_id("send"))
    result["sent"] = text()
    result["sentRows"] = [row.get_attribute("data-status") for row in driver.find_elements(By.CSS_SELECTOR, "#referrals tbody tr")]

    # The school's print files: written as a task, downloaded from its page.
    follow(by_id("write-letters"))
    result["letters"] = finished()
    links = driver.find_elements(By.CSS_SELECTOR, "#print-files a")
    result["printFiles"] = [link.text for link in links]
    if links:
        links[0].click()
        wait_for_download(1)

    # The school's file for Excel, from the list filtered to the school.
    driver.get(base + "/console/referrals?run=1&school=" + result["school"])
    by_id("school-file").click()
    wait_for_download(2)

    # A family's answer phoned in: one sent referral declined, with the reason.
    sent_row = driver.find_element(By.CSS_SELECTOR, "#referrals tbody tr[data-status='sent'] a")
    follow(sent_row)
    result["declinedStudent"] = driver.current_url.rsplit("/", 1)[-1].split("?")[0]
    form = driver.find_element(By.CSS_SELECTOR, "form.outcome")
    Select(form.find_element(By.NAME, "outcome")).select_by_value("declined")
    Select(form.find_element(By.NAME, "reason")).select_by_value("parents_disagree")
    follow(form.find_element(By.TAG_NAME, "button"))
    result["declined"] = text()

    # The ledger now holds the student; handed to the counsellor 赵老师 from there.
    follow(by_id("nav-followup"))
    result["ledger"] = [row.get_attribute("data-student") for row in driver.find_elements(By.CSS_SELECTOR, "#ledger tbody tr")]
    follow(driver.find_element(By.CSS_SELECTOR, f"#ledger tbody tr[data-student='{result['declinedStudent']}'] a"))
    by_id("assign-person").send_keys("赵老师")
    follow(by_id("save-assign"))
    result["assigned"] = text()
    follow(by_id("nav-caseloads"))
    result["caseloads"] = text()

    # The students list, searched by name.
    follow(by_id("nav-students"))
    row = driver.find_element(By.CSS_SELECTOR, "#students tbody tr")
    result["searchedFor"] = row.get_attribute("data-student")
    by_id("q").send_keys(row.find_element(By.TAG_NAME, "a").text)
    follow(driver.find_element(By.CSS_SELECTOR, "#student-search button"))
    result["found"] = [r.get_attribute("data-student") for r in driver.find_elements(By.CSS_SELECTOR, "#students tbody tr")]

    # A follow-up run into the seats still free; then the two runs compared, and one student explained.
    follow(by_id("nav-matching"))
    by_id("followup").click()
    follow(by_id("start-run"))
    result["followupRun"] = finished()
    follow(by_id("nav-matching"))
    Select(by_id("compare-run")).select_by_value("2")
    Select(by_id("compare-with")).select_by_value("1")
    follow(driver.find_element(By.CSS_SELECTOR, "#compare button"))
    result["compare"] = {"url": driver.current_url, "svg": len(driver.find_elements(By.TAG_NAME, "svg"))}
    driver.get(base + "/console/runs")
    Select(by_id("explain-run")).select_by_value("1")
    by_id("explain-student").send_keys(result["declinedStudent"])
    follow(driver.find_element(By.CSS_SELECTOR, "#explain button"))
    result["explain"] = text()

    # A backup before anything big: a task, then its file downloaded.
    driver.get(base + "/console/settings")
    follow(by_id("make-backup"))
    result["backup"] = finished()
    by_id("download-backup").click()
    wait_for_download(3)
    result["downloads"] = sorted(n for n in os.listdir(downloads) if not n.endswith(".crdownload"))

    # Accounts: the counsellor and a school clerk, each password shown once.
    passwords = {}
    for username, name, role, school_id in [("zhao", "赵老师", "counsellor", ""), ("qian", "钱老师", "school_clerk", result["school"])]:
        follow(by_id("nav-accounts"))
        by_id("new-username").send_keys(username)
        by_id("new-name").send_keys(name)
        Select(by_id("new-role")).select_by_value(role)
        if school_id:
            Select(by_id("new-school")).select_by_value(school_id)
        follow(by_id("create-account"))
        passwords[username] = by_id("new-password").text
    follow(by_id("language"))
    result["english"] = text()
    follow(by_id("language"))
    sign_out()

    # The counsellor: only their own student, a contact recorded, the administrator's pages refused.
    sign_in("zhao", passwords["zhao"])
    result["counsellorNav"] = [a.get_attribute("id") for a in driver.find_elements(By.CSS_SELECTOR, "#console-nav a")]
    follow(by_id("nav-followup"))
    result["counsellorLedger"] = [row.get_attribute("data-student") for row in driver.find_elements(By.CSS_SELECTOR, "#ledger tbody tr")]
    follow(by_id("nav-students"))
    result["counsellorStudents"] = [row.get_attribute("data-student") for row in driver.find_elements(By.CSS_SELECTOR, "#students tbody tr")]
    follow(driver.find_element(By.CSS_SELECTOR, "#students tbody tr a"))
    Select(by_id("contact-kind")).select_by_value("home_visit")
    Select(by_id("contact-outcome")).select_by_value("considering")
    by_id("contact-note").send_keys("奶奶说再想想，下周再去")
    follow(by_id("save-contact"))
    result["contact"] = text()
    driver.get(base + "/console/runs")
    result["counsellorRuns"] = text()
    sign_out()

    # The clerk: the school's own pages, never the console.
    sign_in("qian", passwords["qian"])
    result["clerkLanded"] = driver.current_url
    driver.get(base + "/console")
    result["clerkConsole"] = text()
finally:
    driver.quit()
    print(json.dumps(result, ensure_ascii=False))
