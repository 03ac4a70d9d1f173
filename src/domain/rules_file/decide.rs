//! What importing a rules file should do on this device. A newer revision replaces rules that
//! were not changed here; it never replaces local changes silently: then, or when the file's
//! rules were set up apart from this device's, a person chooses.

use super::{RulesFile, RulesVersion};
use crate::domain::config::DomainConfig;

/// This device's side: the rules it runs and the version they are.
#[derive(Debug, Clone, Copy)]
pub struct LocalRules<'a> {
    /// `None`: the rules were never exported or imported as a file here.
    pub version: Option<&'a RulesVersion>,
    pub config: &'a DomainConfig,
    /// The saved rules cannot be used (unreadable, or refused by the checks): `config` is what
    /// is in use meanwhile, and the saved ones count as local changes that must not be lost.
    pub unusable: bool,
}

impl LocalRules<'_> {
    /// Changed here since the version (without one: different from the defaults).
    pub fn changed(&self) -> bool {
        self.unusable || self.version.map_or(*self.config != DomainConfig::default(), |v| v.locally_changed)
    }
}

/// Why a person has to choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Divergence {
    /// The file is a later revision, but this device changed its rules since the one it has
    /// (or has its own rules that never were in a file).
    LocalChanges,
    /// The file's rules were set up apart from this device's (another lineage).
    OtherLineage,
    /// Both are revisions of the same rules, but the file's was not made from this device's:
    /// two devices each edited the same earlier revision.
    Fork,
}

impl Divergence {
    /// Stable code the UI translates.
    pub fn code(self) -> &'static str {
        match self {
            Divergence::LocalChanges => "local_changes",
            Divergence::OtherLineage => "other_lineage",
            Divergence::Fork => "fork",
        }
    }
}

/// What importing the file should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The file holds exactly the rules this device runs: nothing to do.
    Same,
    /// A later revision of this device's rules, which were not changed here since: apply it.
    Newer,
    /// An earlier revision, or the one this device's rules were edited from: refused.
    Older,
    /// A person chooses: keep this device's rules or take the file's.
    Diverged(Divergence),
}

impl Decision {
    /// Stable code the UI translates.
    pub fn code(self) -> &'static str {
        match self {
            Decision::Same => "rules_same",
            Decision::Newer => "rules_newer",
            Decision::Older => "rules_older",
            Decision::Diverged(_) => "rules_diverged",
        }
    }
}

