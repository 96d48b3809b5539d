"""Print the Cabinet paper's HTML to PDF in headless Chromium, with the charts drawn by plotly.js."""

import html
import io
import tempfile
from pathlib import Path

import plotly
from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from pypdf import PdfReader

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
CHARTS_JS = Path(settings.BASE_DIR) / "static" / "js" / "charts.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
FILL_PAGE_NUMBERS = """(numbers) => {
  document.querySelectorAll('.contents li').forEach((item) => {
    const heading = document.getElementById(item.dataset.target).querySelector('h1').textContent.trim();
    item.querySelector('.page-no').textContent = numbers[heading] || '';
  });
}"""


class PaperError(Exception):
    """The paper could not be produced; the message says why, in words the performance team can act on."""


def render_html(context: dict, for_print: bool) -> str:
    scripts = [PLOTLY_JS.as_uri(), CHARTS_JS.as_uri()] if for_print else [
        static("plotly/plotly.min.js"), static("js/charts.js")]
    return render_to_string("paper/paper.html", {**context, "script_urls": scripts, "for_print": for_print})


def _header_footer(classification: str, title: str) -> dict:
    style = "font-family: Arial, sans-serif; font-size: 8pt; color: #505a5f; width: 100%; padding: 0 16mm;"
    return {
        "display_header_footer": True,
        "header_template": f'<div style="{style} text-align: right;">{html.escape(classification)}</div>',
        "footer_template": (f'<div style="{style} display: flex; justify-content: space-between;">'
                            f"<span>{html.escape(title)}</span>"
                            '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
                            "</div>"),
    }


def _heading_pages(pdf: bytes) -> dict[str, int]:
    """Page number of each top-level bookmark (the sections' headings), read from the PDF outline."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = {}
    for item in reader.outline:
        if isinstance(item, list):
            continue
        pages.setdefault(item.title.strip(), reader.get_destination_page_number(item) + 1)
    return pages


def print_pdf(page_html: str, *, classification: str, title: str, progress=lambda percent, message: None,
              timeout_ms: int = 120_000) -> tuple[bytes, int]:
    """One browser for the whole paper: load, wait for every chart, print twice (to number the contents)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    options = {"format": "A4", "print_background": True, "outline": True, "tagged": True,
               "margin": {"top": "20mm", "bottom": "18mm", "left": "0mm", "right": "0mm"},
               **_header_footer(classification, title)}
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "paper.html"
        source.write_text(page_html, encoding="utf-8")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=settings.CHROMIUM_PATH, args=CHROMIUM_ARGS)
                try:
                    page = browser.new_page()
                    page.goto(source.as_uri(), wait_until="load")
                    progress(55, "Drawing the charts")
                    page.wait_for_function("document.body.dataset.chartsDrawn === 'true'", timeout=timeout_ms)
                    failed = page.eval_on_selector_all(
                        "[data-drawn=error]", "nodes => nodes.map(n => n.dataset.figure + ': ' + n.textContent)")
                    if failed:
                        raise PaperError("Some charts could not be drawn: " + "; ".join(failed))
                    progress(75, "Printing to PDF")
                    first = page.pdf(**options)
                    page.evaluate(FILL_PAGE_NUMBERS, _heading_pages(first))
                    pdf = page.pdf(**options)
                finally:
                    browser.close()
        except PlaywrightError as error:
            raise PaperError(f"The browser could not print the paper: {error.message.splitlines()[0]}") from error
    return pdf, len(PdfReader(io.BytesIO(pdf)).pages)
