//! Behaviours: ordering, hand-off checks, failures that lose nothing.

use std::cell::RefCell;

use floe_core::{List, Value};
use floe_regions::Region;

use crate::{try_when, wait, when, Cown, CownError, Live};

fn frozen(i: i64) -> Live {
    Live::from_value(Value::Int(i)).expect("an int is frozen")
}

fn int(v: &Live) -> i64 {
    match v.frozen() {
        Some(Value::Int(i)) => *i,
        other => panic!("not an int: {other:?}"),
    }
}

fn list_in(r: &Region, name: &str) -> List {
    List::try_from(r.get(name).unwrap().as_obj().unwrap().clone()).unwrap()
}

fn region_with_list(name: &str, items: impl IntoIterator<Item = Value>) -> Region {
    let r = Region::named(name);
    r.set("items", List::new(items)).unwrap();
    r
}

#[test]
fn behaviours_on_one_cown_run_in_scheduling_order() {
    let c = Cown::new(Live::Region(region_with_list("log", []))).unwrap();
    for i in 0..1000 {
        when(&[&c], move |held| {
            let r = held[0].get().region().unwrap();
            list_in(r, "items").push(Value::Int(i)).unwrap();
        });
    }
    let Live::Region(r) = wait(&c).unwrap() else {
        panic!("a region")
    };
    let got: Vec<i64> = list_in(&r, "items")
        .to_vec()
        .iter()
        .map(|v| int(&Live::from_value(v.clone()).unwrap()))
        .collect();
    assert_eq!(got, (0..1000).collect::<Vec<_>>());
    assert!(
        matches!(wait(&c).unwrap(), Live::Empty),
        "the region moved out"
    );
}

#[test]
fn a_result_cown_delivers_the_value_and_a_panic_loses_nothing() {
    let c = Cown::new(frozen(7)).unwrap();
    let r = try_when(&[&c], |held| Ok(frozen(int(held[0].get()) + 1)));
    assert_eq!(int(&wait(&r).unwrap()), 8);
    let boom = try_when(&[&c], |held| {
        held[0].set(frozen(99));
        panic!("deliberate")
    });
    let err = wait(&boom).unwrap_err();
    assert_eq!(
        err,
        CownError::Panicked {
            message: "deliberate".into()
        }
    );
    assert_eq!(
        int(&wait(&c).unwrap()),
        7,
        "the cown kept the value it had when the behaviour started"
    );
}

#[test]
fn only_sendable_values_go_into_a_cown() {
    let local = List::new([]);
    let (err, back) = Live::from_value(local.clone().into()).unwrap_err();
    assert_eq!(err.python_name(), "RegionError");
    assert!(back.is(&local.into()));
    let open = region_with_list("open", [Value::Int(1)]);
    let alias = open.get("items").unwrap();
    let (err, back) = Cown::new(Live::Region(open)).unwrap_err();
    assert_eq!(err.python_name(), "IsolationError");
    assert!(err.to_string().contains("1 other local reference"), "{err}");
    drop(alias);
    assert!(
        Cown::new(back).is_ok(),
        "nothing was lost: the region comes back"
    );
}

#[test]
fn wait_inside_a_behaviour_is_refused() {
    let c = Cown::empty();
    let inner = c.clone();
    let r = try_when(&[&c], move |_| {
        Ok(frozen(i64::from(matches!(
            wait(&inner),
            Err(CownError::WaitInBehaviour)
        ))))
    });
    assert_eq!(int(&wait(&r).unwrap()), 1);
}

thread_local! {
    static STASH: RefCell<Option<Value>> = const { RefCell::new(None) };
}

