//! Every table of the review in the current language, built once from the report: the page
//! shows them, the charts draw from them and the CSV export writes them, so the figures on
//! screen, on paper and in the spreadsheet are the same strings.

use crate::domain::config::DomainConfig;
use crate::domain::review::report::{self, hours_text, percent_text, Frequency, VERDICTS, URGENCIES};
use crate::domain::review::customers::RepeatCustomer;
use crate::domain::review::{AgeBand, ReviewReport};
use crate::i18n::*;
use crate::ui::text::{department_text, type_name, Translate};
use leptos_i18n::td_string;
use strum::IntoEnumIterator;

/// What chart a table gets (its first column as labels, this column as values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    None,
    Bars(usize),
    Trend,
    HeatMap,
}

/// One table: a stable key (test ids, file names), a title, headers and rows of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub key: &'static str,
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub chart: Chart,
    /// The column that lists complaint numbers (separated by spaces): on the page each is a
    /// link that finds that complaint; printed and in CSV they stay text.
    pub numbers: Option<usize>,
}

fn n(v: u32) -> String {
    v.to_string()
}

/// A type key's name; empty (not classified yet) has its own words.
fn type_text(config: &DomainConfig, l: Locale, key: &str) -> String {
    if key.is_empty() { td_string!(l, review.not_set).to_string() } else { type_name(config, l, key) }
}

fn dept_text(l: Locale, key: &str) -> String {
    if key.is_empty() { td_string!(l, review.not_set).to_string() } else { department_text(l, key) }
}

fn subtype_text(config: &DomainConfig, l: Locale, type_key: &str, sub: Option<&str>) -> String {
    sub.map_or_else(String::new, |s| config.subtype_label(type_key, s).text(l.as_ref()).to_string())
}

fn frequency_text(l: Locale, f: Frequency) -> String {
    match f {
        Frequency::High => td_string!(l, review.freq_high),
        Frequency::Medium => td_string!(l, review.freq_medium),
        Frequency::Low => td_string!(l, review.freq_low),
    }
    .to_string()
}

fn band_text(l: Locale, b: AgeBand) -> String {
    match b {
        AgeBand::UnderOneDay => td_string!(l, review.age_under_1d),
        AgeBand::OneToThreeDays => td_string!(l, review.age_1_3d),
        AgeBand::ThreeToSevenDays => td_string!(l, review.age_3_7d),
        AgeBand::SevenToThirtyDays => td_string!(l, review.age_7_30d),
        AgeBand::OverThirtyDays => td_string!(l, review.age_over_30d),
    }
    .to_string()
}

fn counts(key: &'static str, title: String, first: String, rows: Vec<(String, u32)>, total: u32, l: Locale) -> Table {
    Table {
        key,
        title,
        headers: vec![first, td_string!(l, review.col_count).into(), td_string!(l, review.col_share).into()],
        rows: rows.into_iter().map(|(k, v)| vec![k, n(v), percent_text(report::permille(v, total))]).collect(),
        chart: Chart::Bars(1),
        numbers: None,
    }
}

/// Customers coming back: the name (or "Anonymous customer"), the phone's last digits only
/// (the page is printed and exported), the count and the first complaint numbers (at most
/// `customers::NUMBERS_KEPT`: the count says when there are more).
fn repeat_customers(r: &ReviewReport, l: Locale) -> Table {
    let t = |s: &'static str| s.to_string();
    let name = |c: &RepeatCustomer| match c.name.as_deref().map(str::trim) {
        Some("") => t(td_string!(l, customer.anonymous_customer)),
        Some(name) => name.to_string(),
        None => "—".into(),
    };
    Table {
        key: "repeat_customers",
        title: t(td_string!(l, review.t_repeat_customers)),
        headers: [td_string!(l, review.col_customer), td_string!(l, review.col_phone_tail), td_string!(l, review.col_count), td_string!(l, review.col_numbers)].map(t).to_vec(),
        rows: r.repeat_customer_list.iter().map(|c| vec![name(c), format!("****{}", c.phone_tail), n(c.n), c.numbers.join(" ")]).collect(),
        chart: Chart::None,
        numbers: Some(3),
    }
}

