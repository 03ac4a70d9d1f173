//! Each mapped row into the domain's full registration (`intake::Registration`), validated by
//! the same `Registration::validate` the form's command uses, with a stable identity; or the
//! row's problems at their line and column. Pure: the plan is what the preview shows and what
//! the import service registers, row by row.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::mapping::{split_choices, CsvMapping, Target};
use super::problem::{ProblemKind, RowProblem};
use super::read::{SourceRow, SourceTable};
use crate::domain::channel::Channel;
use crate::domain::keyed::Keyed;
use crate::domain::intake::{
    Customer, Emotion, Expectation, Incident, Nature, Recurrence, Registration, RequestType, Salutation, Seriousness,
};

/// A row's stable identity: `id:<value>` from the column mapped to [`Target::SourceId`], else
/// `fp:<hash>`, a SHA-256 fingerprint of the row's cells. Importing the same file again finds
/// the same keys, whatever the file is called.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RowKey(pub String);

impl RowKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The fingerprint of a row's cells (trimmed, in column order).
    pub fn fingerprint(cells: &[String]) -> RowKey {
        let mut h = Sha256::new();
        for c in cells {
            h.update(c.trim().as_bytes());
            h.update([0x1f]);
        }
        let hex: String = h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect();
        RowKey(format!("fp:{hex}"))
    }
}

/// One row of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedRow {
    pub line: u64,
    pub key: RowKey,
    /// The validated registration, or every problem of the row.
    pub result: Result<Registration, Vec<RowProblem>>,
}

/// Every row of a file, converted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPlan {
    pub rows: Vec<PlannedRow>,
}

impl ImportPlan {
    /// The rows that can be registered.
    pub fn valid(&self) -> impl Iterator<Item = (&PlannedRow, &Registration)> {
        self.rows.iter().filter_map(|r| r.result.as_ref().ok().map(|reg| (r, reg)))
    }

    /// The rows that cannot.
    pub fn rejected(&self) -> impl Iterator<Item = (&PlannedRow, &[RowProblem])> {
        self.rows.iter().filter_map(|r| r.result.as_ref().err().map(|p| (r, p.as_slice())))
    }

    pub fn valid_count(&self) -> usize {
        self.valid().count()
    }

    pub fn rejected_count(&self) -> usize {
        self.rows.len() - self.valid_count()
    }
}

/// Converts every row of `table` with `mapping`; `now` is the business wall-clock time the
/// registrations are validated against (received times may not lie in the future).
pub fn plan_import(table: &SourceTable, mapping: &CsvMapping, now: NaiveDateTime) -> ImportPlan {
    let converter = Converter::new(table, mapping);
    let mut seen: HashMap<RowKey, u64> = HashMap::new();
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let key = converter.key(row);
            let mut result = converter.convert(row, now);
            if let Some(&first_line) = seen.get(&key) {
                let dup = RowProblem { line: row.line, column: None, field: None, kind: ProblemKind::Duplicate { first_line } };
                result = Err(match result {
                    Ok(_) => vec![dup],
                    Err(mut p) => {
                        p.insert(0, dup);
                        p
                    }
                });
            } else {
                seen.insert(key.clone(), row.line);
            }
            PlannedRow { line: row.line, key, result }
        })
        .collect();
    ImportPlan { rows }
}

/// A mapping resolved against one file's headers.
pub struct Converter<'a> {
    mapping: &'a CsvMapping,
    columns: HashMap<Target, Vec<usize>>,
}

impl<'a> Converter<'a> {
    pub fn new(table: &SourceTable, mapping: &'a CsvMapping) -> Converter<'a> {
        let columns = Target::all()
            .into_iter()
            .map(|t| (t, mapping.columns_of(t, &table.headers)))
            .filter(|(_, c)| !c.is_empty())
            .collect();
        Converter { mapping, columns }
    }

    /// The first non-empty value of `target` in `row` and its column.
    fn value<'r>(&self, row: &'r SourceRow, target: Target) -> Option<(&'r str, usize)> {
        self.columns.get(&target)?.iter().find_map(|&c| {
            let v = row.cells.get(c).map(String::as_str).unwrap_or("");
            (!v.trim().is_empty()).then_some((v, c))
        })
    }

    /// The column a target's problem is reported at.
    fn column(&self, target: Target) -> Option<usize> {
        self.columns.get(&target).and_then(|c| c.first().copied())
    }

    /// The row's identity.
    pub fn key(&self, row: &SourceRow) -> RowKey {
        match self.value(row, Target::SourceId) {
            Some((id, _)) => RowKey(format!("id:{}", id.trim())),
            None => RowKey::fingerprint(&row.cells),
        }
    }

