//! CSV in: one row per person, as a spreadsheet holds a population. Each row becomes the scenario
//! JSON of one person (`{policy, benefit_year, …, members: [{…}]}`), which then goes through the
//! same validation as any scenario: a CSV row is refused with the same message, at the same field,
//! as the JSON it stands for. The columns are documented in docs/scenario.md §2.13.

use std::borrow::Cow;

use yibao::scenario::MEMBER_KEYS;
use yibao::{InputError, Json};

/// Columns read into the scenario itself; every other known column belongs to the person.
const SCENARIO: [&str; 4] = ["policy", "benefit_year", "reading", "repair_price"];

/// The person's columns: the member's fields by their JSON names ([`MEMBER_KEYS`]), `spending`
/// as the columns below. `history` and `spending.stays` are lists, written in one cell (see
/// [`history`], [`stays`]).
fn member_columns() -> impl Iterator<Item = &'static str> {
    MEMBER_KEYS
        .into_iter()
        .filter(|&k| k != "spending")
        .chain(SPENDING)
}

/// The spending's fields, nested ones dotted.
const SPENDING: [&str; 9] = [
    "spending.outpatient",
    "spending.stays",
    "spending.chronic.condition",
    "spending.chronic.drugs",
    "spending.childbirth.child_order",
    "spending.childbirth.month",
    "spending.childbirth.date",
    "spending.special_rehab.condition",
    "spending.special_rehab.amount",
];

/// Yes/no columns: `true`/`false` in any case (Excel writes TRUE), 是/否, 1/0.
const BOOLEAN: [&str; 3] = ["minor", "insured_elsewhere", "health_plan"];

/// What a column holds.
#[derive(Clone, Debug, PartialEq)]
enum Column {
    /// `id`: the row's own name, copied to its output rows, read by nothing else.
    Id,
    Scenario(&'static str),
    Member(&'static str),
    /// `overrides.<key>`: one user-supplied parameter (§2.9), its key after the prefix.
    Override(String),
}

/// The header row, read once: the meaning of each column.
pub struct Header {
    columns: Vec<Column>,
}

impl Header {
    /// Reads the header row; a column that is not known, or given twice, is refused by name
    /// (a misspelt column would otherwise be silently left out of every row).
    pub fn read(line: &str, number: usize) -> Result<Header, String> {
        let cells = split(line).map_err(|e| format!("第{number}行(列名):{e}"))?;
        let mut columns = Vec::with_capacity(cells.len());
        for (i, name) in cells.iter().enumerate() {
            let name = name.trim();
            let column = if name == "id" {
                Column::Id
            } else if let Some(&k) = SCENARIO.iter().find(|&&k| k == name) {
                Column::Scenario(k)
            } else if let Some(k) = member_columns().find(|&k| k == name) {
                Column::Member(k)
            } else if let Some(key) = name.strip_prefix("overrides.").filter(|k| !k.is_empty()) {
                Column::Override(key.to_string())
            } else {
                return Err(format!(
                    "第{number}行(列名)第{}列「{}」不是认识的列名;可用的列:id、{}、{}、overrides.<参数名>(见 docs/scenario.md §2.13)",
                    i + 1,
                    name,
                    SCENARIO.join("、"),
                    member_columns().collect::<Vec<_>>().join("、")
                ));
            };
            if columns.contains(&column) {
                return Err(format!("第{number}行(列名)第{}列「{name}」重复", i + 1));
            }
            columns.push(column);
        }
        Ok(Header { columns })
    }

    /// The row's `id` cell, if the header has one.
    pub fn id<'c>(&self, cells: &'c [String]) -> Option<&'c str> {
        let i = self.columns.iter().position(|c| *c == Column::Id)?;
        cells.get(i).map(|s| s.as_str())
    }

