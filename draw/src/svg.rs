//! SVG, laid out by `layout-rs` (no system Graphviz), cluster by cluster (RFC-0007 §2).
//!
//! `layout-rs` has no clusters, so the layout is nested: each region's members (and its
//! subregions, already laid out, each as one big box) are laid out as a graph of their
//! own; the result becomes one box in the enclosing level; the top level holds the
//! variables, local objects, cowns, top-level regions and frozen components. A cluster's
//! box therefore holds exactly its members, and boxes never overlap. The references are
//! then drawn over the placed boxes.

use std::fmt::Write;

use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;

use crate::snapshot::{EdgeKind, From, Place, Snapshot, To};
use crate::style;

const FONT: usize = 12;
/// Space between a cluster's border and the boxes inside it; more on top for its label.
const PAD: f64 = 10.0;
const LABEL_H: f64 = 18.0;

/// Escapes text for XML content and attribute values.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn look(stroke: &str, fill: Option<&str>, width: usize) -> StyleAttr {
    StyleAttr::new(Color::fast(stroke), width, fill.map(Color::fast), 6, FONT)
}

/// The box size for a label: a sans-serif character is about 0.6 em wide.
fn text_size(text: &str) -> Point {
    let width = text.lines().map(|l| l.chars().count()).max().unwrap_or(1) as f64;
    let lines = text.lines().count().max(1) as f64;
    Point::new(
        width * FONT as f64 * 0.62 + 18.0,
        lines * FONT as f64 * 1.3 + 12.0,
    )
}

/// The layout engine draws through a backend; the positions are all this module needs.
struct Discard;

impl RenderBackend for Discard {
    fn draw_rect(
        &mut self,
        _: Point,
        _: Point,
        _: &StyleAttr,
        _: Option<String>,
        _: Option<ClipHandle>,
    ) {
    }
    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_text(&mut self, _: Point, _: &str, _: &StyleAttr) {}
    fn draw_arrow(
        &mut self,
        _: &[(Point, Point)],
        _: bool,
        _: (bool, bool),
        _: &StyleAttr,
        _: Option<String>,
        _: &str,
    ) {
    }
    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

/// A box: left, top, width, height.
#[derive(Clone, Copy, Debug)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn moved(self, dx: f64, dy: f64) -> Rect {
        Rect {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
    }
    fn centre(self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    /// Where the segment from the centre towards `(tx, ty)` leaves the box.
    fn border_towards(self, tx: f64, ty: f64) -> (f64, f64) {
        let (cx, cy) = self.centre();
        let (dx, dy) = (tx - cx, ty - cy);
        if dx == 0.0 && dy == 0.0 {
            return (cx, cy);
        }
        let sx = if dx == 0.0 {
            f64::MAX
        } else {
            (self.w / 2.0) / dx.abs()
        };
        let sy = if dy == 0.0 {
            f64::MAX
        } else {
            (self.h / 2.0) / dy.abs()
        };
        let s = sx.min(sy);
        (cx + dx * s, cy + dy * s)
    }
}

/// What one layout level places: a drawn object, a root, the "more" node, or a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Node(usize),
    Root(usize),
    More,
    Region(usize),
    Frozen(usize),
}

/// A laid-out level: its size and where everything in it is, relative to its top left.
struct Block {
    w: f64,
    h: f64,
    boxes: Vec<(Item, Rect)>,
}

/// The label text of each item that is a box of its own.
fn item_text(snap: &Snapshot, item: Item) -> String {
    match item {
        Item::Node(i) => snap.nodes[i].label_lines().collect::<Vec<_>>().join("\n"),
        Item::Root(i) => snap.roots[i].label(),
        Item::More => format!("… {} more", snap.more),
        Item::Region(_) | Item::Frozen(_) => String::new(),
    }
}

