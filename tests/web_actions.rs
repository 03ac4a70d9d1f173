//! Browser tests (headless Chromium): improvement actions through the services and IndexedDB —
//! create, edit, status, link and unlink, the actions of a period, refusals that store
//! nothing, and a batch file that carries an action to a fresh database and merges concurrent
//! edits into the same conflict on both devices.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use complaint_desk::domain::action::{ActionError, ActionField, ActionInput, ActionStatus, Problem, ProblemKind};
use complaint_desk::domain::classify::Urgency;
use complaint_desk::domain::review::{PeriodKind, ReviewFilter};
use complaint_desk::domain::text::TextError;
use complaint_desk::services::Desk;
use complaint_desk::store::actions::ActionCommitError;
use wasm_bindgen_test::*;

#[path = "support/web_desk.rs"]
mod web_desk;
use web_desk::{register, states};

wasm_bindgen_test_configure!(run_in_browser);

fn input(desk: &Desk, title: &str, status: ActionStatus) -> ActionInput {
    ActionInput { title: title.into(), owner: "Li Wei".into(), due: desk.business_now().date(), status, note: "Check every install".into() }
}

fn category() -> Problem {
    Problem { kind: ProblemKind::Category, key: "product_quality".into(), label: "Product quality · 100 %".into() }
}

async fn carry(from: &Desk, to: &Desk) -> complaint_desk::services::import::ImportOutcome {
    let file = from.export_all(true).await.unwrap().text.into_bytes();
    let preview = to.preview_import("batch.json", &file).await.unwrap();
    to.import(&preview, |_| {}, Rc::new(Cell::new(false))).await.unwrap()
}

#[wasm_bindgen_test]
async fn create_edit_link_and_list_by_period() {
    let desk = web_desk::desk("actions", "one").await;
    let first = register(&desk, "王先生").await;
    let second = register(&desk, "Ms. Chen").await;
    register(&desk, "Mr. Wu").await;
    desk.classify(&first, "product_quality", Urgency::Urgent, "Lead Zhou").await.unwrap();
    desk.classify(&second, "product_quality", Urgency::Low, "Lead Zhou").await.unwrap();
    let month = desk.this_period(PeriodKind::Month);

    // The complaints of the category row, from the review rows.
    let refs = desk.complaints_of_problem(&month, &ReviewFilter::default(), &category()).await.unwrap();
    let mut ids: Vec<String> = refs.iter().map(|r| r.id.to_string()).collect();
    ids.sort();
    let mut expected = vec![first.clone(), second.clone()];
    expected.sort();
    assert_eq!(ids, expected);
    assert!(refs.iter().all(|r| !r.number.is_empty()));

    // The three came from one phone: the customer's row, found again by the phone's hash.
    let report = desk.review(month, ReviewFilter::default()).await.unwrap();
    let customer = &report.repeat_customer_list[0];
    assert_eq!((report.repeat_customers, customer.n, customer.phone_tail.as_str()), (1, 3, "8000"));
    let problem = Problem { kind: ProblemKind::Customer, key: customer.key.clone(), label: "王先生 · ****8000 · 3".into() };
    assert_eq!(desk.complaints_of_problem(&month, &ReviewFilter::default(), &problem).await.unwrap().len(), 3);
    let stranger = Problem { key: "0000000000000000".into(), ..problem };
    assert!(desk.complaints_of_problem(&month, &ReviewFilter::default(), &stranger).await.unwrap().is_empty());

    // Refused input stores nothing.
    let refused = desk.create_action(&input(&desk, "   ", ActionStatus::Planned), &category(), &refs, "Zhao").await.unwrap_err();
    assert_eq!(refused, ActionCommitError::Action(ActionError::Text { field: ActionField::Title, error: TextError::Required }));
    assert!(desk.actions_for(&month).await.unwrap().is_empty());

    let made = desk.create_action(&input(&desk, "Installer checklist", ActionStatus::Planned), &category(), &refs, "Zhao").await.unwrap();
    assert_eq!((made.status, made.complaints.len(), made.created_by.as_str()), (ActionStatus::Planned, 2, "Zhao"));
    assert_eq!(desk.action(&made.id).await.unwrap(), Some(made.clone()));
    // An action is no complaint: lists, counts and the review are unchanged.
    assert_eq!(desk.count().await.unwrap(), 3);
    assert_eq!(desk.newest(10).await.unwrap().len(), 3);
    assert_eq!(desk.review(month, ReviewFilter::default()).await.unwrap().received, 3);

    let edited = desk.edit_action(&made.id, &input(&desk, "Installer checklist v2", ActionStatus::InProgress), "Zhao").await.unwrap();
    assert_eq!((edited.title.as_str(), edited.status, edited.status_log.len()), ("Installer checklist v2", ActionStatus::InProgress, 2));
    let unchanged = desk.edit_action(&made.id, &input(&desk, "Installer checklist v2", ActionStatus::InProgress), "Zhao").await.unwrap();
    assert_eq!(unchanged, edited, "saving the same values writes nothing");
    let linked = desk.link_action(&made.id, &refs[..1], false, "Zhao").await.unwrap();
    assert_eq!(linked.complaints.len(), 1);
    assert_eq!(desk.edit_action("01ARZ3NDEKTSV4RRFFQ69G5FAV", &input(&desk, "x", ActionStatus::Done), "Zhao").await.unwrap_err().code(), "action_not_found");

    // This month's review and next month's list it while it is open; once done it stays in
    // the months it was open in.
    let listed = desk.actions_for(&month).await.unwrap();
    assert_eq!(listed.iter().map(|a| a.id.clone()).collect::<Vec<_>>(), vec![made.id.clone()]);
    assert_eq!(desk.actions_for(&month.step(1)).await.unwrap().len(), 1);
    assert!(desk.actions_for(&month.step(-1)).await.unwrap().is_empty(), "created after that month");
    desk.edit_action(&made.id, &input(&desk, "Installer checklist v2", ActionStatus::Done), "Zhao").await.unwrap();
    assert_eq!(desk.actions_for(&month).await.unwrap()[0].status, ActionStatus::Done);
    assert!(desk.actions_for(&month.step(2)).await.unwrap().is_empty(), "done before that month");
}