    /// One row as the scenario JSON it stands for. Empty cells are fields left out. Problems the
    /// scenario reader cannot see (a cell list that does not split, a row with more cells than
    /// the header) come back with the path of the field they are in. The JSON borrows the cells'
    /// text and the header's names.
    pub fn scenario<'c>(&'c self, cells: &'c [String]) -> Result<Json<'c>, Vec<InputError>> {
        let mut errors = Vec::new();
        if cells.len() > self.columns.len() {
            errors.push(InputError {
                path: String::new(),
                message: format!(
                    "这一行有{}格,比列名多{}格(文字里的逗号要放在双引号里)",
                    cells.len(),
                    cells.len() - self.columns.len()
                ),
            });
        }
        let mut top: Vec<(Cow<str>, Json)> = Vec::with_capacity(4);
        let mut member: Vec<(Cow<str>, Json)> = Vec::with_capacity(8);
        let mut overrides: Vec<(Cow<str>, Json)> = Vec::new();
        for (column, cell) in self.columns.iter().zip(cells) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            match column {
                Column::Id => {}
                Column::Scenario(k) => top.push(((*k).into(), Json::Str(cell.into()))),
                Column::Override(k) => overrides.push((k.as_str().into(), Json::Str(cell.into()))),
                Column::Member(k) => {
                    let value = match *k {
                        "history" => history(cell),
                        "spending.stays" => stays(cell),
                        k if BOOLEAN.contains(&k) => Ok(boolean(cell)),
                        _ => Ok(Json::Str(cell.into())),
                    };
                    match value {
                        Ok(v) => insert(&mut member, k, v),
                        Err(e) => errors.push(InputError {
                            path: format!("members[0].{k}{}", e.0),
                            message: e.1,
                        }),
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if !overrides.is_empty() {
            top.push(("overrides".into(), Json::Obj(overrides)));
        }
        top.push(("members".into(), Json::Arr(vec![Json::Obj(member)])));
        Ok(Json::Obj(top))
    }
}

/// Puts `value` at the dotted `path` inside `obj`, making the objects on the way.
fn insert<'c>(obj: &mut Vec<(Cow<'c, str>, Json<'c>)>, path: &'static str, value: Json<'c>) {
    let Some((head, rest)) = path.split_once('.') else {
        obj.push((path.into(), value));
        return;
    };
    let at = match obj.iter().position(|(k, _)| k == head) {
        Some(i) => i,
        None => {
            obj.push((head.into(), Json::Obj(Vec::new())));
            obj.len() - 1
        }
    };
    if let Json::Obj(inner) = &mut obj[at].1 {
        insert(inner, rest, value);
    }
}

fn boolean(cell: &str) -> Json<'_> {
    match cell.to_ascii_lowercase().as_str() {
        "true" | "是" | "1" => Json::Bool(true),
        "false" | "否" | "0" => Json::Bool(false),
        // Anything else goes on as text, to be refused with the field's own message.
        _ => Json::Str(cell.into()),
    }
}

/// A problem inside a list cell: the path within the field (`[2]`) and the message.
type CellError = (String, String);

/// `history`: the years from 2025 on, separated by `;`, each `enrolled` (参保), `lapsed` (断保),
/// `zero_claim` (参保且零报销) or `used_bonus` (参保且用了奖励额度).
fn history(cell: &str) -> Result<Json<'static>, CellError> {
    let mut years = Vec::new();
    for (i, token) in cell.split(';').enumerate() {
        let year = match token.trim() {
            "enrolled" | "参保" => vec![("enrolled", true)],
            "lapsed" | "断保" => vec![("enrolled", false)],
            "zero_claim" | "零报销" => vec![("enrolled", true), ("zero_claim", true)],
            "used_bonus" | "用了奖励" => vec![("enrolled", true), ("used_bonus", true)],
            other => {
                return Err((
                    format!("[{i}]"),
                    format!(
                        "往年参保记录第{}项「{}」应为 enrolled(参保)、lapsed(断保)、zero_claim(零报销)或 used_bonus(用了奖励),用分号隔开",
                        i + 1,
                        clip(other)
                    ),
                ))
            }
        };
        years.push(Json::Obj(
            year.into_iter()
                .map(|(k, v)| (k.into(), Json::Bool(v)))
                .collect(),
        ));
    }
    Ok(Json::Arr(years))
}

/// `spending.stays`: stays separated by `;`, each `level:month:amount` or `level:date:amount`
/// (`tertiary:11:51000`, `primary:2026-03-05:800`).
fn stays(cell: &str) -> Result<Json<'_>, CellError> {
    let mut list = Vec::new();
    for (i, stay) in cell.split(';').enumerate() {
        let parts: Vec<&str> = stay.split(':').map(str::trim).collect();
        let [level, when, amount] = parts[..] else {
            return Err((
                format!("[{i}]"),
                format!(
                    "第{}次住院「{}」应写成 医院级别:月份:花费 或 医院级别:日期:花费(如 tertiary:11:51000),多次住院用分号隔开",
                    i + 1,
                    clip(stay)
                ),
            ));
        };
        let when_key = if when.contains('-') { "date" } else { "month" };
        list.push(Json::Obj(vec![
            ("level".into(), Json::Str(level.into())),
            (when_key.into(), Json::Str(when.into())),
            ("amount".into(), Json::Str(amount.into())),
        ]));
    }
    Ok(Json::Arr(list))
}

