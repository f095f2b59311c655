use floe_core::{Class, Dict, Instance, List, ObjRef, Value};
use floe_regions::Region;
use quickcheck::{Arbitrary, Gen, QuickCheck};

use super::*;

#[test]
fn a_region_with_a_subregion_and_an_outside_reference() {
    let outer = Region::named("outer");
    let inner = Region::named("inner");
    let items = List::new([Value::from(1), Value::from("two")]);
    outer.set("items", items.clone()).unwrap();
    outer.set("child", inner.clone()).unwrap();
    inner.set("d", Dict::new()).unwrap();
    drop(inner);
    let frozen = List::new([Value::from(3)]);
    floe_freeze::freeze(&[frozen.as_obj().clone()]).unwrap();
    outer.set("shared", frozen.clone()).unwrap();

    let roots = [
        ("outer", Value::from(outer.clone())),
        ("items", Value::from(items.clone())),
        ("n", Value::from(7)),
    ];
    let snap = Snapshot::take(&roots, &Options::default());
    assert_eq!(snap.regions.len(), 2);
    assert_eq!(snap.regions[0].name.as_deref(), Some("outer"));
    assert_eq!(snap.regions[1].parent, Some(0));
    // `outer` and `items` are local references into outer (their copies in `roots` are
    // not counted); inner is closed.
    assert!(snap.regions[0].open);
    assert_eq!(snap.regions[0].local_refs, 2);
    assert!(!snap.regions[1].open);
    assert_eq!(snap.regions[1].local_refs, 0);
    assert_eq!(snap.components.len(), 1);
    // `frozen` (this test's handle) and the region's reference count.
    assert_eq!(snap.components[0].count, 2);
    assert_eq!(snap.roots[2].inline.as_deref(), Some("7"));
    assert!(snap.nodes[0].bridge);
    let list = &snap.nodes[1];
    assert_eq!(list.title, "list (2)");
    assert_eq!(list.lines, ["[0] = 1", "[1] = 'two'"]);
    let kinds: Vec<EdgeKind> = snap.edges.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&EdgeKind::Owning));
    assert!(kinds.contains(&EdgeKind::Opening));

    let dot = snap.to_dot();
    assert!(dot.contains("subgraph cluster_r0"));
    assert!(dot.contains("subgraph cluster_r1"));
    assert!(dot.contains("region 'inner' · closed · LRC 0"));
    let mermaid = snap.to_mermaid();
    assert!(mermaid.contains("subgraph r1[\"region 'inner' · closed · LRC 0\"]"));
    let svg = snap.to_svg().unwrap();
    assert_eq!(region_clusters(&svg), 2);
}

/// Parses an SVG document and counts its region clusters.
fn region_clusters(svg: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.attribute("class") == Some("cluster region"))
        .count()
}

#[test]
fn labels_are_escaped_in_every_format() {
    let c = Class::new("Weird<&>\"'", &[]);
    floe_freeze::freeze(&[c.as_obj().clone()]).unwrap();
    let i = Instance::new(&c);
    i.set_attr("s", Value::from("<b>\"x\"&'y'</b>")).unwrap();
    let snap = Snapshot::take(&[("a<b", i.clone().into())], &Options::default());
    let svg = snap.to_svg().unwrap();
    roxmltree::Document::parse(&svg).expect("escaped");
    assert!(!snap.to_mermaid().contains("<b>"));
    assert!(snap.to_dot().contains("\\\"x\\\""));
}

#[test]
fn large_collections_are_collapsed_and_the_node_limit_counts_the_rest() {
    let items: Vec<Value> = (0..50).map(|_| List::new([]).into()).collect();
    let big = List::new(items);
    let opts = Options {
        max_nodes: 5,
        max_items: 3,
        ..Options::default()
    };
    let snap = Snapshot::take(&[("big", big.clone().into())], &opts);
    assert_eq!(snap.nodes.len(), 4); // the list and three shown elements
    assert_eq!(snap.nodes[0].lines, ["… 47 more"]);
    assert_eq!(snap.more, 47);
    assert!(snap.to_dot().contains("… 47 more"));
}

#[test]
fn formats_by_name_and_extension() {
    assert_eq!(Format::named("DOT"), Some(Format::Dot));
    assert_eq!(
        Format::of_path(std::path::Path::new("a/b.mmd")),
        Some(Format::Mermaid)
    );
    assert_eq!(Format::of_path(std::path::Path::new("a/b")), None);
    assert_eq!(Format::Svg.extension(), "svg");
}

/// One step building a random heap.
#[derive(Clone, Debug)]
enum Step {
    NewList,
    NewRegion,
    /// Store object `a` into object `b` (modulo the number of objects).
    Store(usize, usize),
    /// Drop the test's handle to object `a`.
    Forget(usize),
    Freeze(usize),
}

impl Arbitrary for Step {
    fn arbitrary(g: &mut Gen) -> Step {
        let mut n = || usize::arbitrary(g) % 16;
        match n() % 8 {
            0 | 1 => Step::NewList,
            2 => Step::NewRegion,
            3..=5 => Step::Store(n(), n()),
            6 => Step::Forget(n()),
            _ => Step::Freeze(n()),
        }
    }
}

