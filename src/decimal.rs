//! An exact decimal number on a u64: what the rules compute amounts and rates with.
//!
//! Why not rust_decimal: its 96-bit arithmetic, division and text were the largest single part of
//! the page's WebAssembly module (59 functions, 6.8 KB of its brotli bytes; docs/
//! performance-analysis.md), and the rules need very little of it: adding, subtracting and
//! multiplying amounts and rates, comparing them, two divisions that are rounded to the fen at
//! once, and writing values as text. Every amount the rules meet is bounded (an input is at most
//! [`MAX_MONEY`](crate::policy_schema::MAX_MONEY) yuan with two decimals, a rate at most 1 with
//! four), so all of that is exact on a u64.
//!
//! It behaves as rust_decimal's `Decimal` does for every operation the rules use, to the text:
//! besides its value a number keeps the *scale* rust_decimal would give it (`"0.60"` as written
//! has scale 2, a sum the larger scale of its terms, a product the sum of theirs), because a rate
//! is shown as the policy file or the user wrote it and `Display` writes the scale's trailing
//! zeros; and a zero is negative where rust_decimal's would be (`-0`, `0 - 0`, a negative zero
//! rounded), unsigned where its would not (`x - x`, `-0.001` rounded). tests/decimal.rs holds
//! every operation to rust_decimal's own results, text included, on random values. The one
//! difference, the scale of a rounded quotient, no text can show ([`Quotient::round`]).
//!
//! The digits are kept without the scale's trailing zeros (`digits` × 10^-`digit_scale`, the
//! scale only adds zeros to the text): a rate written `"0.5000000000000000"` is 5 × 10^-1, and a
//! product with it stays small however many zeros were written.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// rust_decimal's largest scale: a product beyond it is written with 28 decimals.
const MAX_SCALE: u8 = 28;

