//! Which source column fills which registration field, how enumeration values translate, and
//! which date format the date columns use: [`CsvMapping`], serialisable so a person can save it
//! and use it again for the next file of the same shape. [`propose`] suggests one from the
//! headers (English and Chinese synonyms, the CFPB export's headers) and the first rows.

use serde::{Deserialize, Serialize};

use super::dates::{self, DateFormat};
use super::read::{Delimiter, SourceTable};
use crate::domain::channel::Channel;
use crate::domain::intake::{Emotion, Expectation, Recurrence, RegField, RequestType, Salutation, Seriousness};
use crate::domain::keyed::Keyed;

/// What a source column can fill; keys (`Keyed`) are the serde names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Target {
    /// The source system's own id of the row: the row's identity for "imported before".
    SourceId,
    ReceivedAt,
    Channel,
    RequestType,
    Seriousness,
    Recurrence,
    Anonymous,
    CustomerName,
    Salutation,
    Phone,
    Email,
    CustomerNo,
    Company,
    Address,
    OccurredAt,
    Place,
    Product,
    Model,
    OrderRef,
    OwnWords,
    Restatement,
    Expectations,
    ExpectationNote,
    Emotion,
    FirstContactOwner,
}

/// How a target's values are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Date,
    /// One of a closed set of values (see [`Target::choices`]).
    Choice,
    /// Several choices in one cell (`refund, repair`).
    Choices,
    YesNo,
}

impl Target {
    pub fn kind(self) -> Kind {
        match self {
            Target::ReceivedAt | Target::OccurredAt => Kind::Date,
            Target::Channel | Target::RequestType | Target::Seriousness | Target::Recurrence | Target::Salutation | Target::Emotion => {
                Kind::Choice
            }
            Target::Expectations => Kind::Choices,
            Target::Anonymous => Kind::YesNo,
            _ => Kind::Text,
        }
    }

    /// The registration field a target fills (its validation problems are reported there).
    pub fn field(self) -> Option<RegField> {
        Some(match self {
            Target::ReceivedAt => RegField::ReceivedAt,
            Target::FirstContactOwner => RegField::FirstContactOwner,
            Target::CustomerName => RegField::CustomerName,
            Target::Phone => RegField::CustomerPhone,
            Target::Email => RegField::CustomerEmail,
            Target::CustomerNo => RegField::CustomerNo,
            Target::Company => RegField::Company,
            Target::Address => RegField::Address,
            Target::OccurredAt => RegField::OccurredAt,
            Target::Place => RegField::Place,
            Target::Product => RegField::Product,
            Target::Model => RegField::Model,
            Target::OrderRef => RegField::OrderRef,
            Target::OwnWords => RegField::OwnWords,
            Target::Restatement => RegField::Restatement,
            Target::ExpectationNote => RegField::ExpectationNote,
            _ => return None,
        })
    }

    /// The targets a registration field's problem can come from.
    pub fn of_field(field: RegField) -> Vec<Target> {
        if field == RegField::CustomerContact {
            return vec![Target::Phone, Target::Email];
        }
        Target::all().into_iter().filter(|t| t.field() == Some(field)).collect()
    }

    /// The keys a choice target accepts (our stored codes).
    pub fn choices(self) -> Vec<&'static str> {
        match self {
            Target::Channel => keys::<Channel>(),
            Target::RequestType => keys::<RequestType>(),
            Target::Seriousness => keys::<Seriousness>(),
            Target::Recurrence => keys::<Recurrence>(),
            Target::Salutation => keys::<Salutation>(),
            Target::Emotion => keys::<Emotion>(),
            Target::Expectations => keys::<Expectation>(),
            Target::Anonymous => vec!["yes", "no"],
            _ => Vec::new(),
        }
    }
}

/// Every key of an enumeration, in its order.
fn keys<T: Keyed>() -> Vec<&'static str> {
    T::all().into_iter().map(Keyed::key).collect()
}

/// One source column and the target it fills. A target filled by several columns takes the
/// first non-empty value in the order of [`CsvMapping::columns`] (e.g. the narrative, else
/// the issue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMap {
    /// The column's header, as in the file.
    pub header: String,
    pub target: Target,
}

/// One source value and the code it stands for (e.g. `Postal mail` → `letter`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueMap {
    pub target: Target,
    pub from: String,
    pub to: String,
}

