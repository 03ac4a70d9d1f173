//! The list's search, order and filters in the address (`/complaints?q=wang&status=all`), so
//! going to a complaint and back, reloading or sharing the link keeps them; how many rows were
//! loaded (`shown`) and the scroll position come back too.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use crate::domain::classify::Urgency;
use crate::domain::keyed::Keyed;
use crate::domain::workflow::Status;
use crate::services::{Filter, FilterField, Order};
use crate::i18n::*;
use crate::ui::components::list_return::remember_list;
use crate::ui::text::{Choice, Translate};
use leptos_i18n::td_string;

/// The order a person asks for (`order=newest`; due soonest is the default, no parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum ListOrder {
    Due,
    Newest,
}

/// Which statuses the list shows: open work (not closed, not archived; the default, no
/// parameter), every status (`status=all`) or one (`status=closed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChoice {
    OpenWork,
    Every,
    Only(Status),
}

impl StatusChoice {
    /// The value in the address (`""`: no parameter).
    pub fn key(self) -> &'static str {
        match self {
            StatusChoice::OpenWork => "",
            StatusChoice::Every => "all",
            StatusChoice::Only(s) => s.key(),
        }
    }

    fn from_key(key: &str) -> Option<StatusChoice> {
        match key {
            "" => Some(StatusChoice::OpenWork),
            "all" => Some(StatusChoice::Every),
            _ => Status::from_key(key).map(StatusChoice::Only),
        }
    }

    /// Every choice, in the order the filter offers them.
    pub fn all() -> Vec<StatusChoice> {
        let mut out = vec![StatusChoice::OpenWork, StatusChoice::Every];
        out.extend(Status::all().into_iter().map(StatusChoice::Only));
        out
    }
}

// How the filters name the choices: with the page's types, not in the shared `ui::text`
// (a shared module must not depend on a page).
impl Translate for ListOrder {
    fn text(self, locale: Locale) -> &'static str {
        match self {
            ListOrder::Due => td_string!(locale, complaints.order_due),
            ListOrder::Newest => td_string!(locale, complaints.order_newest),
        }
    }
}

impl Choice for ListOrder {
    fn option_key(self) -> &'static str {
        self.key()
    }
}

/// The list's status filter: open work, every status, or one status.
impl Translate for StatusChoice {
    fn text(self, locale: Locale) -> &'static str {
        match self {
            StatusChoice::OpenWork => td_string!(locale, list.open_work),
            StatusChoice::Every => td_string!(locale, list.every_status),
            StatusChoice::Only(s) => s.text(locale),
        }
    }
}

impl Choice for StatusChoice {
    fn option_key(self) -> &'static str {
        self.key()
    }
}

/// What the list shows, as the address holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub q: String,
    pub order: ListOrder,
    pub status: StatusChoice,
    pub type_key: String,
    pub urgency: Option<Urgency>,
    pub department: String,
    pub device: String,
    pub overdue: bool,
    /// How many rows were loaded ("Load more"), so coming back shows as many.
    pub shown: u32,
}

/// An address parameter whose value this version does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    Order,
    Status,
    Urgency,
}

/// A value in the address that is not a known key (an old or mistyped link): the list says
/// so and shows the default, rather than quietly reading it as something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub param: Param,
    pub value: String,
}

const KEYS: [&str; 9] = ["q", "order", "status", "type", "urgency", "department", "device", "overdue", "shown"];

/// `raw` read by `parse` (`""`, no parameter, is `empty`); an unknown value is noted and read as `empty`.
fn known<T>(raw: String, param: Param, empty: T, parse: fn(&str) -> Option<T>, unknown: &mut Vec<UnknownValue>) -> T {
    if raw.is_empty() {
        return empty;
    }
    parse(&raw).unwrap_or_else(|| {
        unknown.push(UnknownValue { param, value: raw });
        empty
    })
}

