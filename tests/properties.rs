#![cfg(not(target_arch = "wasm32"))]
//! Invariants that must hold for every input, checked on random scenarios through the same JSON
//! path the page and the CLI use.

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use yibao::policy::Reading;
use yibao::rules::Rules;
use yibao::waiting_period::{months, Terms};

/// Every policy this build knows: the tests name no list of cities.
fn policies() -> Vec<&'static str> {
    yibao::policy::all().iter().map(|p| p.id).collect()
}

fn terms(policy: &str) -> Terms {
    let p = yibao::policy::find(policy).unwrap();
    let rules = Rules {
        policy: p,
        overrides: &[],
        year: p.base_year,
    };
    Terms::of(&rules).unwrap()
}

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("not an amount: {v}"))
        .parse()
        .unwrap()
}

fn run(s: &Value) -> Value {
    let j: yibao::Json = serde_json::from_value(s.clone()).unwrap();
    serde_json::to_value(yibao::estimate_json(&j)).unwrap()
}

/// A random valid member for `policy` and `year`.
fn member(policy: &'static str, year: i32) -> impl Strategy<Value = Value> {
    let p = yibao::policy::find(policy).unwrap();
    let cats: Vec<&'static str> = p
        .categories
        .iter()
        .filter(|c| c.key != "newborn")
        .map(|c| c.key)
        .collect();
    // Exempt categories never wait, so a repair for them is refused as input.
    let exempt = move |key: &str| {
        p.category(key).is_some_and(|c| {
            matches!(
                c.exemption,
                yibao::policy::Exemption::NoWait | yibao::policy::Exemption::EarlyCover
            )
        })
    };
    let n_hist = (year - 2025) as usize;
    (
        prop::sample::select(cats),
        prop::collection::vec((any::<bool>(), 0u8..3), n_hist),
        0i64..(365 + 120),
        any::<u32>(),
        // amounts in fen (cents): outpatient up to 200 000 yuan, drugs 5 000, stays 400 000
        (0u32..20_000_000, 0u32..500_000, prop::collection::vec((0usize..3, 1u32..13, 0u32..40_000_000), 0..4)),
        any::<bool>(),
    )
        .prop_map(move |(cat, hist, day, rep, (outp, drugs, stays), hp)| {
            let history: Vec<Value> = hist
                .iter()
                .enumerate()
                .map(|(i, (enrolled, claim))| {
                    json!({"year": 2025 + i as i32, "enrolled": enrolled,
                           "zero_claim": *enrolled && *claim == 1, "used_bonus": *enrolled && *claim == 2})
                })
                .collect();
            let lapsed = hist.iter().rev().take_while(|(e, _)| !e).count() as u32;
            // Payment between the window start (Sep of the year before) and the end of the year.
            let start = chrono::NaiveDate::from_ymd_opt(year - 1, 9, 2).unwrap();
            let end = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
            let pay = (start + chrono::Duration::days(day)).min(end);
            let levels = ["primary", "secondary", "tertiary"];
            let stays: Vec<Value> = stays
                .iter()
                .map(|(l, m, a)| json!({"level": levels[*l], "month": m, "amount": format!("{}.{:02}", a / 100, a % 100)}))
                .collect();
            let mut spending = json!({"outpatient": format!("{}.{:02}", outp / 100, outp % 100), "stays": stays});
            if p.param("chronic.rate").is_some() {
                spending["chronic"] = json!({"condition": "both", "drugs": format!("{}.{:02}", drugs / 100, drugs % 100)});
            }
            let mut m = json!({
                "category": cat, "history": history, "payment_date": pay.to_string(),
                "repair_years": if lapsed == 0 || exempt(cat) { 0 } else { rep % (lapsed + 1) },
                "spending": spending,
            });
            if hp && p.param("contribution.health_plan").is_some() {
                m["health_plan"] = json!(true);
            }
            m
        })
}