/// 10^0 … 10^19: every power of ten a u64 holds.
const POW10: [u64; 20] = {
    let mut p = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

#[derive(Clone, Copy, Default)]
pub struct Decimal {
    negative: bool,
    /// The scale rust_decimal would have: decimals in the text. Never below `digit_scale`.
    scale: u8,
    /// The scale of `digits`: the value is `digits` × 10^-`digit_scale`.
    digit_scale: u8,
    digits: u64,
}

impl Decimal {
    pub const ZERO: Decimal = Decimal::from_digits(false, 0, 0, 0);
    pub const ONE: Decimal = Decimal::from_digits(false, 1, 0, 0);

    const fn from_digits(negative: bool, digits: u64, digit_scale: u8, scale: u8) -> Decimal {
        Decimal {
            negative,
            scale,
            digit_scale,
            digits,
        }
    }

    /// `mantissa` × 10^-`scale`, as rust_decimal's `Decimal::new` (a policy file's value as the
    /// build wrote it: its digits and its scale). Scales above 28 are refused, as there.
    pub fn new(mantissa: i64, scale: u32) -> Decimal {
        let scale = u8::try_from(scale)
            .ok()
            .filter(|s| *s <= MAX_SCALE)
            .unwrap_or_else(|| out_of_range());
        Decimal::with_scale(mantissa < 0, mantissa.unsigned_abs(), scale)
    }

    /// `digits` × 10^-`scale` with that scale, the scale's trailing zeros taken off the digits.
    fn with_scale(negative: bool, mut digits: u64, scale: u8) -> Decimal {
        let mut digit_scale = scale;
        while digit_scale > 0 && digits % 10 == 0 && digits != 0 {
            digits /= 10;
            digit_scale -= 1;
        }
        if digits == 0 {
            digit_scale = 0;
        }
        Decimal::from_digits(negative, digits, digit_scale, scale)
    }

    /// `digits` × 10^-`places`, written with `scale` decimals (`"0.60"`: 6, 1, 2), as the
    /// grammar reads a number; `None` when the scale is below the places or above 28.
    pub(crate) fn written(negative: bool, digits: u64, places: u32, scale: u32) -> Option<Decimal> {
        let places = u8::try_from(places).ok()?;
        let scale = u8::try_from(scale)
            .ok()
            .filter(|s| *s <= MAX_SCALE && *s >= places)?;
        Some(if digits == 0 {
            Decimal::from_digits(false, 0, 0, scale)
        } else {
            Decimal::from_digits(negative, digits, places, scale)
        })
    }

    pub fn is_zero(&self) -> bool {
        self.digits == 0
    }

    /// True for a negative number and for a negative zero (which `Display` writes `-0`).
    pub fn is_sign_negative(&self) -> bool {
        self.negative
    }

    pub fn abs(self) -> Decimal {
        Decimal {
            negative: false,
            ..self
        }
    }

    /// Decimals in the text.
    pub fn scale(&self) -> u32 {
        self.scale.into()
    }

    /// rust_decimal's mantissa: the value × 10^scale, the scale's zeros written out (for tests and
    /// for comparing with rust_decimal; the rules never need it).
    pub fn mantissa(&self) -> i128 {
        let zeros = u32::from(self.scale - self.digit_scale);
        let m = i128::from(self.digits) * 10i128.pow(zeros);
        if self.negative {
            -m
        } else {
            m
        }
    }

    /// The same value without trailing zeros, and a zero without a sign: `"3.100"` → `"3.1"`.
    pub fn normalize(&self) -> Decimal {
        if self.is_zero() {
            return Decimal::ZERO;
        }
        let d = Decimal::with_scale(self.negative, self.digits, self.digit_scale);
        Decimal {
            scale: d.digit_scale,
            ..d
        }
    }

    /// The larger of the two; `self` when they are equal (as rust_decimal's `max`: `0.00.max(0)`
    /// is `0.00`).
    pub fn max(self, other: Decimal) -> Decimal {
        if self < other {
            other
        } else {
            self
        }
    }

    /// The smaller of the two; `self` when they are equal.
    pub fn min(self, other: Decimal) -> Decimal {
        if self > other {
            other
        } else {
            self
        }
    }

    /// Rounded to two decimals, half away from zero (四舍五入 to the fen), with scale 2; a
    /// number with at most two decimals is returned as it is (rust_decimal's
    /// `round_dp_with_strategy(2, MidpointAwayFromZero)`).
    pub fn round_to_fen(self) -> Decimal {
        if self.scale <= 2 {
            return self;
        }
        if self.digit_scale <= 2 {
            return Decimal { scale: 2, ..self };
        }
        let unit = POW10[usize::from(self.digit_scale - 2)];
        let (q, r) = (self.digits / unit, self.digits % unit);
        // r ≥ unit / 2, without overflowing
        let fen = if r >= unit - r { q + 1 } else { q };
        // A number that rounds to zero is an unsigned zero (a zero is returned as it is, above).
        Decimal::from_digits(self.negative && fen != 0, fen, 2, 2)
    }

    /// The magnitude in whole fen, rounded half away from zero.
    pub fn fen(&self) -> u64 {
        let d = self.round_to_fen();
        d.digits
            .checked_mul(POW10[usize::from(2 - d.digit_scale.min(2))])
            .unwrap_or_else(|| out_of_range())
    }

    /// The digits of both at the finer of their digit scales (`None` when one does not fit a
    /// u64: that one is then the larger in magnitude).
    fn aligned(a: &Decimal, b: &Decimal) -> (Option<u64>, Option<u64>, u8) {
        let s = a.digit_scale.max(b.digit_scale);
        let up = |d: &Decimal| {
            POW10
                .get(usize::from(s - d.digit_scale))
                .and_then(|p| d.digits.checked_mul(*p))
        };
        (up(a), up(b), s)
    }

    /// rust_decimal's addition and subtraction: a zero operand gives the other unchanged (its
    /// scale and sign too, negated if subtracted); otherwise the larger scale, and a zero result
    /// is unsigned.
    fn add_sub(self, other: Decimal, subtract: bool) -> Decimal {
        if self.is_zero() {
            let mut r = other;
            if subtract && !other.is_zero() {
                r.negative = !other.negative;
            }
            return r;
        }
        if other.is_zero() {
            return self;
        }
        let (a, b, digit_scale) = Decimal::aligned(&self, &other);
        let (Some(a), Some(b)) = (a, b) else {
            out_of_range()
        };
        let (digits, negative) = if subtract != (self.negative != other.negative) {
            if a >= b {
                (a - b, self.negative)
            } else {
                (b - a, !self.negative)
            }
        } else {
            (
                a.checked_add(b).unwrap_or_else(|| out_of_range()),
                self.negative,
            )
        };
        Decimal::from_digits(
            negative && digits != 0,
            digits,
            digit_scale,
            self.scale.max(other.scale),
        )
    }

    fn magnitude_cmp(&self, other: &Decimal) -> Ordering {
        match Decimal::aligned(self, other) {
            (Some(a), Some(b), _) => a.cmp(&b),
            (None, _, _) => Ordering::Greater,
            (_, None, _) => Ordering::Less,
        }
    }
}

/// Beyond what the rules can meet (see the module comment); rust_decimal panics there too.
#[cold]
fn out_of_range() -> ! {
    panic!("decimal out of range")
}

impl From<u32> for Decimal {
    fn from(n: u32) -> Decimal {
        Decimal::from_digits(false, n.into(), 0, 0)
    }
}

impl From<i64> for Decimal {
    fn from(n: i64) -> Decimal {
        Decimal::from_digits(n < 0, n.unsigned_abs(), 0, 0)
    }
}

impl Add for Decimal {
    type Output = Decimal;
    fn add(self, other: Decimal) -> Decimal {
        self.add_sub(other, false)
    }
}

impl Sub for Decimal {
    type Output = Decimal;
    fn sub(self, other: Decimal) -> Decimal {
        self.add_sub(other, true)
    }
}

impl AddAssign for Decimal {
    fn add_assign(&mut self, other: Decimal) {
        *self = *self + other;
    }
}

impl SubAssign for Decimal {
    fn sub_assign(&mut self, other: Decimal) {
        *self = *self - other;
    }
}

/// rust_decimal's product: zero (unsigned, scale 0) if either is zero, else the scales add up,
/// to at most 28. rust_decimal also dropped trailing zeros of a product past its 96 bits (7.9 ×
/// 10^28 as digits and scale's zeros); the largest product in the rules, a 大病 pool of 50 stays
/// of 10 million yuan in fen times a rate written with 18 zeros ("1.000000000000000000", the
/// longest text read), is 5 × 10^28, so they never did, and this type keeps them.
impl Mul for Decimal {
    type Output = Decimal;
    fn mul(self, other: Decimal) -> Decimal {
        if self.is_zero() || other.is_zero() {
            return Decimal::ZERO;
        }
        let digits = self
            .digits
            .checked_mul(other.digits)
            .unwrap_or_else(|| out_of_range());
        let digit_scale = self.digit_scale + other.digit_scale;
        if digit_scale > MAX_SCALE {
            out_of_range();
        }
        let scale = (self.scale + other.scale).min(MAX_SCALE);
        Decimal::from_digits(self.negative != other.negative, digits, digit_scale, scale)
    }
}

impl Neg for Decimal {
    type Output = Decimal;
    fn neg(self) -> Decimal {
        Decimal {
            negative: !self.negative,
            ..self
        }
    }
}

impl std::iter::Sum for Decimal {
    fn sum<I: Iterator<Item = Decimal>>(iter: I) -> Decimal {
        iter.fold(Decimal::ZERO, |a, b| a + b)
    }
}

impl<'a> std::iter::Sum<&'a Decimal> for Decimal {
    fn sum<I: Iterator<Item = &'a Decimal>>(iter: I) -> Decimal {
        iter.fold(Decimal::ZERO, |a, b| a + *b)
    }
}

