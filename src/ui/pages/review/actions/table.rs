//! The actions of a period as one table in the current language (CSV and print use the same
//! strings as the page), and the recurring-problem rows of the review that can start one.

use chrono::NaiveDate;

use super::super::tables::{Chart, Table};
use crate::domain::action::{ActionSummary, Problem, ProblemKind};
use crate::domain::review::ReviewReport;
use crate::i18n::*;
use crate::ui::text::Translate;
use leptos_i18n::td_string;

/// How the page shows one action in the reviewed period.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub action: ActionSummary,
    /// Its status at the end of the period (or now, for a period not over yet).
    pub then: crate::domain::action::ActionStatus,
    /// Open and past its due date at that time.
    pub overdue: bool,
}

/// The actions as the review of a period shows them: `as_of_ms` and `as_of_day` are the end of
/// the period, or now while it lasts.
pub fn shown(actions: Vec<ActionSummary>, as_of_ms: i64, as_of_day: NaiveDate) -> Vec<Shown> {
    actions
        .into_iter()
        .map(|a| {
            let then = a.status_at(as_of_ms);
            let overdue = a.overdue_on(then, as_of_day);
            Shown { action: a, then, overdue }
        })
        .collect()
}

/// The problem as one line: its kind and the row's text.
pub fn problem_text(p: &Problem, l: Locale) -> String {
    format!("{}: {}", p.kind.text(l), p.label)
}

/// The due date, marked when overdue.
pub fn due_text(s: &Shown, l: Locale) -> String {
    if s.overdue { format!("{} ({})", s.action.due, td_string!(l, actions.overdue)) } else { s.action.due.to_string() }
}

/// The actions table (CSV, print): one row per action.
pub fn table(rows: &[Shown], l: Locale) -> Table {
    let t = |s: &'static str| s.to_string();
    Table {
        key: "actions",
        title: t(td_string!(l, actions.title)),
        headers: [
            td_string!(l, actions.col_title),
            td_string!(l, actions.col_problem),
            td_string!(l, actions.col_owner),
            td_string!(l, actions.col_due),
            td_string!(l, actions.col_status_then),
            td_string!(l, actions.col_status_now),
            td_string!(l, actions.col_complaints),
            td_string!(l, actions.col_note),
        ]
        .map(t)
        .to_vec(),
        rows: rows
            .iter()
            .map(|s| {
                let a = &s.action;
                let numbers: Vec<&str> = a.complaints.iter().map(|c| if c.number.is_empty() { c.id.as_str() } else { c.number.as_str() }).collect();
                vec![a.title.clone(), problem_text(&a.problem, l), a.owner.clone(), due_text(s, l), t(s.then.text(l)), t(a.status.text(l)), numbers.join(" "), a.note.clone()]
            })
            .collect(),
        chart: Chart::None,
        numbers: None,
    }
}

/// The problems the rows of a review table stand for, row by row, when the table lists
/// recurring problems (categories with their share, repeat products, customers coming back);
/// `None` for other tables. The label is the row's text as shown (type, sub-type and share;
/// product and count; customer, masked phone and count).
pub fn row_problems(table: &Table, report: &ReviewReport) -> Option<Vec<Problem>> {
    // At most a line's length (the domain's rule for the label).
    let label = |row: &Vec<String>, parts: &[usize]| parts.iter().filter_map(|i| row.get(*i)).filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" · ").chars().take(200).collect::<String>();
    match table.key {
        "categories" => Some(
            report
                .categories
                .iter()
                .zip(&table.rows)
                .map(|(c, row)| Problem {
                    kind: ProblemKind::Category,
                    key: match &c.subtype {
                        Some(s) => format!("{}/{s}", c.type_key),
                        None => c.type_key.clone(),
                    },
                    label: label(row, &[0, 1, 3]),
                })
                .collect(),
        ),
        "repeat_products" => Some(
            report.repeat_products.iter().zip(&table.rows).map(|(c, row)| Problem { kind: ProblemKind::Product, key: c.key.clone(), label: label(row, &[0, 1]) }).collect(),
        ),
        // The key is the phone's hash; the label the row as shown (name, masked phone, count).
        "repeat_customers" => Some(
            report.repeat_customer_list.iter().zip(&table.rows).map(|(c, row)| Problem { kind: ProblemKind::Customer, key: c.key.clone(), label: label(row, &[0, 1, 2]) }).collect(),
        ),
        _ => None,
    }
}