/// What is used when no column gives a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Defaults {
    pub channel: Option<Channel>,
    /// 首问负责人 of the imported complaints when no column names one (the importing person).
    pub first_contact_owner: String,
    /// A row without a customer name is registered as anonymous (可匿名) — most legacy sheets
    /// and public data sets carry no names.
    pub anonymous_without_name: bool,
}

impl Default for Defaults {
    fn default() -> Defaults {
        Defaults { channel: None, first_contact_owner: String::new(), anonymous_without_name: true }
    }
}

/// A complete, editable, serialisable column mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CsvMapping {
    /// Format version of the saved mapping.
    pub version: u32,
    /// `None`: detect.
    pub delimiter: Option<Delimiter>,
    pub columns: Vec<ColumnMap>,
    pub values: Vec<ValueMap>,
    /// The format of the received time column (`None`: detect from the file).
    pub received_format: Option<DateFormat>,
    pub occurred_format: Option<DateFormat>,
    pub defaults: Defaults,
}

impl Default for CsvMapping {
    fn default() -> CsvMapping {
        CsvMapping {
            version: 1,
            delimiter: None,
            columns: Vec::new(),
            values: Vec::new(),
            received_format: None,
            occurred_format: None,
            defaults: Defaults::default(),
        }
    }
}

impl CsvMapping {
    /// The mapping as JSON, to be saved.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A saved mapping.
    pub fn from_json(json: &str) -> Result<CsvMapping, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The columns (indexes in `headers`) mapped to `target`, in priority order.
    pub fn columns_of(&self, target: Target, headers: &[String]) -> Vec<usize> {
        self.columns.iter().filter(|c| c.target == target).filter_map(|c| headers.iter().position(|h| *h == c.header)).collect()
    }

    /// The target of a column, if mapped.
    pub fn target_of(&self, header: &str) -> Option<Target> {
        self.columns.iter().find(|c| c.header == header).map(|c| c.target)
    }

    /// Maps `header` to `target` (or unmaps it with `None`), keeping other columns.
    pub fn set_column(&mut self, header: &str, target: Option<Target>) {
        self.columns.retain(|c| c.header != header);
        if let Some(target) = target {
            self.columns.push(ColumnMap { header: header.to_string(), target });
        }
    }

    /// Translates `from` to `to` for `target` (replacing an earlier translation).
    pub fn set_value(&mut self, target: Target, from: &str, to: &str) {
        self.values.retain(|v| !(v.target == target && v.from == from));
        self.values.push(ValueMap { target, from: from.to_string(), to: to.to_string() });
    }

    /// The code a source value stands for: the mapping's own translation first, then the
    /// built-in synonyms (our codes, English and Chinese names).
    pub fn choice(&self, target: Target, value: &str) -> Option<String> {
        let value = value.trim();
        if let Some(v) = self.values.iter().find(|v| v.target == target && v.from.trim().eq_ignore_ascii_case(value)) {
            return Some(v.to.clone());
        }
        builtin_choice(target, value).map(str::to_string)
    }

    /// Every column mapped whose header the file does not have (a saved mapping used on a
    /// file of another shape).
    pub fn missing_headers(&self, headers: &[String]) -> Vec<String> {
        self.columns.iter().filter(|c| !headers.contains(&c.header)).map(|c| c.header.clone()).collect()
    }
}

