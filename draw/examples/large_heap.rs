//! How long a picture of a large heap takes: 10⁵ objects reachable from the roots (a
//! region holding a chain of 50 000 lists, and 50 000 local dicts in a list).
//!
//! ```text
//! cargo run --release -p floe-draw --example large_heap
//! ```

use std::time::Instant;

use floe_core::{Dict, List, Value};
use floe_draw::{Options, Snapshot};
use floe_regions::Region;

fn main() {
    const HALF: usize = 50_000;
    let region = Region::named("chain");
    let mut next = Value::None;
    for i in 0..HALF {
        next = List::new([Value::from(i as i64), next]).into();
    }
    region.set("head", next).unwrap();
    let dicts = List::new((0..HALF).map(|_| Dict::new().into()));
    let roots = [
        ("region", Value::from(region.clone())),
        ("dicts", Value::from(dicts.clone())),
    ];
    for round in 0..5 {
        let t = Instant::now();
        let snap = Snapshot::take(&roots, &Options::default());
        let taken = t.elapsed();
        let svg = snap.to_svg().expect("laid out");
        let total = t.elapsed();
        println!(
            "round {round}: {} objects walked ({} drawn, {} more); snapshot {:.1} ms, with SVG {:.1} ms ({} bytes)",
            snap.nodes.len() + snap.more,
            snap.nodes.len(),
            snap.more,
            taken.as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e3,
            svg.len()
        );
    }
}
