"""Phone numbers as people read them: formatted for display only, the stored value never changed.

Google's libphonenumber (the `phonenumbers` package) reads what an officer typed, however it was spaced, and gives the
number in its national groups ("01632 960001", "020 7946 0000"); the six-digit groups after the area code are then split in three, as
GOV.UK's style guide writes them ("01632 960 001", "07700 900 123"). A number from abroad is shown with its country
code. Anything else (an extension, words, a number too short or too long to be one) is shown exactly as typed.
"""

import re

import phonenumbers

REGION = "GB"
# Only digits and the punctuation people put between them: "01632 960001 (option 2)" is shown as typed.
NUMBER_ONLY = re.compile(r"^\+?[\d\s().\-]+$")


def format_phone(value: str | None) -> str:
    """`value` in the UK's usual groups, or as typed when it cannot be read as one phone number."""
    typed = (value or "").strip()
    if not typed or not NUMBER_ONLY.match(typed):
        return value or ""
    try:
        number = phonenumbers.parse(typed, REGION)
    except phonenumbers.NumberParseException:
        return value or ""
    if not phonenumbers.is_possible_number(number) or number.extension:
        return value or ""
    if phonenumbers.region_code_for_number(number) in (REGION, "GG", "JE", "IM") or number.country_code == 44:
        code, *rest = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL).split(" ")
        return " ".join([code, *(f"{group[:3]} {group[3:]}" if len(group) == 6 else group for group in rest)])
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
