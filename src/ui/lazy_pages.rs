//! Pages loaded on first use. Each `#[lazy_route]` view is cut into its own wasm file after
//! the build (scripts/wasm-split.mjs), so a first visit downloads only the shell, the list and
//! Register; the service worker precaches the rest, so they open offline too. A wasm that
//! skipped that step cannot start: it imports the split loader, which only that step writes.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::ui::pages::{csv_import::CsvImportPage, data::DataPage, detail::DetailPage, feedback_form::FeedbackFormPage, review::ReviewPage, settings::SettingsPage};

/// One lazily loaded page: a route type whose view is the page component, built in its chunk.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:ident) => {
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(/// A complaint's page.
    DetailRoute => DetailPage);
lazy_page!(/// The printable feedback form of a complaint.
    FeedbackFormRoute => FeedbackFormPage);
lazy_page!(/// The Review page (复盘).
    ReviewRoute => ReviewPage);
lazy_page!(/// Export and import of batch files.
    DataRoute => DataPage);
lazy_page!(/// CSV import.
    CsvImportRoute => CsvImportPage);
lazy_page!(/// Settings.
    SettingsRoute => SettingsPage);
