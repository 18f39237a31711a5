"""Headless Chromium for the tests that look at a page in a real browser (the report, the review desk).

`start()` skips the calling test module when selenium, Debian's chromium or chromium-driver is
missing (.ci/run installs them), and otherwise returns a driver at the size the screenshots use.
"""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def require() -> None:
    """Skip the calling module unless selenium, chromium and chromedriver are all here."""
    pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("Chromium is not installed: apt-get install -y chromium chromium-driver (done by .ci/run)",
                    allow_module_level=True)


def start():
    """A headless Chromium, 1280x1000 at scale 1, scrollbars hidden."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    options.binary_location = CHROMIUM
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
