use super::{now, read_back};
use crate::domain::channel::Channel;
use crate::domain::csv::convert::{plan_import, RowKey};
use crate::domain::csv::dates::{detect, DateFormat};
use crate::domain::csv::mapping::{propose, untranslated, CsvMapping, Target};
use crate::domain::csv::problem::ProblemKind;
use crate::domain::csv::read::read_table;
use crate::domain::csv::rejects::rejects_csv;
use crate::domain::intake::{Expectation, Problem, RegField, Salutation};
use chrono::NaiveDate;

const CHINESE: &str = "投诉编号,投诉日期,渠道,客户姓名,称呼,联系电话,涉及产品,投诉内容,客户诉求,备注\r\n\
A-1,2026/11/20 09:30,电话,王,先生,138 0000 0000,空调,\"制冷差，\r\n开一天还是28度\",维修、换货,x\r\n\
A-2,2026/11/21,微信,李,女士,139 0000 0000,冰箱,噪音大,退款,\r\n\
A-3,2026/11/22 10:00,传真机,张,,12ab,洗衣机,,,\r\n\
A-4,明天,电话,赵,,13700000000,电视,黑屏,,\r\n\
A-1,2026/11/20 09:30,电话,王,先生,138 0000 0000,空调,重复,,\r\n";

#[test]
fn chinese_headers_are_mapped_and_rows_validated_like_the_form() {
    let table = read_table(CHINESE, None).unwrap();
    let mapping = propose(&table, "导入员");
    let target = |h: &str| mapping.target_of(h);
    assert_eq!(target("投诉编号"), Some(Target::SourceId));
    assert_eq!(target("投诉日期"), Some(Target::ReceivedAt));
    assert_eq!(target("渠道"), Some(Target::Channel));
    assert_eq!(target("客户姓名"), Some(Target::CustomerName));
    assert_eq!(target("称呼"), Some(Target::Salutation));
    assert_eq!(target("联系电话"), Some(Target::Phone));
    assert_eq!(target("涉及产品"), Some(Target::Product));
    assert_eq!(target("投诉内容"), Some(Target::OwnWords));
    assert_eq!(target("客户诉求"), Some(Target::Expectations));
    assert_eq!(target("备注"), None);
    assert_eq!(mapping.received_format, None, "`明天` reads in no format: the person chooses");
    assert_eq!(detect(["2026/11/20 09:30", "2026/11/21"]), [DateFormat::YearFirstSlash]);
    assert_eq!(untranslated(&table, &mapping), [(Target::Channel, "传真机".to_string())]);

    let mut mapping = mapping;
    mapping.received_format = Some(DateFormat::YearFirstSlash);
    mapping.set_value(Target::Channel, "传真机", "letter");
    let plan = plan_import(&table, &mapping, now());
    assert_eq!(plan.rows.len(), 5);

    let first = plan.rows[0].result.as_ref().unwrap();
    assert_eq!(first.received_at, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(9, 30, 0).unwrap());
    assert_eq!(first.channel, Channel::Phone);
    assert_eq!(first.customer.salutation, Some(Salutation::Mr));
    assert_eq!(first.incident.own_words, "制冷差，\n开一天还是28度", "CRLF in a cell becomes the domain's LF");
    assert_eq!(first.incident.expectations, [Expectation::Exchange, Expectation::Repair]);
    assert_eq!(first.first_contact_owner, "导入员");
    assert_eq!(plan.rows[0].key, RowKey("id:A-1".into()));
    assert_eq!(plan.rows[1].result.as_ref().unwrap().channel, Channel::Social);

    // The form's rules, at their row and column.
    let p3 = plan.rows[2].result.as_ref().unwrap_err();
    let at = |p: &crate::domain::csv::RowProblem| (p.line, p.column.map(|c| table.headers[c].clone()), p.field, p.code());
    assert_eq!(
        p3.iter().map(at).collect::<Vec<_>>(),
        [
            (5, Some("联系电话".into()), Some(RegField::CustomerPhone), "invalid_phone"),
            (5, Some("投诉内容".into()), Some(RegField::OwnWords), "required"),
        ]
    );
    let p4 = plan.rows[3].result.as_ref().unwrap_err();
    assert_eq!(p4[0].kind, ProblemKind::BadDate { value: "明天".into() });
    assert_eq!((p4[0].line, p4[0].column), (6, Some(1)));
    let p5 = plan.rows[4].result.as_ref().unwrap_err();
    assert_eq!(p5[0].kind, ProblemKind::Duplicate { first_line: 2 });
    assert_eq!((plan.valid_count(), plan.rejected_count()), (2, 3));

    // Rejects go back as CSV with their line and problems, original columns first.
    let bytes = rejects_csv(&table, &plan, "line", "problems").unwrap();
    let back = read_back(&bytes);
    assert_eq!(back.len(), 4);
    assert_eq!(back[0].last().unwrap(), "problems");
    assert_eq!(back[1][0], "A-3");
    assert_eq!(back[1][10], "5");
    assert!(back[1][11].contains("联系电话: invalid phone"), "{}", back[1][11]);
    let coded = crate::domain::csv::rejects_csv_with(&table, &plan, "行", "问题", &|p| p.code().to_string()).unwrap();
    assert_eq!(read_back(&coded)[1][11], "invalid_phone; required");
}

