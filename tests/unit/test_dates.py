import datetime

import pytest

from localoffer.dates import add_months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ((2026, 1, 15), 12, (2027, 1, 15)),
        ((2026, 1, 31), 1, (2026, 2, 28)),
        ((2028, 1, 31), 1, (2028, 2, 29)),
        ((2026, 11, 30), 3, (2027, 2, 28)),
        ((2026, 12, 1), 1, (2027, 1, 1)),
        ((2026, 6, 10), 0, (2026, 6, 10)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(datetime.date(*start), months) == datetime.date(*expected)
