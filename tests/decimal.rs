#![cfg(not(target_arch = "wasm32"))]
//! `yibao::decimal::Decimal` must do what rust_decimal's `Decimal` did for every operation the rules
//! use, to the text: the value, the scale (trailing zeros), the sign of a zero. Each property builds
//! the same random numbers in both and compares the results' text (Display and serde), so a
//! difference in any of the three fails.

use proptest::prelude::*;
use rust_decimal::{Decimal as Reference, RoundingStrategy};
use yibao::decimal::Decimal;

/// A number in both types: `m` × 10^-`scale`, times 1 written with `zeros` decimals (so that the
/// scale has `zeros` more trailing zeros than the value needs, as a rate written "0.5000" has).
#[derive(Clone, Copy, Debug)]
struct Pair {
    ours: Decimal,
    theirs: Reference,
}

fn pair(m: i64, scale: u32, zeros: u32, negative_zero: bool) -> Pair {
    let one = 10i64.pow(zeros);
    let mut p = Pair {
        ours: Decimal::new(m, scale) * Decimal::new(one, zeros),
        theirs: Reference::new(m, scale) * Reference::new(one, zeros),
    };
    if m == 0 {
        // A product with zero is an unsigned zero of scale 0 in both: keep the written scale.
        p = Pair {
            ours: Decimal::new(0, scale + zeros),
            theirs: Reference::new(0, scale + zeros),
        };
        if negative_zero {
            p = Pair {
                ours: -p.ours,
                theirs: -p.theirs,
            };
        }
    }
    p
}

/// Amounts (to 10 million yuan and beyond, with up to 4 decimals), rates, small integers and
/// zeros of every scale, either sign.
fn number() -> impl Strategy<Value = Pair> {
    let mantissa = prop_oneof![
        -1_000_000_000_000i64..=1_000_000_000_000,
        -10_000i64..=10_000,
        -3i64..=3,
        Just(0i64),
    ];
    (mantissa, 0u32..=4, 0u32..=12, any::<bool>()).prop_map(|(m, s, z, nz)| pair(m, s, z, nz))
}

/// What an amount is multiplied by: a rate, a count of years, a bonus step (and zeros).
fn factor() -> impl Strategy<Value = Pair> {
    (
        -1_000_000i64..=1_000_000,
        0u32..=4,
        0u32..=12,
        any::<bool>(),
    )
        .prop_map(|(m, s, z, nz)| pair(m, s, z, nz))
}

fn text(p: &Pair) -> (String, String) {
    (p.ours.to_string(), p.theirs.to_string())
}

fn same(ours: Decimal, theirs: Reference) -> Result<(), TestCaseError> {
    prop_assert_eq!(ours.to_string(), theirs.to_string());
    prop_assert_eq!(
        serde_json::to_string(&ours).unwrap(),
        serde_json::to_string(&theirs).unwrap()
    );
    prop_assert_eq!(ours.is_sign_negative(), theirs.is_sign_negative());
    prop_assert_eq!(ours.is_zero(), theirs.is_zero());
    prop_assert_eq!(ours.scale(), theirs.scale());
    prop_assert_eq!(ours.mantissa(), theirs.mantissa());
    Ok(())
}

/// A rounded quotient: the same value and sign as rust_decimal's, and the same text as `yuan`
/// writes (its scale came from rust_decimal's division internals and is not kept: src/decimal.rs).
fn same_quotient(ours: Decimal, theirs: Reference) -> Result<(), TestCaseError> {
    prop_assert_eq!(ours.normalize().to_string(), theirs.normalize().to_string());
    prop_assert_eq!(ours.is_sign_negative(), theirs.is_sign_negative());
    prop_assert_eq!(yibao::money::yuan(ours), yuan(theirs));
    prop_assert_eq!(
        yibao::money::amount(ours),
        yibao::money::amount(Decimal::new(
            theirs.mantissa().try_into().unwrap(),
            theirs.scale()
        ))
    );
    Ok(())
}

