//! The snapshot: what the heap reachable from some roots looks like, by region, taken
//! without changing anything (RFC-0007 §1).

use std::collections::{HashMap, VecDeque};

use floe_core::region::{bridge_of, info, is_bridge};
use floe_core::{Kind, ObjRef, State, Value};

/// How much a snapshot shows.
#[derive(Clone, Debug)]
pub struct Options {
    /// The picture's title.
    pub title: Option<String>,
    /// At most this many objects are drawn; the rest, still counted, are one "… N more"
    /// node.
    pub max_nodes: usize,
    /// A list, dict, set or object shows at most this many elements or fields; the rest
    /// are summed up in one line of its label.
    pub max_items: usize,
    /// Says more about a native object (one defined outside the core, such as a cown):
    /// the embedder's words, as the first line under its title.
    pub describe: Option<fn(&ObjRef) -> Option<String>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            title: None,
            max_nodes: 120,
            max_items: 8,
            describe: None,
        }
    }
}

/// Where a drawn object lives (semantics §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Local to the thread.
    Local,
    /// A member of the snapshot's region with this index.
    Region(usize),
    /// A member of the snapshot's frozen component with this index.
    Frozen(usize),
    /// A cown (a native object of type `Cown`): drawn as its own node, outside any cluster.
    Cown,
}

/// One drawn object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The object's identity ([`ObjRef::id`]); never printed, since it differs per run.
    pub id: usize,
    /// Its kind.
    pub kind: Kind,
    /// The first line of its label: the type name (`Account`, `list (3)`, `class C`).
    pub title: String,
    /// Further lines: the fields that hold immediates (`balance = 100`), and a line saying
    /// how many elements were left out.
    pub lines: Vec<String>,
    /// Local, in a region, or frozen.
    pub place: Place,
    /// `true` for the bridge of a live region.
    pub bridge: bool,
}

/// Where an edge starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum From {
    /// A root (a variable) with this index.
    Root(usize),
    /// A drawn object with this index.
    Node(usize),
}

/// Where an edge ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum To {
    /// A drawn object with this index.
    Node(usize),
    /// The "… N more" node standing for the objects not drawn.
    More,
}

/// What an edge means, beyond "this field references that object".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// An ordinary reference.
    Plain,
    /// The owning reference from a region member to a subregion's bridge.
    Owning,
    /// A reference from outside a region (a variable or a local object) to one of its
    /// members: it counts in the region's local count and keeps it open.
    Opening,
}

/// A reference, labelled by the field, index or key that holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The holder.
    pub from: From,
    /// The target.
    pub to: To,
    /// The field (`balance`), index (`[2]`) or key (`['a']`); empty for a root's edge.
    pub label: String,
    /// What the reference means.
    pub kind: EdgeKind,
}

/// A root of the snapshot: a variable, or a value the caller passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root {
    /// Its name.
    pub name: String,
    /// The value, when it is an immediate (drawn inline, with no edge).
    pub inline: Option<String>,
}

impl Root {
    /// The root's label: its name, and `= value` for an immediate.
    pub fn label(&self) -> String {
        match &self.inline {
            Some(v) => format!("{} = {v}", self.name),
            None => self.name.clone(),
        }
    }
}

impl Node {
    /// The label's lines: the title, then the other lines.
    pub fn label_lines(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.title.as_str()).chain(self.lines.iter().map(String::as_str))
    }
}

/// A region seen in the snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionBox {
    /// The region's name, or `None` for an unnamed region.
    pub name: Option<String>,
    /// The parent region, when the parent is in the snapshot too.
    pub parent: Option<usize>,
    /// The parent's name when the parent is not in the snapshot.
    pub parent_elsewhere: Option<String>,
    /// Open: local references point in, or a subregion is open (semantics §3).
    pub open: bool,
    /// The local reference count (the bridge included), without the snapshot's own.
    pub local_refs: usize,
    /// How many members the region has in all (drawn or not).
    pub members: usize,
}

impl RegionBox {
    /// The cluster's label: `region 'bank' · closed · LRC 0 · 3 members`.
    pub fn label(&self, index: usize) -> String {
        let name = match &self.name {
            Some(n) => format!("region '{n}'"),
            None => format!("region #{index}"),
        };
        let state = if self.open { "open" } else { "closed" };
        let mut s = format!("{name} · {state} · LRC {}", self.local_refs);
        if let Some(p) = &self.parent_elsewhere {
            s.push_str(&format!(" · subregion of {p}"));
        }
        s
    }
}

/// A frozen component (strongly connected, counted as one) seen in the snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Component {
    /// The component's reference count (references from outside it), without the
    /// snapshot's own.
    pub count: usize,
}

