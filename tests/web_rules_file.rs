//! Browser tests (headless Chromium): working rules travel between devices as rules files.
//! The version is kept next to the rules, a save marks it changed here, an export makes the
//! next revision, and applying a file never loses this device's own rules.
#![cfg(target_arch = "wasm32")]

use complaint_desk::domain::config::DomainConfig;
use complaint_desk::domain::rules_file::{Decision, Divergence, RulesSection};
use complaint_desk::domain::settings::SettingsForm;
use complaint_desk::domain::staff::StaffMember;
use complaint_desk::services::{Desk, RulesChoice};
use complaint_desk::store::{meta, Database};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn name(who: &str) -> String {
    format!("test-rules-file-{who}-{}", js_sys::Math::random().to_bits())
}

/// The names on a staff list.
fn names(staff: &[StaffMember]) -> Vec<String> {
    staff.iter().map(|m| m.name.clone()).collect()
}

/// Saves the rules with this staff list, as the Settings page would.
async fn save_staff(desk: &Desk, staff: &str) {
    let mut form = SettingsForm::of(&desk.rules_to_edit());
    form.staff = staff.lines().map(StaffMember::from).collect();
    desk.save_settings(&form).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_version_is_kept_and_an_export_makes_the_next_revision() {
    let db = name("supervisor");
    let desk = Desk::open_named(&db).await.unwrap();
    let info = desk.rules_info().await.unwrap();
    assert_eq!((info.version, info.locally_changed, info.replaced), (None, false, None), "the defaults, never in a file");

    save_staff(&desk, "Lead Chen\nEngineer Zhao").await;
    assert!(desk.rules_info().await.unwrap().locally_changed, "own rules, not the defaults");
    let r1 = desk.export_rules(" Supervisor Wang ").await.unwrap();
    assert!(r1.new_revision);
    assert_eq!((r1.version.stamp.revision, r1.version.stamp.based_on), (1, None));
    assert_eq!(r1.version.stamp.set_by.person.as_deref(), Some("Supervisor Wang"));
    assert_eq!(r1.file_name, format!("rules-{}-r1.json", desk.device().code));
    let info = desk.rules_info().await.unwrap();
    assert_eq!((info.version.as_ref(), info.locally_changed), (Some(&r1.version), false));

    // The same rules export as the same revision; a person's name is optional.
    let again = desk.export_rules("").await.unwrap();
    assert!(!again.new_revision);
    assert_eq!((again.version.clone(), again.text.clone()), (r1.version.clone(), r1.text.clone()));
    assert_eq!(desk.export_rules("Wang\u{202E}").await.unwrap_err().code(), "bidi_control");

    // A save marks the rules changed here; the next export is revision 2, made from 1.
    save_staff(&desk, "Lead Chen\nEngineer Zhao\nClerk Li").await;
    let info = desk.rules_info().await.unwrap();
    assert_eq!((info.version.map(|v| v.stamp.revision), info.locally_changed), (Some(1), true));
    let r2 = desk.export_rules("Supervisor Wang").await.unwrap();
    assert_eq!((r2.version.stamp.revision, r2.version.stamp.based_on, r2.version.locally_changed), (2, Some(1), false));

    // Kept in meta, next to the rules.
    let reopened = Desk::open_named(&db).await.unwrap();
    assert_eq!(reopened.rules_info().await.unwrap().version, Some(r2.version));
    assert_eq!(names(&reopened.config().staff), ["Lead Chen", "Engineer Zhao", "Clerk Li"]);
}

#[wasm_bindgen_test]
async fn a_tablet_applies_newer_rules_and_chooses_when_they_diverged() {
    let supervisor = Desk::open_named(&name("supervisor")).await.unwrap();
    save_staff(&supervisor, "Lead Chen").await;
    let r1 = supervisor.export_rules("Supervisor Wang").await.unwrap();

    let tablet_db = name("tablet");
    let tablet = Desk::open_named(&tablet_db).await.unwrap();
    let preview = tablet.preview_rules(r1.text.as_bytes()).await.unwrap();
    assert_eq!(preview.decision, Decision::Newer);
    assert_eq!(preview.differences.iter().map(|d| d.section).collect::<Vec<_>>(), [RulesSection::Staff]);
    assert_eq!(preview.differences[0].only_in_file, ["Lead Chen"]);
    assert_eq!(tablet.apply_rules(&preview, RulesChoice::KeepLocal).await.unwrap_err().code(), "rules_choice_not_offered");
    let applied = tablet.apply_rules(&preview, RulesChoice::UseFile).await.unwrap();
    assert!(!applied.kept_copy, "the defaults had nothing of their own");
    assert_eq!(names(&tablet.config().staff), ["Lead Chen"]);
    assert_eq!(tablet.preview_rules(r1.text.as_bytes()).await.unwrap().decision, Decision::Same);

    // The tablet changes its rules; the supervisor makes revision 2: a person chooses.
    save_staff(&tablet, "Lead Chen\nClerk Sun").await;
    let tablet_rules = serde_json::to_string(&*tablet.config()).unwrap();
    save_staff(&supervisor, "Lead Chen\nEngineer Zhao").await;
    let r2 = supervisor.export_rules("Supervisor Wang").await.unwrap();
    let preview = tablet.preview_rules(r2.text.as_bytes()).await.unwrap();
    assert_eq!(preview.decision, Decision::Diverged(Divergence::LocalChanges));
    assert!(preview.locally_changed);
    assert_eq!((preview.differences[0].only_in_file.clone(), preview.differences[0].only_here.clone()), (vec!["Engineer Zhao".to_string()], vec!["Clerk Sun".to_string()]));

    // Keeping this device's rules: nothing of them changes, and the same file is not asked about again.
    let kept = tablet.apply_rules(&preview, RulesChoice::KeepLocal).await.unwrap();
    assert_eq!((kept.version.stamp.revision, kept.version.locally_changed), (2, true));
    assert_eq!(names(&tablet.config().staff), ["Lead Chen", "Clerk Sun"]);
    let again = tablet.preview_rules(r2.text.as_bytes()).await.unwrap();
    assert_eq!(again.decision, Decision::Older);
    assert_eq!(tablet.apply_rules(&again, RulesChoice::UseFile).await.unwrap_err().code(), "rules_older");
    assert_eq!(tablet.preview_rules(r1.text.as_bytes()).await.unwrap().decision, Decision::Older);

    // Revision 3, taken over the tablet's own rules: they are kept to download.
    save_staff(&supervisor, "Lead Chen\nEngineer Zhao\nClerk Li").await;
    let r3 = supervisor.export_rules("Supervisor Wang").await.unwrap();
    let preview = tablet.preview_rules(r3.text.as_bytes()).await.unwrap();
    assert_eq!(preview.decision, Decision::Diverged(Divergence::LocalChanges));
    let taken = tablet.apply_rules(&preview, RulesChoice::UseFile).await.unwrap();
    assert!(taken.kept_copy);
    assert_eq!(names(&tablet.config().staff), ["Lead Chen", "Engineer Zhao", "Clerk Li"]);
    let info = tablet.rules_info().await.unwrap();
    assert_eq!((info.version.map(|v| v.stamp.revision), info.locally_changed), (Some(3), false));
    assert_eq!(info.replaced.as_deref(), Some(tablet_rules.as_str()));

    // Persisted: a new start runs revision 3, and the copy is still there.
    let db = Database::open(&tablet_db).await.unwrap();
    assert_eq!(meta::replaced_config(&db).await.unwrap(), Some(tablet_rules));
    db.close();
    let reopened = Desk::open_named(&tablet_db).await.unwrap();
    assert_eq!(names(&reopened.config().staff), ["Lead Chen", "Engineer Zhao", "Clerk Li"]);
    assert_eq!(reopened.preview_rules(r3.text.as_bytes()).await.unwrap().decision, Decision::Same);
}

#[wasm_bindgen_test]
async fn damaged_files_and_stale_previews_change_nothing() {
    let supervisor = Desk::open_named(&name("supervisor")).await.unwrap();
    save_staff(&supervisor, "Lead Chen").await;
    let r1 = supervisor.export_rules("").await.unwrap();
    let tablet_db = name("tablet");
    let tablet = Desk::open_named(&tablet_db).await.unwrap();

    let damaged = r1.text.replace("Lead Chen", "Lead Chan");
    assert_eq!(tablet.preview_rules(damaged.as_bytes()).await.unwrap_err().code(), "rules_file_checksum_mismatch");
    assert_eq!(tablet.preview_rules(&r1.text.as_bytes()[..40]).await.unwrap_err().code(), "rules_file_truncated");
    assert_eq!(tablet.rules_info().await.unwrap().version, None);
    assert_eq!(*tablet.config(), DomainConfig::default());

    // Another tab saves between the preview and the choice: the preview is out of date.
    let preview = tablet.preview_rules(r1.text.as_bytes()).await.unwrap();
    let other_tab = Desk::open_named(&tablet_db).await.unwrap();
    save_staff(&other_tab, "Clerk Sun").await;
    assert_eq!(tablet.apply_rules(&preview, RulesChoice::UseFile).await.unwrap_err().code(), "rules_changed_meanwhile");
    tablet.reload_settings().await;
    assert_eq!(names(&tablet.config().staff), ["Clerk Sun"]);
    assert_eq!(tablet.rules_info().await.unwrap().version, None);
}

#[wasm_bindgen_test]
async fn saved_rules_that_cannot_be_used_are_not_exported_and_are_kept_when_replaced() {
    let tablet_db = name("tablet");
    let db = Database::open(&tablet_db).await.unwrap();
    meta::put_config(&db, "{\"number_mask\": ".into(), None).await.unwrap();
    db.close();
    let tablet = Desk::open_named(&tablet_db).await.unwrap();
    assert_eq!(tablet.export_rules("").await.unwrap_err().code(), "rules_not_in_use");

    let supervisor = Desk::open_named(&name("supervisor")).await.unwrap();
    let r1 = supervisor.export_rules("").await.unwrap();
    let preview = tablet.preview_rules(r1.text.as_bytes()).await.unwrap();
    assert_eq!(preview.decision, Decision::Diverged(Divergence::LocalChanges), "even the defaults do not silently replace them");
    let taken = tablet.apply_rules(&preview, RulesChoice::UseFile).await.unwrap();
    assert!(taken.kept_copy);
    assert_eq!(tablet.rules_problem(), None);
    assert_eq!(tablet.rules_info().await.unwrap().replaced.as_deref(), Some("{\"number_mask\": "));
}