#[test]
fn a_behaviour_that_leaves_its_region_open_raises_and_the_region_stays_intact() {
    let c = Cown::new(Live::Region(region_with_list(
        "kept",
        (0..10).map(Value::Int),
    )))
    .unwrap();
    let leaky = try_when(&[&c], |held| {
        let items = held[0].get().region().unwrap().get("items").unwrap();
        STASH.with(|s| *s.borrow_mut() = Some(items)); // a reference that outlives the hold
        Ok(Live::Empty)
    });
    let err = wait(&leaky).unwrap_err();
    assert_eq!(err.python_name(), "IsolationError");
    assert!(err.to_string().contains("other local reference"), "{err}");
    // The region stayed on that worker; the next behaviour on the cown runs there.
    let fixed = try_when(&[&c], |held| {
        STASH.with(|s| s.borrow_mut().take());
        let r = held[0].get().region().unwrap();
        let sum: i64 = list_in(r, "items")
            .to_vec()
            .iter()
            .map(|v| int(&Live::from_value(v.clone()).unwrap()))
            .sum();
        Ok(frozen(sum))
    });
    assert_eq!(int(&wait(&fixed).unwrap()), 45);
    let Live::Region(r) = wait(&c).unwrap() else {
        panic!("a region")
    };
    assert_eq!(list_in(&r, "items").len(), 10);
}

#[test]
fn two_cown_behaviours_do_not_deadlock_in_any_order_and_keep_the_total() {
    let accounts: Vec<Cown> = (0..4).map(|_| Cown::new(frozen(100)).unwrap()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..2000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let (a, b) = ((seed % 4) as usize, ((seed >> 8) % 4) as usize);
        let amount = (seed >> 16) as i64 % 7;
        when(&[&accounts[a], &accounts[b]], move |held| {
            if held.len() == 2 {
                let (x, y) = (int(held[0].get()), int(held[1].get()));
                held[0].set(frozen(x - amount));
                held[1].set(frozen(y + amount));
            }
        });
    }
    let total: i64 = accounts.iter().map(|c| int(&wait(c).unwrap())).sum();
    assert_eq!(total, 400);
}

#[test]
fn a_failed_behaviour_reports_through_its_result_and_keeps_its_cowns() {
    let c = Cown::new(frozen(3)).unwrap();
    let r = try_when(&[&c], |held| {
        held[0].set(frozen(4));
        Err(CownError::Raised {
            kind: "ValueError".into(),
            message: "no".into(),
            traceback: String::new(),
        })
    });
    let err = wait(&r).unwrap_err();
    assert_eq!(
        (err.python_name(), err.to_string().as_str()),
        ("ValueError", "ValueError: no")
    );
    assert_eq!(
        int(&wait(&c).unwrap()),
        4,
        "what the behaviour set before failing stays"
    );
}

#[test]
fn behaviours_on_disjoint_cowns_run_at_the_same_time() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::{Duration, Instant};
    if crate::workers() < 2 {
        eprintln!("skipped: one worker runs disjoint behaviours one after the other");
        return;
    }
    // Each behaviour announces itself, then waits (for a bounded time) for the other:
    // both see the other only if they run at once, on two workers.
    let flags = Arc::new([AtomicBool::new(false), AtomicBool::new(false)]);
    let (a, b) = (Cown::empty(), Cown::empty());
    let results: Vec<Cown> = [(&a, 0), (&b, 1)]
        .into_iter()
        .map(|(c, me)| {
            let flags = Arc::clone(&flags);
            try_when(&[c], move |_| {
                flags[me].store(true, Ordering::SeqCst);
                let give_up = Instant::now() + Duration::from_secs(20);
                while !flags[1 - me].load(Ordering::SeqCst) && Instant::now() < give_up {
                    std::thread::yield_now();
                }
                Ok(frozen(i64::from(flags[1 - me].load(Ordering::SeqCst))))
            })
        })
        .collect();
    for r in &results {
        assert_eq!(
            int(&wait(r).unwrap()),
            1,
            "the other behaviour never ran alongside"
        );
    }
}

