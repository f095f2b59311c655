//! SVG, laid out by `layout-rs` (no system Graphviz), with the clusters drawn around the
//! laid-out nodes (RFC-0007 §2): `layout-rs` places nodes and routes edges; this module
//! draws each region and frozen component as a box around its members, behind them.

use std::fmt::Write;

use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
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

fn web(c: &Color) -> String {
    c.to_web_color()[..7].to_string()
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

/// A `RenderBackend` that keeps the drawing as SVG elements and its extent.
struct Canvas {
    body: String,
    max: Point,
    arrows: usize,
}

impl Canvas {
    fn grow(&mut self, p: Point) {
        self.max.x = self.max.x.max(p.x);
        self.max.y = self.max.y.max(p.y);
    }
}

impl RenderBackend for Canvas {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        self.grow(xy.add(size));
        let fill = look.fill_color.map_or("none".to_string(), |c| web(&c));
        let class = properties.unwrap_or_default();
        let double = class.contains("bridge");
        let _ = writeln!(
            self.body,
            r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{}" fill="{fill}" stroke="{}" stroke-width="{}"/>"#,
            xy.x,
            xy.y,
            size.x,
            size.y,
            look.rounded,
            web(&look.line_color),
            look.line_width
        );
        if double {
            let _ = writeln!(
                self.body,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{}" fill="none" stroke="{}" stroke-width="1"/>"#,
                xy.x + 3.0,
                xy.y + 3.0,
                size.x - 6.0,
                size.y - 6.0,
                look.rounded,
                web(&look.line_color)
            );
        }
    }

    fn draw_line(&mut self, start: Point, stop: Point, look: &StyleAttr, _: Option<String>) {
        self.grow(start);
        self.grow(stop);
        let _ = writeln!(
            self.body,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{}"/>"#,
            start.x,
            start.y,
            stop.x,
            stop.y,
            web(&look.line_color),
            look.line_width
        );
    }

    fn draw_circle(&mut self, xy: Point, size: Point, look: &StyleAttr, _: Option<String>) {
        self.grow(xy.add(size.scale(0.5)));
        let fill = look.fill_color.map_or("none".to_string(), |c| web(&c));
        let _ = writeln!(
            self.body,
            r#"<ellipse cx="{:.1}" cy="{:.1}" rx="{:.1}" ry="{:.1}" fill="{fill}" stroke="{}" stroke-width="{}"/>"#,
            xy.x,
            xy.y,
            size.x / 2.0,
            size.y / 2.0,
            web(&look.line_color),
            look.line_width
        );
    }

    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        let lines: Vec<&str> = text.lines().collect();
        let step = look.font_size as f64 * 1.3;
        let top = xy.y - step * (lines.len() as f64 - 1.0) / 2.0;
        let _ = write!(
            self.body,
            r#"<text x="{:.1}" y="{:.1}" font-size="{}" text-anchor="middle" dominant-baseline="central">"#,
            xy.x, top, look.font_size
        );
        for (i, line) in lines.iter().enumerate() {
            let weight = if i == 0 && lines.len() > 1 {
                r#" font-weight="bold""#
            } else {
                ""
            };
            let _ = write!(
                self.body,
                r#"<tspan x="{:.1}" y="{:.1}"{weight}>{}</tspan>"#,
                xy.x,
                top + step * i as f64,
                xml_escape(line)
            );
        }
        self.body.push_str("</text>\n");
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        look: &StyleAttr,
        _: Option<String>,
        text: &str,
    ) {
        for p in path {
            self.grow(p.0);
            self.grow(p.1);
        }
        let mut d = String::new();
        if let [first, second, rest @ ..] = path {
            let _ = write!(
                d,
                "M {:.1} {:.1} C {:.1} {:.1}, {:.1} {:.1}, {:.1} {:.1}",
                first.0.x,
                first.0.y,
                first.1.x,
                first.1.y,
                second.0.x,
                second.0.y,
                second.1.x,
                second.1.y
            );
            for p in rest {
                let _ = write!(d, " S {:.1} {:.1}, {:.1} {:.1}", p.0.x, p.0.y, p.1.x, p.1.y);
            }
        }
        let dash = if dashed {
            r#" stroke-dasharray="5,4""#
        } else {
            ""
        };
        let end = if head.1 {
            r#" marker-end="url(#arrow)""#
        } else {
            ""
        };
        let id = self.arrows;
        self.arrows += 1;
        let _ = writeln!(
            self.body,
            r#"<path id="e{id}" d="{d}" fill="none" stroke="{}" stroke-width="{}"{dash}{end}/>"#,
            web(&look.line_color),
            look.line_width
        );
        if !text.is_empty() {
            let _ = writeln!(
                self.body,
                "<text font-size=\"{}\"><textPath href=\"#e{id}\" startOffset=\"50%\" text-anchor=\"middle\">{}</textPath></text>",
                look.font_size.saturating_sub(2),
                xml_escape(text)
            );
        }
    }

    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

