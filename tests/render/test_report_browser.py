"""The report in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

No browser is downloaded: Playwright starts the system's Chromium by its path. The tests skip,
saying why, only where no Chromium (or no Playwright, or for the PDF checks no poppler-utils)
is installed; `.ci/run` installs all three.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kundenaudit.render.report.palette import HEAT
from tests.render.report_html import write_report

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("KUNDENAUDIT_CHROMIUM") or shutil.which("chromium")
CUSTOMERS = 18  # examples/: 8 in portfolio.yaml, 3 single records, 7 in the CRM export
CARDS = 10  # of them rot 5 and gelb 5 (see the report's summary)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium to drive: install Debian's package (apt-get install chromium) "
    "or name one in KUNDENAUDIT_CHROMIUM",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "bericht.html"
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        write_report(out, ["examples/"])
    finally:
        os.chdir(cwd)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
    )
    with sync_api.sync_playwright() as p:
        # as root Chromium refuses its sandbox; the page is our own file, loaded offline
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def _open(browser: Any, report: Path, **context: Any) -> tuple[Any, list[str], list[str]]:
    """A page showing the report; the console errors and the URLs it requested."""
    page = browser.new_context(**context).new_page()
    errors: list[str] = []
    urls: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: urls.append(r.url))
    page.goto(report.as_uri())
    return page, errors, urls


def test_the_page_loads_without_errors_or_requests_beyond_itself(
    browser: Any, report: Path
) -> None:
    page, errors, urls = _open(browser, report)
    rows = page.locator("#customer-table tbody tr")
    assert rows.count() == CUSTOMERS
    page.select_option("#filters select[data-attr=data-s]", "rot")  # the script's filter
    assert page.locator("#customer-table tbody tr:visible").count() == 5
    page.select_option("#filters select[data-attr=data-s]", "")
    page.click("#customer-table th[data-k=index]")  # the script's sort: lowest index first
    values = page.eval_on_selector_all(
        "#customer-table tbody tr td:nth-child(5) data", "ds => ds.map(d => parseFloat(d.value))"
    )
    assert values == sorted(values)
    assert errors == []
    assert [u for u in urls if not u.startswith(("file:", "data:"))] == []


def test_without_javascript_every_row_and_card_is_there(browser: Any, report: Path) -> None:
    page, errors, _ = _open(browser, report, java_script_enabled=False)
    assert page.locator("#customer-table tbody tr:visible").count() == CUSTOMERS
    assert page.locator("details.card").count() == CARDS
    assert page.locator("#filters select").count() == 0  # controls only where they work
    assert errors == []


def test_print_hides_navigation_and_opens_the_cards(browser: Any, report: Path) -> None:
    page, _, _ = _open(browser, report)
    first_card = page.locator("details.card .card-body").first
    assert not first_card.is_visible()  # closed on screen
    assert page.locator("nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("nav").is_visible()
    assert first_card.is_visible()
    assert page.locator("#customer-table tbody tr:visible").count() == CUSTOMERS


def test_the_dark_scheme_follows_the_system(browser: Any, report: Path) -> None:
    page, _, _ = _open(browser, report, color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 23, 26)"  # palette.DARK.bg, #15171a
    page.emulate_media(color_scheme="light")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def _ppm_pixels(data: bytes) -> list[bytes]:
    """The pixels of a binary PPM (P6, 8 bit) as 3-byte strings."""
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:  # magic, width, height, maxval, separated by whitespace
        while data[pos : pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P6" and fields[3] == b"255"
    body = data[pos + 1 :]
    return [body[i : i + 3] for i in range(0, len(body) - 2, 3)]


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdfinfo, pdftoppm) are not installed: apt-get install poppler-utils",
)
def test_the_pdf_has_a_sane_page_count_and_keeps_the_heatmap_colours(
    browser: Any, report: Path, tmp_path: Path
) -> None:
    page, _, _ = _open(browser, report)
    pdf = tmp_path / "bericht.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(ln for ln in info.stdout.splitlines() if ln.startswith("Pages:")).split()[1])
    # head, summary, portfolio, goals, 18 rows and 10 cards, appendix: each section a page on
    assert 6 <= pages <= 40, pages
    subprocess.run(["pdftoppm", "-r", "40", str(pdf), str(tmp_path / "p")], check=True)
    counts: dict[bytes, int] = {}
    for ppm in sorted(tmp_path.glob("p-*.ppm")):
        for px in _ppm_pixels(ppm.read_bytes()):
            counts[px] = counts.get(px, 0) + 1
    shades = [bytes.fromhex(fill[1:]) for fill, _ in HEAT]
    kept = [s.hex() for s in shades if counts.get(s, 0) >= 30]
    assert len(kept) >= 4, f"heat-map shades found in print without backgrounds: {kept}"


def test_a_screenshot_is_taken(browser: Any, report: Path, tmp_path: Path) -> None:
    page, _, _ = _open(browser, report, viewport={"width": 1100, "height": 900})
    page.goto(report.as_uri() + "#summary")
    shot = tmp_path / "bericht.png"
    page.screenshot(path=str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1100, 900)
    assert len(data) > 20_000  # a page with text and charts, not a blank one
