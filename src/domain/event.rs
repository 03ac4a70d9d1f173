//! The event: one immutable, append-only fact about a complaint, and its JSON wire format.
//!
//! Wire format (one JSON object; field order as below; unknown extra fields are allowed and
//! preserved because the original text is kept verbatim):
//!
//! ```json
//! {"id":"01HBX...","complaint":"01HBX...","device":"9f0c...","actor":"wang.li",
//!  "hlc":{"ms":1696123800000,"c":0},"at":1696123800000,"base":null,"kind":"registered","v":1,
//!  "payload":{...},"redacted":false}
//! ```
//!
//! - `id`: ULID made on the device ([`EventId::new`]); `complaint`: the id of the complaint's
//!   `registered` event (equal to `id` for that event).
//! - `hlc` orders events (the fold, conflicts, watermarks); `at` is the author device's wall
//!   clock (UTC ms) when the step was taken, which SLA clocks and retention count with
//!   ([`Event::at_ms`]). The HLC cannot serve as a time: one device whose clock runs ahead drags
//!   every HLC that observes its events forward. `at` is optional: events of older apps have
//!   none, and their HLC stands in for it.
//! - `base`: the last event (in fold order) of this complaint the author had seen, or null.
//! - `kind` + `v`: payload type and schema version; an unknown kind or a newer `v` is kept
//!   byte-for-byte and re-exported untouched.
//! - `redacted`: true once personal data in the payload was removed (retention, redacted export).
//!
//! Events are (de)serialized with `serde_json` only: store and export the JSON text
//! ([`Event::to_json`] / [`Event::from_json`]), not a structured clone.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use super::hlc::Hlc;
use super::ids::{ComplaintId, EventId};

/// The envelope as it is written; `payload` borrows the raw text.
#[derive(Serialize, Deserialize)]
struct Envelope<'a> {
    id: EventId,
    complaint: ComplaintId,
    device: String,
    actor: String,
    hlc: Hlc,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<i64>,
    base: Option<EventId>,
    kind: String,
    v: u32,
    #[serde(borrow)]
    payload: &'a RawValue,
    #[serde(default)]
    redacted: bool,
}

/// One event. Immutable: it is built once and keeps its exact JSON text.
#[derive(Debug, Clone)]
pub struct Event {
    id: EventId,
    complaint: ComplaintId,
    device: String,
    actor: String,
    hlc: Hlc,
    at: Option<i64>,
    base: Option<EventId>,
    kind: String,
    v: u32,
    redacted: bool,
    payload: Box<RawValue>,
    json: Box<RawValue>,
}

/// The parts of a new event, before it has its JSON text.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub id: EventId,
    pub complaint: ComplaintId,
    pub device: String,
    pub actor: String,
    pub hlc: Hlc,
    /// The author device's wall clock (UTC ms) when the step was taken; commands always set it.
    pub at: Option<i64>,
    pub base: Option<EventId>,
    pub kind: String,
    pub v: u32,
    /// The payload as JSON text.
    pub payload: String,
}

impl Event {
    /// Builds an event; fails only if `payload` is not valid JSON.
    pub fn build(parts: NewEvent) -> Result<Event, serde_json::Error> {
        let payload = RawValue::from_string(parts.payload)?;
        Self::assemble(parts.id, parts.complaint, parts.device, parts.actor, parts.hlc, parts.at, parts.base, parts.kind, parts.v, payload, false)
    }

    #[allow(clippy::too_many_arguments)]
    fn assemble(
        id: EventId,
        complaint: ComplaintId,
        device: String,
        actor: String,
        hlc: Hlc,
        at: Option<i64>,
        base: Option<EventId>,
        kind: String,
        v: u32,
        payload: Box<RawValue>,
        redacted: bool,
    ) -> Result<Event, serde_json::Error> {
        let env = Envelope {
            id: id.clone(),
            complaint: complaint.clone(),
            device: device.clone(),
            actor: actor.clone(),
            hlc,
            at,
            base: base.clone(),
            kind: kind.clone(),
            v,
            payload: &payload,
            redacted,
        };
        let json = RawValue::from_string(serde_json::to_string(&env)?)?;
        Ok(Event { id, complaint, device, actor, hlc, at, base, kind, v, redacted, payload, json })
    }

