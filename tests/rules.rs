//! Every rule the explanation cites (src/rule.rs) names a section and rule the rule book has, and the
//! clause it quotes is in the sources. A typo in an id, or a rule book renumbered without the code,
//! fails here instead of sending a journalist to a section that says something else.

use std::fs;

use yibao::rule::Rule;

fn rule_book() -> String {
    fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/sources/RULES.md"
    ))
    .unwrap()
}

/// The text of section `n` of the rule book (from its `## n.` heading to the next `## `).
fn section(book: &str, n: u32) -> Option<&str> {
    let start = book.find(&format!("\n## {n}. "))?;
    let rest = &book[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    Some(&rest[..end])
}

fn without_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_rule_id_names_a_section_and_rule_of_the_rule_book() {
    let book = rule_book();
    for rule in Rule::ALL {
        let id = rule.id();
        for part in id.split(" / ") {
            let part = part.strip_prefix("RULES ").unwrap_or(part);
            let rest = part
                .strip_prefix('§')
                .unwrap_or_else(|| panic!("{id}: not 'RULES §…'"));
            let (num, item) = rest.split_once(' ').unwrap_or((rest, ""));
            let n: u32 = num
                .parse()
                .unwrap_or_else(|_| panic!("{id}: section {num:?}"));
            let text =
                section(&book, n).unwrap_or_else(|| panic!("{id}: no section {n} in RULES.md"));
            if let Some(r) = item.strip_prefix("规则") {
                for k in r.split('-') {
                    let line = format!("\n{k}. ");
                    assert!(text.contains(&line), "{id}: section {n} has no rule {k}");
                }
            } else if let Some(a) = item.strip_prefix('A') {
                let line = format!("\n- A{a} ");
                assert!(
                    text.contains(&line),
                    "{id}: section {n} has no ambiguity A{a}"
                );
            } else {
                assert!(item.is_empty(), "{id}: {item:?} is neither 规则N nor AN");
            }
        }
    }
}

#[test]
fn every_quoted_clause_is_in_the_sources() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/policies/sources");
    let mut sources = String::new();
    for e in fs::read_dir(dir).unwrap() {
        sources.push_str(&fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let sources = without_spaces(&sources);
    let mut quoted = 0;
    for rule in Rule::ALL {
        if let Some(clause) = rule.clause() {
            assert!(
                sources.contains(&without_spaces(clause)),
                "{}: 「{clause}」 is not in policies/sources",
                rule.id()
            );
            quoted += 1;
        }
    }
    assert!(quoted >= 8, "only {quoted} rules quote their clause");
}

#[test]
fn ids_are_distinct_and_serialize_as_shown() {
    let mut seen = std::collections::HashSet::new();
    for rule in Rule::ALL {
        assert!(seen.insert(rule.id()), "{} twice", rule.id());
        assert_eq!(
            serde_json::to_string(rule).unwrap(),
            format!("\"{}\"", rule.id())
        );
        assert_eq!(rule.to_string(), rule.id());
    }
}
