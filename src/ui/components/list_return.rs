//! The way back to the Complaints list as it was last shown in this tab (its search, filters,
//! how many rows were loaded, and the scroll position), kept in `sessionStorage`: the list
//! page writes it, the complaint page's "Back to the list" reads it.

/// The session key of the last list address.
const LAST_LIST: &str = "complaints-list-address";
/// The session key of the scroll position of the list at an address.
const SCROLL: &str = "complaints-list-scroll";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Remembers the list's address.
pub fn remember_list(href: &str) {
    remember(LAST_LIST, href);
}

fn remember(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

/// The address of the list as it was last shown in this tab (`/complaints` at first): the
/// complaint page's way back keeps the search, filters and position.
pub fn last_list_href() -> String {
    session().and_then(|s| s.get_item(LAST_LIST).ok().flatten()).filter(|h| h.starts_with("/complaints")).unwrap_or_else(|| "/complaints".into())
}

/// Keeps the list's scroll position for `href` (called when the list page is left).
pub fn keep_scroll(href: &str, y: f64) {
    remember(LAST_LIST, href);
    remember(SCROLL, &format!("{y}|{href}"));
}

/// The scroll position kept for `href`, once (it is forgotten when read).
pub fn take_scroll(href: &str) -> Option<f64> {
    let s = session()?;
    let kept = s.get_item(SCROLL).ok().flatten()?;
    let (y, at) = kept.split_once('|')?;
    if at != href {
        return None;
    }
    let _ = s.remove_item(SCROLL);
    y.parse().ok()
}
