//! The staff of a desk with their roles (issue #12): clerks register, handlers take the steps of
//! the loop, managers approve plans. A person may have several roles. The names are an honest
//! record of who did what on a shared tablet, not authentication.
//!
//! Stored rules from before roles name the staff as plain strings; they read as members with
//! every role ([`LEGACY_ROLES`]), so a desk that upgrades keeps working as before until a
//! supervisor narrows the roles in Settings.

use serde::{Deserialize, Serialize};

use super::text::{self, TextRule};

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    /// Registers complaints at the counter or the phone.
    Clerk,
    /// Takes the steps of the loop: investigation, plan, contact.
    Handler,
    /// Approves plans (审核) proposed by someone else.
    Manager,
}

/// The roles of a staff member read from rules saved before roles existed: all of them.
pub const LEGACY_ROLES: [Role; 3] = [Role::Clerk, Role::Handler, Role::Manager];

/// One person on the staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffMember {
    pub name: String,
    /// In `Role` order, without repeats.
    pub roles: Vec<Role>,
}

impl StaffMember {
    /// A member with these roles (sorted, without repeats).
    pub fn new(name: impl Into<String>, roles: &[Role]) -> StaffMember {
        let mut roles = roles.to_vec();
        crate::domain::sort::sort(&mut roles);
        roles.dedup();
        StaffMember { name: name.into(), roles }
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// A name alone is a member from before roles: every role.
impl From<&str> for StaffMember {
    fn from(name: &str) -> StaffMember {
        StaffMember::new(name, &LEGACY_ROLES)
    }
}

/// Reads both shapes: `"Li Na"` (rules saved before roles) and `{"name": "Li Na", "roles": [..]}`.
/// A hand-written visitor rather than `#[serde(untagged)]`, which buffers every value and costs
/// the wasm build tens of kilobytes.
impl<'de> Deserialize<'de> for StaffMember {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Shape;
        impl<'de> serde::de::Visitor<'de> for Shape {
            type Value = StaffMember;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name, or an object with a name and roles")
            }

            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<StaffMember, E> {
                Ok(StaffMember::from(name))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<StaffMember, A::Error> {
                let (mut name, mut roles) = (None::<String>, None::<Vec<Role>>);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "name" => name = Some(map.next_value()?),
                        "roles" => roles = Some(map.next_value()?),
                        // Fields a newer version adds are ignored, as everywhere in the rules.
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                let name = name.ok_or_else(|| serde::de::Error::missing_field("name"))?;
                let roles = roles.ok_or_else(|| serde::de::Error::missing_field("roles"))?;
                Ok(StaffMember::new(name, &roles))
            }
        }
        d.deserialize_any(Shape)
    }
}

/// Names compare as people write them: case and runs of blanks do not matter.
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// The member of that name, if any.
pub fn find<'a>(staff: &'a [StaffMember], name: &str) -> Option<&'a StaffMember> {
    staff.iter().find(|m| same_name(&m.name, name))
}

/// Checks a staff list: every name obeys the text rules for names, every member has a role,
/// and no name is there twice (as people write them) — the last only for a list being edited,
/// since rules saved by older versions may hold a name twice and must still read.
pub fn check(staff: &[StaffMember], edited: bool) -> Result<(), (usize, &'static str)> {
    for (i, m) in staff.iter().enumerate() {
        let row = i + 1;
        text::required(&m.name, TextRule::NAME).map_err(|e| (row, e.code()))?;
        if edited && staff[..i].iter().any(|o| same_name(&o.name, &m.name)) {
            return Err((row, "staff_duplicate"));
        }
        if m.roles.is_empty() {
            return Err((row, "staff_no_role"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shapes_read() {
        let v: Vec<StaffMember> = serde_json::from_str(r#"["Li Na", {"name": "Sun", "roles": ["manager", "clerk", "manager"]}]"#).unwrap();
        assert_eq!(v[0], StaffMember::new("Li Na", &LEGACY_ROLES));
        assert_eq!(v[1].roles, vec![Role::Clerk, Role::Manager]);
        let json = serde_json::to_string(&v[1]).unwrap();
        assert_eq!(json, r#"{"name":"Sun","roles":["clerk","manager"]}"#);
        assert!(serde_json::from_str::<StaffMember>(r#"{"name": "X", "roles": ["boss"]}"#).is_err());
        assert!(serde_json::from_str::<StaffMember>("3").is_err());
        assert!(serde_json::from_str::<StaffMember>(r#"{"roles": []}"#).is_err());
        let newer: StaffMember = serde_json::from_str(r#"{"name": "Li", "roles": ["clerk"], "phone": "1"}"#).unwrap();
        assert_eq!(newer, StaffMember::new("Li", &[Role::Clerk]));
    }

    #[test]
    fn names_are_found_as_written() {
        let staff = vec![StaffMember::new("Li  Na", &[Role::Handler])];
        assert!(find(&staff, " li na").is_some_and(|m| m.has(Role::Handler) && !m.has(Role::Manager)));
        assert!(find(&staff, "Li").is_none());
    }

    #[test]
    fn a_list_is_checked_member_by_member() {
        let ok = vec![StaffMember::new("Li Na", &[Role::Handler]), StaffMember::new("Sun", &[Role::Manager])];
        assert_eq!(check(&ok, true), Ok(()));
        let mut dup = ok.clone();
        dup.push(StaffMember::new("li  na", &[Role::Clerk]));
        assert_eq!(check(&dup, true), Err((3, "staff_duplicate")));
        assert_eq!(check(&dup, false), Ok(()), "stored rules with a name twice still read");
        assert_eq!(check(&[StaffMember::new("Li", &[])], false), Err((1, "staff_no_role")));
        assert_eq!(check(&[ok[0].clone(), StaffMember::new("\u{200B}", &[Role::Clerk])], false), Err((2, "required")));
        assert_eq!(check(&[StaffMember::new("Wang\u{202E}", &[Role::Clerk])], false), Err((1, "bidi_control")));
    }
}
