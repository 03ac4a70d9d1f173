//! A Leptos 0.8 app with nothing of the complaint desk in it, to measure what the framework
//! alone costs in the release build (see Cargo.toml; `scripts/leptos-floor.sh`).

use leptos::prelude::*;

#[cfg(feature = "i18n")]
#[allow(deprecated)]
mod i18n_gen {
    leptos_i18n::load_locales!();
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// A counter: the reactive system, one view, one event handler.
#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0u32);
    view! { <button on:click=move |_| set_count.update(|c| *c += 1)>"Clicked " {count}</button> }
}

#[cfg(not(feature = "router"))]
#[component]
fn App() -> impl IntoView {
    view! { <Counter/> }
}

#[cfg(feature = "router")]
#[component]
fn App() -> impl IntoView {
    use leptos_router::components::{Route, Router, Routes, A};
    use leptos_router::path;
    let routes = view! {
        <Router>
            <nav><A href="/">"Home"</A> " " <A href="/item/1">"Item"</A></nav>
            <main>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=Counter/>
                    <Route path=path!("/item/:id") view=Item/>
                </Routes>
            </main>
        </Router>
    };
    #[cfg(feature = "i18n")]
    let routes = {
        use i18n_gen::i18n::*;
        view! {
            <I18nContextProvider>
                <p>{move || t!(use_i18n(), skip_to_content)}</p>
                {routes}
            </I18nContextProvider>
        }
    };
    routes
}

/// The route's parameter, and with `data` a typed row decoded and a database opened.
#[cfg(feature = "router")]
#[component]
fn Item() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    #[cfg(feature = "data")]
    let extra = data::view(id());
    #[cfg(not(feature = "data"))]
    let extra = ();
    view! { <p>"Item " {id}</p> {extra} }
}

#[cfg(feature = "data")]
mod data {
    use leptos::prelude::*;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    struct Row {
        id: String,
        number: String,
        received_at: chrono::NaiveDateTime,
        due_ms: Option<i64>,
        terms: Vec<String>,
    }

    pub fn view(id: String) -> impl IntoView {
        let (opened, set_opened) = signal(String::new());
        let name = id.clone();
        leptos::task::spawn_local(async move {
            let factory = idb::Factory::new().unwrap();
            let text = match factory.open(&name, Some(1)).unwrap().await {
                Ok(db) => db.name(),
                Err(e) => e.to_string(),
            };
            set_opened.set(text);
        });
        let text = format!(r#"[{{"id":"{id}","number":"N","received_at":"2026-11-27T10:00:00","due_ms":null,"terms":[]}}]"#);
        let rows: Vec<Row> = serde_json::from_str(&text).unwrap_or_default();
        let shown = rows
            .iter()
            .map(|r| format!("{} {} {}", r.number, r.received_at.format("%Y-%m-%d %H:%M"), serde_json::to_string(r).unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p>{shown}</p> <p>{opened}</p> }
    }
}
