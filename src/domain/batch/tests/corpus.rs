//! The hostile-file corpus in `tests/batch_corpus/`: every file and its expected outcome
//! (`expected.json`, written by hand here, checked by `tests/batch_corpus.rs`).
//!
//! `BATCH_CORPUS_WRITE=1 cargo test --lib batch_corpus` (re)writes the files; without it this
//! test checks that the committed files are exactly what the cases below make.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{json, Value};

use super::roundtrip::{assemble, parts};
use super::{desk, export};
use crate::domain::batch::checksum::sha256_hex;
use crate::domain::batch::format::Selection;
use crate::domain::batch::redact::write_redacted_batch;
use crate::domain::batch::sealed::{seal_envelope, SealParams, IV_LEN, SALT_LEN};
use crate::domain::batch::write::ExportRequest;
use crate::domain::event::{Event, NewEvent};
use crate::domain::hlc::Hlc;
use crate::domain::ids::{ComplaintId, EventId};
use crate::domain::tests::{local, Device};

/// The device the checker imports on (`tests/batch_corpus.rs` uses the same id).
const IMPORTER: &str = "dev-z";
const T: i64 = 1_696_845_600_000; // 2023-10-09 10:00 UTC

struct Base {
    device: Device,
    complaint: ComplaintId,
    text: String,
    manifest: Value,
    entries: Vec<String>,
}

fn base() -> Base {
    let (device, complaint) = desk("dev-a", "AAA");
    let text = export(&device, Selection::All, &[]).text;
    let (manifest, entries, _) = parts(&text);
    Base { device, complaint, text, manifest: serde_json::from_str(&manifest).unwrap(), entries }
}

fn entry(event_text: &str) -> String {
    json!({"sha256": sha256_hex(event_text.as_bytes()), "event": event_text}).to_string()
}

fn event(c: &ComplaintId, device: &str, ms: i64, kind: &str, v: u32, payload: &str, n: u8) -> Event {
    let hlc = Hlc { ms, c: 0 };
    let id = EventId::new(hlc, [n; 10], 0);
    let complaint = if kind == "registered" { id.clone() } else { c.clone() };
    Event::build(NewEvent { id, complaint, device: device.into(), actor: "x".into(), hlc, at: None, base: None, kind: kind.into(), v, payload: payload.into() }).unwrap()
}

fn handler(c: &ComplaintId, name: &str, n: u8) -> Event {
    let payload = json!({"changes": [{"field": "handler", "value": name, "supersedes": []}], "note": ""}).to_string();
    event(c, "dev-x", T, "fields_set", 1, &payload, n)
}

fn progress(c: &ComplaintId, text: &str, n: u8) -> Event {
    event(c, "dev-x", T, "progress_update", 1, &json!({"text": text, "new_eta": null, "explained": true}).to_string(), n)
}

impl Base {
    /// The base batch plus extra entries, with counts and checksums made right.
    fn with(&self, extra: &[String]) -> Vec<u8> {
        let mut entries = self.entries.clone();
        entries.extend_from_slice(extra);
        self.file(&entries, "[]", |_| {})
    }

    fn with_events(&self, extra: &[Event]) -> Vec<u8> {
        self.with(&extra.iter().map(|e| entry(e.to_json())).collect::<Vec<_>>())
    }

    fn file(&self, entries: &[String], attachments: &str, edit: impl FnOnce(&mut Value)) -> Vec<u8> {
        let mut m = self.manifest.clone();
        m["counts"]["events"] = json!(entries.len());
        m["counts"]["attachments"] = json!(serde_json::from_str::<Vec<Value>>(attachments).unwrap().len());
        edit(&mut m);
        assemble("1.0", &m.to_string(), entries, attachments).into_bytes()
    }

    fn attachment(&self, edit: impl FnOnce(&mut Value)) -> Vec<u8> {
        let content = b"\x89PNG\r\n\x1a\nnot really a photo".to_vec();
        let mut a = json!({"key": "att-0001", "complaint": self.complaint.as_str(), "name": "收据.png", "mime": "image/png", "bytes": content.len(),
            "sha256": sha256_hex(&content), "data": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &content)});
        edit(&mut a);
        self.file(&self.entries, &format!("[{a}]"), |_| {})
    }
}

