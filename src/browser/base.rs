//! Where the app is served from. Trunk writes the public URL into the page's `<base href>`
//! (`--public-url /desk/` gives `/desk/`), so the router reads it here and every route, link
//! and redirect works both at a site's root and under a sub-path.

/// The router's base path: `""` at the site root, `"/desk"` under `https://example.org/desk/`.
pub fn router_base() -> String {
    BASE.with(|b| b.clone())
}

/// The address of an app path (`"/complaints"`) for a link's `href`: leptos_router prefixes the
/// base when it navigates, but takes an absolute `href` as written, so links go through here.
/// (Paths given to `use_navigate` stay unprefixed: the router adds the base itself.)
pub fn href(path: &str) -> String {
    BASE.with(|b| format!("{b}{path}"))
}

thread_local! {
    // The <base> never changes while the page lives.
    static BASE: String = read_base();
}

fn read_base() -> String {
    let base_uri = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    base_uri
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| base_path(&url.pathname()))
        .unwrap_or_default()
}

/// The path without its trailing slash, as leptos_router expects a base (`"/"` becomes `""`).
fn base_path(pathname: &str) -> String {
    pathname.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::base_path;

    #[test]
    fn root_and_sub_path() {
        assert_eq!(base_path("/"), "");
        assert_eq!(base_path("/desk/"), "/desk");
        assert_eq!(base_path("/a/b/"), "/a/b");
    }
}
