"""The headless Chromium every browser test drives: Debian's chromium and chromedriver through
selenium from PyPI (.ci/run installs them)."""
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def follow(driver, element, seconds=30):
    """Clicks a button or link and waits for the next page: a click returns before it loads.
    Chromium may say an old page's node "does not belong to the document" rather than that it
    is stale: the same news."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def gone(_):
        try:
            return expected_conditions.staleness_of(page)(driver)
        except WebDriverException:
            return True
    WebDriverWait(driver, seconds).until(gone)
