"""The report is self-contained and every input text in it is text, never markup."""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from pathlib import Path

import pytest

from kundenaudit.render.report.palette import MIN_CONTRAST, contrast, text_pairs
from tests.render.report_html import read, write_report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def examples_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    return write_report(tmp_path / "r.html", ["examples/"])


def test_the_page_loads_nothing_from_outside(examples_page: str) -> None:
    page = read(examples_page)
    assert page.srcs == [] or all(s.startswith("data:") for s in page.srcs)
    assert all(h.startswith("#") or h.startswith("data:") for h in page.hrefs), page.hrefs
    assert page.links == []  # no stylesheet, icon or preload of any kind
    assert "@import" not in examples_page and "url(" not in examples_page
    csp = [m["content"] for m in page.metas if m.get("http-equiv") == "Content-Security-Policy"]
    assert len(csp) == 1
    policy = dict(part.strip().split(" ", 1) for part in (csp[0] or "").split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["img-src"] == "data:"
    # the one inline script runs by its hash; no other script could
    (code,) = page.scripts
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
    assert policy["script-src"] == f"'sha256-{digest}'"
    assert not any(a.startswith("on") for a in page.attributes)  # no inline handlers


def test_every_link_inside_the_page_has_its_target(examples_page: str) -> None:
    page = read(examples_page)
    targets = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert targets  # navigation and the customer table's links to the cards
    assert [t for t in targets if t not in page.ids] == []


def test_lang_is_set_and_every_chart_is_an_image_with_a_title(examples_page: str) -> None:
    assert examples_page.startswith('<!DOCTYPE html>\n<html lang="de">')
    svgs = examples_page.split("<svg")[1:]
    assert len(svgs) >= 5
    for svg in svgs:
        assert 'role="img"' in svg.split(">", 1)[0]
        assert svg.split(">", 1)[1].startswith("<title>")


def test_every_text_colour_has_a_contrast_of_at_least_4_5() -> None:
    low = [(what, round(contrast(fg, bg), 2)) for what, fg, bg in text_pairs()]
    assert [p for p in low if p[1] < MIN_CONTRAST] == []


def test_contrast_is_computed_per_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the known 4.48


PROBES = {
    "name": '<script>alert("name")</script>',
    "manager": '"><img src=x onerror=alert(1)>',
    "note": "</script><script>alert(2)</script>",
    "reason": "<b onmouseover=alert(3)>bold</b>",
    "id": "K-<i>1</i>",
}
CLEAN = {"name": "Name", "manager": "Manager", "note": "Notiz", "reason": "Grund", "id": "K-1"}


def _record(t: dict[str, str], control: str = "") -> str:
    """A red customer (knock-out reklamation) whose texts are ``t``; ``control`` is YAML
    escapes of control characters appended to the name."""

    def quote(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return (
        "kundenaudit: 1\n"
        f'customer: {{id: {quote(t["id"])}, name: {quote(t["name"])[:-1] + control}", '
        f"segment: standard, manager: {quote(t['manager'])}, value: 1000}}\n"
        "audited: 2026-11-20\n"
        "services:\n"
        f"  reklamation: {{status: nicht_erfuellt, note: {quote(t['note'])}}}\n"
        f"  marktinfo: {{status: entbehrlich, reason: {quote(t['reason'])}}}\n"
        "---\n"
        "kundenaudit: 1\n"
        "customer: {id: K-2, name: Zwei, segment: standard}\n"
        "audited: 2026-11-20\n"
        "services: {reklamation: erfuellt}\n"
    )


def _elements(tmp_path: Path, name: str, text: str) -> tuple[Counter[str], str]:
    src = tmp_path / f"{name}.yaml"
    src.write_text(text, encoding="utf-8")
    html = write_report(tmp_path / f"{name}.html", [str(src)])
    return Counter(read(html).tags), html


def test_hostile_input_text_comes_out_as_text(tmp_path: Path) -> None:
    clean, _ = _elements(tmp_path, "clean", _record(CLEAN))
    hostile, html = _elements(tmp_path, "hostile", _record(PROBES, r"\x1b[31m\a"))
    assert hostile == clean  # not one element more or less
    assert "&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;" in html
    assert "&lt;/script&gt;&lt;script&gt;alert(2)" in html  # the note, in the card
    assert "&lt;b onmouseover=alert(3)&gt;" in html  # the exemption's reason
    assert "\x1b" not in html and "\x07" not in html
    assert "\\x1b[31m\\x07" in html  # control characters shown, not sent


def test_a_hostile_title_and_catalog_text_are_text_too(tmp_path: Path) -> None:
    src = tmp_path / "k.yaml"
    src.write_text(_record(CLEAN), encoding="utf-8")
    clean = Counter(read(write_report(tmp_path / "a.html", [str(src)], "--title", "T")).tags)
    title = "</title><script>alert(4)</script>"
    hostile_html = write_report(tmp_path / "b.html", [str(src)], "--title", title)
    assert Counter(read(hostile_html).tags) == clean
    assert "&lt;/title&gt;&lt;script&gt;alert(4)" in hostile_html