/// Every table, in page order.
/// `devices`: (id, name to show) of the devices this one knows.
pub fn tables(r: &ReviewReport, config: &DomainConfig, devices: &[(String, String)], l: Locale) -> Vec<Table> {
    let device = |id: &str| devices.iter().find(|(k, _)| k == id).map_or_else(|| id.to_string(), |(_, name)| name.clone());
    let t = |s: &'static str| s.to_string();
    let total = r.received;
    let s = &r.satisfaction;
    let summary = vec![
        (td_string!(l, review.received), n(total)),
        (td_string!(l, review.registered_late), n(r.registered_late)),
        (td_string!(l, review.reopened), format!("{} ({})", r.reopened, percent_text(r.rate(r.reopened)))),
        (td_string!(l, review.second_round), format!("{} ({})", r.second_round, percent_text(r.rate(r.second_round)))),
        (td_string!(l, review.failed_contact), n(r.closed_after_failed_contact)),
        (td_string!(l, review.first_contact_median), hours_text(r.first_contact.median)),
        (td_string!(l, review.first_contact_p90), hours_text(r.first_contact.p90)),
        (td_string!(l, review.resolution_median), hours_text(r.resolution.median)),
        (td_string!(l, review.resolution_p90), hours_text(r.resolution.p90)),
        (td_string!(l, review.response_rate), percent_text(s.response_rate())),
        (td_string!(l, review.points), report::decimal_text(s.points())),
        (td_string!(l, review.repeat_customers), format!("{} / {}", r.repeat_customers, r.repeat_customer_complaints)),
        (td_string!(l, review.backlog_overdue), n(r.backlog_overdue)),
    ];
    let mut products: Vec<(String, u32)> = r.by_product.iter().map(|c| (c.key.clone(), c.n)).collect();
    if r.other_products > 0 {
        products.push((td_string!(l, review.other).into(), r.other_products));
    }
    let dims = [td_string!(l, review.dim_attitude), td_string!(l, review.dim_efficiency), td_string!(l, review.dim_competence), td_string!(l, review.dim_clarity), td_string!(l, review.dim_overall)];
    vec![
        Table {
            key: "summary",
            title: t(td_string!(l, review.t_summary)),
            headers: vec![t(td_string!(l, review.col_figure)), t(td_string!(l, review.col_value))],
            rows: summary.into_iter().map(|(k, v)| vec![t(k), v]).collect(),
            chart: Chart::None,
            numbers: None,
        },
        Table {
            key: "trend",
            title: t(td_string!(l, review.t_trend)),
            headers: vec![t(td_string!(l, review.col_period)), t(td_string!(l, review.col_count))],
            rows: r.trend.iter().map(|(b, c)| vec![if b.first == b.last { b.first.to_string() } else { format!("{} – {}", b.first, b.last) }, n(*c)]).collect(),
            chart: Chart::Trend,
            numbers: None,
        },
        counts("by_type", t(td_string!(l, review.t_by_type)), t(td_string!(l, review.col_type)), r.by_type.iter().map(|c| (type_text(config, l, &c.key), c.n)).collect(), total, l),
        counts("by_channel", t(td_string!(l, review.t_by_channel)), t(td_string!(l, review.col_channel)), r.by_channel.iter().map(|(c, v)| (t(c.text(l)), *v)).collect(), total, l),
        counts("by_department", t(td_string!(l, review.t_by_department)), t(td_string!(l, review.col_department)), r.by_department.iter().map(|c| (dept_text(l, &c.key), c.n)).collect(), total, l),
        counts("by_product", t(td_string!(l, review.t_by_product)), t(td_string!(l, review.col_product)), products, total, l),
        counts("by_device", t(td_string!(l, review.t_by_device)), t(td_string!(l, review.col_device)), r.by_device.iter().map(|c| (device(&c.key), c.n)).collect(), total, l),
        Table {
            key: "on_time",
            title: t(td_string!(l, review.t_on_time)),
            headers: [td_string!(l, review.col_clock), td_string!(l, review.col_met), td_string!(l, review.col_met_late), td_string!(l, review.col_running), td_string!(l, review.col_overdue), td_string!(l, review.col_on_time)].map(t).to_vec(),
            rows: r
                .clocks
                .iter()
                .filter(|c| c.met + c.met_late + c.running + c.overdue > 0)
                .map(|c| vec![t(c.kind.text(l)), n(c.met), n(c.met_late), n(c.running), n(c.overdue), percent_text(c.on_time())])
                .collect(),
            chart: Chart::None,
            numbers: None,
        },
        Table {
            key: "satisfaction",
            title: t(td_string!(l, review.t_satisfaction)),
            headers: vec![t(td_string!(l, review.col_dimension)), t(td_string!(l, review.col_average))],
            rows: dims.iter().enumerate().map(|(i, d)| vec![t(d), report::decimal_text(s.average(i))]).collect(),
            chart: Chart::None,
            numbers: None,
        },
        counts("verdicts", t(td_string!(l, review.t_verdicts)), t(td_string!(l, review.col_verdict)), VERDICTS.iter().map(|v| (t(v.text(l)), s.verdict_count(*v))).collect(), s.surveyed, l),
        Table {
            key: "categories",
            title: t(td_string!(l, review.t_categories)),
            headers: [td_string!(l, review.col_type), td_string!(l, review.col_subtype), td_string!(l, review.col_count), td_string!(l, review.col_share), td_string!(l, review.col_frequency)].map(t).to_vec(),
            rows: r
                .categories
                .iter()
                .map(|c| vec![type_text(config, l, &c.type_key), subtype_text(config, l, &c.type_key, c.subtype.as_deref()), n(c.n), percent_text(Some(c.share)), frequency_text(l, c.frequency)])
                .collect(),
            chart: Chart::None,
            numbers: None,
        },
        Table {
            key: "matrix",
            title: t(td_string!(l, review.t_matrix)),
            headers: std::iter::once(t(td_string!(l, review.col_frequency))).chain(URGENCIES.iter().map(|u| t(u.text(l)))).collect(),
            rows: Frequency::iter().map(|f| std::iter::once(frequency_text(l, f)).chain(r.matrix[f.index()].iter().map(|v| n(*v))).collect()).collect(),
            chart: Chart::HeatMap,
            numbers: None,
        },
        counts("repeat_products", t(td_string!(l, review.t_repeat_products)), t(td_string!(l, review.col_product)), r.repeat_products.iter().map(|c| (c.key.clone(), c.n)).collect(), total, l),
        repeat_customers(r, l),
        Table {
            key: "departments",
            title: t(td_string!(l, review.t_departments)),
            headers: [td_string!(l, review.col_department), td_string!(l, review.received), td_string!(l, review.col_on_time_n), td_string!(l, review.col_late), td_string!(l, review.col_on_time), td_string!(l, review.points)].map(t).to_vec(),
            rows: r
                .departments
                .iter()
                .map(|d| vec![dept_text(l, &d.department), n(d.received), n(d.on_time), n(d.late), percent_text(d.on_time_rate()), report::decimal_text(d.satisfaction())])
                .collect(),
            chart: Chart::None,
            numbers: None,
        },
        Table {
            key: "backlog",
            title: t(td_string!(l, review.t_backlog)),
            headers: vec![t(td_string!(l, review.col_age)), t(td_string!(l, review.col_count))],
            rows: AgeBand::iter().map(|b| vec![band_text(l, b), n(r.backlog_count(b))]).collect(),
            chart: Chart::Bars(1),
            numbers: None,
        },
    ]
}