#[wasm_bindgen_test]
async fn a_batch_file_reproduces_the_action_on_a_fresh_database_and_merges_concurrent_edits() {
    let a = web_desk::desk("actions", "a").await;
    let c = register(&a, "王先生").await;
    a.classify(&c, "product_quality", Urgency::Urgent, "Lead Zhou").await.unwrap();
    let month = a.this_period(PeriodKind::Month);
    let refs = a.complaints_of_problem(&month, &ReviewFilter::default(), &category()).await.unwrap();
    let made = a.create_action(&input(&a, "Installer checklist", ActionStatus::Planned), &category(), &refs, "Zhao").await.unwrap();

    let b = web_desk::desk("actions", "b").await;
    let done = carry(&a, &b).await;
    assert_eq!((done.summary.actions, done.summary.new_complaints, done.summary.waiting_complaints), (1, 1, 0));
    assert_eq!(b.action(&made.id).await.unwrap(), Some(made.clone()));
    assert_eq!(b.actions_for(&month).await.unwrap(), vec![made.clone()]);
    assert_eq!(b.count().await.unwrap(), 1);
    assert_eq!(states(&a).await, states(&b).await, "the complaint came along");

    // Both change the status before they exchange again: the same conflict on both.
    a.edit_action(&made.id, &input(&a, "Installer checklist", ActionStatus::InProgress), "Zhao").await.unwrap();
    b.edit_action(&made.id, &input(&b, "Installer checklist", ActionStatus::Dropped), "Qian").await.unwrap();
    carry(&a, &b).await;
    carry(&b, &a).await;
    let (on_a, on_b) = (a.action(&made.id).await.unwrap().unwrap(), b.action(&made.id).await.unwrap().unwrap());
    assert_eq!(on_a, on_b);
    assert_eq!(on_a.conflicts.iter().map(|c| c.field).collect::<Vec<_>>(), vec![ActionField::Status]);
    // A person saves the form on B: resolved there, and on A after the next exchange.
    let fixed = b.edit_action(&made.id, &input(&b, "Installer checklist", on_b.status), "Qian").await.unwrap();
    assert!(fixed.conflicts.is_empty());
    carry(&b, &a).await;
    assert_eq!(a.action(&made.id).await.unwrap(), Some(fixed));
}