impl ListQuery {
    /// Reads the address's query: missing values are the defaults, and so are values that are
    /// not known keys, which come back as [`UnknownValue`]s for the list to mention.
    pub fn from_params(map: &ParamsMap) -> (ListQuery, Vec<UnknownValue>) {
        let get = |k: &str| map.get(k).unwrap_or_default();
        let mut unknown = Vec::new();
        let query = ListQuery {
            q: get("q"),
            order: known(get("order"), Param::Order, ListOrder::Due, ListOrder::from_key, &mut unknown),
            status: known(get("status"), Param::Status, StatusChoice::OpenWork, StatusChoice::from_key, &mut unknown),
            type_key: get("type"),
            urgency: known(get("urgency"), Param::Urgency, None, |k| Urgency::from_key(k).map(Some), &mut unknown),
            department: get("department"),
            device: get("device"),
            overdue: get("overdue") == "1",
            shown: get("shown").parse().unwrap_or(0),
        };
        (query, unknown)
    }

    fn values(&self) -> [String; 9] {
        [
            self.q.clone(),
            if self.order == ListOrder::Newest { ListOrder::Newest.key().into() } else { String::new() },
            self.status.key().into(),
            self.type_key.clone(),
            self.urgency.map_or("", Keyed::key).into(),
            self.department.clone(),
            self.device.clone(),
            if self.overdue { "1".into() } else { String::new() },
            if self.shown > 0 { self.shown.to_string() } else { String::new() },
        ]
    }

    /// The address of the list showing this (only values that are not the default).
    pub fn href(&self) -> String {
        let parts: Vec<String> = KEYS
            .iter()
            .zip(self.values())
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(&v))))
            .collect();
        if parts.is_empty() { "/complaints".into() } else { format!("/complaints?{}", parts.join("&")) }
    }

    /// Whether the list searches (then order and filters do not apply).
    pub fn searching(&self) -> bool {
        !self.q.trim().is_empty()
    }

    /// Whether the status choice includes complaints without a running clock (closed,
    /// archived): "due soonest" would leave them out, so they are listed newest first.
    pub fn newest_only(&self) -> bool {
        matches!(self.status, StatusChoice::Every | StatusChoice::Only(Status::Closed | Status::Archived))
    }

    /// The order the list is read in (see [`ListQuery::newest_only`]).
    pub fn order(&self) -> Order {
        if self.order == ListOrder::Newest || self.newest_only() { Order::Newest } else { Order::DueSoonest }
    }

    /// The list's filter at `now_ms`: the status choice first (open work reads the `stage`
    /// index), then the other chosen fields.
    pub fn filter(&self, now_ms: i64) -> Filter {
        let status = match self.status {
            StatusChoice::OpenWork => Some((FilterField::Stage, crate::store::views::STAGE_OPEN.to_string())),
            StatusChoice::Every => None,
            StatusChoice::Only(s) => Some((FilterField::Status, s.key().to_string())),
        };
        let others = [
            (FilterField::Type, self.type_key.as_str()),
            (FilterField::Urgency, self.urgency.map_or("", Keyed::key)),
            (FilterField::Department, &self.department),
            (FilterField::Device, &self.device),
        ];
        // A chosen field is more selective than "open work", so it leads (reads its index).
        let mut equals: Vec<(FilterField, String)> = others.into_iter().filter(|(_, v)| !v.is_empty()).map(|(f, v)| (f, v.to_string())).collect();
        match status {
            Some(s @ (FilterField::Status, _)) => equals.insert(0, s),
            Some(s) => equals.push(s),
            None => {}
        }
        Filter { equals, overdue_at: self.overdue.then_some(now_ms) }
    }
}

/// The list's query from the address (with the values it did not know), and a way to write
/// it back (replacing the history entry, not adding one per keystroke).
pub fn use_list_query() -> (ListQuery, Vec<UnknownValue>, impl Fn(&ListQuery) + Clone) {
    let (start, unknown) = use_query_map().with_untracked(ListQuery::from_params);
    let navigate = use_navigate();
    let write = move |q: &ListQuery| {
        let href = q.href();
        remember_list(&href);
        navigate(&href, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    (start, unknown, write)
}