#[test]
fn behaviours_on_a_pending_cown_wait_for_its_handoff() {
    let (c, handoff) = Cown::pending();
    let region = region_with_list("late", [Value::Int(1)]);
    let alias = region.get("items").unwrap();
    let r = try_when(&[&c], |held| {
        let n = list_in(held[0].get().region().unwrap(), "items").len();
        Ok(frozen(n as i64))
    });
    // Still open: the hand-off refuses and gives everything back.
    let (err, back, handoff) = handoff.complete(Live::Region(region)).unwrap_err();
    assert_eq!(err.python_name(), "IsolationError");
    drop(alias);
    assert!(handoff.complete(back).is_ok());
    assert_eq!(
        int(&wait(&r).unwrap()),
        1,
        "the behaviour ran after the hand-off"
    );

    let (c, handoff) = Cown::pending();
    drop(handoff);
    assert_eq!(
        wait(&c).unwrap_err().python_name(),
        "IsolationError",
        "a dropped hand-off fails"
    );
}

#[test]
fn waiting_for_a_cown_this_thread_owes_its_content_raises_instead_of_blocking() {
    let (pending, handoff) = Cown::pending();
    let other = Cown::empty();
    let r1 = try_when(&[&pending, &other], |_| Ok(frozen(1)));
    when(&[&other], |_| {}); // queued behind r1 on `other`
    assert_eq!(wait(&r1).unwrap_err(), CownError::WouldBlock);
    assert_eq!(
        wait(&other).unwrap_err(),
        CownError::WouldBlock,
        "through the queue of `other`"
    );
    assert_eq!(wait(&pending).unwrap_err().python_name(), "IsolationError");
    assert!(
        matches!(wait(&Cown::empty()).unwrap(), Live::Empty),
        "unrelated cowns answer"
    );
    handoff.complete(frozen(5)).map_err(|(e, ..)| e).unwrap();
    assert_eq!(
        int(&wait(&r1).unwrap()),
        1,
        "the abandoned waits lost nothing"
    );
    assert_eq!(int(&wait(&pending).unwrap()), 5);
}

#[test]
fn a_panic_after_taking_a_region_puts_the_region_back() {
    let c = Cown::new(Live::Region(region_with_list("precious", [Value::Int(1)]))).unwrap();
    let d = Cown::empty();
    let boom = try_when(&[&c], |held| {
        let r = held[0].take();
        drop(r);
        panic!("after the take")
    });
    assert_eq!(wait(&boom).unwrap_err().python_name(), "RuntimeError");
    // A behaviour on another cown sees only its own.
    let peek = try_when(&[&d], |held| {
        Ok(frozen(i64::from(held[0].get().region().is_some())))
    });
    assert_eq!(int(&wait(&peek).unwrap()), 0);
    let Live::Region(r) = wait(&c).unwrap() else {
        panic!("the region is back in its cown")
    };
    assert_eq!(list_in(&r, "items").len(), 1);
}

#[test]
fn only_frozen_values_make_a_frozen_content() {
    let mutable: Value = List::new([]).into();
    assert!(Live::frozen_value(mutable.clone()).is_err());
    assert!(Live::from_value(mutable).is_err());
    assert!(Live::frozen_value(Value::Int(1)).is_ok());
}

#[test]
fn the_worker_count_is_fixed_once_the_pool_runs() {
    let n = crate::workers();
    assert!(n >= 1);
    assert_eq!(crate::set_workers(n + 1), Err(n));
}

