//! Money as the result shows it. Two forms, for two readers:
//! - [`yuan`]: the figure in the JSON, "296000.00" — exact, two decimals, what a spreadsheet reads;
//! - [`amount`]: the figure in a sentence, "296,000" — thousands separators, decimals only when there
//!   are cents ("1,234.50"), the way Chinese H5 pages write amounts for residents; [`change`] says a
//!   signed amount in words (增加 / 减少), so that no sentence shows "限额−4000.00元".

use crate::decimal::{Decimal, RoundToFen};

/// Money as shown: two decimals, rounded half away from zero (四舍五入).
pub fn yuan(d: Decimal) -> String {
    let mut out = Vec::with_capacity(16);
    push_yuan(&mut out, d);
    // Digits, a sign and a point: always text.
    String::from_utf8(out).unwrap_or_default()
}

/// [`yuan`], written onto `out`: a batch writes a dozen amounts a line, and allocating each
/// was a tenth of its time (`yibao estimate --figures`).
pub fn push_yuan(out: &mut Vec<u8>, d: Decimal) {
    let fen = d.fen();
    let mut digits = [0u8; 24];
    let (mut i, mut n) = (digits.len(), fen);
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        // At least one whole digit and two cents: 5 fen is 0.05.
        if n == 0 && digits.len() - i >= 3 {
            break;
        }
    }
    let digits = &digits[i..];
    let (whole, cents) = digits.split_at(digits.len() - 2);
    // A negative amount that rounds to zero is shown as 0.00.
    if d.is_sign_negative() && fen != 0 {
        out.push(b'-');
    }
    out.extend_from_slice(whole);
    out.push(b'.');
    out.extend_from_slice(cents);
}

/// Rounded to the fen, half away from zero: an amount, or a quotient such as
/// `amount * covered / days` (kept exact until here).
pub fn round(d: impl RoundToFen) -> Decimal {
    d.round_to_fen()
}

/// A share as a percentage, e.g. 0.65 → "65%".
pub fn pct(d: Decimal) -> String {
    format!("{}%", (d * Decimal::from(100u32)).normalize())
}

/// Serialises an amount as a string with exactly two decimals ("3000.00"), whatever scale the
/// arithmetic left it with, so the same figure always reads the same.
pub fn money<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&yuan(*d))
}

pub fn money_opt<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&yuan(*d)),
        None => s.serialize_none(),
    }
}

/// An amount for a sentence: "296,000", "1,234.50", "0", "−3,000". Rounded as [`yuan`] rounds.
pub fn amount(d: Decimal) -> String {
    let exact = yuan(d);
    let (sign, digits) = match exact.strip_prefix('-') {
        Some(rest) => ("−", rest),
        None => ("", exact.as_str()),
    };
    let (whole, cents) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut out = String::with_capacity(exact.len() + whole.len() / 3 + 2);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if cents != "00" {
        out.push('.');
        out.push_str(cents);
    }
    out
}

/// A signed change for a sentence: "增加3,000元", "减少4,000元", "不变".
pub fn change(d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("增加{}元", amount(d))
    } else if d < Decimal::ZERO {
        format!("减少{}元", amount(-d))
    } else {
        "不变".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "1234.5" → 12345 × 10^-1, as written.
    fn d(s: &str) -> Decimal {
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        Decimal::new([whole, frac].concat().parse().unwrap(), frac.len() as u32)
    }

    #[test]
    fn amounts_read_as_residents_write_them() {
        for (v, want) in [
            ("296000", "296,000"),
            ("296000.00", "296,000"),
            ("10000000", "10,000,000"),
            ("1234.5", "1,234.50"),
            ("999.99", "999.99"),
            ("1000", "1,000"),
            ("100", "100"),
            ("0", "0"),
            ("0.004", "0"),
            ("0.005", "0.01"),
            ("-3000", "−3,000"),
            ("-0.001", "0"),
            ("123456.785", "123,456.79"),
        ] {
            assert_eq!(amount(d(v)), want, "{v}");
        }
    }

    #[test]
    fn changes_are_words_not_signs() {
        assert_eq!(change(d("3000")), "增加3,000元");
        assert_eq!(change(d("-4000.00")), "减少4,000元");
        assert_eq!(change(d("0")), "不变");
    }
}