/// A cluster's box: top-left and bottom-right corners.
type Bounds = (Point, Point);

fn union(a: Option<Bounds>, b: Bounds) -> Bounds {
    match a {
        None => b,
        Some((p, q)) => (
            Point::new(p.x.min(b.0.x), p.y.min(b.0.y)),
            Point::new(q.x.max(b.1.x), q.y.max(b.1.y)),
        ),
    }
}

fn node_text(snap: &Snapshot, i: usize) -> String {
    let n = &snap.nodes[i];
    let mut s = n.title.clone();
    for l in &n.lines {
        s.push('\n');
        s.push_str(l);
    }
    s
}

/// The snapshot as a standalone SVG document; `None` if the layout engine failed on this
/// graph (it is third-party code: a failure is caught, never propagated as a panic).
pub(crate) fn to_svg(snap: &Snapshot) -> Option<String> {
    let snap = snap.clone();
    std::panic::catch_unwind(move || layout_svg(&snap)).ok()
}

fn layout_svg(snap: &Snapshot) -> String {
    let dir = Orientation::LeftToRight;
    let mut vg = VisualGraph::new(dir);
    let mut roots = Vec::new();
    for root in &snap.roots {
        let label = match &root.inline {
            Some(v) => format!("{} = {v}", root.name),
            None => root.name.clone(),
        };
        let el = Element::create_with_properties(
            ShapeKind::new_box(&label),
            look("#555555", Some("#fdfdf5"), 1),
            dir,
            text_size(&label),
            "root",
        );
        roots.push(vg.add_node(el));
    }
    if snap.roots.is_empty() && snap.nodes.is_empty() {
        // The layout engine refuses an empty graph: say so in a box instead.
        let label = "(nothing to draw)";
        vg.add_node(Element::create(
            ShapeKind::new_box(label),
            look("#999999", Some("#ffffff"), 1),
            dir,
            text_size(label),
        ));
    }
    let mut nodes = Vec::new();
    for (i, n) in snap.nodes.iter().enumerate() {
        let text = node_text(snap, i);
        let (stroke, width) = match n.place {
            Place::Frozen(_) => (style::FROZEN_STROKE, 1),
            Place::Cown => ("#2e7d32", 2),
            _ => ("#333333", if n.bridge { 2 } else { 1 }),
        };
        let class = if n.bridge { "node bridge" } else { "node" };
        let el = Element::create_with_properties(
            ShapeKind::new_box(&text),
            look(stroke, Some(style::node_fill(n)), width),
            dir,
            text_size(&text),
            class,
        );
        nodes.push(vg.add_node(el));
    }
    let more = (snap.more > 0).then(|| {
        let label = format!("… {} more", snap.more);
        vg.add_node(Element::create_with_properties(
            ShapeKind::new_box(&label),
            look("#999999", Some("#ffffff"), 1),
            dir,
            text_size(&label),
            "more",
        ))
    });
    for e in &snap.edges {
        let from = match e.from {
            From::Root(i) => roots[i],
            From::Node(i) => nodes[i],
        };
        let Some(to) = (match e.to {
            To::Node(i) => Some(nodes[i]),
            To::More => more,
        }) else {
            continue;
        };
        let (color, width, line) = match e.kind {
            EdgeKind::Plain => ("#444444", 1, LineStyleKind::Normal),
            EdgeKind::Owning => ("#2e6da4", 3, LineStyleKind::Normal),
            EdgeKind::Opening => (style::OPENING, 1, LineStyleKind::Dashed),
        };
        let arrow = Arrow::new(
            LineEndKind::None,
            LineEndKind::Arrow,
            line,
            &e.label,
            &look(color, None, width),
            &None,
            &None,
        );
        vg.add_edge(arrow, from, to);
    }
    let mut canvas = Canvas {
        body: String::new(),
        max: Point::zero(),
        arrows: 0,
    };
    vg.do_it(false, false, false, &mut canvas);

    // Cluster boxes, innermost first so that a parent's box holds its subregions'.
    let node_box = |i: usize| {
        let (p, q) = vg.pos(nodes[i]).bbox(false);
        (p, q)
    };
    let depth = |mut r: usize| {
        let mut d = 0;
        while let Some(p) = snap.regions[r].parent {
            r = p;
            d += 1;
        }
        d
    };
    let mut order: Vec<usize> = (0..snap.regions.len()).collect();
    order.sort_by_key(|&r| std::cmp::Reverse(depth(r)));
    let mut region_box: Vec<Option<Bounds>> = vec![None; snap.regions.len()];
    for &r in &order {
        let mut b: Option<Bounds> = None;
        for (i, n) in snap.nodes.iter().enumerate() {
            if n.place == Place::Region(r) {
                b = Some(union(b, node_box(i)));
            }
        }
        for (c, rb) in snap.regions.iter().enumerate() {
            if rb.parent == Some(r) {
                if let Some(cb) = region_box[c] {
                    b = Some(union(b, cb));
                }
            }
        }
        region_box[r] = b.map(|(p, q)| {
            (
                Point::new(p.x - PAD, p.y - PAD - LABEL_H),
                Point::new(q.x + PAD, q.y + PAD),
            )
        });
    }
    let mut clusters = String::new();
    let mut labels = String::new();
    let mut min = Point::new(0.0, 0.0);
    let mut max = canvas.max;
    let mut cluster = |class: &str, b: Bounds, fill: &str, stroke: &str, label: &str| {
        min = Point::new(min.x.min(b.0.x), min.y.min(b.0.y));
        max = Point::new(max.x.max(b.1.x), max.y.max(b.1.y));
        let _ = writeln!(
            clusters,
            r#"<g class="{class}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="10" fill="{fill}" fill-opacity="0.6" stroke="{stroke}" stroke-width="1.5"/></g>"#,
            b.0.x,
            b.0.y,
            b.1.x - b.0.x,
            b.1.y - b.0.y,
        );
        // Labels go on top of every box, so that an overlapping box never hides one.
        let _ = writeln!(
            labels,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="{stroke}">{}</text>"#,
            b.0.x + 8.0,
            b.0.y + 13.0,
            xml_escape(label)
        );
    };
    for &r in order.iter().rev() {
        if let Some(b) = region_box[r] {
            let rb = &snap.regions[r];
            cluster(
                "cluster region",
                b,
                style::REGION_FILL,
                style::region_stroke(rb.open),
                &rb.label(r),
            );
        }
    }
    for (c, comp) in snap.components.iter().enumerate() {
        let mut b: Option<Bounds> = None;
        for (i, n) in snap.nodes.iter().enumerate() {
            if n.place == Place::Frozen(c) {
                b = Some(union(b, node_box(i)));
            }
        }
        if let Some((p, q)) = b {
            let b = (
                Point::new(p.x - PAD, p.y - PAD - LABEL_H),
                Point::new(q.x + PAD, q.y + PAD),
            );
            cluster(
                "cluster frozen",
                b,
                style::FROZEN_FILL,
                style::FROZEN_STROKE,
                &comp.label(),
            );
        }
    }
    let title_h = if snap.title.is_some() { 28.0 } else { 0.0 };
    let (x0, y0) = (min.x - 10.0, min.y - 10.0 - title_h);
    let (w, h) = (max.x - x0 + 10.0, max.y - y0 + 10.0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="{x0:.1} {y0:.1} {w:.1} {h:.1}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">"#
    );
    out.push_str(r##"<defs><marker id="arrow" markerWidth="10" markerHeight="7" refX="10" refY="3.5" orient="auto"><polygon points="0 0, 10 3.5, 0 7" fill="#555555"/></marker></defs>"##);
    out.push('\n');
    let _ = writeln!(
        out,
        r#"<rect x="{x0:.1}" y="{y0:.1}" width="{w:.1}" height="{h:.1}" fill="white"/>"#
    );
    if let Some(t) = &snap.title {
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="15" font-weight="bold">{}</text>"#,
            x0 + 10.0,
            y0 + 22.0,
            xml_escape(t)
        );
    }
    out.push_str(&clusters);
    out.push_str(&labels);
    out.push_str(&canvas.body);
    out.push_str("</svg>\n");
    out
}