fn scenario() -> impl Strategy<Value = Value> {
    (prop::sample::select(policies()), 2025i32..2032, any::<bool>(), prop::option::of(1000u32..500_000))
        .prop_flat_map(|(policy, year, b, cap)| {
            (prop::collection::vec(member(policy, year), 1..5), Just((policy, year, b, cap)))
        })
        .prop_map(|(mut members, (policy, year, b, cap))| {
            let roles = ["self", "spouse", "child", "parent"];
            for (i, m) in members.iter_mut().enumerate() {
                m["role"] = json!(roles[i % 4]);
            }
            let mut s = json!({"policy": policy, "benefit_year": year, "reading": if b { "B" } else { "A" }, "members": members});
            if let Some(c) = cap {
                s["overrides"] = json!({"cap.original": c.to_string()});
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// More lapsed years never shorten the wait; more repair never lengthens it; four or more
    /// lapsed years always leave at least six months.
    #[test]
    fn wait_monotone_and_floor(policy in prop::sample::select(policies()), l in 0u32..12, r in 0u32..12,
                               b in any::<bool>(), in_window in any::<bool>()) {
        let t = terms(policy);
        let reading = if b { Reading::B } else { Reading::A };
        let r = r.min(l);
        let now = months(&t, l, r, reading, in_window).total;
        prop_assert!(months(&t, l + 1, r, reading, in_window).total >= now);
        if r < l {
            prop_assert!(months(&t, l, r + 1, reading, in_window).total <= now);
        }
        if l >= 4 {
            prop_assert!(now >= 6);
        }
        if l >= 1 || !in_window {
            prop_assert!(now >= 3, "a lapse or a late payment always waits the fixed 3 months");
        }
        prop_assert!(months(&t, l, r, Reading::B, in_window).total <= months(&t, l, r, Reading::A, in_window).total);
    }

    /// Every valid random scenario gives a result whose figures keep the invariants.
    #[test]
    fn results_keep_invariants(s in scenario()) {
        let out = run(&s);
        prop_assert_eq!(&out["ok"], &json!(true), "scenario {} gave {}", s, out);
        let r = &out["result"];
        let (mut total, mut fund, mut major, mut spending) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for m in r["members"].as_array().unwrap() {
            // cap adjustment within ±20% of the original cap
            if let Some(orig) = m["cap"].get("original_cap") {
                let limit = dec(orig) * Decimal::new(20, 2);
                let adj = dec(&m["cap"]["adjustment"]);
                prop_assert!(adj.abs() <= limit, "adjustment {} beyond 20% of {}", adj, dec(orig));
                for y in m["cap"]["years"].as_array().unwrap() {
                    prop_assert!(dec(&y["continuity_bonus"]) + dec(&y["zero_claim_bonus"]) <= limit);
                    prop_assert!(dec(&y["penalty"]) <= limit);
                }
            }
            // fund payments never exceed spending, line by line and in total
            for l in m["reimbursement"]["lines"].as_array().unwrap() {
                let paid = dec(&l["fund_pays"]) + dec(&l["major_pays"]);
                prop_assert!(paid <= dec(&l["spending"]), "line {} pays more than spent", l);
                prop_assert!(dec(&l["you_pay"]) >= Decimal::ZERO);
                prop_assert_eq!(dec(&l["you_pay"]), dec(&l["spending"]) - paid);
                prop_assert!(dec(&l["excluded"]) <= dec(&l["spending"]));
            }
            let t = &m["reimbursement"]["totals"];
            prop_assert!(dec(&t["fund_pays"]) + dec(&t["major_pays"]) <= dec(&t["spending"]));
            // cover never starts before the benefit year unless the category has early cover
            let w = &m["waiting"];
            if let Some(start) = w.get("cover_start").and_then(Value::as_str) {
                if w["exemption"] != json!("early_cover") {
                    let year_start = format!("{}-01-01", r["benefit_year"]);
                    prop_assert!(start >= year_start.as_str(), "cover {} before {}", start, year_start);
                }
            }
            total += dec(&m["contribution"]["total"]);
            fund += dec(&t["fund_pays"]);
            major += dec(&t["major_pays"]);
            spending += dec(&t["spending"]);
        }
        // A sentence writes a date as the answer card does (2027年8月10日); only a field that is
        // a date alone (cover_start: "2027-08-10", for spreadsheets) is ISO, and a citation is
        // as published. A reader matching the steps, notes and advice with the card sees one date.
        let mut texts = Vec::new();
        strings(r, &mut texts);
        for t in texts.iter().filter(|t| t.len() != 10) {
            prop_assert!(!has_iso_date(t), "{:?} has an ISO date", t);
        }
        // household totals are the sums of the members
        prop_assert_eq!(dec(&r["household"]["contribution"]["total"]), total);
        prop_assert_eq!(dec(&r["household"]["reimbursement"]["fund_pays"]), fund);
        prop_assert_eq!(dec(&r["household"]["reimbursement"]["major_pays"]), major);
        prop_assert_eq!(dec(&r["household"]["reimbursement"]["spending"]), spending);
        // the trace explains every member
        prop_assert!(!r["trace"].as_array().unwrap().is_empty());
    }

    /// Arbitrary JSON never panics and never yields a result without being a valid scenario.
    #[test]
    fn garbage_is_refused_not_computed(v in arb_json()) {
        let j: yibao::Json = serde_json::from_value(v).unwrap();
        let out = serde_json::to_value(yibao::estimate_json(&j)).unwrap();
        if out["ok"] == json!(false) {
            prop_assert!(!out["errors"].as_array().unwrap().is_empty());
            for e in out["errors"].as_array().unwrap() {
                prop_assert!(!e["message"].as_str().unwrap().is_empty());
            }
        }
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        prop::sample::select(vec![
            "yantai-2025",
            "zhangjiakou-2025",
            "adult",
            "2025-02-30",
            "2026-01-01",
            "-5",
            "A",
            "primary",
            ""
        ])
        .prop_map(|s| json!(s)),
        ".{0,12}".prop_map(Value::String),
    ];
    let keys = prop::sample::select(vec![
        "policy",
        "benefit_year",
        "members",
        "category",
        "payment_date",
        "history",
        "year",
        "enrolled",
        "spending",
        "stays",
        "amount",
        "month",
        "level",
        "repair_years",
        "overrides",
        "reading",
        "birth_date",
        "x",
    ]);
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

// `yuan` against rust_decimal's rounding and Display: tests/decimal.rs, with every other operation
// of the library's decimal type.

/// Whether `t` holds a date written as 2027-08-10.
fn has_iso_date(t: &str) -> bool {
    let shape = b"dddd-dd-dd";
    t.as_bytes().windows(shape.len()).any(|w| {
        w.iter().zip(shape).all(|(c, s)| {
            if *s == b'd' {
                c.is_ascii_digit()
            } else {
                c == s
            }
        })
    })
}

/// Every string in `v`, however deep, but for citations (`document`, `quote`), which are the
/// source's words as published.
fn strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(t) => out.push(t),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "document" | "quote"))
            .for_each(|(_, x)| strings(x, out)),
        _ => {}
    }
}
