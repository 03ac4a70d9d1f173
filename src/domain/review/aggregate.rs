//! The streaming aggregation: rows go in one at a time (`add`), counters and small numeric
//! vectors are all that is kept, and `finish` sorts and rounds them into a report. A
//! complaint is one row, so a reopened complaint counts once (its second round is a flag).

use std::collections::HashMap;

use strum::IntoEnumIterator;

use super::backlog::Backlog;
use super::customers::Customers;
use super::filter::ReviewFilter;
use super::period::Period;
use super::quantile::percentile;
use super::report::{permille, urgency_index, verdict_index, Category, ClockRate, Count, DepartmentRow, Frequency, ReviewReport, Satisfaction, Timing};
use super::row::{Outcome, ReviewRow};
use crate::domain::channel::Channel;
use crate::domain::sla::{BusinessCalendar, ClockKind};

/// How many products the counts list by name (the rest are "other").
pub const TOP_PRODUCTS: usize = 10;

#[derive(Default)]
struct Dept {
    received: u32,
    late: u32,
    surveyed: u32,
    points: u64,
}

/// A category: type key (empty when not classified) and sub-type.
type CategoryKey = (String, Option<String>);

/// A review being computed.
pub struct Review {
    period: Period,
    range: (i64, i64),
    filter: ReviewFilter,
    cal: BusinessCalendar,
    now_ms: i64,
    received: u32,
    // Few distinct values: small vectors searched in order (less code than a map per type).
    by_type: Vec<(String, u32)>,
    /// By `Channel as usize` (declaration order).
    by_channel: Vec<u32>,
    by_department: Vec<(String, Dept)>,
    by_device: Vec<(String, u32)>,
    /// Products can be many: hashed.
    by_product: HashMap<String, u32>,
    trend: Vec<u32>,
    /// By `ClockKind as usize`, then met, met late, running, overdue.
    clocks: Vec<[u32; 4]>,
    first_contact: Vec<u32>,
    resolution: Vec<u32>,
    satisfaction: Satisfaction,
    registered_late: u32,
    reopened: u32,
    second_round: u32,
    closed_after_failed_contact: u32,
    /// (type, sub-type) → complaints by urgency (urgent, normal, low, not set).
    categories: Vec<(CategoryKey, [u32; 4])>,
    /// Complaints per customer, by a hash of the phone digits (never the number itself).
    customers: Customers,
    backlog: Backlog,
}

fn outcome_index(o: Outcome) -> usize {
    match o {
        Outcome::Met => 0,
        Outcome::MetLate => 1,
        Outcome::Running => 2,
        Outcome::Overdue => 3,
    }
}

/// The entry whose key `is`, added with a default value if new (the key is only made, and
/// allocated, then: most rows find theirs).
fn entry<K, V: Default>(v: &mut Vec<(K, V)>, is: impl Fn(&K) -> bool, make: impl FnOnce() -> K) -> &mut V {
    let i = match v.iter().position(|(k, _)| is(k)) {
        Some(i) => i,
        None => {
            v.push((make(), V::default()));
            v.len() - 1
        }
    };
    &mut v[i].1
}

fn sorted_counts(map: impl IntoIterator<Item = (String, u32)>) -> Vec<Count> {
    let mut v: Vec<Count> = map.into_iter().map(|(key, n)| Count { key, n }).collect();
    crate::domain::sort::sort_by(&mut v, |a, b| b.n.cmp(&a.n).then_with(|| a.key.cmp(&b.key)));
    v
}

impl Review {
    pub fn new(period: Period, filter: ReviewFilter, cal: &BusinessCalendar, now_ms: i64) -> Review {
        Review {
            range: period.utc_range(cal),
            trend: vec![0; period.buckets().len()],
            period,
            filter,
            cal: cal.clone(),
            now_ms,
            received: 0,
            by_type: Vec::new(),
            by_channel: vec![0; Channel::iter().count()],
            by_department: Vec::new(),
            by_device: Vec::new(),
            by_product: HashMap::new(),
            clocks: vec![[0; 4]; ClockKind::iter().count()],
            first_contact: Vec::new(),
            resolution: Vec::new(),
            satisfaction: Satisfaction::default(),
            registered_late: 0,
            reopened: 0,
            second_round: 0,
            closed_after_failed_contact: 0,
            categories: Vec::new(),
            customers: Customers::default(),
            backlog: Backlog::default(),
        }
    }

    /// The UTC range `[start, end)` whose received rows belong to the period.
    pub fn range(&self) -> (i64, i64) {
        self.range
    }

    /// Counts an open row in the backlog (any received time; the filters apply).
    pub fn add_open(&mut self, row: &ReviewRow) {
        if self.filter.matches(row) {
            self.backlog.add(row, self.now_ms);
        }
    }