/// By value: `0.00 == 0 == -0`.
impl PartialEq for Decimal {
    fn eq(&self, other: &Decimal) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        let below = |d: &Decimal| d.negative && !d.is_zero();
        match (below(self), below(other)) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.magnitude_cmp(other),
            (true, true) => other.magnitude_cmp(self),
        }
    }
}

/// A quotient not yet rounded: the rules divide only to round the result to the fen at once
/// (`round(amount * covered / days)`), so the division is kept exact until [`Quotient::round`].
/// `total * (burden / pool)` multiplies the quotient's dividend, so that the product of two
/// amounts, which can pass a u64 (50 stays of 10 million yuan), is only ever formed in a u128.
#[derive(Clone, Copy)]
pub struct Quotient {
    dividend: Decimal,
    factor: Decimal,
    divisor: Decimal,
}

impl Div for Decimal {
    type Output = Quotient;
    fn div(self, divisor: Decimal) -> Quotient {
        Quotient {
            dividend: self,
            factor: Decimal::ONE,
            divisor,
        }
    }
}

impl Mul<Quotient> for Decimal {
    type Output = Quotient;
    fn mul(self, q: Quotient) -> Quotient {
        Quotient {
            factor: self * q.factor,
            ..q
        }
    }
}

impl Quotient {
    /// The exact quotient rounded half away from zero to the fen, with scale 2.
    ///
    /// rust_decimal divided to 28 significant digits and then rounded; that cannot move a result
    /// across a half fen here: the quotients the rules take (an amount × days / days in the year,
    /// a payment × a burden / the pool of burdens) are either exactly on a half fen or at least
    /// 1 / (200 × the divisor's digits) away from it, far more than 10^-20. Its result's scale
    /// came from the inner workings of its division (usually 2, fewer for some exact
    /// quotients); it is not kept, as no text shows a quotient's scale: amounts are written by
    /// `money::yuan` and `money::amount`, which always write two decimals or none.
    pub fn round(self) -> Decimal {
        let (n, f, d) = (self.dividend, self.factor, self.divisor);
        if d.is_zero() {
            out_of_range();
        }
        if n.is_zero() || f.is_zero() {
            return Decimal::ZERO;
        }
        // fen = n × f × 10^(d.digit_scale − n.digit_scale − f.digit_scale + 2) / d.digits
        let num = u128::from(n.digits) * u128::from(f.digits);
        let shift = i32::from(d.digit_scale) - i32::from(n.digit_scale + f.digit_scale) + 2;
        let (num, den) = match shift {
            // 10^8 < 2^27: no overflow below 2^100
            0..=8 if num >> 100 == 0 => (num * u128::from(POW10[shift as usize]), d.digits),
            -19..=-1 => (
                num,
                d.digits
                    .checked_mul(POW10[(-shift) as usize])
                    .unwrap_or_else(|| out_of_range()),
            ),
            _ => out_of_range(),
        };
        let (q, r) = div_rem(num, den);
        // r ≥ den / 2, without overflowing
        let fen = if r >= den - r { q + 1 } else { q };
        let fen = u64::try_from(fen).unwrap_or_else(|_| out_of_range());
        let negative = n.negative ^ f.negative ^ d.negative;
        Decimal::from_digits(negative && fen != 0, fen, 2, 2)
    }
}