/// At most 20 characters of what was written, for a message.
fn clip(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(20) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Whether `record` ends inside a quoted cell, so the record goes on on the next line.
pub fn open_quote(record: &str) -> bool {
    record.bytes().filter(|&b| b == b'"').count() % 2 == 1
}

/// The cells of one record (RFC 4180: a cell in double quotes may hold commas, line breaks and
/// `""` for a quote).
pub fn split(record: &str) -> Result<Vec<String>, String> {
    let mut cells = Vec::with_capacity(16);
    let mut cell = String::new();
    let mut chars = record.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, ',') => {
                cells.push(std::mem::take(&mut cell));
                at_start = true;
                continue;
            }
            (false, '"') if at_start && cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => {
                quoted = false;
                // Only spaces may follow a closing quote before the comma.
                while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
                    chars.next();
                }
                if chars.peek().is_some_and(|c| *c != ',') {
                    return Err(format!("第{}格的引号后面应是逗号", cells.len() + 1));
                }
            }
            (_, c) => cell.push(c),
        }
        at_start = false;
    }
    if quoted {
        return Err(format!("第{}格的引号没有结束", cells.len() + 1));
    }
    cells.push(cell);
    Ok(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_split_as_rfc_4180_says() {
        assert_eq!(split("a,b,,c").unwrap(), ["a", "b", "", "c"]);
        assert_eq!(
            split("\"张,三\",\"说\"\"好\"\"\",\"两\n行\"").unwrap(),
            ["张,三", "说\"好\"", "两\n行"]
        );
        assert_eq!(split("").unwrap(), [""]);
        assert!(split("\"open").is_err());
        assert!(split("\"a\"b,c").is_err());
        assert!(open_quote("1,\"两") && !open_quote("1,\"两\n行\""));
    }

    #[test]
    fn a_row_is_the_scenario_json_it_stands_for() {
        let h = Header::read("id,policy,benefit_year,name,category,history,payment_date,minor,spending.stays,spending.chronic.condition,overrides.cap.original", 1).unwrap();
        let row = split("P1,yantai-2025,2027,老王,adult_tier1,enrolled;lapsed,2026-10-01,FALSE,tertiary:3:5000;primary:2027-05-01:800,diabetes,300000").unwrap();
        assert_eq!(h.id(&row), Some("P1"));
        let json = h.scenario(&row).unwrap();
        let expected: Json = serde_json::from_str(
            r#"{"policy":"yantai-2025","benefit_year":"2027",
                "overrides":{"cap.original":"300000"},
                "members":[{"name":"老王","category":"adult_tier1",
                  "history":[{"enrolled":true},{"enrolled":false}],"payment_date":"2026-10-01",
                  "minor":false,
                  "spending":{"stays":[{"level":"tertiary","month":"3","amount":"5000"},
                                       {"level":"primary","date":"2027-05-01","amount":"800"}],
                              "chronic":{"condition":"diabetes"}}}]}"#,
        )
        .unwrap();
        assert_eq!(json, expected);
    }

    #[test]
    fn every_person_column_is_a_field_the_scenario_reads() {
        let columns: Vec<&str> = member_columns().collect();
        let h = Header::read(&["policy,benefit_year", &columns.join(",")].join(","), 1).unwrap();
        let mut row = vec!["national-2025".to_string(), "2026".to_string()];
        row.extend(columns.iter().map(|&c| match c {
            "history" => "enrolled".to_string(),
            "spending.stays" => "primary:3:800".to_string(),
            _ => "x".to_string(),
        }));
        let json = h.scenario(&row).unwrap();
        let yibao::figures::FiguresOutcome::Invalid { errors, .. } =
            yibao::figures::figures_json(&json)
        else {
            panic!("a row of x is refused");
        };
        // Refused for its values, never for a field the reader does not know.
        assert!(errors.len() > 10, "{errors:?}");
        assert!(
            errors.iter().all(|e| !e.message.contains("未知字段")),
            "{errors:?}"
        );
    }

    #[test]
    fn bad_columns_and_cells_are_named() {
        let e = Header::read("policy,benfit_year", 1).err().unwrap();
        assert!(e.contains("第2列「benfit_year」不是认识的列名"), "{e}");
        let e = Header::read("policy,policy", 1).err().unwrap();
        assert!(e.contains("第2列「policy」重复"), "{e}");
        let h = Header::read("policy,history,spending.stays", 1).unwrap();
        let e = h
            .scenario(&split("national-2025,enrolled;gone,").unwrap())
            .unwrap_err();
        assert_eq!(e[0].path, "members[0].history[1]");
        assert!(e[0].message.contains("第2项「gone」"), "{}", e[0].message);
        let e = h
            .scenario(&split("national-2025,,tertiary:5000").unwrap())
            .unwrap_err();
        assert_eq!(e[0].path, "members[0].spending.stays[0]");
        let e = h.scenario(&split("a,b,c,d").unwrap()).unwrap_err();
        assert!(e[0].message.contains("比列名多1格"), "{}", e[0].message);
    }
}
