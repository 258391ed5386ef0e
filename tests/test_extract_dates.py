"""Written dates with time zones, and ISO values as feeds and metadata write them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from newsprism.extract.dates import find_date, parse_iso_datetime


def _tz(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def test_zone_abbreviations_after_times_are_kept():
    assert find_date("June 4, 2025 at 9:02 AM EST") == datetime(2025, 6, 4, 9, 2, tzinfo=_tz(-5))
    assert find_date("June 4, 2025 3:10 PM EDT") == datetime(2025, 6, 4, 15, 10, tzinfo=_tz(-4))
    assert find_date("4 June 2025 10:00 GMT") == datetime(2025, 6, 4, 10, 0, tzinfo=UTC)
    assert find_date("4. Juni 2025, 16:20 MESZ") == datetime(2025, 6, 4, 16, 20, tzinfo=_tz(2))
    assert find_date("4 June 2025 16:15 GMT+2") == datetime(2025, 6, 4, 16, 15, tzinfo=_tz(2))


def test_times_without_a_zone_stay_naive():
    assert find_date("June 4, 2025 at 4:15 pm") == datetime(2025, 6, 4, 16, 15)
    # "Est" starting the next sentence is not a zone
    assert find_date("June 4, 2025 at 4:15 pm. Estimates vary.") == datetime(2025, 6, 4, 16, 15)
    assert find_date("4. Juni 2025, 16:20 Uhr") == datetime(2025, 6, 4, 16, 20)


def test_iso_values_with_a_spaced_offset():
    assert parse_iso_datetime("2025-06-04 16:15:00 +0000") == datetime(
        2025, 6, 4, 16, 15, tzinfo=UTC
    )
    assert parse_iso_datetime("2025-06-04T08:05:00-05:00") == datetime(
        2025, 6, 4, 8, 5, tzinfo=_tz(-5)
    )


def test_year_first_dates_as_citations_and_east_asian_pages_print_them():
    assert find_date("Cureus. 2023 Jan 7;15(1):e33475. doi:") == datetime(2023, 1, 7)
    assert find_date("2024年3月5日 14:30") == datetime(2024, 3, 5, 14, 30)
    assert find_date("게시 2024년 3월 5일") == datetime(2024, 3, 5)
    # a lower-case "may" after a year is the verb, not the month
    assert find_date("by 2030 may 2 of them close") is None


def test_a_full_stop_after_the_day():
    assert find_date("📅Jul. 11. 2025") == datetime(2025, 7, 11)