fn round(d: Reference) -> Reference {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// money.rs's `yuan` as it was written on rust_decimal.
fn yuan(d: Reference) -> String {
    let mut r = round(d);
    r.rescale(2);
    if r.is_zero() {
        "0.00".to_string()
    } else {
        r.to_string()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    #[test]
    fn a_number_is_written_as_rust_decimal_writes_it(a in number()) {
        same(a.ours, a.theirs)?;
        same(a.ours.normalize(), a.theirs.normalize())?;
        same(a.ours.abs(), a.theirs.abs())?;
        same(-a.ours, -a.theirs)?;
        same(yibao::money::round(a.ours), round(a.theirs))?;
        prop_assert_eq!(yibao::money::yuan(a.ours), yuan(a.theirs));
        prop_assert_eq!(yibao::money::pct(a.ours), format!("{}%", (a.theirs * Reference::ONE_HUNDRED).normalize()));
        prop_assert_eq!(format!("{:>12}|{:<3}", a.ours, a.ours), format!("{:>12}|{:<3}", a.theirs, a.theirs));
    }

    #[test]
    fn sums_differences_products_and_comparisons_are_rust_decimals(a in number(), b in number(), f in factor()) {
        prop_assert_eq!(text(&a).0, text(&a).1);
        same(a.ours + b.ours, a.theirs + b.theirs)?;
        same(a.ours - b.ours, a.theirs - b.theirs)?;
        // Where rust_decimal's product fits its 96 bits (beyond, it drops the product's trailing
        // zeros, which no product in the rules reaches: src/decimal.rs).
        for (x, y) in [(a, f), (f, b)] {
            let fits = x.theirs.mantissa().checked_mul(y.theirs.mantissa()).is_some_and(|m| m.unsigned_abs() < 1 << 96)
                && x.theirs.scale() + y.theirs.scale() <= 28;
            if fits {
                same(x.ours * y.ours, x.theirs * y.theirs)?;
            }
        }
        same(a.ours.max(b.ours), a.theirs.max(b.theirs))?;
        same(a.ours.min(b.ours), a.theirs.min(b.theirs))?;
        let (mut x, mut y) = (a.ours, a.theirs);
        x += b.ours;
        y += b.theirs;
        same(x, y)?;
        x -= b.ours;
        y -= b.theirs;
        same(x, y)?;
        same([a.ours, b.ours, a.ours].iter().sum(), [a.theirs, b.theirs, a.theirs].iter().sum())?;
        same([a.ours, b.ours].into_iter().sum(), [a.theirs, b.theirs].into_iter().sum())?;
        prop_assert_eq!(a.ours.cmp(&b.ours), a.theirs.cmp(&b.theirs));
        prop_assert_eq!(a.ours == b.ours, a.theirs == b.theirs);
        prop_assert_eq!(a.ours < b.ours, a.theirs < b.theirs);
    }

    /// `round(amount * covered / days)` (reimbursement.rs): rust_decimal divided to 28 digits and
    /// then rounded; the new type rounds the exact quotient.
    #[test]
    fn an_amount_spread_over_the_year_rounds_as_rust_decimal(m in 0i64..=1_000_000_000, scale in 0u32..=2,
                                                             zeros in 0u32..=2, leap in any::<bool>(), covered in 0u32..=366) {
        let a = pair(m, scale, zeros, false);
        let days = if leap { 366 } else { 365 };
        let covered = covered.min(days);
        let ours = yibao::money::round(a.ours * Decimal::from(covered) / Decimal::from(days));
        let theirs = round(a.theirs * Reference::from(covered) / Reference::from(days));
        same_quotient(ours, theirs)?;
    }

    /// `round(total * burden / pool)` (reimbursement.rs, 大病 shared over the stays).
    #[test]
    fn a_share_of_the_major_payment_rounds_as_rust_decimal(total in 0i64..=50_000_000_000, b in 0i64..=1_000_000_000,
                                                           extra in 0i64..=50_000_000_000, scales in (0u32..=2, 0u32..=2, 0u32..=2)) {
        let (st, sb, sp) = scales;
        let total = pair(total, st, 0, false);
        let b = pair(b, sb, 0, false);
        let pool = pair(b.ours.mantissa() as i64 + extra + 1, sp, 0, false);
        let ours = yibao::money::round(total.ours * (b.ours / pool.ours));
        let theirs = round(total.theirs * b.theirs / pool.theirs);
        same_quotient(ours, theirs)?;
    }

    /// Quotients of any sign and scale, near and on the half fen.
    #[test]
    fn any_quotient_rounds_as_rust_decimal(a in number(), d in (1i64..=100_000, 0u32..=4, any::<bool>())) {
        let (dm, ds, neg) = d;
        let d = pair(if neg { -dm } else { dm }, ds, 0, false);
        same_quotient(yibao::money::round(a.ours / d.ours), round(a.theirs / d.theirs))?;
    }
}

#[test]
fn written_text_and_corner_cases() {
    for (m, s) in [
        (0, 0),
        (0, 2),
        (5, 3),
        (12345, 2),
        (-7, 1),
        (100, 0),
        (1, 28),
        (-1, 28),
    ] {
        assert_eq!(
            Decimal::new(m, s).to_string(),
            Reference::new(m, s).to_string(),
            "{m} {s}"
        );
    }
    // A negative zero is written with its sign, as rust_decimal writes it; yuan writes 0.00.
    assert_eq!((-Decimal::ZERO).to_string(), "-0");
    assert_eq!((Decimal::new(-5, 0) - Decimal::new(-5, 0)).to_string(), "0");
    assert_eq!(
        yibao::money::round(-Decimal::new(0, 3)).to_string(),
        "-0.00"
    );
    // 50 stays of 10 million yuan: the 大病 payment × a stay's burden passes a u64 (in fen²),
    // rust_decimal's 96 bits did not; the quotient keeps it in a u128.
    let pool = Decimal::new(50_000_000_000, 2);
    let stay = Decimal::new(1_000_000_000, 2);
    let total = Decimal::new(49_999_000_000, 2);
    assert_eq!(
        yibao::money::yuan(yibao::money::round(total * (stay / pool))),
        "9999800.00"
    );
    assert_eq!(yibao::money::yuan(Decimal::new(-1, 3)), "0.00");
    // A half fen rounds away from zero, whichever side.
    assert_eq!(yibao::money::yuan(Decimal::new(5, 3)), "0.01");
    assert_eq!(yibao::money::yuan(Decimal::new(-5, 3)), "-0.01");
    // 0.125 / 1 is not 0.12 (half to even) but 0.13.
    assert_eq!(
        yibao::money::round(Decimal::new(125, 3) / Decimal::ONE).to_string(),
        "0.13"
    );
}
