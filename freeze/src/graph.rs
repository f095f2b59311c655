//! The graph a freeze covers: the mutable objects reachable from its roots (frozen
//! objects end the walk), their references to each other, and their strongly connected
//! components (RFC-0003 §2).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use floe_core::{region, Freezable, Instance, Kind, ObjRef};

use crate::error::{FreezeError, Path};
use crate::policy::{ClassPolicy, FreezePolicy};

/// Hashes an object identity (an address): multiply-shift, enough for distinct pointers.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64 >> 3).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IdMap = HashMap<usize, usize, BuildHasherDefault<IdHasher>>;

/// The mutable objects reachable from the roots (and every member of a region whose
/// bridge is reached), one handle each.
pub(crate) struct Graph {
    pub(crate) nodes: Vec<ObjRef>,
    /// The references between nodes, one entry per reference: node `i`'s are
    /// `targets[offsets[i]..offsets[i + 1]]` (nodes are walked in order, so each node's
    /// references are contiguous).
    targets: Vec<usize>,
    offsets: Vec<usize>,
    pub(crate) is_root: Vec<bool>,
    index: IdMap,
    /// The node that first reached each node (for error paths).
    parent: Vec<Option<usize>>,
}

impl Graph {
    fn add(&mut self, obj: &ObjRef, parent: Option<usize>, root: bool) -> usize {
        if let Some(&i) = self.index.get(&obj.id()) {
            self.is_root[i] |= root;
            return i;
        }
        let i = self.nodes.len();
        self.index.insert(obj.id(), i);
        self.nodes.push(obj.clone());
        self.is_root.push(root);
        self.parent.push(parent);
        i
    }

    /// The node for `obj`, if the graph holds it.
    pub(crate) fn node(&self, obj: &ObjRef) -> Option<usize> {
        self.index.get(&obj.id()).copied()
    }

    /// Walks from `roots`, checking every object's freezability (semantics §4).
    pub(crate) fn build(roots: &[ObjRef], policy: FreezePolicy) -> Result<Graph, FreezeError> {
        let mut g = Graph {
            nodes: Vec::new(),
            targets: Vec::new(),
            offsets: vec![0],
            is_root: Vec::new(),
            index: IdMap::default(),
            parent: Vec::new(),
        };
        for r in roots.iter().filter(|r| !r.is_frozen()) {
            g.add(r, None, true);
        }
        let mut i = 0;
        while i < g.nodes.len() {
            g.check(i, policy)?;
            let node = g.nodes[i].clone();
            // Freezing a bridge freezes its whole region (semantics §3), members that
            // the bridge does not reach included.
            if region::is_bridge(&node) {
                for m in region::members(&node).unwrap_or_default() {
                    g.add(&m, Some(i), false);
                }
            }
            node.for_each_reference(|target| {
                if !target.is_frozen() {
                    let j = g.add(target, Some(i), false);
                    g.targets.push(j);
                }
            });
            g.offsets.push(g.targets.len());
            i += 1;
        }
        Ok(g)
    }

    fn path(&self, mut i: usize) -> Path {
        let mut out = vec![self.nodes[i].describe()];
        while let Some(p) = self.parent[i] {
            out.push(self.nodes[p].describe());
            i = p;
        }
        out.reverse();
        Path(out)
    }

    /// Whether node `i` may be frozen by this freeze.
    fn check(&self, i: usize, policy: FreezePolicy) -> Result<(), FreezeError> {
        let obj = &self.nodes[i];
        let refuse = |reason| FreezeError::NotFreezable {
            obj: obj.describe(),
            reason,
            path: self.path(i),
        };
        let root = self.is_root[i];
        // The object's own status, else one set on its type (PEP 795's lookup order);
        // a class's *default* (explicit) concerns the class object alone.
        let status = obj.freezable().or_else(|| match obj.kind() {
            Kind::Instance => Instance::try_from(obj.clone())
                .ok()
                .and_then(|inst| inst.class().freezable()),
            _ => None,
        });
        match status {
            Some(Freezable::No) => Err(refuse("it is FREEZABLE_NO")),
            Some(Freezable::Explicit) if !root => Err(refuse(
                "it is FREEZABLE_EXPLICIT: it freezes only when passed to freeze() directly",
            )),
            None if obj.kind() == Kind::Class
                && policy.classes == ClassPolicy::Explicit
                && !root =>
            {
                Err(refuse(
                    "classes freeze only explicitly: pass the class to freeze() too (freeze(obj, type(obj))) or use @frozen",
                ))
            }
            _ => Ok(()),
        }
    }

    /// The nodes node `i` references, one entry per reference.
    pub(crate) fn edges(&self, i: usize) -> &[usize] {
        &self.targets[self.offsets[i]..self.offsets[i + 1]]
    }

    /// The strongly connected components, each after every component it reaches (the
    /// order freezing needs), as the nodes in component order and the end of each
    /// component in that order. Iterative Tarjan.
    pub(crate) fn components(&self) -> (Vec<usize>, Vec<usize>) {
        let n = self.nodes.len();
        const UNSEEN: usize = usize::MAX;
        let (mut index, mut low) = (vec![UNSEEN; n], vec![0; n]);
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let (mut order, mut ends) = (Vec::with_capacity(n), Vec::new());
        let mut next = 0;
        // Explicit DFS frames: (node, next edge to look at).
        let mut frames: Vec<(usize, usize)> = Vec::new();
        for start in 0..n {
            if index[start] != UNSEEN {
                continue;
            }
            frames.push((start, 0));
            index[start] = next;
            low[start] = next;
            next += 1;
            stack.push(start);
            on_stack[start] = true;
            while let Some(&mut (v, ref mut e)) = frames.last_mut() {
                if let Some(&w) = self.edges(v).get(*e) {
                    *e += 1;
                    if index[w] == UNSEEN {
                        index[w] = next;
                        low[w] = next;
                        next += 1;
                        stack.push(w);
                        on_stack[w] = true;
                        frames.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                frames.pop();
                if let Some(&(u, _)) = frames.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    loop {
                        let w = stack.pop().expect("v is on the stack");
                        on_stack[w] = false;
                        order.push(w);
                        if w == v {
                            break;
                        }
                    }
                    ends.push(order.len());
                }
            }
        }
        (order, ends)
    }
}