#[test]
fn a_behaviour_scheduled_inside_a_long_behaviour_runs_alongside_it() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::{Duration, Instant};
    if crate::workers() < 2 {
        eprintln!("skipped: one worker runs the inner behaviour after the outer one");
        return;
    }
    let ran = Arc::new(AtomicBool::new(false));
    let (a, b) = (Cown::empty(), Cown::empty());
    let outer = {
        let ran = Arc::clone(&ran);
        try_when(&[&a], move |_| {
            let flag = Arc::clone(&ran);
            when(&[&b], move |_| flag.store(true, Ordering::SeqCst));
            // Bounded: the inner behaviour must be taken by another worker meanwhile.
            let give_up = Instant::now() + Duration::from_secs(20);
            while !ran.load(Ordering::SeqCst) && Instant::now() < give_up {
                std::thread::yield_now();
            }
            Ok(frozen(i64::from(ran.load(Ordering::SeqCst))))
        })
    };
    assert_eq!(
        int(&wait(&outer).unwrap()),
        1,
        "the inner behaviour waited for the outer one"
    );
}

/// Each behaviour of a random program names a random set of four cowns (in a random
/// order); run for real, each cown's log of the behaviours that held it must be the
/// program's order restricted to that cown (the naive model), and no two behaviours may
/// hold one cown at once.
#[test]
fn random_programs_run_in_scheduling_order_per_cown_with_exclusive_holds() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};

    fn prop(program: Vec<Vec<u8>>) -> bool {
        const COWNS: usize = 4;
        let cowns: Vec<Cown> = (0..COWNS).map(|_| Cown::empty()).collect();
        let logs: Arc<Mutex<Vec<Vec<usize>>>> = Arc::new(Mutex::new(vec![Vec::new(); COWNS]));
        let busy: Arc<Vec<AtomicBool>> =
            Arc::new((0..COWNS).map(|_| AtomicBool::new(false)).collect());
        let overlap = Arc::new(AtomicBool::new(false));
        let mut model = vec![Vec::new(); COWNS];
        for (b, names) in program.iter().enumerate() {
            let mut named: Vec<usize> = Vec::new();
            for &n in names {
                let c = usize::from(n) % COWNS;
                if !named.contains(&c) {
                    named.push(c);
                }
            }
            if named.is_empty() {
                continue;
            }
            for &c in &named {
                model[c].push(b);
            }
            let refs: Vec<&Cown> = names
                .iter()
                .map(|&n| &cowns[usize::from(n) % COWNS])
                .collect();
            let (logs, busy, overlap) =
                (Arc::clone(&logs), Arc::clone(&busy), Arc::clone(&overlap));
            when(&refs, move |_| {
                for &c in &named {
                    if busy[c].swap(true, Ordering::SeqCst) {
                        overlap.store(true, Ordering::SeqCst);
                    }
                    logs.lock().unwrap()[c].push(b);
                }
                std::thread::yield_now();
                for &c in &named {
                    busy[c].store(false, Ordering::SeqCst);
                }
            });
        }
        for c in &cowns {
            wait(c).unwrap();
        }
        let logs = logs.lock().unwrap().clone();
        logs == model && !overlap.load(Ordering::SeqCst)
    }
    quickcheck::QuickCheck::new()
        .tests(200)
        .quickcheck(prop as fn(Vec<Vec<u8>>) -> bool);
}

#[test]
fn a_behaviour_ready_at_once_for_wait_runs_on_the_waiting_thread() {
    use crate::raw::{schedule, Access};
    use crate::scheduler::{note_scheduled, run_here, NOT_A_WORKER};
    use std::sync::{Arc, Mutex};

    let c = Cown::new(frozen(1)).unwrap(); // nothing queued on it: ready at once
    let seen = Arc::new(Mutex::new(None));
    let sink = Arc::clone(&seen);
    note_scheduled(); // counted as `wait`'s own behaviour is, for `quiesce`
    schedule(
        &[&c],
        0,
        move |a: &mut Access<'_>| {
            *sink.lock().unwrap() = Some((std::thread::current().id(), a.worker));
        },
        &mut run_here,
    );
    let here = std::thread::current().id();
    assert_eq!(*seen.lock().unwrap(), Some((here, NOT_A_WORKER)));
    assert_eq!(int(&wait(&c).unwrap()), 1, "the content is untouched");
}