/// Lower case without spaces and punctuation: how headers and values are compared.
pub fn normalise(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Header synonyms per target, in priority order (a target may take several columns).
const HEADER_SYNONYMS: &[(Target, &[&str])] = &[
    (Target::SourceId, &["complaintid", "sourceid", "caseid", "ticketid", "ticketno", "referenceid", "id", "投诉编号", "工单号", "工单编号", "投诉单号", "单号", "编号"]),
    (Target::ReceivedAt, &["datereceived", "receivedat", "receiveddate", "received", "投诉日期", "投诉时间", "接收时间", "受理时间", "受理日期", "登记日期", "登记时间", "来电时间", "日期", "date"]),
    (Target::Channel, &["channel", "submittedvia", "via", "source", "渠道", "投诉渠道", "受理渠道", "来源", "投诉方式", "投诉途径"]),
    (Target::RequestType, &["requesttype", "需求类型", "类型"]),
    (Target::Seriousness, &["seriousness", "nature", "severity", "投诉性质", "性质", "严重程度"]),
    (Target::Recurrence, &["recurrence", "发生频次", "是否重复"]),
    (Target::Anonymous, &["anonymous", "匿名", "是否匿名"]),
    (Target::CustomerName, &["customername", "customer", "name", "客户姓名", "客户名称", "姓名", "投诉人", "联系人"]),
    (Target::Salutation, &["salutation", "gender", "称呼", "性别"]),
    (Target::Phone, &["phone", "phonenumber", "telephone", "mobile", "tel", "联系电话", "电话", "手机", "手机号", "手机号码", "联系方式"]),
    (Target::Email, &["email", "emailaddress", "mail", "邮箱", "电子邮件", "电子邮箱"]),
    (Target::CustomerNo, &["customerno", "customernumber", "customerid", "客户编号", "会员号", "会员编号"]),
    (Target::Company, &["customercompany", "客户单位", "客户公司", "单位名称"]),
    (Target::Address, &["address", "customeraddress", "地址", "客户地址", "联系地址"]),
    (Target::OccurredAt, &["occurredat", "incidentdate", "dateofincident", "发生时间", "发生日期"]),
    (Target::Place, &["place", "location", "地点", "发生地点"]),
    (Target::Product, &["product", "productorservice", "productservice", "产品", "涉及产品", "涉及产品服务", "产品服务", "产品名称", "商品"]),
    (Target::Model, &["model", "subproduct", "型号", "产品型号", "规格型号"]),
    (Target::OrderRef, &["orderref", "orderno", "ordernumber", "order", "订单号", "订单编号"]),
    (Target::OwnWords, &["consumercomplaintnarrative", "narrative", "description", "complaint", "complaintdetails", "details", "投诉内容", "客户原话", "问题描述", "投诉描述", "内容", "issue", "问题"]),
    (Target::Restatement, &["restatement", "summary", "客观复述", "摘要"]),
    (Target::Expectations, &["expectations", "expectation", "客户期望", "诉求", "客户诉求", "期望"]),
    (Target::ExpectationNote, &["expectationnote", "期望说明", "诉求说明"]),
    (Target::Emotion, &["emotion", "mood", "情绪", "客户情绪"]),
    (Target::FirstContactOwner, &["firstcontactowner", "receivedby", "agent", "首问负责人", "受理人", "接待人", "登记人"]),
];

/// Value synonyms of choice targets (normalised), beyond our own codes.
const VALUE_SYNONYMS: &[(Target, &str, &[&str])] = &[
    (Target::Channel, "phone", &["phone", "telephone", "tel", "call", "hotline", "电话", "来电", "热线", "电话投诉"]),
    (Target::Channel, "web", &["web", "website", "online", "chat", "internet", "网站", "在线", "网页", "在线客服", "官网"]),
    (Target::Channel, "email", &["email", "emailaddress", "邮件", "电子邮件", "邮箱"]),
    (Target::Channel, "social", &["social", "socialmedia", "wechat", "weibo", "微信", "微博", "公众号", "小程序", "社交媒体"]),
    (Target::Channel, "app", &["app", "mobileapp", "应用", "手机app"]),
    (Target::Channel, "site", &["site", "walkin", "onsite", "inperson", "store", "现场", "到店", "门店", "上门"]),
    (Target::Channel, "letter", &["letter", "postalmail", "post", "mail", "fax", "written", "信函", "来信", "书面", "信件", "传真"]),
    (Target::RequestType, "consultation", &["咨询"]),
    (Target::RequestType, "business_handling", &["业务办理"]),
    (Target::RequestType, "complaint", &["投诉"]),
    (Target::RequestType, "after_sales_support", &["售后支持", "售后"]),
    (Target::RequestType, "suggestion", &["建议"]),
    (Target::RequestType, "emergency_support", &["紧急支援"]),
    (Target::Seriousness, "general", &["一般"]),
    (Target::Seriousness, "major", &["较大", "重大"]),
    (Target::Seriousness, "crisis", &["危机"]),
    (Target::Recurrence, "first_time", &["初次发生", "初次", "首次"]),
    (Target::Recurrence, "recurring", &["经常发生", "经常", "重复"]),
    (Target::Salutation, "mr", &["mr", "male", "m", "先生", "男"]),
    (Target::Salutation, "ms", &["ms", "mrs", "miss", "female", "f", "女士", "女"]),
    (Target::Emotion, "calm", &["平静"]),
    (Target::Emotion, "anxious", &["焦虑"]),
    (Target::Emotion, "disappointed", &["失望"]),
    (Target::Emotion, "angry", &["愤怒", "生气"]),
    (Target::Expectations, "refund", &["退款", "退货"]),
    (Target::Expectations, "exchange", &["换货", "更换"]),
    (Target::Expectations, "repair", &["维修", "修理"]),
    (Target::Expectations, "apology", &["道歉"]),
    (Target::Expectations, "compensation", &["赔偿", "补偿"]),
    (Target::Expectations, "explanation", &["解释", "说明"]),
    (Target::Expectations, "other", &["其他"]),
    (Target::Anonymous, "yes", &["yes", "y", "true", "1", "是", "匿名"]),
    (Target::Anonymous, "no", &["no", "n", "false", "0", "否", "不匿名"]),
];

/// The built-in translation of a value (our codes, channel codes such as `TEL`, synonyms).
pub fn builtin_choice(target: Target, value: &str) -> Option<&'static str> {
    let n = normalise(value);
    if n.is_empty() {
        return None;
    }
    if let Some(code) = target.choices().into_iter().find(|c| normalise(c) == n) {
        return Some(code);
    }
    if target == Target::Channel {
        if let Some(c) = Channel::all().into_iter().find(|c| normalise(c.default_code()) == n) {
            return Some(c.key());
        }
    }
    VALUE_SYNONYMS.iter().find(|(t, _, words)| *t == target && words.iter().any(|w| normalise(w) == n)).map(|(_, code, _)| *code)
}