    /// One row into a validated registration.
    pub fn convert(&self, row: &SourceRow, now: NaiveDateTime) -> Result<Registration, Vec<RowProblem>> {
        let mut problems = row.problems.clone();
        let line = row.line;
        let text = |t: Target| self.value(row, t).map(|(v, _)| unix_line_breaks(v)).unwrap_or_default();
        let mut fail = |target: Target, column: Option<usize>, kind: ProblemKind| {
            problems.push(RowProblem { line, column: column.or_else(|| self.column(target)), field: target.field(), kind });
        };

        let date = |target: Target, format: Option<super::DateFormat>, fail: &mut dyn FnMut(Target, Option<usize>, ProblemKind)| {
            let (v, col) = self.value(row, target)?;
            match format.and_then(|f| f.parse(v)) {
                Some(t) => Some(t),
                None => {
                    fail(target, Some(col), ProblemKind::BadDate { value: v.trim().to_string() });
                    None
                }
            }
        };
        let received_at = date(Target::ReceivedAt, self.mapping.received_format, &mut fail);
        if received_at.is_none() && self.value(row, Target::ReceivedAt).is_none() {
            fail(Target::ReceivedAt, None, ProblemKind::Unmapped);
        }
        let occurred_at = date(Target::OccurredAt, self.mapping.occurred_format, &mut fail);

        let choice = |target: Target, fail: &mut dyn FnMut(Target, Option<usize>, ProblemKind)| -> Option<String> {
            let (v, col) = self.value(row, target)?;
            let code = self.mapping.choice(target, v);
            if code.is_none() {
                fail(target, Some(col), ProblemKind::UnknownValue { value: v.trim().to_string() });
            }
            code
        };
        let channel = match choice(Target::Channel, &mut fail) {
            Some(code) => Channel::from_key(&code),
            None if self.value(row, Target::Channel).is_none() => {
                if self.mapping.defaults.channel.is_none() {
                    fail(Target::Channel, None, ProblemKind::Unmapped);
                }
                self.mapping.defaults.channel
            }
            None => None,
        };
        let request_type = choice(Target::RequestType, &mut fail).and_then(|c| RequestType::from_key(&c));
        let seriousness = choice(Target::Seriousness, &mut fail).and_then(|c| Seriousness::from_key(&c));
        let recurrence = choice(Target::Recurrence, &mut fail).and_then(|c| Recurrence::from_key(&c));
        let salutation = choice(Target::Salutation, &mut fail).and_then(|c| Salutation::from_key(&c));
        let emotion = choice(Target::Emotion, &mut fail).and_then(|c| Emotion::from_key(&c));
        let anonymous_cell = choice(Target::Anonymous, &mut fail).map(|c| c == "yes");
        let mut expectations = Vec::new();
        if let Some((v, col)) = self.value(row, Target::Expectations) {
            for part in split_choices(v) {
                match self.mapping.choice(Target::Expectations, &part).and_then(|c| Expectation::from_key(&c)) {
                    Some(e) => expectations.push(e),
                    None => fail(Target::Expectations, Some(col), ProblemKind::UnknownValue { value: part }),
                }
            }
        }

        let name = text(Target::CustomerName);
        let anonymous = anonymous_cell.unwrap_or(self.mapping.defaults.anonymous_without_name && name.trim().is_empty());
        let owner = match self.value(row, Target::FirstContactOwner) {
            Some((v, _)) => v.to_string(),
            None => self.mapping.defaults.first_contact_owner.clone(),
        };
        let (Some(received_at), Some(channel)) = (received_at, channel) else {
            return Err(problems);
        };
        let registration = Registration {
            received_at,
            channel,
            request_type: request_type.unwrap_or(RequestType::Complaint),
            nature: Nature {
                seriousness: seriousness.unwrap_or(Seriousness::General),
                recurrence: recurrence.unwrap_or(Recurrence::FirstTime),
            },
            customer: Customer {
                anonymous,
                name,
                salutation,
                phone: text(Target::Phone),
                email: text(Target::Email),
                customer_no: text(Target::CustomerNo),
                company: text(Target::Company),
                address: text(Target::Address),
            },
            incident: Incident {
                occurred_at,
                place: text(Target::Place),
                product: text(Target::Product),
                model: text(Target::Model),
                order_ref: text(Target::OrderRef),
                own_words: text(Target::OwnWords),
                restatement: text(Target::Restatement),
                expectations,
                expectation_note: text(Target::ExpectationNote),
                emotion,
            },
            first_contact_owner: owner,
        };
        // The form's own validation: the same rules, the same field codes.
        match registration.validate(now) {
            Ok(r) if problems.is_empty() => Ok(r),
            Ok(_) => Err(problems),
            Err(issues) => {
                // A cell already reported (too large, so emptied) is not reported again as missing.
                let reported: Vec<usize> = problems.iter().filter_map(|p| p.column).collect();
                for issue in issues {
                    let targets = Target::of_field(issue.field);
                    let column = targets.iter().find_map(|&t| self.value(row, t).map(|(_, c)| c)).or_else(|| targets.iter().find_map(|&t| self.column(t)));
                    if column.is_some_and(|c| reported.contains(&c)) {
                        continue;
                    }
                    problems.push(RowProblem { line, column, field: Some(issue.field), kind: ProblemKind::Invalid { problem: issue.problem } });
                }
                Err(problems)
            }
        }
    }
}

/// Line breaks as the domain's multi-line text has them: CRLF and CR (Windows and old Mac
/// spreadsheets write them inside quoted cells) become LF.
fn unix_line_breaks(v: &str) -> String {
    v.replace("\r\n", "\n").replace('\r', "\n")
}
