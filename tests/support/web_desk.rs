//! What the browser tests of two devices share: a fresh desk with its own database, a
//! complaint registered on it through the real path, and the folded states to compare.

use chrono::{Duration, Local};
use complaint_desk::domain::channel::Channel;
use complaint_desk::domain::registration::NewComplaint;
use complaint_desk::services::Desk;

/// A desk on a database of its own (`test-<area>-<tag>-<random>`).
pub async fn desk(area: &str, tag: &str) -> Desk {
    Desk::open_named(&format!("test-{area}-{tag}-{}", js_sys::Math::random().to_bits())).await.unwrap()
}

/// Registers a phone complaint from `name`, five minutes ago; its id.
pub async fn register(desk: &Desk, name: &str) -> String {
    let input = NewComplaint {
        more: Default::default(),
        received_at: Local::now().naive_local() - Duration::minutes(5),
        channel: Channel::Phone,
        customer_name: name.into(),
        customer_phone: "13800138000".into(),
        product: "Air conditioner".into(),
        description: "Cools badly.".into(),
    };
    desk.register(input, "Clerk Li", None).await.unwrap().id
}

/// Every complaint's folded state as text, sorted: what must be equal on converged devices.
pub async fn states(desk: &Desk) -> Vec<String> {
    let mut out = Vec::new();
    for row in desk.newest(1000).await.unwrap() {
        let state = desk.complaint(&row.id).await.unwrap().unwrap();
        out.push(format!("{} {:?} {:?} {:?}", row.id, state.status(), state.classification(), state.conflicts()));
    }
    out.sort();
    out
}
