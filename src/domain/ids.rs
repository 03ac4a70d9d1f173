//! Globally unique ids made on the device: ULIDs (26 Crockford base-32 characters) built from
//! the event's HLC milliseconds and caller-supplied random bytes, so no device ever needs to
//! ask another for a number.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::hlc::Hlc;

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The id of one event. ULIDs sort roughly by creation time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct EventId(pub String);

/// The id of a complaint: the id of its `registered` event.
pub type ComplaintId = EventId;

impl EventId {
    /// A ULID from the HLC time (48 bits of milliseconds) and 80 random bits. `index` is added
    /// to the random part so one command can mint several distinct ids from one random draw.
    pub fn new(hlc: Hlc, random: [u8; 10], index: u16) -> EventId {
        let ms = (hlc.ms.max(0) as u128) & ((1u128 << 48) - 1);
        let mut rnd = random.iter().fold(0u128, |acc, b| (acc << 8) | *b as u128);
        // The logical counter goes into the random part too: two events of one device in the
        // same millisecond differ even if the caller's randomness repeats.
        rnd = rnd.wrapping_add(((hlc.c as u128) << 16) | index as u128) & ((1u128 << 80) - 1);
        let value = (ms << 80) | rnd;
        let text = (0..26)
            .map(|i| CROCKFORD[((value >> (125 - 5 * i)) & 31) as usize] as char)
            .collect::<String>();
        EventId(text)
    }

    /// True for a well-formed ULID.
    pub fn is_valid(&self) -> bool {
        self.0.len() == 26 && self.0.bytes().all(|b| CROCKFORD.contains(&b)) && self.0.as_bytes()[0] <= b'7'
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for EventId {
    fn from(s: &str) -> Self {
        EventId(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ulid_layout() {
        let id = EventId::new(Hlc { ms: 0, c: 0 }, [0; 10], 0);
        assert_eq!(id.as_str(), "00000000000000000000000000");
        let id = EventId::new(Hlc { ms: 1, c: 0 }, [0; 10], 1);
        assert_eq!(id.as_str(), "00000000010000000000000001");
        let max = EventId::new(Hlc { ms: (1 << 48) - 1, c: 0 }, [0xff; 10], 0);
        assert_eq!(max.as_str(), "7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
        assert!(max.is_valid());
        assert!(!EventId::from("not-an-id").is_valid());
    }

    #[test]
    fn ids_sort_by_time_and_differ_by_index_and_counter() {
        let a = EventId::new(Hlc { ms: 1000, c: 0 }, [9; 10], 0);
        let b = EventId::new(Hlc { ms: 1001, c: 0 }, [0; 10], 0);
        assert!(a < b);
        let c = EventId::new(Hlc { ms: 1000, c: 0 }, [9; 10], 1);
        let d = EventId::new(Hlc { ms: 1000, c: 1 }, [9; 10], 0);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert_ne!(c, d);
    }
}