impl Component {
    /// The cluster's label: `frozen · rc 2`.
    pub fn label(&self) -> String {
        format!("frozen · rc {}", self.count)
    }
}

/// A picture's content: the objects reachable from the roots, grouped by region and
/// frozen component, with their references.
///
/// Taking a snapshot changes nothing: no object's state, no reference count, no region's
/// open or closed state (RFC-0007 §1). The handles it takes while it walks the heap are
/// all given back before it returns, and every count it reports is the count without them.
///
/// # Examples
/// ```
/// use floe_core::{List, Value};
/// use floe_draw::{Options, Snapshot};
/// use floe_regions::Region;
///
/// let r = Region::named("r");
/// r.set("items", List::new([Value::from(1)])).unwrap();
/// let snap = Snapshot::take(&[("r", r.clone().into())], &Options::default());
/// assert_eq!(snap.regions.len(), 1);
/// assert_eq!(snap.nodes.len(), 2); // the bridge and the list
/// assert!(snap.to_dot().contains("cluster_r0"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The title.
    pub title: Option<String>,
    /// The roots, in the order given.
    pub roots: Vec<Root>,
    /// The drawn objects, in the order they were reached (breadth first from the roots).
    pub nodes: Vec<Node>,
    /// The references between them.
    pub edges: Vec<Edge>,
    /// The regions the drawn objects are members of.
    pub regions: Vec<RegionBox>,
    /// The frozen components the drawn objects belong to.
    pub components: Vec<Component>,
    /// How many reachable objects were not drawn (past [`Options::max_nodes`]).
    pub more: usize,
}

/// A visited object: drawn as a node, or only counted.
#[derive(Clone, Copy)]
enum Seen {
    Drawn(usize),
    Counted,
}

/// The walk's state: one handle per visited object, given back when the walk ends.
struct Walk<'a> {
    options: &'a Options,
    held: Vec<ObjRef>,
    seen: HashMap<usize, Seen>,
    queue: VecDeque<usize>,
    snap: Snapshot,
    /// Region id → (index, one handle to its bridge).
    regions: HashMap<u32, (usize, ObjRef)>,
    /// Component identity → index.
    components: HashMap<usize, usize>,
}

impl Snapshot {
    /// Takes a snapshot of what `roots` (name, value) reach.
    ///
    /// The roots stand for the caller's variables: pass copies of them. The handles in
    /// `roots` are not counted, so each region's local count and each frozen component's
    /// count are what the variables (and the rest of the heap) hold.
    pub fn take(roots: &[(&str, Value)], options: &Options) -> Snapshot {
        let mut walk = Walk {
            options,
            held: Vec::new(),
            seen: HashMap::new(),
            queue: VecDeque::new(),
            snap: Snapshot {
                title: options.title.clone(),
                roots: Vec::new(),
                nodes: Vec::new(),
                edges: Vec::new(),
                regions: Vec::new(),
                components: Vec::new(),
                more: 0,
            },
            regions: HashMap::new(),
            components: HashMap::new(),
        };
        for (i, (name, value)) in roots.iter().enumerate() {
            let inline = match value {
                Value::Obj(_) => None,
                v => Some(repr(v)),
            };
            walk.snap.roots.push(Root {
                name: (*name).to_string(),
                inline,
            });
            if let Value::Obj(o) = value {
                walk.reference(From::Root(i), o, String::new());
            }
        }
        while let Some(i) = walk.queue.pop_front() {
            walk.expand(i);
        }
        walk.finish(roots)
    }
}

