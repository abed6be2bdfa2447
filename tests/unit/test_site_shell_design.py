"""The design system's contract: the class names other apps' templates use all exist in static/css/main.css,
print.css hides what should not be printed, and the CSS + JS a page loads stays small."""

import gzip
import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static"

# Every class the engineers building the directory and feedback apps were told they can use.
CONTRACT = """
width-container grid-row grid-column-two-thirds grid-column-one-third grid-column-full
heading-xl heading-l heading-m heading-s lead body-s hint list list--bullet list--number link
button button--secondary button--warning button--link
form-group form-group--error label label--l label--m label--s input input--error
input--width-2 input--width-3 input--width-5 input--width-10 input--width-20 textarea select
fieldset fieldset__legend fieldset__legend--m fieldset__legend--s
radios radios__item radios__input radios__label checkboxes checkboxes--small checkboxes__item checkboxes__input
checkboxes__label character-count error-message error-summary
summary-list summary-list__row summary-list__key summary-list__value summary-list__actions
details details__summary details__text
tag tag--grey tag--green tag--blue tag--purple tag--yellow tag--red
inset-text warning-text panel panel--confirmation panel__title panel__body notification-banner pagination
table table__caption table__head table__row table__header table__cell table__cell--numeric
card card-list callout filter-layout filter-layout__filters filter-layout__results filter-summary results
results__item visually-hidden no-print print-only
""".split()


def selectors(css):
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return set(re.findall(r"\.([a-zA-Z][\w-]*)", re.sub(r"\{[^{}]*\}", "{}", css)))


@pytest.mark.parametrize("name", CONTRACT)
def test_every_contract_class_is_styled_or_declared(name):
    classes = selectors((STATIC / "css" / "main.css").read_text())
    classes |= selectors((STATIC / "css" / "print.css").read_text())
    assert name in classes, f".{name} is in the class contract but not in the stylesheets"


def test_print_css_hides_no_print_and_shows_print_only():
    css = (STATIC / "css" / "print.css").read_text()
    hidden = re.search(r"([^{}]*)\{\s*display:\s*none !important;\s*\}", css).group(1)
    for selector in (".no-print", ".skip-link", ".header-search", ".site-footer__links", ".button"):
        assert selector in hidden
    assert re.search(r"\.print-only\s*\{\s*display:\s*block !important", css)
    assert 'content: " (" attr(href) ")"' in css


def test_main_css_uses_the_brand_properties_and_the_govuk_focus_colour():
    css = (STATIC / "css" / "main.css").read_text()
    assert "var(--brand)" in css and "var(--brand-text)" in css
    assert "--focus: #ffdd00" in css
    assert "@import" not in css and "url(http" not in css and "@font-face" not in css


def test_css_and_js_are_small():
    total = sum(
        len(gzip.compress(path.read_bytes()))
        for path in (STATIC / "css" / "main.css", STATIC / "css" / "print.css", STATIC / "js" / "site.js")
    )
    assert total < 40 * 1024, total
