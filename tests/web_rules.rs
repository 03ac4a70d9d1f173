//! Browser tests (headless Chromium): saved working rules that cannot be used are never replaced
//! silently. They are reported with the reason, kept as they are, offered for repair, and a
//! repair keeps a copy of the old text.
#![cfg(target_arch = "wasm32")]

use complaint_desk::domain::config::DomainConfig;
use complaint_desk::domain::settings::SettingsForm;
use complaint_desk::services::Desk;
use complaint_desk::store::{meta, Database};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn name() -> String {
    format!("test-rules-{}", js_sys::Math::random().to_bits())
}

/// Opens a database whose saved rules are `json`, then the desk on it.
async fn desk_with_saved_rules(json: &str) -> (String, Desk) {
    let name = name();
    let db = Database::open(&name).await.unwrap();
    meta::put_config(&db, json.to_string(), None).await.unwrap();
    db.close();
    let desk = Desk::open_named(&name).await.unwrap();
    (name, desk)
}

#[wasm_bindgen_test]
async fn unreadable_rules_are_reported_and_kept() {
    let (name, desk) = desk_with_saved_rules("{\"number_mask\": ").await;
    let problem = desk.rules_problem().expect("the problem is reported");
    assert_eq!(problem.code, "rules_unreadable");
    assert!(!problem.detail.is_empty(), "the parser's reason is kept");
    assert_eq!(problem.raw.as_deref(), Some("{\"number_mask\": "));
    // The defaults are in use meanwhile, and nothing was overwritten by opening.
    assert_eq!(*desk.config(), DomainConfig::default());
    let db = Database::open(&name).await.unwrap();
    assert_eq!(meta::config(&db).await.unwrap().as_deref(), Some("{\"number_mask\": "));
}

#[wasm_bindgen_test]
async fn refused_rules_keep_their_good_parts_and_a_repair_keeps_a_copy() {
    let saved = DomainConfig {
        staff: vec!["Clerk Li".into(), "Lead Chen".into()],
        number_mask: "{YYYY}{MM}{DD}{DEV}{SEQ:1}".into(),
        ..DomainConfig::default()
    };
    let json = serde_json::to_string(&saved).unwrap();
    let (name, desk) = desk_with_saved_rules(&json).await;

    let problem = desk.rules_problem().expect("the problem is reported");
    assert_eq!(problem.code, "rules_invalid");
    assert_eq!(problem.detail, "mask_ambiguous");
    // Only the failing part falls back; the person's staff list stays in force.
    assert_eq!(desk.config().staff, saved.staff);
    assert_eq!(desk.config().number_mask, DomainConfig::default().number_mask);
    // Settings start from the saved rules, so they are repaired, not retyped.
    assert_eq!(desk.rules_to_edit().number_mask, saved.number_mask);

    let mut form = SettingsForm::of(&desk.rules_to_edit());
    assert_eq!(desk.save_settings(&form).await.unwrap_err().code(), "mask_ambiguous", "still refused as it is");
    form.number_mask = "{YYYY}{MM}{DD}-{DEV}-{SEQ:3}".into();
    desk.save_settings(&form).await.unwrap();
    assert_eq!(desk.rules_problem(), None);
    assert_eq!(desk.config().staff, saved.staff);

    let db = Database::open(&name).await.unwrap();
    assert_eq!(meta::replaced_config(&db).await.unwrap().as_deref(), Some(json.as_str()), "the old text is kept");
    drop(db);
    let reopened = Desk::open_named(&name).await.unwrap();
    assert_eq!(reopened.rules_problem(), None);
    assert_eq!(reopened.config().number_mask, "{YYYY}{MM}{DD}-{DEV}-{SEQ:3}");
}

/// Rules saved before staff roles (staff as plain names) open as they were: every name a
/// member with every role, no problem reported, and a save writes the new shape.
#[wasm_bindgen_test]
async fn rules_saved_before_roles_open_with_every_role() {
    let mut old = serde_json::to_value(DomainConfig::default()).unwrap();
    old["staff"] = serde_json::json!(["Clerk Li", "Lead Chen"]);
    let (name, desk) = desk_with_saved_rules(&old.to_string()).await;
    assert_eq!(desk.rules_problem(), None);
    let staff = desk.config().staff.clone();
    assert_eq!(staff.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["Clerk Li", "Lead Chen"]);
    assert!(staff.iter().all(|m| m.roles == complaint_desk::domain::staff::LEGACY_ROLES));
    desk.save_settings(&SettingsForm::of(&desk.rules_to_edit())).await.unwrap();
    let db = Database::open(&name).await.unwrap();
    let text = meta::config(&db).await.unwrap().unwrap();
    assert!(text.contains("\"roles\":[\"clerk\",\"handler\",\"manager\"]"), "{text}");
}