impl Walk<'_> {
    /// Visits `o` (once) and records the reference `from` → `o`.
    fn reference(&mut self, from: From, o: &ObjRef, label: String) {
        let seen = match self.seen.get(&o.id()) {
            Some(&s) => s,
            None => self.visit(o, true),
        };
        let holder = match from {
            From::Root(_) => None,
            From::Node(n) => Some(self.snap.nodes[n].place),
        };
        let to = match seen {
            Seen::Drawn(ix) => To::Node(ix),
            Seen::Counted => To::More,
        };
        if to == To::More
            && self
                .snap
                .edges
                .iter()
                .any(|e| e.from == from && e.to == To::More)
        {
            return;
        }
        let kind = match (to, holder) {
            (To::Node(t), holder) => {
                let target = &self.snap.nodes[t];
                match (holder, target.place) {
                    (Some(Place::Region(_)), Place::Region(_)) if target.bridge => EdgeKind::Owning,
                    (None | Some(Place::Local), Place::Region(_)) => EdgeKind::Opening,
                    _ => EdgeKind::Plain,
                }
            }
            (To::More, _) => EdgeKind::Plain,
        };
        self.snap.edges.push(Edge {
            from,
            to,
            label,
            kind,
        });
    }

    /// First visit of `o`: take one handle, decide whether it is drawn (if `may_draw` and
    /// within the node limit), queue it.
    fn visit(&mut self, o: &ObjRef, may_draw: bool) -> Seen {
        let seen = if may_draw && self.snap.nodes.len() < self.options.max_nodes {
            let place = self.place(o);
            self.snap.nodes.push(Node {
                id: o.id(),
                kind: o.kind(),
                title: title(o),
                lines: Vec::new(),
                place,
                bridge: o.kind() == Kind::Region && is_bridge(o),
            });
            Seen::Drawn(self.snap.nodes.len() - 1)
        } else {
            self.snap.more += 1;
            Seen::Counted
        };
        self.seen.insert(o.id(), seen);
        self.held.push(o.clone());
        // Code is shared, not data: a class's or function's insides are not drawn.
        if !matches!(o.kind(), Kind::Class | Kind::Function) {
            self.queue.push_back(self.held.len() - 1);
        }
        seen
    }

    fn place(&mut self, o: &ObjRef) -> Place {
        match o.state() {
            State::Local => Place::Local,
            State::Frozen if o.kind() == Kind::Native && o.type_name() == "Cown" => Place::Cown,
            State::Frozen => {
                let key = o.component().expect("a frozen object has a component");
                let next = self.components.len();
                let ix = *self.components.entry(key).or_insert(next);
                if ix == next {
                    self.snap.components.push(Component { count: 0 });
                }
                Place::Frozen(ix)
            }
            State::InRegion(id) => {
                if let Some((ix, _)) = self.regions.get(&id.get()) {
                    return Place::Region(*ix);
                }
                let ix = self.snap.regions.len();
                let bridge = bridge_of(o).expect("a region member has a bridge");
                self.regions.insert(id.get(), (ix, bridge));
                self.snap.regions.push(RegionBox {
                    name: None,
                    parent: None,
                    parent_elsewhere: None,
                    open: false,
                    local_refs: 0,
                    members: 0,
                });
                Place::Region(ix)
            }
        }
    }

    /// Walks the values held by the visited object `held[i]`.
    fn expand(&mut self, i: usize) {
        let o = self.held[i].clone();
        let drawn = match self.seen[&o.id()] {
            Seen::Drawn(ix) => Some(ix),
            Seen::Counted => None,
        };
        let mut values = Vec::new();
        o.for_each_value(|v| values.push(v.clone()));
        let labels = labels(&o, &values);
        let Some(ix) = drawn else {
            // Only counted: visit what it reaches, to count that too.
            for v in &values {
                if let Value::Obj(t) = v {
                    if !self.seen.contains_key(&t.id()) {
                        self.visit(t, false);
                    }
                }
            }
            return;
        };
        let limit = self.options.max_items;
        let mut lines = Vec::new();
        if let (Kind::Native, Some(describe)) = (o.kind(), self.options.describe) {
            lines.extend(describe(&o));
        }
        let mut shown = 0;
        let mut left_out = 0;
        for (label, v) in labels {
            if shown == limit {
                left_out += 1;
                if let Value::Obj(t) = v {
                    if !self.seen.contains_key(&t.id()) {
                        self.visit(t, false);
                    }
                }
                continue;
            }
            shown += 1;
            match v {
                Value::Obj(t) => self.reference(From::Node(ix), t, label),
                imm => lines.push(if label.is_empty() {
                    repr(imm)
                } else {
                    format!("{label} = {}", repr(imm))
                }),
            }
        }
        if left_out > 0 {
            lines.push(format!("… {left_out} more"));
        }
        self.snap.nodes[ix].lines = lines;
    }

    /// Reads the counts (without the walk's own handles) and gives every handle back.
    fn finish(mut self, roots: &[(&str, Value)]) -> Snapshot {
        let root_objs = || roots.iter().filter_map(|(_, v)| v.as_obj());
        // Frozen components: one held handle per visited member, and the roots' handles.
        let mut held_in: HashMap<usize, (usize, usize)> = HashMap::new();
        let mut count_held = |o: &ObjRef| {
            if let Some(key) = o.component() {
                let e = held_in.entry(key).or_insert((0, o.ref_count()));
                e.0 += 1;
            }
        };
        self.held.iter().for_each(&mut count_held);
        root_objs().for_each(count_held);
        for (key, ix) in &self.components {
            if let Some((held, count)) = held_in.get(key) {
                self.snap.components[*ix].count = count - held;
            }
        }
        // Regions: only the one bridge handle per region is held from here on.
        self.held.clear();
        let mut by_index: Vec<(usize, &ObjRef)> =
            self.regions.values().map(|(ix, b)| (*ix, b)).collect();
        by_index.sort_by_key(|(ix, _)| *ix);
        let mut own_open = vec![false; by_index.len()];
        let mut open_elsewhere = vec![false; by_index.len()];
        for (ix, bridge) in &by_index {
            let Ok(ri) = info(bridge) else { continue };
            let rb = &mut self.snap.regions[*ix];
            rb.name = ri.name.as_ref().map(|n| n.to_string());
            let in_roots = root_objs()
                .filter(|o| matches!(o.state(), State::InRegion(id) if id == ri.id))
                .count();
            rb.local_refs = ri.local_refs - 1 - in_roots;
            rb.members = ri.members;
            own_open[*ix] = rb.local_refs > 0;
            let drawn_children = ri
                .subregions
                .iter()
                .filter(|c| by_index.iter().any(|(_, b)| b.ptr_eq(c)))
                .count();
            // Every drawn child looks open to the core (the walk holds its bridge).
            open_elsewhere[*ix] = ri.open_subregions > drawn_children;
            if let Some(p) = &ri.parent {
                match by_index.iter().find(|(_, b)| b.ptr_eq(p)) {
                    Some((pix, _)) => rb.parent = Some(*pix),
                    None => {
                        let name = info(p).ok().and_then(|pi| pi.name);
                        rb.parent_elsewhere =
                            Some(name.map_or("an unnamed region".into(), |n| format!("'{n}'")));
                    }
                }
            }
        }
        // Open if referenced locally, or if any subregion is open (bottom-up).
        let mut open: Vec<bool> = (0..by_index.len())
            .map(|i| own_open[i] || open_elsewhere[i])
            .collect();
        loop {
            let mut changed = false;
            for i in 0..open.len() {
                if open[i] {
                    if let Some(p) = self.snap.regions[i].parent {
                        if !open[p] {
                            open[p] = true;
                            changed = true;
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
        for (i, o) in open.into_iter().enumerate() {
            self.snap.regions[i].open = o;
        }
        self.snap
    }
}

/// The label of each value `o` holds, in [`ObjRef::for_each_value`] order, with the value.
fn labels<'v>(o: &ObjRef, values: &'v [Value]) -> Vec<(String, &'v Value)> {
    match o.kind() {
        // `frozendict` reports each key, then its value, as a dict does (RFC-0004).
        Kind::Native if o.type_name() == "frozendict" => dict_labels(values),
        Kind::List | Kind::Tuple | Kind::Native => values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("[{i}]"), v))
            .collect(),
        Kind::Dict => dict_labels(values),
        Kind::Set => values.iter().map(|v| (String::new(), v)).collect(),
        Kind::Instance | Kind::Region | Kind::Class | Kind::Function => {
            let names = o.attr_names().unwrap_or_default();
            names
                .iter()
                .zip(values)
                .map(|(n, v)| (n.to_string(), v))
                .collect()
        }
    }
}

/// A mapping's entries, given as key, value, key, value, …: `['k']` for an immediate key,
/// `key` and `value` for an object key.
fn dict_labels(values: &[Value]) -> Vec<(String, &Value)> {
    values
        .chunks(2)
        .flat_map(|kv| match kv {
            [Value::Obj(_), v] => vec![("key".to_string(), &kv[0]), ("value".into(), v)],
            [k, v] => vec![(format!("[{}]", repr(k)), v)],
            _ => Vec::new(),
        })
        .collect()
}

/// The first line of an object's label.
fn title(o: &ObjRef) -> String {
    let len = || {
        let mut n = 0;
        o.for_each_value(|_| n += 1);
        n
    };
    match o.kind() {
        Kind::List | Kind::Tuple | Kind::Set => format!("{} ({})", o.type_name(), len()),
        Kind::Dict => format!("dict ({})", len() / 2),
        Kind::Native if o.type_name() == "frozendict" => format!("frozendict ({})", len() / 2),
        Kind::Native if o.type_name() == "frozenlist" => format!("frozenlist ({})", len()),
        Kind::Class | Kind::Function => o
            .describe()
            .label
            .map_or_else(|| o.type_name(), |l| l.to_string()),
        Kind::Region if is_bridge(o) => "Region (bridge)".to_string(),
        _ => o.type_name(),
    }
}

/// Python's `repr` of an immediate, shortened past 24 characters.
pub(crate) fn repr(v: &Value) -> String {
    let s = match v {
        Value::None => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e16 => {
            format!("{x:.1}")
        }
        Value::Float(x) => x.to_string(),
        Value::Str(s) => {
            let mut out = String::from("'");
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\'' => out.push_str("\\'"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('\'');
            out
        }
        other => format!("{other:?}"),
    };
    if s.chars().count() > 24 {
        let cut: String = s.chars().take(22).collect();
        format!("{cut}…")
    } else {
        s
    }
}
