//! Import of batch files on the Data page: pick or drop files, see a preview of each that
//! changes nothing, then import with progress and Stop, and a summary per file.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::action::ActionField;
use crate::domain::batch::format::{ExportingDevice, MAX_BATCH_BYTES};
use crate::domain::batch::import::Summary;
use crate::i18n::*;
use crate::services::import::{ImportOutcome, ImportPreview, ImportProgress};
use crate::ui::text::{error_text, Translate};

/// How many refused records a preview lists (all of them go to quarantine).
const SHOWN_REFUSALS: usize = 20;

/// One refused record as the preview lists it.
#[derive(Debug, Clone, PartialEq)]
struct RefusedLine {
    index: usize,
    id: Option<String>,
    code: &'static str,
    detail: String,
}

/// A file's preview, in plain data the view can hold.
#[derive(Debug, Clone, PartialEq)]
struct PreviewInfo {
    from: ExportingDevice,
    created_ms: i64,
    summary: Summary,
    refused: Vec<RefusedLine>,
    /// Devices whose clock was ahead of this one's when they took steps: (shown name, hours).
    skewed: Vec<(String, i64)>,
    /// Improvement action fields the import puts in conflict: (action title, field).
    action_conflicts: Vec<(String, ActionField)>,
}

/// Where one picked file stands.
#[derive(Debug, Clone, PartialEq)]
enum FileState {
    Reading,
    /// A sealed file: it needs its passphrase (the last attempt's error, if any).
    Locked { error: Option<&'static str> },
    /// The whole file was refused: its error code and the precise reason.
    Refused { code: &'static str, detail: String },
    Ready(PreviewInfo),
    Importing(PreviewInfo),
    Imported { info: PreviewInfo, outcome: ImportOutcome },
    Failed { info: PreviewInfo, code: &'static str },
}

#[derive(Debug, Clone, PartialEq)]
struct PickedFile {
    key: usize,
    name: String,
    state: FileState,
}

impl PickedFile {
    fn ready(&self) -> bool {
        matches!(&self.state, FileState::Ready(info) if has_changes(&info.summary))
    }
}

fn has_changes(s: &Summary) -> bool {
    s.new_events + s.replaced + s.attachments_new + s.refused > 0
}

/// Import of batch files: several at once, by picker or drag and drop. `changed` goes up
/// after an import, so the page's other sections (quarantine) read again.
///
/// Longer than ~150 lines on purpose: the files' states (read, previewed, refused, imported,
/// stopped) and the one import running at a time are one state machine over the list.
#[component]
pub fn ImportBatch(changed: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::ui::app::use_desk();
    let files = RwSignal::new(Vec::<PickedFile>::new());
    // The read previews, by file key; not Send, so kept beside the signal.
    let previews = StoredValue::new_local(HashMap::<usize, ImportPreview>::new());
    // Sealed files' bytes, by file key, until their passphrase opens them.
    let sealed = StoredValue::new_local(HashMap::<usize, (String, Vec<u8>)>::new());
    let next_key = StoredValue::new(0usize);
    let progress = RwSignal::new(None::<(usize, usize, ImportProgress)>);
    let stop = StoredValue::new_local(Rc::new(Cell::new(false)));
    let dragging = RwSignal::new(false);
    let busy = Memo::new(move |_| files.with(|f| f.iter().any(|f| matches!(f.state, FileState::Reading | FileState::Importing(_)))));

    let set_state = move |key: usize, state: FileState| {
        files.update(|list| {
            if let Some(f) = list.iter_mut().find(|f| f.key == key) {
                f.state = state;
            }
        });
    };

    let add_files = {
        let desk = desk.clone();
        move |list: web_sys::FileList| {
            let mut picked = Vec::new();
            for i in 0..list.length() {
                let Some(file) = list.get(i) else { continue };
                let key = next_key.get_value();
                next_key.set_value(key + 1);
                picked.push((key, file));
            }
            files.update(|f| f.extend(picked.iter().map(|(key, file)| PickedFile { key: *key, name: file.name(), state: FileState::Reading })));
            let desk = desk.clone();
            spawn_local(async move {
                for (key, file) in picked {
                    let state = match read_file(&file).await {
                        Ok(bytes) if crate::domain::batch::is_sealed(&bytes) => {
                            sealed.update_value(|s| {
                                s.insert(key, (file.name(), bytes));
                            });
                            FileState::Locked { error: None }
                        }
                        Ok(bytes) => preview_state(&desk, key, &file.name(), &bytes, previews).await,
                        Err((code, detail)) => FileState::Refused { code, detail },
                    };
                    if files.try_update(|_| ()).is_none() {
                        return; // the page was left
                    }
                    set_state(key, state);
                }
            });
        }
    };

    let import_all = {
        let desk = desk.clone();
        move || {
            let ready: Vec<(usize, PreviewInfo)> = files.with_untracked(|f| {
                f.iter().filter(|f| f.ready()).filter_map(|f| match &f.state { FileState::Ready(i) => Some((f.key, i.clone())), _ => None }).collect()
            });
            if ready.is_empty() {
                return;
            }
            let flag = Rc::new(Cell::new(false));
            stop.set_value(flag.clone());
            let desk = desk.clone();
            spawn_local(async move {
                let count = ready.len();
                for (n, (key, info)) in ready.into_iter().enumerate() {
                    if flag.get() {
                        break;
                    }
                    let Some(preview) = previews.try_with_value(|p| p.get(&key).cloned()).flatten() else { continue };
                    set_state(key, FileState::Importing(info.clone()));
                    let report = move |p: ImportProgress| {
                        progress.try_set(Some((n + 1, count, p)));
                    };
                    let result = desk.import(&preview, report, flag.clone()).await;
                    if files.try_update(|_| ()).is_none() {
                        return;
                    }
                    match result {
                        Ok(outcome) => set_state(key, FileState::Imported { info, outcome }),
                        Err(e) => set_state(key, FileState::Failed { info, code: e.code() }),
                    }
                    changed.update(|c| *c += 1);
                }
                progress.try_set(None);
            });
        }
    };

    let unlock = {
        // A callback must be Send; the desk is not, so it is kept in local storage.
        let desk = StoredValue::new_local(desk.clone());
        Callback::new(move |(key, passphrase): (usize, String)| {
            let Some((name, bytes)) = sealed.try_with_value(|s| s.get(&key).cloned()).flatten() else { return };
            let Some(desk) = desk.try_get_value() else { return };
            set_state(key, FileState::Reading);
            spawn_local(async move {
                let state = match crate::browser::crypto::open(&bytes, &passphrase).await {
                    Ok(plain) => preview_state(&desk, key, &name, &plain, previews).await,
                    Err(e) => FileState::Locked { error: Some(e.code()) },
                };
                if files.try_update(|_| ()).is_some() {
                    set_state(key, state);
                }
            });
        })
    };

    let on_pick = {
        let add_files = add_files.clone();
        move |ev: leptos::ev::Event| {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            if let Some(list) = input.files() {
                add_files(list);
            }
            // The same file can be picked again (e.g. after an import was stopped).
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            add_files(list);
        }
    };
    let ready_count = move || files.with(|f| f.iter().filter(|f| f.ready()).count());

    view! {
        <section class="panel" aria-labelledby="import-title" data-testid="import"
            class:dropping=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <h2 id="import-title">{t!(i18n, import.title)}</h2>
            <p class="hint" id="import-hint">{t!(i18n, import.hint)}</p>
            <div class="field">
                <label for="import-files">{t!(i18n, import.pick)}</label>
                <input id="import-files" type="file" multiple accept=".json,application/json" aria-describedby="import-hint"
                    disabled=move || busy.get() on:change=on_pick/>
            </div>
            <ul class="import-files" data-testid="import-files">
                <For each=move || files.get() key=|f| (f.key, format!("{:?}", std::mem::discriminant(&f.state))) let:file>
                    <FileCard file unlock/>
                </For>
            </ul>
            {move || progress.get().map(|(n, count, p)| view! {
                <div class="import-progress" data-testid="import-progress">
                    <progress max=p.total.max(1) value=p.done aria-labelledby="import-progress-label"></progress>
                    <p id="import-progress-label" role="status">{t!(i18n, import.progress, file = n, files = count, done = p.done, total = p.total)}</p>
                    <button type="button" data-testid="import-stop" on:click=move |_| stop.with_value(|s| s.set(true))>{t!(i18n, import.stop)}</button>
                </div>
            })}
            <div class="actions">
                <button type="button" class="primary" data-testid="import-run"
                    disabled=move || busy.get() || ready_count() == 0
                    on:click=move |_| import_all()>{t!(i18n, import.run, count = move || ready_count())}</button>
                <button type="button" data-testid="import-clear" disabled=move || busy.get() || files.with(Vec::is_empty)
                    on:click=move |_| { files.set(Vec::new()); previews.update_value(HashMap::clear); sealed.update_value(HashMap::clear); }>{t!(i18n, import.clear)}</button>
            </div>
        </section>
    }
}

/// Reads a picked file's bytes; a file too large is refused before it is read.
async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, (&'static str, String)> {
    let size = file.size() as u64;
    if size > MAX_BATCH_BYTES {
        let e = crate::domain::batch::BatchError::TooLarge(size);
        return Err((e.code(), e.to_string()));
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| ("load_failed", format!("{e:?}")))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Previews a batch's bytes and keeps the preview for the import; a whole-file problem is
/// its code and reason.
async fn preview_state(
    desk: &crate::services::Desk,
    key: usize,
    name: &str,
    bytes: &[u8],
    previews: StoredValue<HashMap<usize, ImportPreview>, LocalStorage>,
) -> FileState {
    match desk.preview_import(name, bytes).await {
        Ok(preview) => {
            let info = info_of(&preview);
            previews.update_value(|p| {
                p.insert(key, preview);
            });
            FileState::Ready(info)
        }
        Err(e) => FileState::Refused { code: e.code(), detail: e.to_string() },
    }
}

fn info_of(p: &ImportPreview) -> PreviewInfo {
    let refused = p
        .plan
        .refused
        .iter()
        .take(SHOWN_REFUSALS)
        .map(|r| RefusedLine { index: r.index, id: r.id.clone(), code: r.problem.code(), detail: r.reason() })
        .collect();
    let from = &p.plan.from;
    let skewed = p
        .plan
        .skewed
        .iter()
        .map(|d| {
            let name = if d.device == from.id { format!("{} · {}", from.code, from.name) } else { d.device.chars().take(8).collect() };
            (name, d.ahead_ms.saturating_add(3_599_999) / 3_600_000)
        })
        .collect();
    let action_conflicts = p.plan.action_conflicts.iter().map(|c| (c.title.clone(), c.field)).collect();
    PreviewInfo { from: from.clone(), created_ms: p.batch.manifest.created_ms, summary: p.summary(), refused, skewed, action_conflicts }
}

/// One file: its preview, its error, or what its import did.
#[component]
fn FileCard(file: PickedFile, unlock: Callback<(usize, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let PickedFile { key, name, state } = file;
    let body = match state {
        FileState::Reading => view! { <p role="status">{t!(i18n, import.reading)}</p> }.into_any(),
        FileState::Locked { error } => {
            let pass = RwSignal::new(String::new());
            let id = format!("import-pass-{key}");
            let msg = format!("{id}-msg");
            view! {
                <form class="unlock" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); unlock.run((key, pass.get_untracked())); }>
                    <p class="hint">{t!(i18n, import.sealed)}</p>
                    <div class="field">
                        <label for=id.clone()>{t!(i18n, import.passphrase)}</label>
                        <input id=id type="password" autocomplete="off" aria-describedby=msg.clone() aria-invalid=error.is_some().then_some("true")
                            prop:value=pass on:input=move |ev| pass.set(event_target_value(&ev))/>
                        <p id=msg class="field-message" role="alert" data-testid="unlock-error">{move || error.map(|code| error_text(i18n.get_locale(), code))}</p>
                    </div>
                    <button type="submit" data-testid="unlock">{t!(i18n, import.open)}</button>
                </form>
            }
            .into_any()
        }
        FileState::Refused { code, detail } => view! {
            <p class="form-error" role="alert" data-testid="import-error" data-code=code>{move || error_text(i18n.get_locale(), code)}</p>
            <details class="hint"><summary>{t!(i18n, import.details)}</summary><code>{detail}</code></details>
        }
        .into_any(),
        FileState::Ready(info) | FileState::Importing(info) => view! { <Preview info/> }.into_any(),
        FileState::Failed { info, code } => view! {
            <Preview info/>
            <p class="form-error" role="alert" data-code=code>{move || error_text(i18n.get_locale(), code)}</p>
        }
        .into_any(),
        FileState::Imported { info, outcome } => {
            let o = outcome.clone();
            let href = crate::browser::base::href(&format!("/complaints?device={}", urlencode(&outcome.from_device)));
            let code = info.from.code.clone();
            view! {
                <p role="status" data-testid="import-done">
                    {if o.stopped {
                        t!(i18n, import.stopped, events = o.written.events, complaints = o.complaints).into_any()
                    } else {
                        t!(i18n, import.done, events = o.written.events + o.written.replaced, complaints = o.complaints, new = o.written.new_views, files = o.written.attachments).into_any()
                    }}
                </p>
                {(o.quarantined > 0).then(|| view! { <p class="warning">{t!(i18n, import.quarantined, count = o.quarantined)}</p> })}
                {(o.summary.conflicts > 0).then(|| view! { <p class="warning">{t!(i18n, import.conflicts_made, count = o.summary.conflicts)}</p> })}
                <p><a href=href data-testid="import-show">{t!(i18n, import.show_device, code = code)}</a></p>
            }
            .into_any()
        }
    };
    view! {
        <li class="import-file" data-testid="import-file">
            <h3>{name}</h3>
            {body}
        </li>
    }
}

/// What importing a file would do, in numbers, with the records it refuses.
#[component]
fn Preview(info: PreviewInfo) -> impl IntoView {
    let i18n = use_i18n();
    let s = info.summary;
    let when = chrono::DateTime::from_timestamp_millis(info.created_ms).map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default();
    let from = format!("{} · {}", info.from.code, info.from.name);
    let more = s.refused.saturating_sub(info.refused.len());
    let row = |label: AnyView, value: usize, id: &'static str| view! { <dt>{label}</dt><dd data-testid=id>{value}</dd> };
    view! {
        <p class="hint">{t!(i18n, import.from, device = from, when = when)}</p>
        {(!has_changes(&s)).then(|| view! { <p role="status" data-testid="import-nothing">{t!(i18n, import.nothing_new)}</p> })}
        <dl class="facts import-preview" data-testid="import-preview">
            {row(t!(i18n, import.new_complaints).into_any(), s.new_complaints, "pv-new-complaints")}
            {row(t!(i18n, import.existing_complaints).into_any(), s.existing_complaints, "pv-existing-complaints")}
            {(s.waiting_complaints > 0).then(|| row(t!(i18n, import.waiting_complaints).into_any(), s.waiting_complaints, "pv-waiting"))}
            {(s.actions > 0).then(|| row(t!(i18n, actions.import_count).into_any(), s.actions, "pv-actions"))}
            {(s.actions > 0).then(|| row(t!(i18n, actions.import_conflicts).into_any(), s.action_conflicts, "pv-action-conflicts"))}
            {row(t!(i18n, import.new_events).into_any(), s.new_events, "pv-new-events")}
            {row(t!(i18n, import.already_present).into_any(), s.already_present, "pv-present")}
            {(s.replaced > 0).then(|| row(t!(i18n, import.replaced).into_any(), s.replaced, "pv-replaced"))}
            {row(t!(i18n, import.conflicts).into_any(), s.conflicts, "pv-conflicts")}
            {row(t!(i18n, import.refused).into_any(), s.refused, "pv-refused")}
            {(s.newer > 0).then(|| row(t!(i18n, import.newer).into_any(), s.newer, "pv-newer"))}
            {row(t!(i18n, import.files).into_any(), s.attachments_new, "pv-files")}
        </dl>
        {(s.conflicts > 0).then(|| view! { <p class="warning">{t!(i18n, import.conflicts_hint)}</p> })}
        {(!info.action_conflicts.is_empty()).then(|| {
            let l = i18n.get_locale_untracked();
            let lines = info.action_conflicts.into_iter().map(|(title, field)| view! { <li>{format!("{title} · {}", field.text(l))}</li> }).collect_view();
            view! { <ul class="warning" data-testid="pv-action-conflict-list">{lines}</ul> }
        })}
        {info.skewed.into_iter().map(|(device, hours)| view! {
            <p class="warning" data-testid="import-skew">{t!(i18n, import.clock_ahead, device = device, hours = hours)}</p>
        }).collect_view()}
        {(!info.refused.is_empty()).then(|| view! {
            <details class="refusals" data-testid="import-refusals">
                <summary>{t!(i18n, import.refused_list, count = s.refused)}</summary>
                <ul>
                    {info.refused.into_iter().map(|r| {
                        let code = r.code;
                        view! {
                            <li data-code=code>
                                {format!("#{} ", r.index + 1)}{r.id.map(|id| view! { <code>{id}</code>" " })}
                                {move || error_text(i18n.get_locale(), code)}
                                <br/><small>{r.detail}</small>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(more > 0).then(|| view! { <p class="hint">{t!(i18n, import.refused_more, count = more)}</p> })}
            </details>
        })}
    }
}

/// Percent-encodes a query value (device ids are plain, but nothing from a file is trusted).
fn urlencode(s: &str) -> String {
    js_sys::encode_uri_component(s).as_string().unwrap_or_default()
}

/// The element an event happened on, typed.
fn event_target<T: JsCast>(ev: &leptos::ev::Event) -> T {
    ev.target().expect("an input event has a target").unchecked_into()
}