/// Decides what importing `file` does on a device with `local` rules.
pub fn decide(local: &LocalRules, file: &RulesFile) -> Decision {
    if !local.unusable && *local.config == file.config {
        return Decision::Same;
    }
    let Some(v) = local.version else {
        // Nothing to lose when this device runs the defaults.
        return if local.changed() { Decision::Diverged(Divergence::LocalChanges) } else { Decision::Newer };
    };
    if v.stamp.id != file.stamp.id {
        return Decision::Diverged(Divergence::OtherLineage);
    }
    let (mine, theirs) = (v.stamp.revision, file.stamp.revision);
    let same_text = |sha: &str| sha.eq_ignore_ascii_case(&v.config_sha256);
    if theirs < mine {
        return Decision::Older;
    }
    if theirs == mine {
        return match (same_text(&file.config_sha256), local.changed()) {
            // The revision this device's rules were edited from.
            (true, true) => Decision::Older,
            (true, false) => Decision::Same,
            (false, _) => Decision::Diverged(Divergence::Fork),
        };
    }
    // A later revision: made from this device's one, unless its history says otherwise (beyond
    // the history it remembers, the revision numbers decide).
    let descends = file.stamp.history.iter().find(|a| a.revision == mine).is_none_or(|a| same_text(&a.sha256));
    match (descends, local.changed()) {
        (false, _) => Decision::Diverged(Divergence::Fork),
        (true, true) => Decision::Diverged(Divergence::LocalChanges),
        (true, false) => Decision::Newer,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::export;
    use super::super::{config_text, RulesVersion};
    use super::*;

    use crate::domain::staff::StaffMember;

    fn with_staff(names: &[&str]) -> DomainConfig {
        DomainConfig { staff: names.iter().map(|n| StaffMember::from(*n)).collect(), ..DomainConfig::default() }
    }

    fn local<'a>(version: Option<&'a RulesVersion>, config: &'a DomainConfig) -> LocalRules<'a> {
        LocalRules { version, config, unusable: false }
    }

    #[test]
    fn a_tablet_follows_its_supervisor() {
        let (a, b) = (with_staff(&["Clerk Li"]), with_staff(&["Clerk Li", "Engineer Zhao"]));
        let (r1, f1) = export(None, &a, "K7Q", 1);
        // A fresh tablet runs the defaults: it takes the first revision.
        assert_eq!(decide(&local(None, &DomainConfig::default()), &f1), Decision::Newer);
        let tablet = RulesVersion::of_file(&f1);
        assert_eq!(decide(&local(Some(&tablet), &a), &f1), Decision::Same);
        let (r2, f2) = export(Some(&r1.after_save(&config_text(&b))), &b, "K7Q", 2);
        assert_eq!(decide(&local(Some(&tablet), &a), &f2), Decision::Newer);
        // The supervisor gets its own older file back.
        assert_eq!(decide(&local(Some(&r2), &b), &f1), Decision::Older);
    }

    #[test]
    fn local_changes_are_never_replaced_without_a_choice() {
        let (a, b, mine) = (with_staff(&["Clerk Li"]), with_staff(&["Engineer Zhao"]), with_staff(&["Clerk Sun"]));
        let (r1, f1) = export(None, &a, "K7Q", 1);
        let (_, f2) = export(Some(&r1.after_save(&config_text(&b))), &b, "K7Q", 2);
        let edited = RulesVersion::of_file(&f1).after_save(&config_text(&mine));
        assert_eq!(decide(&local(Some(&edited), &mine), &f2), Decision::Diverged(Divergence::LocalChanges));
        // The revision the local rules were edited from is older than them.
        assert_eq!(decide(&local(Some(&edited), &mine), &f1), Decision::Older);
        // Own rules that never were in a file.
        assert_eq!(decide(&local(None, &mine), &f1), Decision::Diverged(Divergence::LocalChanges));
        // Saved rules that cannot be used count as changes, even when they equal the file's.
        let broken = LocalRules { version: Some(&RulesVersion::of_file(&f1)), config: &a, unusable: true };
        assert_eq!(decide(&broken, &f1), Decision::Older);
        assert_eq!(decide(&broken, &f2), Decision::Diverged(Divergence::LocalChanges));
    }

    #[test]
    fn other_lineages_and_forks_need_a_choice() {
        let (a, b, c) = (with_staff(&["Clerk Li"]), with_staff(&["Engineer Zhao"]), with_staff(&["Lead Chen"]));
        let (r1, f1) = export(None, &a, "K7Q", 1);
        let other = RulesVersion { stamp: super::super::RulesStamp { id: "lineage-2".into(), ..r1.stamp.clone() }, ..r1.clone() };
        assert_eq!(decide(&local(Some(&other), &b), &f1), Decision::Diverged(Divergence::OtherLineage));
        // Two devices each make revision 2 from revision 1.
        let (x2, fx2) = export(Some(&r1.after_save(&config_text(&b))), &b, "K7Q", 2);
        let (y2, fy2) = export(Some(&r1.after_save(&config_text(&c))), &c, "M4P", 2);
        assert_eq!(decide(&local(Some(&x2), &b), &fy2), Decision::Diverged(Divergence::Fork));
        // …and the second goes on to revision 3: still not made from the first's revision 2.
        let (_, fy3) = export(Some(&y2.after_save(&config_text(&a))), &a, "M4P", 3);
        assert_eq!(decide(&local(Some(&x2), &b), &fy3), Decision::Diverged(Divergence::Fork));
        assert_eq!(decide(&local(Some(&y2), &c), &fx2), Decision::Diverged(Divergence::Fork));
    }

    #[test]
    fn keeping_the_local_rules_makes_them_the_later_ones() {
        let (a, b, mine) = (with_staff(&["Clerk Li"]), with_staff(&["Engineer Zhao"]), with_staff(&["Clerk Sun"]));
        let (r1, f1) = export(None, &a, "K7Q", 1);
        let (r2, f2) = export(Some(&r1.after_save(&config_text(&b))), &b, "K7Q", 2);
        let kept = RulesVersion::kept_over(&f2);
        assert_eq!(decide(&local(Some(&kept), &mine), &f2), Decision::Older, "the same file is not asked about again");
        let (_, f3) = export(Some(&kept), &mine, "M4P", 3);
        assert_eq!(decide(&local(Some(&r2), &b), &f3), Decision::Newer, "the supervisor takes the tablet's revision");
        assert_eq!(decide(&local(Some(&RulesVersion::of_file(&f1)), &a), &f3), Decision::Newer);
    }

    // proptest is a native dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        /// A random history of one lineage: each step, a device edits (or not) and exports.
        fn staff_lists() -> impl Strategy<Value = Vec<Vec<u8>>> {
            prop::collection::vec(prop::collection::vec(0u8..4, 0..3), 1..6)
        }

        fn config_of(names: &[u8]) -> DomainConfig {
            let all = ["Clerk Li", "Engineer Zhao", "Lead Chen", "Clerk Sun"];
            with_staff(&names.iter().map(|i| all[*i as usize]).collect::<Vec<_>>())
        }

        proptest! {
            /// Along one lineage, a device holding any revision unchanged takes every later one and
            /// refuses every earlier one; nothing is ever `Newer` over local changes.
            #[test]
            fn along_a_lineage_newer_and_older_mirror_each_other(lists in staff_lists(), edit in prop::collection::vec(0u8..4, 0..3)) {
                let mut versions: Vec<(RulesVersion, super::super::RulesFile)> = Vec::new();
                for names in &lists {
                    let config = config_of(names);
                    let current = versions.last().map(|(v, _)| v.after_save(&config_text(&config)));
                    let (v, f) = export(current.as_ref(), &config, "K7Q", 1);
                    if versions.last().is_none_or(|(last, _)| last.stamp.revision != v.stamp.revision) {
                        versions.push((v, f));
                    }
                }
                for (i, (vi, fi)) in versions.iter().enumerate() {
                    for (j, (_, fj)) in versions.iter().enumerate() {
                        let here = local(Some(vi), &fi.config);
                        let d = decide(&here, fj);
                        let expected = if fi.config == fj.config { Decision::Same } else if j > i { Decision::Newer } else { Decision::Older };
                        prop_assert_eq!(d, expected, "{} → {}", i, j);
                        let mine = config_of(&edit);
                        let changed = vi.after_save(&config_text(&mine));
                        let d = decide(&local(Some(&changed), &mine), fj);
                        if changed.locally_changed {
                            prop_assert_ne!(d, Decision::Newer);
                        }
                        if changed.locally_changed && mine != fj.config && j > i {
                            prop_assert_eq!(d, Decision::Diverged(Divergence::LocalChanges));
                        }
                    }
                }
            }
        }
    }
}
