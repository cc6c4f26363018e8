//! How an amount, a rate, an integer, a month-day and a date are written: one grammar, decided
//! once (docs/scenario.md §1.1) and used alike by the scenario reader, the overrides and the
//! build-time policy check. The build script includes this file by path, so it names nothing of
//! the library but `policy_schema` (which the build script includes too).
//!
//! Two ways to write a number, read differently on purpose:
//! - **text** (a JSON or TOML string) is what a person typed: ASCII digits with at most one
//!   decimal point, spaces around it ignored, a leading minus allowed only so that the message
//!   can say "negative". Nothing else: no `+`, no `_` (`"1_000"`), no exponent (`"1e3"`), no
//!   full-width digits. A month-day is `MM-DD` and a date `YYYY-MM-DD`, digits only, no sign.
//! - a **JSON number** is a value, not a spelling: the page's JavaScript hands the core doubles, so
//!   the CLI reads a JSON number as the double `JSON.parse` would make of it, and both write that
//!   double to 15 significant digits (what every double keeps; the float noise of `0.1 + 0.2`
//!   goes, `1e-30` stays 1e-30 and is refused as having too many decimals, `1e400` (Infinity to
//!   JSON.parse) is refused as too large). [`double_text`] makes that text from the shortest
//!   digits of the double, which JavaScript's `String(x)` and Rust's `{:e}` both give.

use crate::decimal::Decimal;

use crate::policy_schema::MAX_MONEY;

/// A finite number read exactly: `digits` × 10^`exp`. `digits` has no leading or trailing zeros
/// (empty for zero), so `exp` is the place of the last significant digit. `written_scale` is
/// the decimals as written (`"0.60"`: 2), kept for values shown as the policy file wrote them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exact {
    pub negative: bool,
    digits: Vec<u8>,
    exp: i64,
    written_scale: u32,
}

/// Why something is not a value of its kind. Each reader's caller says it in the field's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not in the grammar: letters, `_`, `+`, two points, no digit at all …
    NotANumber,
    /// Text in exponent form, `"1e3"`.
    Exponent,
    /// Text over [`MAX_TEXT`] characters.
    TooLong,
    Negative,
    /// Beyond the kind's largest value (Infinity too).
    TooLarge,
    TooManyDecimals,
    NotAnInteger,
}

/// The longest number text read, in characters: enough for any amount with leading zeros to
/// spare, short enough that no one's typo is mistaken for a number.
pub const MAX_TEXT: usize = 20;

/// Exponents are clamped here: far beyond any kind's range, far from overflowing arithmetic.
const EXP_LIMIT: i64 = 1_000_000_000;

/// The significant digits a JSON number keeps (see the module comment).
pub const JSON_DIGITS: usize = 15;

