//! Files picked in a file input (camera or documents), shared by the Register form and the
//! complaint's attachments panel.

use leptos::prelude::*;

/// The files picked in a file input.
pub fn picked_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let Some(list) = input.files() else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
