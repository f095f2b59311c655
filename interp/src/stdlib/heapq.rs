//! `heapq`: binary min-heaps on lists, sifting exactly as CPython's `_heapq` does (the
//! same comparisons in the same order, so the same heap), with Python's `<`.

use floe_core::{List, Value};

use super::{keywords, positional, Spec};
use crate::interp::{Args, Interp};
use crate::Res;

pub(super) const SPEC: Spec = Spec {
    name: "heapq",
    fns: &[
        ("heappush", heappush),
        ("heappop", heappop),
        ("heapify", heapify),
        ("heapreplace", heapreplace),
        ("heappushpop", heappushpop),
        ("nlargest", |me, a| n_best(me, a, "nlargest", true)),
        ("nsmallest", |me, a| n_best(me, a, "nsmallest", false)),
    ],
    consts: super::no_consts,
};

/// The heap argument: a list.
fn heap_arg(me: &mut Interp, name: &str, v: &Value) -> Res<List> {
    v.as_obj()
        .and_then(|o| List::try_from(o.clone()).ok())
        .ok_or_else(|| {
            me.exc(
                "TypeError",
                format!("{name}() argument 1 must be list, not {}", v.type_name()),
            )
        })
}

fn get(me: &mut Interp, heap: &List, i: usize) -> Res<Value> {
    heap.get(i as i64).map_err(|e| me.core_exc(e, &[]))
}

fn set(me: &mut Interp, heap: &List, i: usize, v: Value) -> Res<()> {
    heap.set(i as i64, v.clone())
        .map_err(|e| me.core_exc(e, &[&heap.clone().into(), &v]))
}

/// Python's `a < b`, and whether the heap kept its size while `__lt__` ran.
fn less(me: &mut Interp, heap: &List, a: &Value, b: &Value) -> Res<bool> {
    let size = heap.len();
    let lt = super::less_than(me, a, b)?;
    if heap.len() != size {
        return Err(me.exc("RuntimeError", "list changed size during iteration"));
    }
    Ok(lt)
}

/// Moves the item at `pos` up towards `start` while it is less than its parent.
fn sift_down(me: &mut Interp, heap: &List, start: usize, mut pos: usize) -> Res<()> {
    let item = get(me, heap, pos)?;
    while pos > start {
        let parent_pos = (pos - 1) >> 1;
        let parent = get(me, heap, parent_pos)?;
        if !less(me, heap, &item, &parent)? {
            break;
        }
        let (parent, item) = (get(me, heap, parent_pos)?, get(me, heap, pos)?);
        set(me, heap, parent_pos, item)?;
        set(me, heap, pos, parent)?;
        pos = parent_pos;
    }
    Ok(())
}

/// Moves the smaller child up from `pos` to a leaf, then the item there into place.
fn sift_up(me: &mut Interp, heap: &List, mut pos: usize) -> Res<()> {
    let (end, start) = (heap.len(), pos);
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let (a, b) = (get(me, heap, child)?, get(me, heap, child + 1)?);
            if !less(me, heap, &a, &b)? {
                child += 1;
            }
        }
        let (lower, upper) = (get(me, heap, child)?, get(me, heap, pos)?);
        set(me, heap, child, upper)?;
        set(me, heap, pos, lower)?;
        pos = child;
    }
    sift_down(me, heap, start, pos)
}

/// Puts `item` at the top of a non-empty heap, sifts it into place, and returns the item
/// that was the smallest.
fn replace_top(me: &mut Interp, heap: &List, item: Value) -> Res<Value> {
    let top = get(me, heap, 0)?;
    set(me, heap, 0, item)?;
    sift_up(me, heap, 0)?;
    Ok(top)
}

fn heappush(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "heappush", a, 2, 2)?;
    let heap = heap_arg(me, "heappush", &pos[0])?;
    heap.push(pos[1].clone())
        .map_err(|e| me.core_exc(e, &[&pos[0], &pos[1]]))?;
    sift_down(me, &heap, 0, heap.len() - 1)?;
    Ok(Value::None)
}

fn heappop(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "heappop", a, 1, 1)?;
    let heap = heap_arg(me, "heappop", &pos[0])?;
    if heap.is_empty() {
        return Err(me.exc("IndexError", "index out of range"));
    }
    let last = heap.pop().map_err(|e| me.core_exc(e, &[&pos[0]]))?;
    if heap.is_empty() {
        return Ok(last);
    }
    replace_top(me, &heap, last)
}

fn heapreplace(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "heapreplace", a, 2, 2)?;
    let heap = heap_arg(me, "heapreplace", &pos[0])?;
    if heap.is_empty() {
        return Err(me.exc("IndexError", "index out of range"));
    }
    replace_top(me, &heap, pos[1].clone())
}

fn heappushpop(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "heappushpop", a, 2, 2)?;
    let heap = heap_arg(me, "heappushpop", &pos[0])?;
    let item = pos[1].clone();
    if heap.is_empty() {
        return Ok(item);
    }
    let top = get(me, &heap, 0)?;
    if !less(me, &heap, &top, &item)? {
        return Ok(item);
    }
    replace_top(me, &heap, item)
}

fn heapify(me: &mut Interp, a: Args) -> Res<Value> {
    let pos = positional(me, "heapify", a, 1, 1)?;
    let heap = heap_arg(me, "heapify", &pos[0])?;
    for i in (0..heap.len() / 2).rev() {
        sift_up(me, &heap, i)?;
    }
    Ok(Value::None)
}

/// `nlargest(n, iterable, key=None)` / `nsmallest(...)`: the results of
/// `sorted(iterable, key=key, reverse=largest)[:n]`, ties in their original order.
fn n_best(me: &mut Interp, a: Args, name: &str, largest: bool) -> Res<Value> {
    let [key] = keywords(me, name, a.kw, ["key"])?;
    let pos = positional(me, name, Args::of(a.pos), 2, 3)?;
    let key = pos
        .get(2)
        .cloned()
        .or(key)
        .filter(|k| !matches!(k, Value::None));
    let n = me.index_of(&pos[0])?;
    let items = me.collect(&pos[1])?;
    if n <= 0 {
        return Ok(List::new([]).into());
    }
    // Python's `sorted(reverse=True)`: reversed, sorted stably, reversed back.
    let mut items = items;
    if largest {
        items.reverse();
    }
    let mut sorted = me.sorted(items, key, false)?;
    if largest {
        sorted.reverse();
    }
    sorted.truncate(n as usize);
    Ok(List::new(sorted).into())
}
