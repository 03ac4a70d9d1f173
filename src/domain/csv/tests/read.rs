use crate::domain::csv::decode::{decode, SourceEncoding, MAX_FILE_BYTES};
use crate::domain::csv::error::CsvError;
use crate::domain::csv::problem::ProblemKind;
use crate::domain::csv::read::{detect_delimiter, read_table, Delimiter, MAX_CELL_BYTES};

fn table(bytes: &[u8]) -> Result<crate::domain::csv::SourceTable, CsvError> {
    let d = decode(bytes)?;
    read_table(&d.text, None)
}

#[test]
fn encodings_are_detected() {
    let (gbk, _, _) = encoding_rs::GBK.encode("客户姓名,联系电话\r\n王先生,13800000000\r\n");
    let d = decode(&gbk).unwrap();
    assert_eq!(d.encoding, SourceEncoding::Gb18030);
    assert!(d.text.starts_with("客户姓名,联系电话"));
    let d = decode("\u{feff}客户姓名\n王\n".as_bytes()).unwrap();
    assert_eq!((d.encoding, d.text.as_str()), (SourceEncoding::Utf8Bom, "客户姓名\n王\n"));
    assert_eq!(decode("a,b\n1,2".as_bytes()).unwrap().encoding, SourceEncoding::Utf8);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "名称\t值\r\n空调\t1\r\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let d = decode(&utf16).unwrap();
    assert_eq!(d.encoding, SourceEncoding::Utf16Le);
    let t = read_table(&d.text, None).unwrap();
    assert_eq!((t.delimiter, t.headers.clone()), (Delimiter::Tab, vec!["名称".to_string(), "值".to_string()]));
}

#[test]
fn bad_files_are_refused_with_a_clear_error() {
    assert_eq!(decode(b""), Err(CsvError::Empty));
    assert_eq!(decode(b" \r\n\r\n"), Err(CsvError::Empty));
    assert_eq!(decode(b"\xEF\xBB\xBF"), Err(CsvError::Empty));
    assert_eq!(decode(b"PK\x03\x04\x14\0\0\0"), Err(CsvError::Workbook { kind: "xlsx".into() }));
    assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(CsvError::Binary));
    // Random binary renamed .csv.
    let mut noise = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..4096 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        noise.push((x >> 16) as u8);
    }
    assert!(matches!(decode(&noise), Err(CsvError::Binary | CsvError::UnknownEncoding)), "{:?}", decode(&noise).err());
    assert_eq!(decode(b"a,b\n1,\x002\n"), Err(CsvError::Binary));
    let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
    assert_eq!(decode(&big), Err(CsvError::TooLarge { limit: MAX_FILE_BYTES }));
    assert_eq!(table(b"name,phone\r\n"), Err(CsvError::OnlyHeaders));
    assert_eq!(table(b"name,phone\r\n,\r\n\r\n"), Err(CsvError::OnlyHeaders));
    assert_eq!(table(b"name,note\r\na,\"never closed\r\nb,c\r\n"), Err(CsvError::UnterminatedQuote { line: 2 }));
    for e in [CsvError::Empty, CsvError::Binary, CsvError::OnlyHeaders, CsvError::UnterminatedQuote { line: 2 }] {
        assert!(e.code().starts_with("csv_") && !e.to_string().is_empty());
    }
}

#[test]
fn delimiters_are_detected() {
    assert_eq!(detect_delimiter("a;b;c\n1;2,5;3\n"), Delimiter::Semicolon);
    assert_eq!(detect_delimiter("a\tb\n1\t2\n"), Delimiter::Tab);
    assert_eq!(detect_delimiter("a,b\n\"1;2\",3\n"), Delimiter::Comma);
    assert_eq!(detect_delimiter("single\nvalue\n"), Delimiter::Comma);
}

#[test]
fn rfc4180_shapes_are_read() {
    let text = "名称,\"说明, 详细\",数量\r\n\r\n空调,\"第一行\r\n第二行 \"\"引号\"\"\",1\r\n,,\r\n冰箱,短,2\r\n\r\n洗衣机,x";
    let t = read_table(text, None).unwrap();
    assert_eq!(t.headers, ["名称", "说明, 详细", "数量"]);
    assert_eq!(t.rows.len(), 3, "blank lines and empty rows are skipped, a missing final line break is fine");
    assert_eq!(t.rows[0].cells[1], "第一行\r\n第二行 \"引号\"");
    assert_eq!(t.rows[0].line, 3);
    assert_eq!(t.rows[1].line, 6);
    assert_eq!(t.rows[2].cells, ["洗衣机", "x", ""], "short rows are padded");
    assert!(t.rows.iter().all(|r| r.problems.is_empty()));
}

#[test]
fn oversized_cells_and_extra_columns_are_problems_of_their_row() {
    let huge = "x".repeat(1024 * 1024);
    let text = format!("a,b\n1,2\n3,\"{huge}\"\n5,6,7\n8,9,,\n");
    let t = read_table(&text, None).unwrap();
    assert_eq!(t.rows.len(), 4);
    assert!(t.rows[0].problems.is_empty());
    assert_eq!(t.rows[1].problems[0].kind, ProblemKind::CellTooLarge { bytes: huge.len() });
    assert_eq!(t.rows[1].problems[0].column, Some(1));
    assert!(t.rows[1].cells[1].is_empty() && huge.len() > MAX_CELL_BYTES, "the huge cell is not kept");
    assert_eq!(t.rows[2].problems[0].kind, ProblemKind::ExtraColumns { found: 3, expected: 2 });
    assert!(t.rows[3].problems.is_empty(), "trailing empty cells are not extra columns");
}

#[test]
fn blank_and_repeated_headers_get_names() {
    let t = read_table("name,,name\n1,2,3\n", None).unwrap();
    assert_eq!(t.headers, ["name", "Column 2", "name (2)"]);
}

#[test]
fn ten_thousand_rows() {
    let mut text = String::from("id,received,phone,product,words\n");
    for i in 0..12_000 {
        text.push_str(&format!("{i},2024-01-02 10:{:02},138{i:08},\"P, {i}\",\"line one\nline \"\"two\"\"\"\n", i % 60));
    }
    let t = read_table(&text, None).unwrap();
    assert_eq!(t.rows.len(), 12_000);
    assert_eq!(t.rows[11_999].cells[4], "line one\nline \"two\"");
    assert_eq!(t.rows[11_999].line, 2 + 2 * 11_999);
}

#[test]
fn a_megabyte_in_a_mapped_cell_is_one_problem_at_its_cell() {
    use crate::domain::csv::{mapping::Target, plan_import, CsvMapping};
    let huge = "投诉".repeat(300_000);
    let text = format!("日期,产品,投诉内容\n2024-01-02,空调,\"{huge}\"\n2024-01-03,冰箱,噪音\n");
    let t = read_table(&text, None).unwrap();
    let mut m = CsvMapping::default();
    m.set_column("日期", Some(Target::ReceivedAt));
    m.set_column("产品", Some(Target::Product));
    m.set_column("投诉内容", Some(Target::OwnWords));
    m.received_format = Some(crate::domain::csv::DateFormat::Iso);
    m.defaults.channel = Some(crate::domain::channel::Channel::Phone);
    m.defaults.first_contact_owner = "li".into();
    let plan = plan_import(&t, &m, super::now());
    let problems = plan.rows[0].result.as_ref().unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].code(), problems[0].column), ("csv_cell_too_large", Some(2)));
    assert!(plan.rows[1].result.is_ok(), "the other rows are not affected");
}
