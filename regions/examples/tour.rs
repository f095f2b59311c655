//! A tour of Floe's object model: build an object graph, share part of it frozen with
//! other threads, put mutable data in regions, watch the rules refuse what would race,
//! move a closed region to another thread, and reclaim everything.
//!
//! Run with `cargo run --release -p floe-regions --example tour`.

use floe_core::heap::{collect, thread_stats};
use floe_core::{freeze_component, Class, Dict, Frozen, Instance, List, Tuple, Value};
use floe_regions::Region;

fn main() {
    let start = thread_stats();

    println!("1. Every new object is local to the thread that made it.");
    let point = Class::new("Point", &[]);
    let p = Instance::new(&point);
    p.set_attr("x", Value::Int(3)).unwrap();
    p.set_attr("y", Value::Int(4)).unwrap();
    let scores = Dict::new();
    scores.set(Value::str("alice"), Value::Int(90)).unwrap();
    let graph = List::new([p.clone().into(), scores.clone().into()]);
    for (name, obj) in [
        ("point", p.as_obj()),
        ("scores", scores.as_obj()),
        ("graph", graph.as_obj()),
    ] {
        println!("   {name:<7} {}", obj.describe());
    }

    println!("2. A tuple of immutable values is frozen from birth.");
    let origin = Tuple::new([Value::Int(0), Value::Int(0)]);
    println!("   origin  {}", origin.describe());

    println!("3. Freezing needs the whole graph: a frozen object may only reach frozen ones.");
    match freeze_component(&[p.as_obj().clone()]) {
        Err(e) => println!("   refused: {e}"),
        Ok(()) => unreachable!("the class is still mutable"),
    }
    println!("   (instance still {})", p.state());
    freeze_component(&[point.as_obj().clone()]).unwrap();
    freeze_component(&[p.as_obj().clone()]).unwrap();
    println!("   froze the class, then the instance: {}", p.describe());

    println!("4. A frozen object refuses writes.");
    println!(
        "   refused: {}",
        p.set_attr("x", Value::Int(5)).unwrap_err()
    );

    println!("5. Frozen objects are Send + Sync: two threads read it with no lock.");
    let shared = Frozen::try_from(p.as_obj().clone()).unwrap();
    let sums: Vec<i64> = (0..2)
        .map(|_| {
            let mine = shared.clone();
            std::thread::spawn(move || {
                let p = Instance::try_from(mine.get().clone()).unwrap();
                match (p.get_attr("x").unwrap(), p.get_attr("y").unwrap()) {
                    (Value::Int(x), Value::Int(y)) => x * x + y * y,
                    _ => unreachable!(),
                }
            })
        })
        .map(|t| t.join().unwrap())
        .collect();
    println!("   both threads computed x*x + y*y = {sums:?}");
    println!("   (a local handle cannot even be moved to a thread: the compiler refuses)");

    println!("6. A region owns mutable objects; storing a local graph captures it.");
    let accounts = Region::named("accounts");
    let alice = Dict::new();
    alice.set(Value::str("balance"), Value::Int(100)).unwrap();
    let history = List::new([]);
    alice
        .set(Value::str("history"), history.clone().into())
        .unwrap();
    accounts.set("alice", alice.clone()).unwrap();
    println!("   alice   {}", alice.describe());
    println!("   history {}  (captured with alice)", history.describe());
    println!(
        "   region: {} members, {} local references, closed: {}",
        accounts.len(),
        accounts.local_refs(),
        accounts.is_closed()
    );

    println!("7. A region member may not point into another region.");
    let audit = Region::named("audit");
    match audit.set("seen", alice.clone()) {
        Err(e) => println!("   refused ({}): {e}", e.python_name()),
        Ok(()) => unreachable!("alice belongs to accounts"),
    }
    println!("   but a region may own another: audit becomes a subregion of accounts");
    accounts.set("audit", audit.clone()).unwrap();
    let parent = audit.parent().and_then(|p| p.name());
    println!("   audit's parent: {}", parent.as_deref().unwrap_or("none"));

    println!("8. An open region cannot leave the thread; a closed one moves in O(1).");
    let (err, accounts) = accounts.isolate().unwrap_err();
    println!("   refused ({}): {err}", err.python_name());
    drop((alice, history, audit));
    println!(
        "   dropped the local references: closed = {}",
        accounts.is_closed()
    );
    let sendable = accounts.isolate().unwrap();
    let (balance, freed_there) = std::thread::spawn(move || {
        let accounts = Region::from(sendable);
        let balance = {
            let alice = accounts.get("alice").unwrap();
            let alice = Dict::try_from(alice.as_obj().unwrap().clone()).unwrap();
            match alice.get(&Value::str("balance")).unwrap() {
                Some(Value::Int(b)) => b,
                _ => unreachable!(),
            }
        };
        let before = thread_stats().freed;
        drop(accounts); // the last reference: the region is freed as a unit, here
        (balance, thread_stats().freed - before)
    })
    .join()
    .unwrap();
    println!("   another thread read alice's balance: {balance}, then freed the region's {freed_there} objects");

    println!("9. Local cycles are reclaimed by the collector, frozen ones by their count.");
    let a = List::new([]);
    let b = List::new([a.clone().into()]);
    a.push(b.clone().into()).unwrap();
    drop((a, b));
    println!("   collected {} objects of a local cycle", collect());
    drop((p, point, scores, graph, origin, shared));
    collect();
    let end = thread_stats();
    let (allocated, freed) = (end.allocated - start.allocated, end.freed - start.freed);
    println!(
        "   allocated {allocated} objects; freed {freed} here and {freed_there} there: {} left",
        allocated - freed - freed_there
    );
}