/// Rounding to the fen, of an amount or of a quotient: what `money::round` does.
pub trait RoundToFen {
    fn round_to_fen(self) -> Decimal;
}

impl RoundToFen for Decimal {
    fn round_to_fen(self) -> Decimal {
        Decimal::round_to_fen(self)
    }
}

impl RoundToFen for Quotient {
    fn round_to_fen(self) -> Decimal {
        self.round()
    }
}

/// `n / d` and `n % d` for a u128 `n`: a u64 division when `n` fits one (always, but for a share
/// of a very large 大病 pool), else bit by bit, so that no 128-bit division routine is linked.
fn div_rem(n: u128, d: u64) -> (u128, u64) {
    if let Ok(n) = u64::try_from(n) {
        return ((n / d).into(), n % d);
    }
    let (mut q, mut r) = (0u128, 0u128);
    for i in (0..128).rev() {
        r = (r << 1) | ((n >> i) & 1);
        if r >= u128::from(d) {
            r -= u128::from(d);
            q |= 1 << i;
        }
    }
    (q, r as u64)
}

impl Decimal {
    /// The text rust_decimal writes: `-` for a negative number or zero, the digits, a point
    /// before the last `scale` of them, `0` before a point that would come first.
    pub fn write(&self, out: &mut Vec<u8>) {
        if self.negative {
            out.push(b'-');
        }
        self.write_unsigned(out);
    }

    fn write_unsigned(&self, out: &mut Vec<u8>) {
        // rust_decimal's mantissa as digits: ours, then the scale's trailing zeros (at most 20
        // digits and 28 zeros)
        let mut m = [b'0'; 48];
        let mut i = m.len() - usize::from(self.scale - self.digit_scale);
        let mut n = self.digits;
        while n > 0 {
            i -= 1;
            m[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        let point = m.len() - usize::from(self.scale);
        // at least one digit before the point
        out.extend_from_slice(&m[i.min(point - 1)..point]);
        if point < m.len() {
            out.push(b'.');
            out.extend_from_slice(&m[point..]);
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut text = Vec::with_capacity(24);
        self.write_unsigned(&mut text);
        // Digits and a point: always text.
        let text = std::str::from_utf8(&text).unwrap_or_default();
        f.pad_integral(!self.negative, "", text)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// As rust_decimal's serde form: the text, as a string.
impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut text = Vec::with_capacity(24);
        self.write(&mut text);
        s.serialize_str(std::str::from_utf8(&text).unwrap_or_default())
    }
}
