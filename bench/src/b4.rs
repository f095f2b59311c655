//! B4: a field store through the write barrier, against a raw store into the same layout
//! (a `Vec<Value>`) with no barrier. Three cases: a region member storing a member of its
//! own region, a region member storing a frozen object, and a local object storing a
//! reference into a region. Both sides store the same values, so both pay the same
//! counting for cloning and dropping them; the difference is the barrier.

use std::cell::RefCell;
use std::hint::black_box;

use floe_core::{List, ObjRef, Tuple, Value};
use floe_regions::Region;

use crate::harness::{measure, Config, Contender};
use crate::report::{Goal, Row};

fn case(cfg: Config, n: u64, name: &str, holder: &List, value: &Value, goal: Goal) -> Row {
    let raw = RefCell::new(vec![Value::None; n as usize]);
    let mut contenders = [
        Contender::whole("floe", || {
            for i in 0..n as i64 {
                holder.set(i, value.clone()).unwrap();
            }
        }),
        Contender::whole("raw store", || {
            let mut raw = raw.borrow_mut();
            for slot in raw.iter_mut() {
                *slot = black_box(value.clone());
            }
        }),
    ];
    let m = measure(cfg, n, &mut contenders);
    Row {
        id: "B4",
        case: name.to_string(),
        n,
        floe_ns: m[0].1,
        peer: m[1].0,
        peer_ns: m[1].1,
        goal,
    }
}

/// Runs B4 at each size (the holder's length; one store per element per sample).
pub fn run(cfg: Config, sizes: &[u64]) -> Vec<Row> {
    let mut rows = Vec::new();
    for &n in sizes {
        let r = Region::new();
        let member: ObjRef = List::new_in(r.bridge(), []).unwrap().into();
        let none = || (0..n).map(|_| Value::None);
        let in_region = List::new_in(r.bridge(), none()).unwrap();
        let local = List::new(none());
        let frozen: Value = Tuple::new([Value::Int(1)]).into();
        let same = Value::Obj(member);
        rows.push(case(
            cfg,
            n,
            "same-region store",
            &in_region,
            &same,
            Goal::AtMost(1.5),
        ));
        rows.push(case(
            cfg,
            n,
            "region->frozen store",
            &in_region,
            &frozen,
            Goal::Report,
        ));
        rows.push(case(
            cfg,
            n,
            "local->region store",
            &local,
            &same,
            Goal::Report,
        ));
    }
    rows
}
