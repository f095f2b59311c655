//! B2: freeze a whole closed region (its bridge), against freezing the same graph as local
//! objects (B1's operation), and how the cost grows with n (goal: time(1e6)/time(1e3) ≤ 2,
//! i.e. independent of the region's size). Times are per freeze, not per object.
//!
//! Freezing a closed region touches its records only, a few hundred nanoseconds, so the
//! cache state the setup leaves behind (warm after building 1e3 objects, cold after 1e6)
//! would decide the scaling ratio: every sample starts with cold caches instead
//! ([`evict_caches`]), for both contenders and at every size.

use floe_core::{List, ObjRef, Value};
use floe_freeze::freeze;
use floe_regions::Region;

use crate::harness::{evict_caches, measure, Config, Contender};
use crate::report::{Goal, Row};

/// A chain of `n` two-element lists, head first, as local objects.
fn chain(n: u64) -> List {
    let mut next = Value::None;
    let mut head = None;
    for i in (0..n).rev() {
        let node = List::new([Value::Int(i as i64), next]);
        next = node.clone().into();
        head = Some(node);
    }
    head.expect("n > 0")
}

/// The same chain in a closed region, returned by its bridge.
fn region_chain(n: u64) -> ObjRef {
    let r = Region::new();
    r.set("head", chain(n)).unwrap();
    r.bridge().clone()
}

/// Runs B2 at each size; the first size is the scaling baseline.
pub fn run(cfg: Config, sizes: &[u64]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut baseline = None;
    for &n in sizes {
        let mut contenders = [
            Contender::prepared(
                "floe",
                || {
                    let bridge = region_chain(n);
                    evict_caches();
                    bridge
                },
                |bridge| {
                    freeze(std::slice::from_ref(&bridge)).unwrap();
                    bridge
                },
            ),
            Contender::prepared(
                "freeze of the same local graph",
                || {
                    let head = chain(n);
                    evict_caches();
                    head
                },
                |head| {
                    freeze(std::slice::from_ref(head.as_obj())).unwrap();
                    head
                },
            ),
        ];
        let m = measure(cfg, 1, &mut contenders);
        rows.push(Row {
            id: "B2",
            case: "freeze a closed region".into(),
            n,
            floe_ns: m[0].1,
            peer: m[1].0,
            peer_ns: m[1].1,
            goal: Goal::Report,
        });
        let base = *baseline.get_or_insert(m[0].1);
        rows.push(Row {
            id: "B2",
            case: "freeze a closed region (scaling)".into(),
            n,
            floe_ns: m[0].1,
            peer: "floe at the smallest n",
            peer_ns: base,
            goal: Goal::AtMost(2.0),
        });
    }
    rows
}
