//! Dates as a Chinese sentence says them: 「2028年8月10日」, 「12月28日」. The JSON keeps ISO dates.

use chrono::{Datelike, NaiveDate};

/// 「2028年8月10日」
pub fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 「12月28日」: a day of the year, when the year is clear from the sentence.
pub fn month_day_zh(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}
