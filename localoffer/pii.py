"""Finding contact details in free text: email addresses, UK phone numbers and UK postcodes.

Used to stop a report being published while a "you said" summary still holds one, to keep them out of the
notification emails officers receive, and to keep them out of the logs and error reports (`localoffer/logs.py`; so it
lives in the site shell). Deliberately generous: a false alarm costs an officer one edit, a miss could identify a
family."""

import re

EMAIL = re.compile(r"[\w.+'-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*\.\s*[\w-]+)+", re.IGNORECASE)
# UK numbers: 07700 900123, 0161 496 0000, +44 (0)20 7946 0000, 020-7946-0000; 10 or 11 digits with separators.
PHONE = re.compile(r"(?<![\w+])(?:\+\s*44\s*(?:\(\s*0\s*\)\s*)?|\(?0)(?:[\s().-]*\d){9,10}(?!\d)")
# Full UK postcodes (SW1A 1AA, M1 1AE, B33 8TH, CR2 6XH, DN55 1PT), with or without the space.
POSTCODE = re.compile(r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)

KINDS = (("an email address", EMAIL), ("a phone number", PHONE), ("a postcode", POSTCODE))


def find_contact_details(text):
    """The kinds of contact detail found in text, e.g. ["an email address", "a postcode"] (empty if none)."""
    text = text or ""
    return [kind for kind, pattern in KINDS if pattern.search(text)]


def redact(text):
    """The text with every email address, phone number and postcode replaced by a marker."""
    text = text or ""
    text = EMAIL.sub("[email address removed]", text)
    text = PHONE.sub("[phone number removed]", text)
    return POSTCODE.sub("[postcode removed]", text)