fn accepted(events: usize, new_events: usize, refused: &[(&str, usize)], extra: Value) -> Value {
    let mut v = json!({"events": events, "new_events": new_events, "refused": refused.iter().map(|(c, n)| (c.to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
        "new_complaints": 1, "waiting": 0, "newer": 0, "attachments": 0, "duplicates": 0});
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

fn error(code: &str) -> Value {
    json!({"error": code})
}

/// Every case: file name, content, expected outcome, what it is about.
fn cases() -> Vec<(&'static str, Vec<u8>, Value, &'static str)> {
    let b = base();
    let c = &b.complaint;
    let ok = accepted(3, 3, &[], json!({}));
    let text = b.text.clone();
    let edit_version = |v: &str| text.replacen(r#""version":"1.0""#, &format!(r#""version":{v}"#), 1).into_bytes();
    let year_9999 = chrono::NaiveDate::from_ymd_opt(9999, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp_millis();
    let deep = format!("{}{}", "[".repeat(20_000), "]".repeat(20_000));
    let own = {
        let (d, _) = desk(IMPORTER, "ZZZ");
        export(&d, Selection::All, &[]).text.into_bytes()
    };
    let redacted = {
        let id = super::identity(&b.device);
        let request = ExportRequest { device: &id, created_ms: b.device.ms(local(2023, 10, 9, 18, 0)), day: super::day(), sequence: 1, selection: Selection::All };
        write_redacted_batch(&request, b.device.events.iter(), &[]).unwrap().text.into_bytes()
    };
    let first_event: Value = serde_json::from_str(&b.entries[1]).unwrap();
    let first_text = first_event["event"].as_str().unwrap().to_string();
    vec![
        ("ok_complete.json", b.text.clone().into_bytes(), ok.clone(), "a complete batch of one complaint as the app writes it"),
        ("empty.json", Vec::new(), error("batch_empty"), "zero bytes"),
        ("whitespace_only.json", b" \r\n\t \n".to_vec(), error("batch_empty"), "only white space"),
        ("not_json.json", b"Complaints from the counter tablet, week 41.\n".to_vec(), error("batch_not_json"), "plain text"),
        ("truncated.json", b.text.as_bytes()[..b.text.len() * 2 / 3].to_vec(), error("batch_truncated"), "cut off two thirds in"),
        ("csv_renamed.json", "number,name,phone\n20231009-TEL-AAA-001,王先生,13800000000\n".as_bytes().to_vec(), error("batch_is_csv"), "a CSV export renamed .json"),
        ("png_renamed.json", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec(), error("batch_is_image"), "a PNG photo renamed .json"),
        ("jpeg_renamed.json", b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0".to_vec(), error("batch_is_image"), "a JPEG photo renamed .json"),
        ("pdf_renamed.json", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n".to_vec(), error("batch_binary"), "a PDF renamed .json"),
        ("utf16.json", b"\xFF\xFE{\0\"\0f\0".to_vec(), error("batch_binary"), "UTF-16 text (saved by an old editor)"),
        ("not_utf8.json", b"{\"format\":\"complaint-desk-batch\",\"x\":\"\xC3\x28\"}".to_vec(), error("batch_binary"), "invalid UTF-8 inside"),
        ("json_array.json", format!("[{}]", first_text).into_bytes(), error("batch_not_a_batch"), "a bare array of events, no envelope"),
        ("other_json.json", br#"{"name":"Wang","phone":"13800000000"}"#.to_vec(), error("batch_not_a_batch"), "some other JSON object"),
        ("wrong_format.json", b.text.replacen("complaint-desk-batch", "complaint-desk-config", 1).into_bytes(), error("batch_wrong_format"), "another file of this app"),
        ("format_not_string.json", b.text.replacen(r#""complaint-desk-batch""#, "1", 1).into_bytes(), error("batch_wrong_format"), "format is a number"),
        ("newer_major.json", edit_version(r#""2.0""#), error("batch_newer_version"), "written by a newer app"),
        ("bad_version.json", edit_version(r#""v1""#), error("batch_bad_version"), "version is not major.minor"),
        ("version_number.json", edit_version("1.0"), error("batch_bad_version"), "version is a JSON number"),
        ("version_zero.json", edit_version(r#""0.9""#), error("batch_bad_version"), "a pre-release major version"),
        ("newer_minor.json", {
            let mut m = b.manifest.clone();
            m["signature"] = json!("added in 1.3");
            let a = assemble("1.3", &m.to_string(), &b.entries, "[]");
            a.replacen(r#""events":["#, r#""compression":null,"events":["#, 1).into_bytes()
        }, ok.clone(), "a newer minor version with fields this app ignores"),
        ("oldest_compatible.json", {
            let mut m = b.manifest.clone();
            m.as_object_mut().unwrap().remove("redacted");
            let events = format!("[{}]", b.entries.join(","));
            let sha = crate::domain::batch::checksum::file_sha256("complaint-desk-batch", "1.0", &m.to_string(), &events, None);
            format!(r#"{{"format":"complaint-desk-batch","version":"1.0","manifest":{m},"events":{events},"sha256":"{sha}"}}"#).into_bytes()
        }, ok.clone(), "1.0 with every optional field absent (no attachments, no redacted flag)"),
        ("older_app_no_at.json", {
            let old: Vec<String> = b.entries.iter().map(|x| {
                let text = serde_json::from_str::<Value>(x).unwrap()["event"].as_str().unwrap().to_string();
                let at = Event::from_json(&text).unwrap().at().unwrap();
                entry(&text.replacen(&format!(r#""at":{at},"#), "", 1))
            }).collect();
            b.file(&old, "[]", |_| {})
        }, ok.clone(), "events of an older app, without `at` (their HLC stands in)"),
        ("bom_utf8.json", [b"\xEF\xBB\xBF".as_slice(), b.text.as_bytes()].concat(), ok.clone(), "a UTF-8 byte order mark in front"),
        ("checksum_mismatch.json", b.text.replacen("product_quality", "product_qualitz", 1).into_bytes(), error("batch_checksum_mismatch"), "one event edited, checksums not recomputed"),
        ("checksum_missing.json", {
            let cut = b.text.rfind(",\n\"sha256\"").unwrap();
            format!("{}}}", &b.text[..cut]).into_bytes()
        }, error("batch_malformed"), "no file checksum"),
        ("huge_declared_count.json", b.file(&b.entries, "[]", |m| m["counts"]["events"] = json!(u64::MAX)), error("batch_count_mismatch"), "manifest claims 2^64-1 events"),
        ("manifest_bidi_device_name.json", b.file(&b.entries, "[]", |m| m["device"]["name"] = json!("Tablet \u{202E}gpj.exe")), error("batch_malformed"), "device name with U+202E"),
        ("manifest_wrong_types.json", b.file(&b.entries, "[]", |m| m["created_ms"] = json!("yesterday")), error("batch_malformed"), "created_ms is a string"),
        ("manifest_created_year_9999.json", b.file(&b.entries, "[]", |m| m["created_ms"] = json!(year_9999)), error("batch_malformed"), "created in year 9999"),
        ("events_not_a_list.json", {
            let m = b.manifest.to_string().replacen(r#""events":3"#, r#""events":0"#, 1);
            let sha = crate::domain::batch::checksum::file_sha256("complaint-desk-batch", "1.0", &m, "{}", Some("[]"));
            format!(r#"{{"format":"complaint-desk-batch","version":"1.0","manifest":{m},"events":{{}},"attachments":[],"sha256":"{sha}"}}"#).into_bytes()
        }, error("batch_malformed"), "events is an object"),
        ("duplicate_top_level_key.json", b.text.replacen(r#""version":"1.0","#, r#""version":"1.0","version":"1.0","#, 1).into_bytes(), error("batch_malformed"), "a key twice at the top"),
        ("trailing_garbage.json", format!("{}<script>alert(1)</script>", b.text).into_bytes(), error("batch_not_json"), "markup after the batch"),
        ("two_batches.json", format!("{}{}", b.text, b.text).into_bytes(), error("batch_not_json"), "two batches pasted into one file"),
        ("redacted.json", redacted, error("batch_redacted"), "a redacted batch offered as a complete import"),
        ("event_checksum_mismatch.json", {
            let mut e = first_event.clone();
            e["sha256"] = json!("0".repeat(64));
            b.file(&[b.entries[0].clone(), e.to_string(), b.entries[2].clone()], "[]", |_| {})
        }, accepted(2, 2, &[("record_checksum_mismatch", 1)], json!({})), "one event's own checksum is wrong"),
        ("event_bad_id.json", b.with(&[entry(&handler(c, "li", 1).to_json().replacen("\"id\":\"", "\"id\":\"../", 1))]), accepted(3, 3, &[("event_bad_id", 1)], json!({})), "an id that is not a ULID"),
        ("event_hlc_year_9999.json", b.with_events(&[event(c, "dev-x", year_9999, "progress_update", 1, r#"{"text":"x","new_eta":null,"explained":true}"#, 2)]),
            accepted(3, 3, &[("event_hlc_out_of_range", 1)], json!({})), "an event clock in year 9999"),
        ("event_hlc_i64_max.json", b.with_events(&[event(c, "dev-x", i64::MAX, "progress_update", 1, r#"{"text":"x","new_eta":null,"explained":true}"#, 3)]),
            accepted(3, 3, &[("event_hlc_out_of_range", 1)], json!({})), "an event clock of i64::MAX"),
        ("event_hlc_before_1900.json", b.with_events(&[event(c, "dev-x", -2_240_524_800_000, "progress_update", 1, r#"{"text":"x","new_eta":null,"explained":true}"#, 4)]),
            accepted(3, 3, &[("event_hlc_out_of_range", 1)], json!({})), "an event clock in 1899"),
        ("event_at_year_9999.json", b.with(&[entry(&progress(c, "ok", 21).to_json().replacen(r#""base":"#, &format!(r#""at":{year_9999},"base":"#), 1))]),
            accepted(3, 3, &[("event_at_out_of_range", 1)], json!({})), "a step taken in year 9999 by its device's clock (`at`)"),
        ("text_script.json", b.with_events(&[progress(c, "<script>alert('x')</script> 已联系客户", 5)]), accepted(4, 4, &[], json!({})), "script markup in a note: plain text, accepted"),
        ("name_img_onerror.json", b.with_events(&[handler(c, "<img src=x onerror=alert(1)>", 6)]), accepted(4, 4, &[], json!({})), "markup in a name: plain text, accepted"),
        ("name_nul.json", b.with_events(&[handler(c, "li\u{0}wei", 7)]), accepted(3, 3, &[("event_payload_invalid", 1)], json!({})), "NUL in a name"),
        ("name_esc.json", b.with_events(&[handler(c, "\u{1b}[31mli", 8)]), accepted(3, 3, &[("event_payload_invalid", 1)], json!({})), "a terminal escape in a name"),
        ("name_rlo.json", b.with_events(&[handler(c, "li\u{202E}gnaw", 9)]), accepted(3, 3, &[("event_payload_invalid", 1)], json!({})), "U+202E in a name"),
        ("name_zero_width_only.json", b.with_events(&[handler(c, "\u{200B}\u{200D}\u{FEFF}", 10)]), accepted(3, 3, &[("event_payload_invalid", 1)], json!({})), "a name of invisible characters only"),
        ("actor_bidi.json", b.with(&[entry(&progress(c, "ok", 11).to_json().replacen("\"actor\":\"x\"", "\"actor\":\"x\\u2066y\"", 1))]),
            accepted(3, 3, &[("event_bad_envelope", 1)], json!({})), "an isolate character in the envelope's actor"),
        ("long_string.json", b.with_events(&[progress(c, &"长".repeat(2001), 12)]), accepted(3, 3, &[("event_payload_invalid", 1)], json!({})), "a note over 2000 characters"),
        ("huge_event.json", b.with_events(&[event(c, "dev-x", T, "voice_note", 1, &json!({"audio": "A".repeat(300_000)}).to_string(), 13)]),
            accepted(3, 3, &[("event_too_large", 1)], json!({})), "one event of 300 kB"),
        ("payload_time_1800.json", b.with_events(&[event(c, "dev-x", T, "communication", 1, r#"{"at":"1800-01-01T00:00:00","channel":"phone","direction":"outbound","who":"li","summary":"s","result":null}"#, 14)]),
            accepted(3, 3, &[("event_payload_invalid", 1)], json!({})), "a contact logged in 1800"),
        ("wrong_field_types.json", b.with(&[entry(&progress(c, "ok", 15).to_json().replacen("\"hlc\":{\"ms\":", "\"hlc\":{\"ms\":\"soon\",\"x\":", 1))]),
            accepted(3, 3, &[("record_malformed", 1)], json!({})), "hlc.ms is a string"),
        ("payload_wrong_types.json", b.with_events(&[event(c, "dev-x", T, "progress_update", 1, r#"{"text":42,"new_eta":null,"explained":"yes"}"#, 16)]),
            accepted(3, 3, &[("event_malformed", 1)], json!({})), "a known kind with a payload of wrong types"),
        ("entry_not_object.json", b.with(&["42".into(), r#"{"sha256":"x"}"#.into()]), accepted(3, 3, &[("record_malformed", 2)], json!({})), "entries that are not event entries"),
        ("event_text_not_json.json", b.with(&[entry("<event>not json</event>")]), accepted(3, 3, &[("record_malformed", 1)], json!({})), "an event text that is not JSON"),
        ("duplicate_identical.json", b.with(&[b.entries[1].clone()]), accepted(3, 3, &[], json!({"duplicates": 1})), "the same event twice, identical"),
        ("duplicate_different.json", b.with(&[entry(&first_text.replacen("\"actor\":\"", "\"actor\":\"forged-", 1))]),
            accepted(2, 2, &[("record_duplicate_conflict", 2)], json!({})), "one id twice with different content"),
        ("unknown_kind.json", b.with_events(&[event(c, "dev-x", T, "video_call", 1, r#"{ "url" : "https://example.invalid/v" , "secs": 12.50 }"#, 17)]),
            accepted(4, 4, &[], json!({"newer": 1})), "an event kind from a newer app, kept byte for byte"),
        ("newer_event_version.json", b.with_events(&[event(c, "dev-x", T, "fields_set", 7, r#"{"changes":[{"field":"mood","value":3}]}"#, 18)]),
            accepted(4, 4, &[], json!({"newer": 1})), "a newer version of a known kind, kept byte for byte"),
        ("deep_nesting_payload.json", b.with_events(&[event(c, "dev-x", T, "nested_thing", 1, &deep, 19)]), accepted(4, 4, &[], json!({"newer": 1})), "a payload nested 20,000 deep (unknown kind, kept)"),
        ("deep_nesting_unknown_field.json", b.text.replacen(r#""version":"1.0","#, &format!(r#""version":"1.0","x":{deep},"#), 1).into_bytes(), ok.clone(), "a top-level field nested 20,000 deep (ignored)"),
        ("unknown_complaint.json", {
            let other = EventId::new(Hlc { ms: T, c: 0 }, [99; 10], 0);
            b.with_events(&[progress(&other, "无登记", 20)])
        }, accepted(4, 4, &[], json!({"waiting": 1})), "an event for a complaint neither here nor in the file: kept, waiting"),
        ("own_events.json", own, accepted(3, 0, &[("record_own_event_missing", 3)], json!({"new_complaints": 0})), "events that claim to be the importing device's own"),
        ("attachment_ok.json", b.attachment(|_| {}), accepted(3, 3, &[], json!({"attachments": 1})), "one attachment"),
        ("attachment_bad_base64.json", b.attachment(|a| a["data"] = json!("not base64!")), accepted(3, 3, &[("attachment_bad_data", 1)], json!({})), "attachment data is not base64"),
        ("attachment_checksum.json", b.attachment(|a| a["sha256"] = json!("f".repeat(64))), accepted(3, 3, &[("record_checksum_mismatch", 1)], json!({})), "attachment checksum wrong"),
        ("attachment_size_mismatch.json", b.attachment(|a| a["bytes"] = json!(1_000_000_000u64)), accepted(3, 3, &[("attachment_size_mismatch", 1)], json!({})), "attachment claims 1 GB"),
        ("attachment_name_bidi.json", b.attachment(|a| a["name"] = json!("photo\u{202E}gpj.exe")), accepted(3, 3, &[("attachment_invalid", 1)], json!({})), "attachment name with U+202E"),
        ("attachment_wrong_types.json", b.attachment(|a| a["bytes"] = json!("many")), accepted(3, 3, &[("record_malformed", 1)], json!({})), "attachment bytes is a string"),
        ("sealed_ok.json", sealed_text().into_bytes(), error("batch_passphrase_needed"), "a well-formed encrypted batch given to the plain reader"),
        ("sealed_iterations_huge.json", sealed(|v| v["kdf"]["iterations"] = json!(1_000_000_000_000u64)),
            error("batch_sealed_malformed"), "encrypted, 10^12 PBKDF2 iterations (would keep the tablet busy for days)"),
        ("sealed_bad_base64.json", sealed(|v| v["data"] = json!("<script>alert(1)</script>")), error("batch_sealed_malformed"), "encrypted, data is not base64"),
        ("sealed_unknown_kdf.json", sealed(|v| v["kdf"] = json!({"name": "none", "iterations": 600_000, "salt": "AAAAAAAAAAAAAAAAAAAAAA=="})),
            error("batch_sealed_malformed"), "encrypted, a key derivation this app does not know"),
    ]
}

/// A sealed envelope as the app writes it, with a fixed salt and IV and stand-in ciphertext
/// (the plain reader never decrypts; the browser tests seal and open for real).
fn sealed_text() -> String {
    let params = SealParams::new([0x5a; SALT_LEN], [0xa5; IV_LEN]);
    let ciphertext: Vec<u8> = (0..200u32).map(|i| (i * 73 % 251) as u8).collect();
    seal_envelope(&params, &ciphertext)
}

/// The sealed envelope, edited (its keys then in alphabetical order, which a reader accepts).
fn sealed(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_str(&sealed_text()).unwrap();
    edit(&mut v);
    v.to_string().into_bytes()
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/batch_corpus")
}

#[test]
fn batch_corpus_files_are_up_to_date() {
    let cases = cases();
    let mut expected = BTreeMap::new();
    for (name, _, outcome, note) in &cases {
        let mut o = outcome.clone();
        o["note"] = json!(note);
        assert!(expected.insert(name.to_string(), o).is_none(), "{name} twice");
    }
    let manifest = serde_json::to_string_pretty(&expected).unwrap() + "\n";
    let write = std::env::var_os("BATCH_CORPUS_WRITE").is_some();
    if write {
        std::fs::create_dir_all(dir()).unwrap();
        std::fs::write(dir().join("expected.json"), &manifest).unwrap();
    }
    assert!(cases.len() >= 40);
    for (name, bytes, _, _) in &cases {
        if write {
            std::fs::write(dir().join(name), bytes).unwrap();
        }
        assert_eq!(&std::fs::read(dir().join(name)).unwrap_or_default(), bytes, "{name} differs: BATCH_CORPUS_WRITE=1 to regenerate");
    }
    assert_eq!(std::fs::read_to_string(dir().join("expected.json")).unwrap_or_default(), manifest);
}