    /// Parses an event from its JSON text, keeping the text verbatim.
    pub fn from_json(text: &str) -> Result<Event, serde_json::Error> {
        Self::from_raw(RawValue::from_string(text.to_string())?)
    }

    fn from_raw(json: Box<RawValue>) -> Result<Event, serde_json::Error> {
        let env: Envelope = serde_json::from_str(json.get())?;
        if !env.id.is_valid() || !env.complaint.is_valid() {
            return Err(serde_json::Error::custom("event or complaint id is not a ULID"));
        }
        Ok(Event {
            id: env.id,
            complaint: env.complaint,
            device: env.device,
            actor: env.actor,
            hlc: env.hlc,
            at: env.at,
            base: env.base,
            kind: env.kind,
            v: env.v,
            redacted: env.redacted,
            payload: env.payload.to_owned(),
            json,
        })
    }

    /// The exact JSON text of the event.
    pub fn to_json(&self) -> &str {
        self.json.get()
    }

    /// A copy with a replacement payload, marked `redacted`. Other envelope fields written by a
    /// newer app are dropped here: redaction only ever targets payloads this app understands.
    pub fn redacted_with(&self, payload: String) -> Result<Event, serde_json::Error> {
        let payload = RawValue::from_string(payload)?;
        Self::assemble(
            self.id.clone(),
            self.complaint.clone(),
            self.device.clone(),
            self.actor.clone(),
            self.hlc,
            self.at,
            self.base.clone(),
            self.kind.clone(),
            self.v,
            payload,
            true,
        )
    }

    pub fn id(&self) -> &EventId {
        &self.id
    }
    pub fn complaint(&self) -> &ComplaintId {
        &self.complaint
    }
    pub fn device(&self) -> &str {
        &self.device
    }
    pub fn actor(&self) -> &str {
        &self.actor
    }
    /// The event's place in the fold order; not a time (see [`Event::at_ms`]).
    pub fn hlc(&self) -> Hlc {
        self.hlc
    }
    /// The `at` field as written (`None` for events of older apps).
    pub fn at(&self) -> Option<i64> {
        self.at
    }
    /// When the step was taken, by the author device's clock (UTC ms): `at`, or for events
    /// without it the HLC's physical part (what older apps used).
    pub fn at_ms(&self) -> i64 {
        self.at.unwrap_or(self.hlc.ms)
    }
    pub fn base(&self) -> Option<&EventId> {
        self.base.as_ref()
    }
    pub fn kind(&self) -> &str {
        &self.kind
    }
    pub fn version(&self) -> u32 {
        self.v
    }
    pub fn is_redacted(&self) -> bool {
        self.redacted
    }
    /// The payload's raw JSON text.
    pub fn payload_json(&self) -> &str {
        self.payload.get()
    }

    /// The fold order: by HLC, then by id. Total, and the same on every device.
    pub fn order_key(&self) -> (Hlc, &EventId) {
        (self.hlc, &self.id)
    }

    /// Of two copies of the same event id, the one every device keeps: a redacted copy wins
    /// (so anonymisation spreads), otherwise the smaller JSON text (any fixed rule would do).
    pub fn preferred<'a>(a: &'a Event, b: &'a Event) -> &'a Event {
        match (a.redacted, b.redacted) {
            (true, false) => a,
            (false, true) => b,
            _ if a.to_json() <= b.to_json() => a,
            _ => b,
        }
    }
}

impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.to_json() == other.to_json()
    }
}
impl Eq for Event {}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        Event::from_raw(raw).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample(payload: &str) -> Event {
        sample_at(payload, None)
    }

    fn sample_at(payload: &str, at: Option<i64>) -> Event {
        let id = EventId::new(Hlc { ms: 1_696_123_800_000, c: 0 }, [1; 10], 0);
        Event::build(NewEvent {
            id: id.clone(),
            complaint: id,
            device: "dev-a".into(),
            actor: "wang".into(),
            hlc: Hlc { ms: 1_696_123_800_000, c: 0 },
            at,
            base: None,
            kind: "registered".into(),
            v: 1,
            payload: payload.into(),
        })
        .unwrap()
    }

    #[test]
    fn wire_format_is_stable() {
        let e = sample(r#"{"a":1}"#);
        let expected = format!(
            r#"{{"id":"{0}","complaint":"{0}","device":"dev-a","actor":"wang","hlc":{{"ms":1696123800000,"c":0}},"base":null,"kind":"registered","v":1,"payload":{{"a":1}},"redacted":false}}"#,
            e.id()
        );
        assert_eq!(e.to_json(), expected);
        assert_eq!(serde_json::to_string(&e).unwrap(), expected);
    }

    #[test]
    fn at_follows_hlc_and_old_events_read_unchanged() {
        let e = sample_at(r#"{"a":1}"#, Some(1_696_000_000_000));
        let expected = format!(
            r#"{{"id":"{0}","complaint":"{0}","device":"dev-a","actor":"wang","hlc":{{"ms":1696123800000,"c":0}},"at":1696000000000,"base":null,"kind":"registered","v":1,"payload":{{"a":1}},"redacted":false}}"#,
            e.id()
        );
        assert_eq!(e.to_json(), expected);
        assert_eq!((e.at(), e.at_ms()), (Some(1_696_000_000_000), 1_696_000_000_000));
        let back = Event::from_json(&expected).unwrap();
        assert_eq!((back.at_ms(), back.to_json()), (1_696_000_000_000, expected.as_str()));
        // Written by an older app: no `at`, the HLC stands in, the text stays as it was.
        let old = sample("{}");
        assert!(!old.to_json().contains(r#""at""#));
        let old = Event::from_json(old.to_json()).unwrap();
        assert_eq!((old.at(), old.at_ms()), (None, 1_696_123_800_000));
        // A redacted copy keeps `at` (it is the same step).
        assert_eq!(e.redacted_with("{}".into()).unwrap().at(), Some(1_696_000_000_000));
        assert!(Event::from_json(&expected.replace("1696000000000", r#""soon""#)).is_err());
    }

    #[test]
    fn unknown_fields_and_payload_bytes_survive_a_round_trip() {
        let e = sample(r#"{"a":1}"#);
        // A newer app added an envelope field and writes payload keys in its own order.
        let newer = e
            .to_json()
            .replace(r#""payload":{"a":1}"#, r#""payload":{ "z" : 1.50, "a":[1,2] }"#)
            .replace(r#""redacted":false"#, r#""redacted":false,"sig":"xyz""#);
        let parsed = Event::from_json(&newer).unwrap();
        assert_eq!(parsed.to_json(), newer);
        assert_eq!(parsed.payload_json(), r#"{ "z" : 1.50, "a":[1,2] }"#);
        let batch = serde_json::to_string(&vec![parsed.clone()]).unwrap();
        let back: Vec<Event> = serde_json::from_str(&batch).unwrap();
        assert_eq!(back[0].to_json(), newer);
    }

    #[test]
    fn bad_ids_are_refused() {
        let e = sample("{}");
        let bad = e.to_json().replacen(e.id().as_str(), "nope", 1);
        assert!(Event::from_json(&bad).is_err());
        assert!(Event::from_json("[1]").is_err());
    }

    #[test]
    fn redacted_copy_is_preferred() {
        let e = sample(r#"{"name":"王先生"}"#);
        let r = e.redacted_with(r#"{"name":""}"#.into()).unwrap();
        assert!(r.is_redacted());
        assert_eq!(r.id(), e.id());
        assert_eq!(Event::preferred(&e, &r), &r);
        assert_eq!(Event::preferred(&r, &e), &r);
    }
}
