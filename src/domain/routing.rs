//! Routing (谁主管、谁负责, SPEC §4): complaint type (and optionally sub-type) → responsible
//! department. Configurable; the most specific rule wins.

use serde::{Deserialize, Serialize};

use super::classify::Classification;

/// One routing rule; `subtype: None` matches every sub-type of the type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    #[serde(rename = "type")]
    pub type_key: String,
    pub subtype: Option<String>,
    pub department: String,
}

/// The routing table and the department that leads when no rule matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingTable {
    pub routes: Vec<Route>,
    /// Customer service leads everything else (seed 001: 客服部门牵头).
    pub fallback: String,
    /// Every department that may be chosen by hand.
    pub departments: Vec<String>,
}

impl Default for RoutingTable {
    /// SPEC default: product quality → after-sales, service attitude → customer service,
    /// logistics → supply chain, billing → finance.
    fn default() -> Self {
        let r = |t: &str, s: Option<&str>, d: &str| Route { type_key: t.into(), subtype: s.map(Into::into), department: d.into() };
        RoutingTable {
            routes: vec![
                r("product_quality", None, "after_sales"),
                r("service_attitude", None, "customer_service"),
                r("other", Some("logistics_delay"), "supply_chain"),
                r("billing", None, "finance"),
            ],
            fallback: "customer_service".into(),
            departments: ["after_sales", "customer_service", "supply_chain", "finance", "technical", "quality", "management"]
                .map(String::from)
                .to_vec(),
        }
    }
}

impl RoutingTable {
    /// The responsible department for a classification.
    pub fn route(&self, c: &Classification) -> &str {
        let exact = self.routes.iter().find(|r| r.type_key == c.type_key && r.subtype.is_some() && r.subtype == c.subtype);
        let by_type = || self.routes.iter().find(|r| r.type_key == c.type_key && r.subtype.is_none());
        exact.or_else(by_type).map(|r| r.department.as_str()).unwrap_or(&self.fallback)
    }

    /// True for a configured department.
    pub fn knows(&self, department: &str) -> bool {
        department == self.fallback || self.departments.iter().any(|d| d == department) || self.routes.iter().any(|r| r.department == department)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(t: &str, s: Option<&str>) -> Classification {
        Classification { type_key: t.into(), subtype: s.map(Into::into) }
    }

    #[test]
    fn default_routes() {
        let t = RoutingTable::default();
        assert_eq!(t.route(&c("product_quality", Some("malfunction"))), "after_sales");
        assert_eq!(t.route(&c("service_attitude", None)), "customer_service");
        assert_eq!(t.route(&c("other", Some("logistics_delay"))), "supply_chain");
        assert_eq!(t.route(&c("other", Some("slow_after_sales"))), "customer_service");
        assert_eq!(t.route(&c("billing", None)), "finance");
        assert_eq!(t.route(&c("process_efficiency", None)), "customer_service");
        assert!(t.knows("technical"));
        assert!(!t.knows("marketing"));
    }

    #[test]
    fn subtype_rule_beats_type_rule() {
        let mut t = RoutingTable::default();
        t.routes.push(Route { type_key: "product_quality".into(), subtype: Some("below_spec".into()), department: "quality".into() });
        assert_eq!(t.route(&c("product_quality", Some("below_spec"))), "quality");
        assert_eq!(t.route(&c("product_quality", None)), "after_sales");
    }
}
