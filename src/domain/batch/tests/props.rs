//! Property tests of the merge rules through real batch files: (a) importing a batch twice
//! is importing it once, (b) any order of any batches gives the same events and the same
//! folded state, (c) a batch of a device's own events adds nothing to it.

use proptest::prelude::*;

use super::{export, import, register};
use crate::domain::batch::format::Selection;
use crate::domain::batch::import::plan_import;
use crate::domain::batch::read::{read_batch, ReadOptions};
use crate::domain::batch::write::{write_batch, ExportRequest};
use crate::domain::command::Command;
use crate::domain::communication::ProgressUpdate;
use crate::domain::config::DomainConfig;
use crate::domain::eventset::EventSet;
use crate::domain::fold::fold;
use crate::domain::tests::{local, Device};

/// Three devices doing random work and swapping batches; every batch written is returned.
fn scenario(ops: &[(usize, u8, usize)]) -> (Vec<Device>, Vec<String>) {
    let mut devices: Vec<Device> = ["dev-a", "dev-b", "dev-c"].iter().zip(["AAA", "BBB", "CCC"]).map(|(id, code)| Device::new(id, code, id, DomainConfig::default())).collect();
    let mut files = Vec::new();
    let mut serials = [0u32; 3];
    for (step, &(who, what, pick)) in ops.iter().enumerate() {
        let at = local(2023, 10, 9, 9, 0) + chrono::TimeDelta::minutes(3 * step as i64);
        let complaints: Vec<_> = devices[who].events.complaint_ids().into_iter().collect();
        let target = (!complaints.is_empty()).then(|| complaints[pick % complaints.len()].clone());
        match (what, target) {
            (0, _) | (_, None) => {
                serials[who] += 1;
                register(&mut devices[who], at, serials[who]);
            }
            (1, Some(c)) => drop(devices[who].run_at(Some(&c), at, Command::AssignHandler { handler: format!("h{step}") })),
            (2, Some(c)) => {
                let update = ProgressUpdate { text: format!("进展 {step}"), new_eta: None, explained: true };
                drop(devices[who].run_at(Some(&c), at, Command::ProgressUpdate { update }));
            }
            (_, Some(_)) => {
                let file = export(&devices[who], Selection::All, &[]).text;
                import(&mut devices[(who + 1) % 3], file.as_bytes(), at);
                files.push(file);
            }
        }
    }
    for d in &devices {
        files.push(export(d, Selection::All, &[]).text);
    }
    (devices, files)
}

fn import_all(order: &[usize], files: &[String]) -> EventSet {
    let mut z = Device::new("dev-z", "ZZZ", "z", DomainConfig::default());
    for &i in order {
        import(&mut z, files[i].as_bytes(), local(2023, 10, 10, 9, 0));
    }
    z.events
}

fn order(keys: &[u32], n: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by_key(|&i| (keys[i % keys.len()], i));
    idx
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn batches_merge_idempotently_in_any_order(
        ops in prop::collection::vec((0usize..3, 0u8..4, 0usize..8), 1..14),
        keys1 in prop::collection::vec(any::<u32>(), 1..20),
        keys2 in prop::collection::vec(any::<u32>(), 1..20),
        repeat in any::<prop::sample::Index>(),
    ) {
        let (devices, files) = scenario(&ops);
        let n = files.len();

        // (a) twice = once, for every batch, on a fresh device and on each author.
        for f in &files {
            let mut z = Device::new("dev-z", "ZZZ", "z", DomainConfig::default());
            import(&mut z, f.as_bytes(), local(2023, 10, 10, 9, 0));
            let once = z.events.clone();
            prop_assert!(import(&mut z, f.as_bytes(), local(2023, 10, 10, 9, 1)).changes_nothing());
            prop_assert_eq!(&z.events, &once);
        }

        // (b) any order, with a batch repeated, gives the same events and states.
        let mut o1 = order(&keys1, n);
        o1.push(o1[repeat.index(n)]);
        let (x, y) = (import_all(&o1, &files), import_all(&order(&keys2, n), &files));
        prop_assert_eq!(&x, &y);
        let union = devices.iter().fold(EventSet::new(), |acc, d| acc.union(&d.events));
        prop_assert_eq!(&x, &union, "nothing lost, nothing duplicated");
        for c in x.complaint_ids() {
            prop_assert_eq!(fold(&c, x.iter()), fold(&c, y.iter()));
        }

        // (c) a batch of only a device's own events adds nothing to it.
        for d in &devices {
            let own: Vec<_> = d.events.iter().filter(|e| e.device() == d.id).collect();
            let id = super::identity(d);
            let request = ExportRequest { device: &id, created_ms: 0, day: super::day(), sequence: 1, selection: Selection::All };
            let file = write_batch(&request, own, &[]).unwrap();
            let batch = read_batch(file.text.as_bytes(), ReadOptions::default()).unwrap();
            let plan = plan_import(&batch, &d.events, &d.id, super::evening());
            prop_assert!(plan.changes_nothing());
            prop_assert!(plan.refused.is_empty());
        }
    }
}
