//! Property tests: every accepted mask, however its parts and separators are arranged, gives
//! different numbers to different (date, channel, device, serial) tuples and reads each number
//! back into its tuple.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{MaskError, NumberMask, NumberParts};

/// A tuple as a device would number it: {YY} masks only ever see 2000–2099.
fn tuple() -> impl Strategy<Value = NumberParts> {
    let day = (0u32..36_524).prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(d as u64));
    let channel = "[A-Z0-9]{2,6}";
    let device = "[2-9A-HJKMNP-Z]{2,4}";
    let serial = prop_oneof![1u32..1000, 1u32..100_000, 1u32..=u32::MAX];
    (day, channel, device, serial).prop_map(|(day, c, d, serial)| NumberParts { day, channel_code: Some(c), device_code: d, serial })
}

/// Two tuples, often "neighbours" whose texts could run into each other: the device code
/// borrows the serial's first digit (K7 #23 against K72 #3), or the channel the device's.
fn pair() -> impl Strategy<Value = (NumberParts, NumberParts)> {
    (tuple(), tuple(), 0u8..3).prop_map(|(a, b, how)| {
        let mut n = a.clone();
        match how {
            0 => return (a, b),
            1 => {
                let s = a.serial.to_string();
                let digit_fits = crate::domain::device::is_code_char(s.chars().next().unwrap_or('0'));
                if s.len() > 1 && n.device_code.len() < 4 && digit_fits {
                    n.device_code.push_str(&s[..1]);
                    n.serial = s[1..].parse().unwrap_or(1).max(1);
                }
            }
            _ if n.channel_code.as_ref().is_some_and(|c| c.len() < 6) => {
                let first = n.device_code.remove(0);
                if n.device_code.len() < 2 {
                    n.device_code.push('K');
                }
                n.channel_code.as_mut().unwrap().push(first);
            }
            _ => {}
        }
        (a, n)
    })
}

/// A random arrangement of the parts (the channel optional) with random separators, some of
/// them letters or digits that a part can contain.
fn mask() -> impl Strategy<Value = String> {
    let year = prop_oneof![Just("{YYYY}"), Just("{YY}")];
    let serial = prop_oneof![Just("{SEQ}".to_string()), (1u8..6).prop_map(|w| format!("{{SEQ:{w}}}"))];
    let sep = prop_oneof![Just(""), Just(""), Just("-"), Just("/"), Just("."), Just("_"), Just("x"), Just("N"), Just("7"), Just("-A")];
    (year, serial, any::<bool>(), Just(()).prop_perturb(|_, mut rng| rng.random::<u64>()), proptest::collection::vec(sep, 7))
        .prop_map(|(year, serial, with_channel, order, seps)| {
            let mut parts: Vec<String> = vec![year.into(), "{MM}".into(), "{DD}".into(), "{DEV}".into(), serial];
            if with_channel {
                parts.push("{CH}".into());
            }
            // A permutation from the random number (Lehmer code).
            let mut rest = order;
            let mut arranged = Vec::new();
            while !parts.is_empty() {
                let i = (rest % parts.len() as u64) as usize;
                rest /= parts.len() as u64;
                arranged.push(parts.remove(i));
            }
            let mut out = String::from(seps[6]);
            for (p, s) in arranged.iter().zip(seps) {
                out.push_str(p);
                out.push_str(s);
            }
            out
        })
}

fn format(m: &NumberMask, t: &NumberParts) -> String {
    m.format(t.day, t.channel_code.as_deref().unwrap_or(""), &t.device_code, t.serial)
}

/// What the mask carries of a tuple: the channel only if the mask has `{CH}`.
fn carried(m: &NumberMask, t: &NumberParts) -> NumberParts {
    let has_channel = m.as_str().contains("{CH}");
    NumberParts { channel_code: t.channel_code.clone().filter(|_| has_channel), ..t.clone() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn accepted_masks_number_uniquely_and_read_back(mask in mask(), (a, b) in pair()) {
        let m = match NumberMask::parse(&mask) {
            Ok(m) => m,
            Err(e) => {
                prop_assert!(matches!(e, MaskError::Ambiguous { .. }), "{mask}: {e}");
                return Ok(());
            }
        };
        let (na, nb) = (format(&m, &a), format(&m, &b));
        prop_assert_eq!(m.parse_number(&na), Some(carried(&m, &a)), "{} {}", mask, na);
        prop_assert_eq!(m.parse_number(&nb), Some(carried(&m, &b)), "{} {}", mask, nb);
        if carried(&m, &a) != carried(&m, &b) {
            prop_assert_ne!(na, nb, "{}", mask);
        }
    }

    #[test]
    fn the_default_mask_numbers_uniquely((a, b) in pair()) {
        let m = NumberMask::default();
        prop_assert_eq!(m.parse_number(&format(&m, &a)), Some(a.clone()));
        if a != b {
            prop_assert_ne!(format(&m, &a), format(&m, &b));
        }
    }
}

#[test]
fn the_generator_yields_accepted_and_refused_masks() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut ok, mut refused) = (0, 0);
    for _ in 0..500 {
        let mask = mask().new_tree(&mut runner).unwrap().current();
        match NumberMask::parse(&mask) {
            Ok(_) => ok += 1,
            Err(_) => refused += 1,
        }
    }
    assert!(ok > 50 && refused > 50, "{ok} accepted, {refused} refused");
}