/// The cluster directly holding an item, if any.
fn parent_of(snap: &Snapshot, item: Item) -> Option<Item> {
    match item {
        Item::Node(i) => match snap.nodes[i].place {
            Place::Region(r) => Some(Item::Region(r)),
            Place::Frozen(c) => Some(Item::Frozen(c)),
            Place::Local | Place::Cown => None,
        },
        Item::Region(r) => snap.regions[r].parent.map(Item::Region),
        Item::Root(_) | Item::More | Item::Frozen(_) => None,
    }
}

/// The item of level `level` (`None`: the top) that holds `item`, if `item` is inside it.
fn at_level(snap: &Snapshot, mut item: Item, level: Option<Item>) -> Option<Item> {
    loop {
        let p = parent_of(snap, item);
        if p == level {
            return Some(item);
        }
        item = p?;
    }
}

fn endpoints(e: &crate::snapshot::Edge) -> (Item, Item) {
    let from = match e.from {
        From::Root(i) => Item::Root(i),
        From::Node(i) => Item::Node(i),
    };
    let to = match e.to {
        To::Node(i) => Item::Node(i),
        To::More => Item::More,
    };
    (from, to)
}

/// Lays out the items directly in `level` (a cluster, or the top when `None`), each
/// sub-cluster laid out first and placed as one box.
fn lay_out(snap: &Snapshot, level: Option<Item>) -> Block {
    let mut items: Vec<Item> = Vec::new();
    for i in 0..snap.nodes.len() {
        if parent_of(snap, Item::Node(i)) == level {
            items.push(Item::Node(i));
        }
    }
    for r in 0..snap.regions.len() {
        if parent_of(snap, Item::Region(r)) == level
            && snap.nodes.iter().any(|n| n.place == Place::Region(r))
        {
            items.push(Item::Region(r));
        }
    }
    if level.is_none() {
        items.extend((0..snap.roots.len()).map(Item::Root));
        items.extend((0..snap.components.len()).map(Item::Frozen));
        if snap.more > 0 {
            items.push(Item::More);
        }
    }
    // Sub-clusters first: their size is their box's size.
    let mut inner: Vec<Option<Block>> = Vec::new();
    let mut sizes = Vec::new();
    for &item in &items {
        match item {
            Item::Region(_) | Item::Frozen(_) => {
                let b = lay_out(snap, Some(item));
                sizes.push(Point::new(b.w + 2.0 * PAD, b.h + 2.0 * PAD + LABEL_H));
                inner.push(Some(b));
            }
            other => {
                sizes.push(text_size(&item_text(snap, other)));
                inner.push(None);
            }
        }
    }
    let mut vg = VisualGraph::new(Orientation::LeftToRight);
    let handles: Vec<_> = sizes
        .iter()
        .map(|&size| {
            vg.add_node(Element::create(
                ShapeKind::new_box(""),
                look("#000000", None, 1),
                Orientation::LeftToRight,
                size,
            ))
        })
        .collect();
    let mut linked = std::collections::HashSet::new();
    for e in &snap.edges {
        let (a, b) = endpoints(e);
        let (Some(a), Some(b)) = (at_level(snap, a, level), at_level(snap, b, level)) else {
            continue;
        };
        let (Some(ia), Some(ib)) = (
            items.iter().position(|x| *x == a),
            items.iter().position(|x| *x == b),
        ) else {
            continue;
        };
        if ia != ib && linked.insert((ia, ib)) {
            vg.add_edge(Arrow::simple(""), handles[ia], handles[ib]);
        }
    }
    let mut placed: Vec<Rect> = Vec::new();
    if items.len() == 1 {
        placed.push(Rect {
            x: 0.0,
            y: 0.0,
            w: sizes[0].x,
            h: sizes[0].y,
        });
    } else if !items.is_empty() {
        vg.do_it(false, false, false, &mut Discard);
        for (h, size) in handles.iter().zip(&sizes) {
            let (p, _) = vg.pos(*h).bbox(false);
            placed.push(Rect {
                x: p.x,
                y: p.y,
                w: size.x,
                h: size.y,
            });
        }
    }
    let (x0, y0) = placed
        .iter()
        .fold((f64::MAX, f64::MAX), |(x, y), r| (x.min(r.x), y.min(r.y)));
    let mut block = Block {
        w: 0.0,
        h: 0.0,
        boxes: Vec::new(),
    };
    for ((item, rect), sub) in items.iter().zip(placed).zip(inner) {
        let rect = rect.moved(-x0, -y0);
        block.w = block.w.max(rect.x + rect.w);
        block.h = block.h.max(rect.y + rect.h);
        block.boxes.push((*item, rect));
        if let Some(sub) = sub {
            let (dx, dy) = (rect.x + PAD, rect.y + PAD + LABEL_H);
            block
                .boxes
                .extend(sub.boxes.into_iter().map(|(i, r)| (i, r.moved(dx, dy))));
        }
    }
    block
}