impl Exact {
    fn new(negative: bool, mut digits: Vec<u8>, mut exp: i64) -> Exact {
        let written_scale = u32::try_from(-exp.clamp(-28, 0)).unwrap_or(0);
        let lead = digits.iter().take_while(|d| **d == b'0').count();
        digits.drain(..lead);
        while digits.last() == Some(&b'0') {
            digits.pop();
            exp += 1;
        }
        if digits.is_empty() {
            return Exact {
                negative: false,
                digits,
                exp: 0,
                written_scale,
            };
        }
        Exact {
            negative,
            digits,
            exp: exp.clamp(-EXP_LIMIT, EXP_LIMIT),
            written_scale,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Decimal places the value needs.
    pub fn decimals(&self) -> u64 {
        if self.exp < 0 {
            self.exp.unsigned_abs()
        } else {
            0
        }
    }

    /// Is |value| greater than `limit`?
    fn exceeds(&self, limit: u64) -> bool {
        if self.is_zero() {
            return false;
        }
        // Digits before the point: more than the limit has, and it is larger; fewer, smaller.
        let int_digits = self.digits.len() as i64 + self.exp;
        let limit_digits = limit.checked_ilog10().map_or(0, |l| l as i64 + 1);
        if int_digits != limit_digits {
            return int_digits > limit_digits;
        }
        // Same number of integer digits (at most 20): compare the integer parts, then any fraction.
        let mut int_part: u128 = 0;
        for i in 0..int_digits {
            let d = self.digits.get(i as usize).map_or(0, |d| d - b'0');
            int_part = int_part * 10 + u128::from(d);
        }
        int_part > u128::from(limit) || (int_part == u128::from(limit) && self.decimals() > 0)
    }

    /// The value as a Decimal with its written decimals, when that has at most 28 digits in all
    /// (every kind's range is far inside that) and its significant digits fit a u64.
    fn to_decimal(&self) -> Option<Decimal> {
        let scale = u32::try_from(self.decimals()).ok()?.max(self.written_scale);
        // value = digits × 10^exp = (digits × 10^(exp + scale)) / 10^scale
        let zeros = u32::try_from(self.exp + i64::from(scale)).ok()?;
        if self.digits.len() + zeros as usize > 28 || scale > 28 {
            return None;
        }
        // The digits and the zeros before the point, if any; the scale's zeros after it are
        // written by the Decimal.
        let mut m: u64 = 0;
        for d in &self.digits {
            m = m.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
        }
        m = m.checked_mul(10u64.checked_pow(u32::try_from(self.exp.max(0)).ok()?)?)?;
        Decimal::written(
            self.negative,
            m,
            u32::try_from(self.decimals()).ok()?,
            scale,
        )
    }

    /// The integer value, when it is one and fits an i64.
    fn to_i64(&self) -> Result<i64, Refusal> {
        if self.decimals() > 0 {
            return Err(Refusal::NotAnInteger);
        }
        if self.exceeds(i64::MIN.unsigned_abs()) {
            return Err(Refusal::TooLarge);
        }
        // At most 19 digits here, so the magnitude fits an i128 with room to negate.
        let mut n: i128 = 0;
        for d in &self.digits {
            n = n * 10 + i128::from(d - b'0');
        }
        for _ in 0..self.exp {
            n *= 10;
        }
        i64::try_from(if self.negative { -n } else { n }).map_err(|_| Refusal::TooLarge)
    }
}

/// Digits, at most one point, at least one digit; `exp` as written after the mantissa.
fn mantissa(b: &[u8], negative: bool, exp: i64) -> Result<Exact, Refusal> {
    let mut digits = Vec::with_capacity(b.len());
    let mut point: Option<usize> = None;
    for &c in b {
        match c {
            b'0'..=b'9' => digits.push(c),
            b'.' if point.is_none() => point = Some(digits.len()),
            _ => return Err(Refusal::NotANumber),
        }
    }
    if digits.is_empty() {
        return Err(Refusal::NotANumber);
    }
    let fraction = point.map_or(0, |p| digits.len() - p) as i64;
    Ok(Exact::new(negative, digits, exp - fraction))
}

/// A number as a person types it (see the module comment): `" 8000.5 "`, `"5."`, `".5"`, `"-3"`.
pub fn text_number(s: &str) -> Result<Exact, Refusal> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.iter().any(|c| *c == b'e' || *c == b'E') && b.iter().any(u8::is_ascii_digit) {
        return Err(Refusal::Exponent);
    }
    let x = match b.split_first() {
        Some((b'-', rest)) => mantissa(rest, true, 0),
        _ => mantissa(b, false, 0),
    }?;
    if s.len() > MAX_TEXT {
        return Err(Refusal::TooLong);
    }
    Ok(x)
}

/// A JSON number's text: `-`? digits (`.` digits)? (`e` sign? digits)?, or `Infinity`,
/// `-Infinity`, `NaN` as JavaScript writes a double that no JSON number text can give.
pub fn json_number(s: &str) -> Result<Exact, Refusal> {
    let (negative, body) = match s.as_bytes().split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s.as_bytes()),
    };
    if body == b"Infinity" {
        // Larger than any number: every kind then refuses it as too large (or negative).
        return Ok(Exact::new(negative, vec![b'1'], EXP_LIMIT));
    }
    let (m, e) = match body.iter().position(|c| *c == b'e' || *c == b'E') {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let exp = match e {
        None => 0,
        Some(e) => {
            let (sign, digits) = match e.split_first() {
                Some((b'-', d)) => (-1, d),
                Some((b'+', d)) => (1, d),
                _ => (1, e),
            };
            if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                return Err(Refusal::NotANumber);
            }
            let n = digits.iter().fold(0i64, |n, d| {
                (n * 10 + i64::from(d - b'0')).min(EXP_LIMIT * 10)
            });
            sign * n
        }
    };
    if m.first() == Some(&b'.') || m.last() == Some(&b'.') {
        return Err(Refusal::NotANumber);
    }
    mantissa(m, negative, exp)
}

