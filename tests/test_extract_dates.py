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


def test_month_names_of_more_languages_and_the_ordinal_of_form():
    assert find_date("Текст: Анна Петрова·24 сентября 2018") == datetime(2018, 9, 24)
    assert find_date("5 listopada 2019, 14:30") == datetime(2019, 11, 5, 14, 30)
    assert find_date("12 maart 2021") == datetime(2021, 3, 12)
    assert find_date("15 Kasım 2023") == datetime(2023, 11, 15)
    assert find_date("02 Ago 2017") == datetime(2017, 8, 2)
    assert find_date("on the 21st of June 2017") == datetime(2017, 6, 21)
    # English words that abbreviate months elsewhere are not read as months
    assert find_date("the iPad 5 Gen 2020 and the third set 2020") is None


def test_a_time_after_a_slash():
    assert find_date("November 19, 2019 / 8:16 AM") == datetime(2019, 11, 19, 8, 16)


def test_first_publication_stated_in_the_text():
    from newsprism.extract.dates import original_publication, with_original

    note = "This article was originally published on 26 Sep 2019 at 4:12pm but has been updated"
    assert original_publication(note) == datetime(2019, 9, 26, 16, 12)
    assert original_publication("First Published: Tuesday, November 19, 2019 08:38 AM") == (
        datetime(2019, 11, 19, 8, 38)
    )
    # a date that does not follow the cue dates something else
    assert (
        original_publication("Originally published in the Journal (j.example), 25.06.2019") is None
    )
    assert original_publication("These cameras first appeared in 2004, and first published") is None
    # news text saying it of something else: a study, a letter
    assert original_publication("The study, first published on March 3, 2019, found") is None
    assert original_publication("The letter, originally posted on May 3, 2021, said") is None
    updated = datetime(2022, 9, 30, 11, 7)
    assert with_original(updated, note) == datetime(2019, 9, 26, 16, 12)
    assert with_original(None, note) == datetime(2019, 9, 26, 16, 12)
    # a stated first publication later than the date found does not replace it
    assert with_original(datetime(2018, 1, 1), note) == datetime(2018, 1, 1)
    assert with_original(updated, "No such statement here.") == updated


def test_time_stamps_without_a_year():
    from newsprism.extract.dates import is_yearless_stamp

    for stamp in ("Monday 6:30PM", "Nov 19, 6:51 AM", "22 hours ago", "Yesterday 10:05", "Nov 18"):
        assert is_yearless_stamp(stamp), stamp
    for line in ("Best Of", "Top 10 Tips", "Sunday", "March Madness 2", "Harbour bridge reopens"):
        assert not is_yearless_stamp(line), line


def test_stamps_without_a_year_read_against_the_time_of_fetching():
    from newsprism.extract.dates import relative_date

    fetched = datetime(2019, 11, 20, 15, 30, tzinfo=UTC)  # a Wednesday
    assert relative_date("Published 22 hours ago", fetched) == datetime(
        2019, 11, 19, 17, 30, tzinfo=UTC
    )
    assert relative_date("3 days ago", fetched) == datetime(2019, 11, 17)
    assert relative_date("Yesterday 10:05", fetched) == datetime(2019, 11, 19, 10, 5)
    assert relative_date("Monday 6:30PM", fetched) == datetime(2019, 11, 18, 18, 30)
    assert relative_date("Wed 10:00", fetched) == datetime(2019, 11, 20, 10, 0)
    assert relative_date("Posted Nov 19, 6:51 AM", fetched) == datetime(2019, 11, 19, 6, 51)
    # a day after the fetch is still this year (the page's local day); later ones last year
    assert relative_date("Nov 21", fetched) == datetime(2019, 11, 21)
    assert relative_date("Dec 24", fetched) == datetime(2018, 12, 24)
    assert relative_date("Posted 10:32", fetched) == datetime(2019, 11, 20, 10, 32)
    for other in ("Best of", "Sunday", "Feb 30", "Top 10 Tips", "2:31"):  # 2:31, a video's length
        assert relative_date(other, fetched) is None, other


def test_numeric_dates_follow_the_order_the_page_writes_its_dates_in():
    from newsprism.extract.dates import page_date_order

    assert find_date("03/10/2023") == datetime(2023, 3, 10)  # no evidence: month first
    assert find_date("03/10/2023", day_first=True) == datetime(2023, 10, 3)
    assert find_date("09.10.2024", day_first=False) == datetime(2024, 9, 10)
    assert find_date("25/03/2024", day_first=False) == datetime(2024, 3, 25)  # only one way
    assert page_date_order("03/10/2023 ... Wine careers, 12 October 2023") is True
    assert page_date_order("09.10.2024 ... Posted October 9, 2024") is False
    assert page_date_order("08/12/2021 ... 19/02/2025 ... 16/03/2023") is True
    assert page_date_order("12 October 2023 only") is None  # nothing the order would change
    assert page_date_order("03/10/2023, 3 October 2023 and October 3, 2023") is None
