import pytest

from localoffer.pii import find_contact_details, find_names, redact


@pytest.mark.parametrize(
    "text,kinds",
    [
        ("write to jo.bloggs+sen@example.co.uk please", ["an email address"]),
        ("jo (at) example . com", ["an email address"]),
        ("ring 07700 900123", ["a phone number"]),
        ("ring 07700900123", ["a phone number"]),
        ("call 0161 496 0000", ["a phone number"]),
        ("call +44 (0)20 7946 0000", ["a phone number"]),
        ("call 020-7946-0000", ["a phone number"]),
        ("we live in SW1A 1AA", ["a postcode"]),
        ("near m1 1ae", ["a postcode"]),
        ("B338TH", ["a postcode"]),
        ("email a@b.org or call 01632 960001 at CR2 6XH", ["an email address", "a phone number", "a postcode"]),
    ],
)
def test_finds_contact_details(text, kinds):
    assert find_contact_details(text) == kinds


@pytest.mark.parametrize(
    "text",
    [
        "Families said short breaks for ages 0 to 25 were hard to find.",
        "We funded 2 therapists in 2025 and cut waits from 40 to 18 weeks.",
        "The 20-week EHC process, step 3 of 6.",
        "Support for 14-19 year olds, year 11 pupils and KS4.",
        "",
        None,
    ],
)
def test_ordinary_report_text_is_not_flagged(text):
    assert find_contact_details(text) == []


def test_redact_replaces_every_kind():
    text = "Jo, jo@example.org, 07700 900123, M1 1AE."
    redacted = redact(text)
    assert "jo@example.org" not in redacted and "07700" not in redacted and "M1 1AE" not in redacted
    assert redacted.startswith("Jo, [email address removed]")


@pytest.mark.parametrize(
    "text, names",
    [
        ("Jo Bloggs from Westmoor told us this.", ["Jo Bloggs"]),
        ("We met Mrs Khan and Dr. Patel at the forum.", ["Mrs Khan", "Dr Patel"]),
        ("Mohammed said the page was hard to read.", ["Mohammed"]),
        ("Grace Smith asked for help.", ["Grace Smith"]),  # a name that is also a word, beside a family name
        # Names Faker's lists lack, among the most given in England and Wales and our communities.
        (
            "Muhammad and Oluwaseun waited a year; Cerys, Gurpreet and Wiktoria too.",
            ["Muhammad", "Oluwaseun", "Cerys", "Gurpreet", "Wiktoria"],
        ),
    ],
)
def test_names_are_found(text, names):
    assert find_names(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Parents in May said short breaks were hard to find, and Will asked nothing.",
        "Young people told the parent carer Forum that the Local Offer uses jargon.",
        "We will add two speech and language therapists by Easter. Hope this helps.",
        "",
    ],
)
def test_words_that_are_also_names_are_not_flagged(text):
    assert find_names(text) == []