/// The text for a double, from its shortest digits (JavaScript's `String(x)`, Rust's `{:e}`):
/// rounded half away from zero to [`JSON_DIGITS`] significant digits, written plainly when it is
/// between 1e-28 and 1e29 (as Decimal would) and in exponent form otherwise. Infinity and NaN
/// keep JavaScript's names.
pub fn double_text(shortest: &str) -> String {
    let Ok(x) = json_number(shortest) else {
        return "NaN".into();
    };
    if x.exp == EXP_LIMIT {
        return if x.negative { "-Infinity" } else { "Infinity" }.into();
    }
    let mut digits = x.digits.clone();
    let mut exp = x.exp;
    if digits.len() > JSON_DIGITS {
        let cut = digits.len() - JSON_DIGITS;
        let up = digits[JSON_DIGITS] >= b'5';
        digits.truncate(JSON_DIGITS);
        exp += cut as i64;
        if up {
            // Carry: 999…9 becomes 1 followed by zeros, which Exact::new strips.
            let mut i = digits.len();
            loop {
                if i == 0 {
                    digits.insert(0, b'1');
                    break;
                }
                i -= 1;
                if digits[i] == b'9' {
                    digits[i] = b'0';
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
    }
    let x = Exact::new(x.negative, digits, exp);
    let mut out = String::new();
    if x.negative {
        out.push('-');
    }
    let n = x.digits.len() as i64;
    let int_digits = n + x.exp;
    let digit = |i: i64| char::from(x.digits[i as usize]);
    if x.is_zero() {
        out.push('0');
    } else if x.exp >= -28 && int_digits <= 29 {
        if int_digits <= 0 {
            out.push_str("0.");
            (0..-int_digits).for_each(|_| out.push('0'));
            (0..n).for_each(|i| out.push(digit(i)));
        } else {
            (0..int_digits).for_each(|i| out.push(if i < n { digit(i) } else { '0' }));
            if n > int_digits {
                out.push('.');
                (int_digits..n).for_each(|i| out.push(digit(i)));
            }
        }
    } else {
        out.push(digit(0));
        if n > 1 {
            out.push('.');
            (1..n).for_each(|i| out.push(digit(i)));
        }
        out.push('e');
        out.push_str(&(int_digits - 1).to_string());
    }
    out
}

/// An amount in yuan: not negative, at most [`MAX_MONEY`], at most two decimals.
pub fn amount(x: &Exact) -> Result<Decimal, Refusal> {
    bounded(x, MAX_MONEY, 2)
}

/// A share from 0 to 1, at most four decimals.
pub fn rate(x: &Exact) -> Result<Decimal, Refusal> {
    bounded(x, 1, 4)
}

/// Not negative, at most `max`, at most `places` decimals; checked in that order, so the message
/// names the first thing wrong.
fn bounded(x: &Exact, max: u64, places: u64) -> Result<Decimal, Refusal> {
    if x.negative {
        Err(Refusal::Negative)
    } else if x.exceeds(max) {
        Err(Refusal::TooLarge)
    } else if x.decimals() > places {
        Err(Refusal::TooManyDecimals)
    } else {
        x.to_decimal().ok_or(Refusal::TooLarge)
    }
}

/// A whole number that fits an i64; its field says which range it needs.
pub fn integer(x: &Exact) -> Result<i64, Refusal> {
    x.to_i64()
}

/// Integer text: digits with an optional leading minus, no point (`"2026.0"` is not written so).
pub fn text_integer(s: &str) -> Result<i64, Refusal> {
    let x = text_number(s)?;
    if s.contains('.') {
        return Err(Refusal::NotAnInteger);
    }
    integer(&x)
}

/// `MM-DD`: two digits, a hyphen, two digits, a day that exists in a leap year.
pub fn month_day(s: &str) -> Option<(u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 5 || b[2] != b'-' {
        return None;
    }
    let m = two_digits(b[0], b[1])?;
    let d = two_digits(b[3], b[4])?;
    chrono::NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
}

fn two_digits(a: u8, b: u8) -> Option<u32> {
    (a.is_ascii_digit() && b.is_ascii_digit())
        .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
}

/// Why a date text is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRefusal {
    /// Not `YYYY-MM-DD` in digits.
    NotTheForm,
    /// Digits in the right places, but no such day (`2025-02-29`).
    NoSuchDay,
}

/// `YYYY-MM-DD`, digits only, a day that exists. Hand-written: chrono's format parser would add
/// its whole strftime and RFC 2822 machinery to the WebAssembly module.
pub fn date(s: &str) -> Result<chrono::NaiveDate, DateRefusal> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(DateRefusal::NotTheForm);
    }
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    chrono::NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
        .ok_or(DateRefusal::NoSuchDay)
}
