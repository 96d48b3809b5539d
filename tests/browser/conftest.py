"""Real-browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright's browsers are never downloaded: Chromium is the one `make browsers` installs with apt.
Playwright's sync API keeps an asyncio loop running in the test thread, so Django's "async unsafe"
guard must be lifted for the ORM calls the tests and fixtures make (set once, for the whole session).

The Playwright instance lives for this package only (not the whole session): while it runs, any other
`sync_playwright()` in the same process (e.g. code printing the Cabinet paper) would refuse to start.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # demo passwords hash in ms, not 0.5 s each

PERSONA_PASSWORD = "correct-horse-battery"  # of the personas in the root conftest.py (UserFactory's password)
DEMO_PASSWORDS = {"member": "demo-member-2026", "officer": "demo-officer-2026",
                  "performance": "demo-performance-2026"}


@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browsers` (installs Debian's chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh tab (own cookies) at a desktop width, with British locale."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def demo_council(live_server, settings):
    """The demo council (seed 004's 35 KPIs, three years of results, one account per role) in the live
    server's database. About 5 s: use it in few tests. Emptied again after the test (transactional_db)."""
    settings.PASSWORD_HASHERS = FAST_HASHER
    call_command("load_demo", stdout=io.StringIO())
    return DEMO_PASSWORDS


def login(page, live_server, username: str, password: str) -> None:
    """Sign in through the sign-in form, as a person would, and wait to leave the sign-in page."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def wait_for_charts(page) -> None:
    """Until charts.js has drawn every chart on the page (it marks the body when all are done)."""
    page.wait_for_selector("body[data-charts-drawn='true']", state="attached")


def screenshot(page, name: str) -> Path:
    """A full-page screenshot in test-artifacts/screenshots/<name>.png (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
