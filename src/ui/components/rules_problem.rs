//! A banner on every page while the working rules saved on this device are not in use (they
//! could not be read, or the domain's checks refuse them): the reason, a download of the saved
//! text, and the way to repair them. Deadlines must never change without the user knowing.

use leptos::prelude::*;
use crate::browser::base::href;
use leptos_router::components::A;

use crate::i18n::*;
use crate::services::desk::RulesProblem;
use crate::ui::text::error_text;

/// The current problem with the saved rules, shared by the banner and the Settings page.
#[derive(Clone, Copy)]
pub struct RulesStatus(pub RwSignal<Option<RulesProblem>>);

pub fn use_rules_status() -> RulesStatus {
    expect_context::<RulesStatus>()
}

/// Shows the saved rules' problem, if there is one.
#[component]
pub fn RulesProblemBanner() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_rules_status().0;
    move || {
        status.get().map(|p| {
            // `rules_invalid` carries the refused part's code; anything else is the parser's words.
            let detail = p.detail.clone();
            let reason = move || {
                let l = i18n.get_locale();
                let head = error_text(l, p.code);
                if p.code == "rules_invalid" { format!("{head} {}", error_text(l, &detail)) } else { format!("{head} {detail}") }
            };
            view! {
                <section class="rules-problem" role="alert" aria-labelledby="rules-problem-title" data-testid="rules-problem">
                    <h2 id="rules-problem-title">{t!(i18n, rules_problem.title)}</h2>
                    <p>{t!(i18n, rules_problem.reason)}" "<span data-testid="rules-problem-reason">{reason}</span></p>
                    <p>{t!(i18n, rules_problem.body)}</p>
                    <p class="actions">
                        <A href=href("/settings")>{t!(i18n, rules_problem.repair)}</A>
                        {p.raw.map(|raw| view! { <RawDownload raw/> })}
                    </p>
                </section>
            }
        })
    }
}

/// A download link for the saved rules' text (a file, never opened on the app's origin).
#[component]
fn RawDownload(raw: String) -> impl IntoView {
    let i18n = use_i18n();
    let url = crate::browser::download::text_url(&raw);
    let revoke = url.clone();
    on_cleanup(move || {
        if let Some(u) = &revoke {
            let _ = web_sys::Url::revoke_object_url(u);
        }
    });
    url.map(|href| view! {
        <a href=href download="working-rules-saved.json" data-testid="rules-problem-download">{t!(i18n, rules_problem.download)}</a>
    })
}