#[test]
fn future_received_times_are_refused_as_in_the_form() {
    let table = read_table("received,channel,product,words,phone,name\n2026-11-26 12:00,phone,p,w,13800000000,王\n", None).unwrap();
    let mut mapping = propose(&table, "li");
    mapping.set_column("words", Some(Target::OwnWords));
    let plan = plan_import(&table, &mapping, now());
    let p = plan.rows[0].result.as_ref().unwrap_err();
    assert_eq!((p[0].field, p[0].kind.clone()), (Some(RegField::ReceivedAt), ProblemKind::Invalid { problem: Problem::InFuture }));
}

#[test]
fn identities_are_stable_without_an_id_column() {
    let text = "date,product,text\n2026-01-01,a,b\n2026-01-02,a,b\n";
    let t1 = read_table(text, None).unwrap();
    let t2 = read_table(&text.replace('\n', "\r\n"), None).unwrap();
    let m = propose(&t1, "li");
    let keys = |t| plan_import(t, &m, now()).rows.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
    let (k1, k2) = (keys(&t1), keys(&t2));
    assert_eq!(k1, k2);
    assert!(k1[0].as_str().starts_with("fp:") && k1[0] != k1[1]);
}

#[test]
fn a_mapping_is_saved_and_reused() {
    let table = read_table(CHINESE, None).unwrap();
    let mut mapping = propose(&table, "li");
    mapping.set_value(Target::Channel, "传真机", "letter");
    mapping.defaults.channel = Some(Channel::Phone);
    let json = mapping.to_json();
    let back = CsvMapping::from_json(&json).unwrap();
    assert_eq!(back, mapping);
    assert_eq!(CsvMapping::from_json("{}").unwrap(), CsvMapping::default(), "every part has a default");
    assert!(back.missing_headers(&["投诉编号".to_string()]).contains(&"客户姓名".to_string()));
}

#[test]
fn required_values_without_a_column_are_reported() {
    let table = read_table("product,words\np,w\n", None).unwrap();
    let mut mapping = CsvMapping::default();
    mapping.set_column("product", Some(Target::Product));
    mapping.set_column("words", Some(Target::OwnWords));
    let plan = plan_import(&table, &mapping, now());
    let codes: Vec<_> = plan.rows[0].result.as_ref().unwrap_err().iter().map(|p| (p.field, p.code())).collect();
    assert_eq!(codes, [(Some(RegField::ReceivedAt), "csv_unmapped"), (None, "csv_unmapped")]);
}

#[test]
fn date_formats() {
    let d = |y, m, day, h, min| NaiveDate::from_ymd_opt(y, m, day).unwrap().and_hms_opt(h, min, 0).unwrap();
    assert_eq!(DateFormat::Iso.parse("2023-08-25"), Some(d(2023, 8, 25, 0, 0)));
    assert_eq!(DateFormat::Iso.parse("2023-08-25T14:30:00"), Some(d(2023, 8, 25, 14, 30)));
    assert_eq!(DateFormat::Chinese.parse("2023年8月25日 14:30"), Some(d(2023, 8, 25, 14, 30)));
    assert_eq!(DateFormat::MonthDayYear.parse("8/25/2023 2:30 PM"), Some(d(2023, 8, 25, 14, 30)));
    assert_eq!(DateFormat::DayMonthYear.parse("25.08.2023 14:30"), Some(d(2023, 8, 25, 14, 30)));
    assert_eq!(DateFormat::ExcelSerial.parse("45163.5"), Some(d(2023, 8, 25, 12, 0)));
    assert_eq!(DateFormat::Iso.parse("2023-02-30"), None);
    assert_eq!(DateFormat::Iso.parse("25/08/2023"), None);
    assert_eq!(detect(["03/04/2023", "05/06/2023"]), [DateFormat::MonthDayYear, DateFormat::DayMonthYear]);
    assert_eq!(detect(["03/04/2023", "25/06/2023"]), [DateFormat::DayMonthYear]);
    assert_eq!(detect(["2023-08-25", ""]), [DateFormat::Iso]);
}
