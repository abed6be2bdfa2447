"""Phone numbers shown in the UK's usual groups (localoffer/phones.py), for display only."""

import pytest

from localoffer.phones import format_phone


@pytest.mark.parametrize(
    "typed, shown",
    [
        ("01632 960001", "01632 960 001"),
        ("01632960001", "01632 960 001"),
        ("(01632) 960 001", "01632 960 001"),
        ("07700900123", "07700 900 123"),
        ("+44 7700 900123", "07700 900 123"),
        ("020 79460000", "020 7946 0000"),
        ("0800 1234567", "0800 123 4567"),
        ("016977 2345", "016977 2345"),  # a six-digit area code is not split
        ("+33 1 23 45 67 89", "+33 1 23 45 67 89"),  # from abroad: with its country code
    ],
)
def test_numbers_are_grouped_as_people_read_them(typed, shown):
    assert format_phone(typed) == shown


@pytest.mark.parametrize(
    "typed",
    ["01632 960001 ext 2", "01632 960001 (option 2)", "Ask at reception", "123", "0161 496 0000 / 0161 496 0001"],
)
def test_what_cannot_be_read_as_one_number_is_shown_as_typed(typed):
    assert format_phone(typed) == typed


def test_nothing_is_nothing():
    assert format_phone("") == "" and format_phone(None) == ""
