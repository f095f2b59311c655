//! A tour of Floe's object model: build an object graph, share part of it frozen with
//! other threads, watch the rules refuse what would race, and reclaim everything.
//!
//! Run with `cargo run --release -p floe-core --example tour`.

use floe_core::heap::{collect, thread_stats};
use floe_core::{freeze_component, Class, Dict, Frozen, Instance, List, Tuple, Value};

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

    println!("6. Local cycles are reclaimed by the collector, frozen ones by their count.");
    let a = List::new([]);
    let b = List::new([a.clone().into()]);
    a.push(b.clone().into()).unwrap();
    drop((a, b));
    println!("   collected {} objects of a local cycle", collect());
    drop((p, point, scores, graph, origin, shared));
    collect();
    let end = thread_stats();
    println!(
        "   allocated {} objects, freed {}: {} left",
        end.allocated - start.allocated,
        end.freed - start.freed,
        (end.allocated - start.allocated) - (end.freed - start.freed)
    );
}
