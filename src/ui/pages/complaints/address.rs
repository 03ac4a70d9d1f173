//! The list's search, order and filters in the address (`/complaints?q=wang&status=all`), so
//! going to a complaint and back, reloading or sharing the link keeps them; how many rows were
//! loaded (`shown`) and the scroll position come back too.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use crate::services::{Filter, FilterField, Order};
use crate::ui::components::list_return::remember_list;

/// The status choice of the default list: open work (not closed, not archived).
pub const OPEN_WORK: &str = "";
/// The status choice that shows every complaint, closed and archived too.
pub const EVERY_STATUS: &str = "all";


/// What the list shows, as the address holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub q: String,
    /// `due` (the default) or `newest`.
    pub order: String,
    /// [`OPEN_WORK`], [`EVERY_STATUS`] or a status key.
    pub status: String,
    pub type_key: String,
    pub urgency: String,
    pub department: String,
    pub device: String,
    pub overdue: bool,
    /// How many rows were loaded ("Load more"), so coming back shows as many.
    pub shown: u32,
}

const KEYS: [&str; 9] = ["q", "order", "status", "type", "urgency", "department", "device", "overdue", "shown"];

impl ListQuery {
    /// Reads the address's query (unknown or missing values are the defaults).
    pub fn from_params(map: &ParamsMap) -> ListQuery {
        let get = |k: &str| map.get(k).unwrap_or_default();
        ListQuery {
            q: get("q"),
            order: if get("order") == "newest" { "newest".into() } else { "due".into() },
            status: get("status"),
            type_key: get("type"),
            urgency: get("urgency"),
            department: get("department"),
            device: get("device"),
            overdue: get("overdue") == "1",
            shown: get("shown").parse().unwrap_or(0),
        }
    }

    fn values(&self) -> [String; 9] {
        [
            self.q.clone(),
            if self.order == "newest" { "newest".into() } else { String::new() },
            self.status.clone(),
            self.type_key.clone(),
            self.urgency.clone(),
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
        matches!(self.status.as_str(), EVERY_STATUS | "closed" | "archived")
    }

    /// The order the list is read in (see [`ListQuery::newest_only`]).
    pub fn order(&self) -> Order {
        if self.order == "newest" || self.newest_only() { Order::Newest } else { Order::DueSoonest }
    }

    /// The list's filter at `now_ms`: the status choice first (open work reads the `stage`
    /// index), then the other chosen fields.
    pub fn filter(&self, now_ms: i64) -> Filter {
        let status = match self.status.as_str() {
            OPEN_WORK => Some((FilterField::Stage, crate::store::views::STAGE_OPEN.to_string())),
            EVERY_STATUS => None,
            key => Some((FilterField::Status, key.to_string())),
        };
        let others = [
            (FilterField::Type, &self.type_key),
            (FilterField::Urgency, &self.urgency),
            (FilterField::Department, &self.department),
            (FilterField::Device, &self.device),
        ];
        // A chosen field is more selective than "open work", so it leads (reads its index).
        let mut equals: Vec<(FilterField, String)> = others.into_iter().filter(|(_, v)| !v.is_empty()).map(|(f, v)| (f, v.clone())).collect();
        match status {
            Some(s @ (FilterField::Status, _)) => equals.insert(0, s),
            Some(s) => equals.push(s),
            None => {}
        }
        Filter { equals, overdue_at: self.overdue.then_some(now_ms) }
    }
}

/// The list's query from the address, and a way to write it back (replacing the history
/// entry, not adding one per keystroke).
pub fn use_list_query() -> (ListQuery, impl Fn(&ListQuery) + Clone) {
    let start = use_query_map().with_untracked(ListQuery::from_params);
    let navigate = use_navigate();
    let write = move |q: &ListQuery| {
        let href = q.href();
        remember_list(&href);
        navigate(&href, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    (start, write)
}

