//! The CFPB sample (tests/data, see its README): 2,067 real complaints with multi-line
//! narratives, mapped with a saved mapping; counts checked against figures computed here
//! directly from the file with the `csv` crate.

use std::collections::BTreeMap;

use super::now;
use crate::domain::channel::Channel;
use crate::domain::csv::convert::plan_import;
use crate::domain::csv::dates::DateFormat;
use crate::domain::csv::decode::{decode, SourceEncoding};
use crate::domain::csv::mapping::{propose, untranslated, CsvMapping, Target};
use crate::domain::csv::problem::ProblemKind;
use crate::domain::csv::read::{read_table, Delimiter};
use crate::domain::intake::{Problem, RegField, MAX_LONG};

fn file() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cfpb-complaints-sample.csv")).unwrap()
}

/// The mapping a person would save for this export: the proposal plus the one channel value
/// without a built-in equivalent.
fn saved_mapping(table: &crate::domain::csv::SourceTable) -> CsvMapping {
    let mut m = propose(table, "cfpb-import");
    assert_eq!(untranslated(table, &m), [(Target::Channel, "Referral".to_string())]);
    m.set_value(Target::Channel, "Referral", "letter");
    CsvMapping::from_json(&m.to_json()).unwrap()
}

#[test]
fn the_cfpb_sample_maps_with_narratives_dates_and_channels_intact() {
    let bytes = file();
    // Independent figures: the file read directly, by header name.
    let mut expected = csv::Reader::from_reader(bytes.as_slice());
    let headers = expected.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = expected.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 2067);
    let channel_of = |via: &str| match via {
        "Web" => Channel::Web,
        "Phone" => Channel::Phone,
        "Referral" | "Postal mail" => Channel::Letter,
        other => panic!("unexpected channel {other}"),
    };
    let narrative_fits = |r: &csv::StringRecord| r[col("Consumer complaint narrative")].trim().chars().count() <= MAX_LONG;

    let decoded = decode(&bytes).unwrap();
    assert_eq!(decoded.encoding, SourceEncoding::Utf8);
    let table = read_table(&decoded.text, None).unwrap();
    assert_eq!(table.delimiter, Delimiter::Comma);
    assert_eq!(table.rows.len(), 2067);
    let mapping = saved_mapping(&table);
    let target = |h: &str| mapping.target_of(h);
    assert_eq!(target("Complaint ID"), Some(Target::SourceId));
    assert_eq!(target("Date received"), Some(Target::ReceivedAt));
    assert_eq!(target("Submitted via"), Some(Target::Channel));
    assert_eq!(target("Product"), Some(Target::Product));
    assert_eq!(target("Sub-product"), Some(Target::Model));
    assert_eq!(mapping.columns_of(Target::OwnWords, &table.headers), [col("Consumer complaint narrative"), col("Issue")]);
    assert_eq!(mapping.received_format, Some(DateFormat::Iso));

    let plan = plan_import(&table, &mapping, now());
    assert_eq!(plan.rows.len(), 2067);

    // Every row maps except narratives longer than the form accepts (MAX_LONG characters),
    // which are refused at their row and column by the form's own rule, not cut.
    let fitting = records.iter().filter(|r| narrative_fits(r)).count();
    assert_eq!(plan.valid_count(), fitting);
    for (row, problems) in plan.rejected() {
        assert_eq!(problems.len(), 1, "line {}: {problems:?}", row.line);
        assert_eq!(problems[0].kind, ProblemKind::Invalid { problem: Problem::TooLong });
        assert_eq!(problems[0].field, Some(RegField::OwnWords));
        assert_eq!(problems[0].column, Some(col("Consumer complaint narrative")));
    }

    let mut by_channel: BTreeMap<Channel, usize> = BTreeMap::new();
    let mut by_product: BTreeMap<String, usize> = BTreeMap::new();
    let mut multi_line = 0;
    for (record, planned) in records.iter().zip(&plan.rows) {
        assert_eq!(planned.key.as_str(), format!("id:{}", &record[col("Complaint ID")]));
        let Ok(reg) = &planned.result else {
            assert!(!narrative_fits(record));
            continue;
        };
        let date = &record[col("Date received")];
        assert_eq!(reg.received_at.format("%Y-%m-%d").to_string(), date, "received date preserved");
        assert_eq!(reg.channel, channel_of(&record[col("Submitted via")]));
        assert_eq!(reg.incident.product, record[col("Product")]);
        let narrative = record[col("Consumer complaint narrative")].trim();
        if narrative.is_empty() {
            assert_eq!(reg.incident.own_words, record[col("Issue")].trim());
        } else {
            assert_eq!(reg.incident.own_words, narrative, "narrative intact");
            multi_line += usize::from(narrative.contains('\n'));
        }
        assert!(reg.customer.anonymous, "the public data set names no one");
        *by_channel.entry(reg.channel).or_default() += 1;
        *by_product.entry(reg.incident.product.clone()).or_default() += 1;
    }
    let mut want_channel: BTreeMap<Channel, usize> = BTreeMap::new();
    let mut want_product: BTreeMap<String, usize> = BTreeMap::new();
    let mut want_multi = 0;
    for r in records.iter().filter(|r| narrative_fits(r)) {
        *want_channel.entry(channel_of(&r[col("Submitted via")])).or_default() += 1;
        *want_product.entry(r[col("Product")].to_string()).or_default() += 1;
        want_multi += usize::from(r[col("Consumer complaint narrative")].trim().contains('\n'));
    }
    assert_eq!(by_channel, want_channel);
    assert_eq!(by_product, want_product);
    assert_eq!(multi_line, want_multi);
    assert!(multi_line > 150, "{multi_line} multi-line narratives");
}