/// What must not change: every object's state and count, every region's counts.
fn fingerprint(objs: &[ObjRef], regions: &[Region]) -> Vec<String> {
    let mut out: Vec<String> = objs
        .iter()
        .map(|o| format!("{:?} {} {}", o.state(), o.ref_count(), o.id()))
        .collect();
    for r in regions {
        out.push(format!(
            "{} {} {} {} {}",
            r.is_open(),
            r.is_closed(),
            r.local_refs(),
            r.len(),
            r.parent().is_some()
        ));
    }
    out
}

fn snapshot_changes_nothing(steps: Vec<Step>) -> bool {
    let mut objs: Vec<Option<ObjRef>> = Vec::new();
    for step in steps {
        let live: Vec<usize> = (0..objs.len()).filter(|&i| objs[i].is_some()).collect();
        let pick = |k: usize| live.get(k % live.len().max(1)).copied();
        match step {
            Step::NewList => objs.push(Some(List::new([Value::from(1)]).into_obj())),
            Step::NewRegion => objs.push(Some(Region::named("r").bridge().clone())),
            Step::Store(a, b) => {
                if let (Some(a), Some(b)) = (pick(a), pick(b)) {
                    let (a, b) = (objs[a].clone().unwrap(), objs[b].clone().unwrap());
                    let _ = match List::try_from(b.clone()) {
                        Ok(l) => l.push(a.into()).map_err(|_| ()),
                        Err(_) => b.set_attr("x", a.into()).map_err(|_| ()),
                    };
                }
            }
            Step::Forget(a) => {
                if let Some(a) = pick(a) {
                    objs[a] = None;
                }
            }
            Step::Freeze(a) => {
                if let Some(a) = pick(a) {
                    let o = objs[a].clone().unwrap();
                    if o.kind() != floe_core::Kind::Region {
                        let _ = floe_freeze::freeze(&[o]);
                    }
                }
            }
        }
    }
    let live: Vec<ObjRef> = objs.into_iter().flatten().collect();
    // Regions are observed through a bridge handle the test holds already.
    let regions: Vec<Region> = live
        .iter()
        .filter(|o| floe_core::region::is_bridge(o))
        .map(|o| Region::try_from(o.clone()).unwrap())
        .collect();
    let roots: Vec<(String, Value)> = live
        .iter()
        .enumerate()
        .map(|(i, o)| (format!("v{i}"), Value::Obj(o.clone())))
        .collect();
    let roots: Vec<(&str, Value)> = roots.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
    let before = fingerprint(&live, &regions);
    let snap = Snapshot::take(&roots, &Options::default());
    let after = fingerprint(&live, &regions);
    drop(roots); // the snapshot does not count the roots' own handles
                 // And what the snapshot reports agrees with the regions' own view.
    let agrees = regions.iter().all(|r| {
        let node = snap.nodes.iter().find(|n| n.id == r.bridge().id());
        match node.map(|n| n.place) {
            Some(Place::Region(ix)) => {
                let rb = &snap.regions[ix];
                rb.open == r.is_open() && rb.local_refs == r.local_refs() && rb.members == r.len()
            }
            _ => true, // past the node limit
        }
    });
    drop(snap);
    before == after && agrees
}

#[test]
fn a_snapshot_never_changes_states_counts_or_closedness() {
    QuickCheck::new()
        .tests(300)
        .quickcheck(snapshot_changes_nothing as fn(Vec<Step>) -> bool);
}

#[test]
fn a_region_reports_its_count_without_the_snapshots_handles() {
    let r = Region::named("r");
    let item = List::new([]);
    r.set("item", item.clone()).unwrap();
    let roots = [("r", Value::from(r.clone()))];
    let snap = Snapshot::take(&roots, &Options::default());
    // The test's `r` and `item` handles are the local references (not `roots`).
    assert_eq!(r.local_refs(), 3);
    assert_eq!(snap.regions[0].local_refs, 2);
    assert!(snap.regions[0].open);
    assert_eq!(snap.nodes[1].id, item.id());
}

#[test]
fn immediates_are_shown_as_python_reprs_shortened() {
    use crate::snapshot::repr;
    assert_eq!(repr(&Value::from("a\nb'")), "'a\\nb\\''");
    assert_eq!(repr(&Value::from(2.0)), "2.0");
    assert_eq!(repr(&Value::Bool(true)), "True");
    assert_eq!(repr(&Value::None), "None");
    assert_eq!(
        repr(&Value::from("x".repeat(40).as_str())).chars().count(),
        23
    );
}

/// A native type for the test of the embedder's description.
struct Gadget;

impl floe_core::NativeBody for Gadget {
    fn type_name(&self) -> &'static str {
        "Gadget"
    }
    fn for_each_value(&self, _: &mut dyn FnMut(&Value)) {}
}

#[test]
fn the_embedder_describes_its_native_objects() {
    fn describe(o: &ObjRef) -> Option<String> {
        (o.type_name() == "Gadget").then(|| "holds a secret".to_string())
    }
    let g = ObjRef::new_native(Gadget);
    let roots = [("g", Value::from(g.clone()))];
    let plain = Snapshot::take(&roots, &Options::default());
    assert!(plain.nodes[0].lines.is_empty());
    let opts = Options {
        describe: Some(describe),
        ..Options::default()
    };
    let snap = Snapshot::take(&roots, &opts);
    assert_eq!(snap.nodes[0].title, "Gadget");
    assert_eq!(snap.nodes[0].lines, ["holds a secret"]);
}