    /// Counts a row received in the period (rows outside it or not matching the filters are
    /// skipped, so a caller may stream a wider range).
    pub fn add(&mut self, row: &ReviewRow) {
        if row.received_ms < self.range.0 || row.received_ms >= self.range.1 || !self.filter.matches(row) {
            return;
        }
        self.received += 1;
        let type_key = row.type_key.as_deref().unwrap_or("");
        *entry(&mut self.by_type, |k| k == type_key, || type_key.to_owned()) += 1;
        self.by_channel[row.channel as usize] += 1;
        *entry(&mut self.by_device, |k| *k == row.device, || row.device.clone()) += 1;
        if !row.product_key.is_empty() {
            match self.by_product.get_mut(&row.product_key) {
                Some(n) => *n += 1,
                None => drop(self.by_product.insert(row.product_key.clone(), 1)),
            }
        }
        if let Some(i) = self.period.bucket_of(self.cal.local(row.received_ms).date()) {
            self.trend[i] += 1;
        }
        let late = row.late(self.now_ms);
        for c in &row.clocks {
            self.clocks[c.kind as usize][outcome_index(c.outcome_at(self.now_ms))] += 1;
        }
        self.first_contact.extend(row.first_contact_min);
        self.resolution.extend(row.resolution_min);
        let department = row.department.as_deref().unwrap_or("");
        let dept = entry(&mut self.by_department, |k| k == department, || department.to_owned());
        dept.received += 1;
        dept.late += u32::from(late);
        self.satisfaction.resolved += u32::from(row.resolved);
        if let Some(s) = &row.survey {
            self.satisfaction.surveyed += 1;
            for (sum, score) in self.satisfaction.sums.iter_mut().zip(s.scores) {
                *sum += u64::from(score);
            }
            self.satisfaction.verdicts[verdict_index(s.verdict)] += 1;
            dept.surveyed += 1;
            dept.points += u64::from(s.verdict.points());
        }
        self.registered_late += u32::from(row.registered_late());
        self.reopened += u32::from(row.reopened);
        self.second_round += u32::from(row.second_round);
        self.closed_after_failed_contact += u32::from(row.closed_after_failed_contact);
        let subtype = row.subtype.as_deref();
        let cat = entry(&mut self.categories, |(t, s)| t == type_key && s.as_deref() == subtype, || (type_key.to_owned(), subtype.map(str::to_owned)));
        cat[row.urgency.map_or(3, urgency_index)] += 1;
        self.customers.add(row);
    }

    /// The report: counts sorted (most first), quantiles taken, rates left as counts.
    pub fn finish(mut self) -> ReviewReport {
        let received = self.received;
        let mut products = sorted_counts(self.by_product);
        let repeat_products: Vec<Count> = products.iter().filter(|c| c.n >= 2).take(TOP_PRODUCTS).cloned().collect();
        let other_products = products.iter().skip(TOP_PRODUCTS).map(|c| c.n).sum();
        products.truncate(TOP_PRODUCTS);
        let mut categories: Vec<Category> = self
            .categories
            .into_iter()
            .map(|((type_key, subtype), u)| {
                let n = u.iter().sum();
                let share = permille(n, received).unwrap_or(0);
                Category { type_key, subtype, n, share, frequency: Frequency::of(share), by_urgency: [u[0], u[1], u[2]] }
            })
            .collect();
        crate::domain::sort::sort_by(&mut categories, |a, b| b.n.cmp(&a.n).then_with(|| (&a.type_key, &a.subtype).cmp(&(&b.type_key, &b.subtype))));
        let mut matrix = [[0u32; 3]; 3];
        for c in categories.iter().filter(|c| !c.type_key.is_empty()) {
            for (cell, n) in matrix[c.frequency.index()].iter_mut().zip(c.by_urgency) {
                *cell += n;
            }
        }
        let timing = |v: &mut Vec<u32>| {
            crate::domain::sort::sort(v);
            Timing { n: v.len() as u32, median: percentile(v, 50), p90: percentile(v, 90) }
        };
        let (repeat_customers, repeat_customer_complaints, repeat_customer_list) = self.customers.finish();
        let mut departments: Vec<DepartmentRow> = self
            .by_department
            .into_iter()
            .map(|(department, d)| DepartmentRow { department, received: d.received, on_time: d.received - d.late, late: d.late, surveyed: d.surveyed, points_sum: d.points })
            .collect();
        crate::domain::sort::sort_by(&mut departments, |a, b| b.received.cmp(&a.received).then_with(|| a.department.cmp(&b.department)));
        ReviewReport {
            period: self.period,
            now_ms: self.now_ms,
            received,
            by_type: sorted_counts(self.by_type),
            by_channel: Channel::iter().map(|c| (c, self.by_channel[c as usize])).collect(),
            by_department: departments.iter().map(|d| Count { key: d.department.clone(), n: d.received }).collect(),
            by_device: sorted_counts(self.by_device),
            by_product: products,
            other_products,
            trend: self.period.buckets().into_iter().zip(self.trend).collect(),
            clocks: ClockKind::iter()
                .map(|kind| {
                    let c = self.clocks[kind as usize];
                    ClockRate { kind, met: c[0], met_late: c[1], running: c[2], overdue: c[3] }
                })
                .collect(),
            first_contact: timing(&mut self.first_contact),
            resolution: timing(&mut self.resolution),
            satisfaction: self.satisfaction,
            registered_late: self.registered_late,
            reopened: self.reopened,
            second_round: self.second_round,
            closed_after_failed_contact: self.closed_after_failed_contact,
            categories,
            repeat_customers,
            repeat_customer_complaints,
            repeat_customer_list,
            repeat_products,
            matrix,
            departments,
            backlog: self.backlog.bands,
            backlog_overdue: self.backlog.overdue,
        }
    }
}