/// The snapshot as a standalone SVG document; `None` if the layout engine failed on this
/// graph (it is third-party code: a failure is caught, never propagated as a panic).
pub(crate) fn to_svg(snap: &Snapshot) -> Option<String> {
    let snap = snap.clone();
    std::panic::catch_unwind(move || draw(&snap)).ok()
}

fn draw(snap: &Snapshot) -> String {
    let block = lay_out(snap, None);
    let rect_of = |item: Item| {
        block
            .boxes
            .iter()
            .find(|(i, _)| *i == item)
            .map(|(_, r)| *r)
    };
    let title_h = if snap.title.is_some() { 34.0 } else { 0.0 };
    let margin = 16.0;
    let title_w = snap
        .title
        .as_ref()
        .map_or(0.0, |t| t.chars().count() as f64 * 9.5);
    let (w, h) = (
        (block.w + 2.0 * margin)
            .max(title_w + 2.0 * margin)
            .max(240.0),
        block.h + 2.0 * margin + title_h,
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="{:.1} {:.1} {w:.1} {h:.1}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">"#,
        -margin,
        -margin - title_h
    );
    out.push_str(r##"<defs><marker id="arrow" markerWidth="10" markerHeight="7" refX="9" refY="3.5" orient="auto" markerUnits="userSpaceOnUse"><polygon points="0 0, 10 3.5, 0 7" fill="#555555"/></marker></defs>"##);
    out.push('\n');
    let _ = writeln!(
        out,
        r#"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="{h:.1}" fill="white"/>"#,
        -margin,
        -margin - title_h
    );
    if let Some(t) = &snap.title {
        let _ = writeln!(
            out,
            r#"<text x="0" y="{:.1}" font-size="15" font-weight="bold">{}</text>"#,
            -title_h + 6.0,
            xml_escape(t)
        );
    }
    // Clusters first (a parent's box before its subregions', as the layout nests them).
    for (item, r) in &block.boxes {
        let (class, fill, stroke, label) = match *item {
            Item::Region(i) => (
                "cluster region",
                style::REGION_FILL,
                style::region_stroke(snap.regions[i].open),
                snap.regions[i].label(i),
            ),
            Item::Frozen(c) => (
                "cluster frozen",
                style::FROZEN_FILL,
                style::FROZEN_STROKE,
                snap.components[c].label(),
            ),
            _ => continue,
        };
        let _ = writeln!(
            out,
            r#"<g class="{class}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="10" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="{stroke}">{}</text></g>"#,
            r.x,
            r.y,
            r.w,
            r.h,
            r.x + 8.0,
            r.y + 14.0,
            xml_escape(&label)
        );
    }
    // The objects and variables.
    for (item, r) in &block.boxes {
        let (fill, stroke, width, double, class) = match *item {
            Item::Node(i) => {
                let n = &snap.nodes[i];
                let (stroke, width) = match n.place {
                    Place::Frozen(_) => (style::FROZEN_STROKE, 1.0),
                    Place::Cown => ("#2e7d32", 2.0),
                    _ => ("#333333", if n.bridge { 1.5 } else { 1.0 }),
                };
                (style::node_fill(n), stroke, width, n.bridge, "node")
            }
            Item::Root(_) => ("#fdfdf5", "#8a8a7a", 1.0, false, "root"),
            Item::More => ("#ffffff", "#999999", 1.0, false, "more"),
            Item::Region(_) | Item::Frozen(_) => continue,
        };
        let _ = writeln!(
            out,
            r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>"#,
            r.x, r.y, r.w, r.h
        );
        if double {
            let _ = writeln!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="4" fill="none" stroke="{stroke}" stroke-width="1"/>"#,
                r.x + 3.0,
                r.y + 3.0,
                r.w - 6.0,
                r.h - 6.0
            );
        }
        let text = item_text(snap, *item);
        let lines: Vec<&str> = text.lines().collect();
        let step = FONT as f64 * 1.3;
        let (cx, cy) = r.centre();
        // Baselines: each line's middle is a third of the font size above its baseline.
        let top = cy - step * (lines.len() as f64 - 1.0) / 2.0 + FONT as f64 * 0.35;
        let _ = write!(
            out,
            r#"<text x="{cx:.1}" y="{top:.1}" font-size="{FONT}" text-anchor="middle">"#
        );
        for (k, line) in lines.iter().enumerate() {
            let weight = if k == 0 && lines.len() > 1 {
                r#" font-weight="bold""#
            } else {
                ""
            };
            let _ = write!(
                out,
                r#"<tspan x="{cx:.1}" y="{:.1}"{weight}>{}</tspan>"#,
                top + step * k as f64,
                xml_escape(line)
            );
        }
        out.push_str("</text>\n");
    }
    // Then the references, over the boxes: one that passes a box is seen to pass it.
    for e in &snap.edges {
        let (a, b) = endpoints(e);
        let (Some(ra), Some(rb)) = (rect_of(a), rect_of(b)) else {
            continue;
        };
        // Left to right: leave the holder's right side and enter the target's left side
        // on a curve that starts and ends level, so it never runs along a neighbour's
        // border; otherwise (same column, or backwards) a straight line between borders.
        let (x1, y1, x2, y2, d) = if rb.x > ra.x + ra.w + 4.0 {
            let (x1, y1) = (ra.x + ra.w, ra.y + ra.h / 2.0);
            let (x2, y2) = (rb.x, rb.y + rb.h / 2.0);
            let k = (x2 - x1) / 2.0;
            let d = format!(
                "M {x1:.1} {y1:.1} C {:.1} {y1:.1}, {:.1} {y2:.1}, {x2:.1} {y2:.1}",
                x1 + k,
                x2 - k
            );
            (x1, y1, x2, y2, d)
        } else {
            let (bx, by) = rb.centre();
            let (ax, ay) = ra.centre();
            let (x1, y1) = ra.border_towards(bx, by);
            let (x2, y2) = rb.border_towards(ax, ay);
            (
                x1,
                y1,
                x2,
                y2,
                format!("M {x1:.1} {y1:.1} L {x2:.1} {y2:.1}"),
            )
        };
        let (colour, width, dash) = match e.kind {
            EdgeKind::Plain => ("#555555", 1.2, ""),
            EdgeKind::Owning => ("#2e6da4", 3.0, ""),
            EdgeKind::Opening => (style::OPENING, 1.4, r#" stroke-dasharray="6,4""#),
        };
        let _ = writeln!(
            out,
            r#"<path d="{d}" fill="none" stroke="white" stroke-opacity="0.8" stroke-width="{:.1}"/><path class="edge" d="{d}" fill="none" stroke="{colour}" stroke-width="{width}"{dash} marker-end="url(#arrow)"/>"#,
            width + 3.0
        );
        if !e.label.is_empty() {
            let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
            let _ = writeln!(
                out,
                r##"<text x="{mx:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#333333" stroke="white" stroke-width="3" paint-order="stroke">{}</text>"##,
                my - 3.0,
                xml_escape(&e.label)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}
