"""Byline dates → ISO 8601, and never a date that is not written."""

from __future__ import annotations

import pytest

from reader.ingest.dates import parse_date


@pytest.mark.parametrize(
    "text, iso",
    [
        ("April 3, 2024 12:06 PM", "2024-04-03T12:06"),
        ("by Kateryna Denisova April 3, 2024 12:06 PM 2 min read", "2024-04-03T12:06"),
        ("3 квітня 2024, 12:06", "2024-04-03T12:06"),
        ("3 апреля 2024 года", "2024-04-03"),
        ("12:06, 03.04.2024", "2024-04-03T12:06"),
        ("Thu 3 Jan 2019 02.00 EST", "2019-01-03T02:00"),
        ("18 NOV 2019", "2019-11-18"),
        ("Sept. 6, 2023", "2023-09-06"),
        ("2019-11-18T10:00:00Z", "2019-11-18T10:00"),
        ("Nov 18, 2019, 11:47am EST", "2019-11-18T11:47"),
        ("12 листопада 2023 р. о 9:30", "2023-11-12T09:30"),
        ("1 мая 2022 г., 23:59", "2022-05-01T23:59"),
        ("April 3, 2024 12:00 AM", "2024-04-03T00:00"),
    ],
)
def test_bylines(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    ["", "March 18 at 3:57 PM", "2 hours ago", "вчора, 12:06", "31 лютого 2024", "2 min read", "Chapter 3, 2024 pages",
     "May the force be with you", "in 2024", "45:99, 3 April 2024 is not a time"],
)
def test_no_date_is_invented(text: str) -> None:
    result = parse_date(text)
    assert result is None or (text.startswith("45:99") and result == "2024-04-03")
