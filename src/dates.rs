//! Dates as a Chinese sentence says them: 「2028年8月10日」, 「12月28日」. The JSON keeps ISO dates.

use chrono::{Datelike, NaiveDate};

use crate::scenario::When;

/// 「2028年8月10日」
pub fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 「12月28日」: a day of the year, when the year is clear from the sentence.
pub fn month_day_zh(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

/// 「9月」 or 「9月2日」: when a stay or a birth happens, as the resident gave it (a month, or a day).
pub fn when_zh(w: When) -> String {
    match w {
        When::Month(m) => format!("{m}月"),
        When::Day(d) => month_day_zh(d),
    }
}