/// A proposed mapping for `table`: each header matched against the synonyms (exact, after
/// [`normalise`]), the date formats detected from the rows. `first_contact_owner` is the
/// default 首问负责人 (the person importing).
pub fn propose(table: &SourceTable, first_contact_owner: &str) -> CsvMapping {
    let mut found: Vec<(Target, usize, usize)> = Vec::new(); // target, synonym rank, column
    for (col, header) in table.headers.iter().enumerate() {
        let n = normalise(header);
        let hit = HEADER_SYNONYMS
            .iter()
            .filter_map(|(t, words)| words.iter().position(|w| normalise(w) == n).map(|rank| (*t, rank, col)))
            .min_by_key(|&(t, rank, _)| (rank, t));
        if let Some(hit) = hit {
            found.push(hit);
        }
    }
    // A single-valued target takes its best column; own words may fall back (narrative, issue).
    crate::domain::sort::sort_by_key(&mut found, |&(t, rank, col)| (t, rank, col));
    let mut columns: Vec<ColumnMap> = Vec::new();
    for (t, _, col) in found {
        let multi = t == Target::OwnWords;
        if multi || !columns.iter().any(|c| c.target == t) {
            columns.push(ColumnMap { header: table.headers[col].clone(), target: t });
        }
    }
    let mut mapping = CsvMapping { columns, delimiter: Some(table.delimiter), ..CsvMapping::default() };
    mapping.defaults.first_contact_owner = first_contact_owner.trim().to_string();
    mapping.received_format = detect_format(table, &mapping, Target::ReceivedAt);
    mapping.occurred_format = detect_format(table, &mapping, Target::OccurredAt);
    mapping
}

/// The format proposed for a date target's column (the first that reads every value).
pub fn detect_format(table: &SourceTable, mapping: &CsvMapping, target: Target) -> Option<DateFormat> {
    let col = *mapping.columns_of(target, &table.headers).first()?;
    dates::detect(table.rows.iter().map(|r| r.cells[col].as_str())).first().copied()
}

/// The values of choice columns that neither the mapping nor the built-in synonyms translate:
/// what the person must map before those rows can be imported.
pub fn untranslated(table: &SourceTable, mapping: &CsvMapping) -> Vec<(Target, String)> {
    let mut out = Vec::new();
    for c in &mapping.columns {
        let Some(col) = table.column(&c.header) else { continue };
        let values = match c.target.kind() {
            Kind::Choice | Kind::YesNo => table.distinct_values(col, 200),
            Kind::Choices => table.distinct_values(col, 200).iter().flat_map(|v| split_choices(v)).collect(),
            _ => continue,
        };
        for v in values {
            if mapping.choice(c.target, &v).is_none() && !out.iter().any(|(t, o)| *t == c.target && *o == v) {
                out.push((c.target, v));
            }
        }
    }
    out
}

/// The parts of a multi-choice cell (`退款、维修`, `refund; repair`).
pub fn split_choices(value: &str) -> Vec<String> {
    value.split([',', ';', '、', '/', '|', '，', '；', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}
