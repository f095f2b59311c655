//! The results table: printed, and written as Markdown, CSV, one SVG plot per benchmark
//! (drawn with `plotters`) and `index.html` (the table and every plot) under
//! `bench/results/`. The CSV columns are fixed by the protocol:
//! `id,case,n,floe_ns,peer,peer_ns,ratio,goal,met`.

use std::fmt::Write as _;
use std::path::Path;

use plotters::prelude::*;

/// What a row's ratio must satisfy.
#[derive(Clone, Copy, Debug)]
pub enum Goal {
    /// No goal against this peer: the ratio is reported for orientation.
    Report,
    /// Floe's time at most this multiple of the peer's.
    AtMost(f64),
    /// Floe's own time at most this many nanoseconds per object (the peer is context).
    FloeAtMostNs(f64),
}

impl Goal {
    fn text(self, peer: &str) -> String {
        match self {
            Goal::Report => "report".to_string(),
            Goal::AtMost(x) => format!("<= {}x {peer}", short(x)),
            Goal::FloeAtMostNs(x) => format!("<= {x} ns/object"),
        }
    }
}

/// `x` with at most four decimals and no trailing zeros (`0.5882`, `2`, `0.0001`).
fn short(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One (benchmark, case, size, peer) row.
#[derive(Clone, Debug)]
pub struct Row {
    /// Benchmark id, e.g. `B6`.
    pub id: &'static str,
    /// The case within the benchmark.
    pub case: String,
    /// The size.
    pub n: u64,
    /// Floe's median, ns per operation or per object.
    pub floe_ns: f64,
    /// The peer's name.
    pub peer: &'static str,
    /// The peer's median, same unit.
    pub peer_ns: f64,
    /// The goal against this peer.
    pub goal: Goal,
}

impl Row {
    /// `floe_ns / peer_ns`.
    pub fn ratio(&self) -> f64 {
        self.floe_ns / self.peer_ns
    }

    /// Whether the goal is met.
    pub fn met(&self) -> bool {
        match self.goal {
            Goal::Report => true,
            Goal::AtMost(x) => self.ratio() <= x,
            Goal::FloeAtMostNs(x) => self.floe_ns <= x,
        }
    }
}

const HEADER: [&str; 9] = [
    "id", "case", "n", "floe_ns", "peer", "peer_ns", "ratio", "goal", "met",
];

fn fields(r: &Row) -> [String; 9] {
    [
        r.id.to_string(),
        r.case.clone(),
        r.n.to_string(),
        format!("{:.2}", r.floe_ns),
        r.peer.to_string(),
        format!("{:.2}", r.peer_ns),
        format!("{:.3}", r.ratio()),
        r.goal.text(r.peer),
        r.met().to_string(),
    ]
}

/// The table as aligned text for the terminal.
pub fn text_table(rows: &[Row]) -> String {
    let cells: Vec<[String; 9]> = rows.iter().map(fields).collect();
    let widths: Vec<usize> = (0..9)
        .map(|i| {
            cells
                .iter()
                .map(|c| c[i].len())
                .chain([HEADER[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let line = |out: &mut String, cols: &[&str]| {
        for (i, c) in cols.iter().enumerate() {
            let _ = write!(out, "{:<w$}  ", c, w = widths[i]);
        }
        out.push('\n');
    };
    line(&mut out, &HEADER);
    for c in &cells {
        line(&mut out, &c.iter().map(String::as_str).collect::<Vec<_>>());
    }
    out
}

/// The table as CSV with the protocol's columns.
pub fn csv(rows: &[Row]) -> String {
    let mut out = HEADER.join(",");
    out.push('\n');
    for r in rows {
        let f = fields(r);
        let quoted: Vec<String> = f
            .iter()
            .map(|s| {
                if s.contains([',', '"']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.clone()
                }
            })
            .collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}

/// The table as Markdown, with a preamble saying how it was produced.
pub fn markdown(rows: &[Row], preamble: &str) -> String {
    let mut out = format!(
        "{preamble}\n\n| {} |\n|{}\n",
        HEADER.join(" | "),
        "---|".repeat(9)
    );
    for r in rows {
        let _ = writeln!(out, "| {} |", fields(r).join(" | "));
    }
    out
}

/// One line of a plot: a contender's (n, ns) points, or a goal.
struct Series {
    label: String,
    points: Vec<(f64, f64)>,
    colour: RGBColor,
    dashed: bool,
}

/// Colour-blind-safe colours (Okabe–Ito), then a few more.
const PALETTE: [RGBColor; 10] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(90, 90, 90),
    RGBColor(150, 80, 30),
    RGBColor(120, 60, 200),
    RGBColor(20, 20, 120),
];

/// The plot's width, the legend's (right of the data), a legend line's height, and the
/// height of the caption over every panel.
const PLOT_W: u32 = 620;
const LEGEND_W: u32 = 360;
const LINE_H: u32 = 17;
const HEAD_H: u32 = 34;

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn plot_error(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(format!("plotting failed: {e}"))
}

/// The series of one case measured at several sizes: one per contender (Floe and each
/// peer), and one per goal (dashed, in its peer's colour; red for a goal on Floe alone).
fn case_series(rows: &[Row]) -> Vec<Series> {
    let mut out: Vec<Series> = Vec::new();
    let mut add = |label: String, n: u64, y: f64, dashed: bool, colour: Option<RGBColor>| {
        let next = PALETTE[out.iter().filter(|s| !s.dashed).count() % PALETTE.len()];
        let ix = match out.iter().position(|s| s.label == label) {
            Some(ix) => ix,
            None => {
                out.push(Series {
                    label,
                    points: Vec::new(),
                    colour: colour.unwrap_or(next),
                    dashed,
                });
                out.len() - 1
            }
        };
        let pts = &mut out[ix].points;
        if !pts.iter().any(|(x, _)| *x == n as f64) {
            pts.push((n as f64, y));
        }
        out[ix].colour
    };
    for r in rows {
        add("floe".to_string(), r.n, r.floe_ns, false, None);
        let peer = add(r.peer.to_string(), r.n, r.peer_ns, false, None);
        let goal = format!("goal {}", r.goal.text(r.peer));
        match r.goal {
            Goal::Report => {}
            Goal::AtMost(x) => {
                add(goal, r.n, r.peer_ns * x, true, Some(peer));
            }
            Goal::FloeAtMostNs(x) => {
                add(goal, r.n, x, true, Some(RGBColor(200, 0, 0)));
            }
        }
    }
    for s in &mut out {
        s.points.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    out
}

/// `true` when the values span more than a decade (then the axis is logarithmic).
fn spans_decades(lo: f64, hi: f64) -> bool {
    lo > 0.0 && hi / lo > 10.0
}

/// Draws a legend in its own area, right of the data: a line sample and the label.
fn legend(area: &Area, entries: &[(String, RGBColor, bool)]) -> std::io::Result<()> {
    let font = ("sans-serif", 13).into_font();
    for (i, (label, colour, dashed)) in entries.iter().enumerate() {
        let y = 40 + i as i32 * LINE_H as i32;
        let style = colour.stroke_width(2);
        if *dashed {
            for k in 0..3 {
                area.draw(&PathElement::new(
                    vec![(10 + k * 10, y), (16 + k * 10, y)],
                    style,
                ))
                .map_err(plot_error)?;
            }
        } else {
            area.draw(&PathElement::new(vec![(10, y), (36, y)], style))
                .map_err(plot_error)?;
        }
        area.draw(&Text::new(label.clone(), (44, y - 7), font.clone()))
            .map_err(plot_error)?;
    }
    Ok(())
}

/// The least and greatest of the positive `values`.
fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values
        .filter(|v| *v > 0.0)
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)))
}

/// A panel's chart with its caption and axis-label room (`y_label` wide on the left).
fn chart_on<'a, 'b>(
    plot: &'a Area<'b>,
    caption: &str,
    y_label: u32,
) -> ChartBuilder<'a, 'b, SVGBackend<'b>> {
    let mut chart = ChartBuilder::on(plot);
    chart
        .caption(caption, ("sans-serif", 15))
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(y_label);
    chart
}

/// The height of a panel whose legend has `entries` lines.
fn panel_height(entries: usize) -> u32 {
    260.max(60 + LINE_H * entries as u32)
}

/// One case measured at several sizes: ns per object against n, each axis logarithmic
/// when its values span decades, one line per contender, the goals dashed.
fn line_panel(area: &Area, rows: &[Row], caption: &str) -> std::io::Result<()> {
    let series = case_series(rows);
    let (x0, x1) = bounds(series.iter().flat_map(|s| s.points.iter().map(|p| p.0)));
    let (y0, y1) = bounds(series.iter().flat_map(|s| s.points.iter().map(|p| p.1)));
    let (plot, side) = area.split_horizontally(PLOT_W);
    let mut chart = chart_on(&plot, caption, 64);
    let x_range = (x0 / 1.5)..(x1 * 1.5);
    macro_rules! draw_on {
        ($chart:expr) => {{
            let mut c = $chart;
            c.configure_mesh()
                .x_desc("n (objects)")
                .y_desc("ns per object")
                .y_labels(5)
                .x_label_formatter(&|x| format!("{x:.0e}"))
                .y_label_formatter(&|y| short(*y))
                .light_line_style(RGBColor(235, 235, 235))
                .draw()
                .map_err(plot_error)?;
            for s in &series {
                let style = s.colour.stroke_width(2);
                if s.dashed {
                    c.draw_series(DashedLineSeries::new(s.points.clone(), 6, 4, style))
                        .map_err(plot_error)?;
                } else {
                    c.draw_series(LineSeries::new(s.points.clone(), style))
                        .map_err(plot_error)?;
                    c.draw_series(
                        s.points
                            .iter()
                            .map(|p| Circle::new(*p, 3, s.colour.filled())),
                    )
                    .map_err(plot_error)?;
                }
            }
        }};
    }
    if spans_decades(y0, y1) {
        draw_on!(chart
            .build_cartesian_2d(x_range.log_scale(), ((y0 / 1.5)..(y1 * 1.5)).log_scale())
            .map_err(plot_error)?);
    } else {
        draw_on!(chart
            .build_cartesian_2d(x_range.log_scale(), 0.0..(y1 * 1.15))
            .map_err(plot_error)?);
    }
    let entries: Vec<(String, RGBColor, bool)> = series
        .iter()
        .map(|s| (s.label.clone(), s.colour, s.dashed))
        .collect();
    legend(&side, &entries)
}

/// Ratio floe/peer of a case measured at one size.
fn goal_ratio(r: &Row) -> Option<f64> {
    match r.goal {
        Goal::Report => None,
        Goal::AtMost(x) => Some(x),
        Goal::FloeAtMostNs(x) => Some(x / r.peer_ns),
    }
}

/// The height of a ratio panel of `k` bars.
fn ratio_height(k: usize) -> u32 {
    90 + 44 * k as u32
}

/// Rows measured at one size: the ratio floe/peer of each (case, peer) as a bar labelled
/// above it, on a log axis when the ratios span decades, with parity (1) dashed and each
/// goal a red mark.
fn ratio_panel(area: &Area, rows: &[Row], caption: &str) -> std::io::Result<()> {
    let k = rows.len();
    let values = rows
        .iter()
        .flat_map(|r| [Some(r.ratio()), goal_ratio(r)])
        .flatten()
        .chain([1.0]);
    let (lo, hi) = bounds(values);
    let (plot, side) = area.split_horizontally(PLOT_W);
    let mut chart = chart_on(&plot, caption, 10);
    let colours: Vec<RGBColor> = (0..k).map(|i| PALETTE[i % PALETTE.len()]).collect();
    let y_range = -0.5..(k as f64 - 0.5 + 0.4);
    macro_rules! draw_on {
        ($chart:expr, $base:expr) => {{
            let mut c = $chart;
            c.configure_mesh()
                .x_desc("ratio floe / peer (lower is better)")
                .x_labels(6)
                .disable_y_mesh()
                .y_labels(0)
                .x_label_formatter(&|x| short(*x))
                .light_line_style(RGBColor(235, 235, 235))
                .draw()
                .map_err(plot_error)?;
            for (i, r) in rows.iter().enumerate() {
                let y = (k - 1 - i) as f64;
                c.draw_series([Rectangle::new(
                    [($base, y - 0.2), (r.ratio(), y + 0.2)],
                    colours[i].mix(0.8).filled(),
                )])
                .map_err(plot_error)?;
                let label = format!(
                    "{} vs {} (n = {}): {}",
                    r.case,
                    r.peer,
                    r.n,
                    format!("{:.3}", r.ratio())
                );
                c.draw_series([Text::new(label, ($base, y + 0.5), ("sans-serif", 12))])
                    .map_err(plot_error)?;
                if let Some(g) = goal_ratio(r) {
                    c.draw_series([PathElement::new(
                        vec![(g, y - 0.3), (g, y + 0.3)],
                        RED.stroke_width(3),
                    )])
                    .map_err(plot_error)?;
                }
            }
            c.draw_series(DashedLineSeries::new(
                vec![(1.0, -0.5), (1.0, k as f64 - 0.5)],
                5,
                4,
                BLACK.stroke_width(1),
            ))
            .map_err(plot_error)?;
        }};
    }
    if spans_decades(lo, hi) {
        let base = lo / 1.5;
        draw_on!(
            chart
                .build_cartesian_2d((base..(hi * 1.5)).log_scale(), y_range)
                .map_err(plot_error)?,
            base
        );
    } else {
        draw_on!(
            chart
                .build_cartesian_2d(0.0..(hi * 1.15), y_range)
                .map_err(plot_error)?,
            0.0
        );
    }
    let entries = [
        ("goal: at most the red mark".to_string(), RED, false),
        ("parity (ratio 1)".to_string(), BLACK, true),
    ];
    legend(&side, &entries)
}

/// One panel of a benchmark's plot.
enum Panel<'r> {
    /// A case measured at several sizes.
    Lines(String, Vec<&'r Row>),
    /// The rows measured at one size.
    Ratios(Vec<&'r Row>),
}

/// The plot of one benchmark: a panel per case measured at several sizes (ns per object
/// against n), then one panel of the ratios of the cases measured at one size.
///
/// # Errors
/// A plotting failure, as an I/O error.
pub fn svg(rows: &[Row], id: &str) -> std::io::Result<String> {
    let mut cases: Vec<&str> = Vec::new();
    for r in rows {
        if !cases.contains(&r.case.as_str()) {
            cases.push(&r.case);
        }
    }
    let mut panels = Vec::new();
    let mut single = Vec::new();
    for case in cases {
        let mine: Vec<&Row> = rows.iter().filter(|r| r.case == case).collect();
        let sizes: std::collections::BTreeSet<u64> = mine.iter().map(|r| r.n).collect();
        if sizes.len() > 1 {
            panels.push(Panel::Lines(case.to_string(), mine));
        } else {
            single.extend(mine);
        }
    }
    if !single.is_empty() {
        panels.push(Panel::Ratios(single));
    }
    let heights: Vec<u32> = panels
        .iter()
        .map(|p| match p {
            Panel::Lines(_, rows) => {
                let owned: Vec<Row> = rows.iter().map(|r| (*r).clone()).collect();
                panel_height(case_series(&owned).len())
            }
            Panel::Ratios(rows) => ratio_height(rows.len()),
        })
        .collect();
    let mut buf = String::new();
    {
        let total = HEAD_H + heights.iter().sum::<u32>();
        let root =
            SVGBackend::with_string(&mut buf, (PLOT_W + LEGEND_W, total)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        root.draw(&Text::new(
            format!("{id}: ns per object by n; ratio floe/peer"),
            (12, 8),
            ("sans-serif", 19).into_font(),
        ))
        .map_err(plot_error)?;
        let (_, mut rest) = root.split_vertically(HEAD_H);
        for (panel, h) in panels.iter().zip(&heights) {
            let (area, below) = rest.split_vertically(*h);
            match panel {
                Panel::Lines(case, rows) => {
                    let owned: Vec<Row> = rows.iter().map(|r| (*r).clone()).collect();
                    line_panel(&area, &owned, case)?;
                }
                Panel::Ratios(rows) => {
                    let owned: Vec<Row> = rows.iter().map(|r| (*r).clone()).collect();
                    let n: std::collections::BTreeSet<u64> = owned.iter().map(|r| r.n).collect();
                    let caption = match n.len() {
                        1 => format!("ratio floe/peer at n = {}", owned[0].n),
                        _ => "ratio floe/peer (cases measured at one size)".to_string(),
                    };
                    ratio_panel(&area, &owned, &caption)?;
                }
            }
            rest = below;
        }
        root.present().map_err(plot_error)?;
    }
    Ok(buf)
}

/// Escapes text for HTML.
fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One page with the table (ratio, goal, met) and every benchmark's plot, readable offline
/// (the plots are the SVG files beside it).
pub fn html(rows: &[Row], preamble: &str, plots: &[(String, String)]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Floe benchmarks</title>\n<style>\nbody{font-family:sans-serif;margin:24px;color:#222}\ntable{border-collapse:collapse;font-size:13px}\nth,td{border:1px solid #ccc;padding:3px 8px;text-align:left}\nth{background:#f0f0f0}\ntd.num{text-align:right;font-variant-numeric:tabular-nums}\ntr.missed td{background:#fde8e8}\nimg{max-width:100%;border:1px solid #ddd;margin:8px 0 24px}\n</style></head><body>\n",
    );
    for line in preamble.lines().filter(|l| !l.trim().is_empty()) {
        match line.strip_prefix("# ") {
            Some(h) => {
                let _ = writeln!(out, "<h1>{}</h1>", html_escape(h));
            }
            None => {
                let _ = writeln!(out, "<p>{}</p>", html_escape(line));
            }
        }
    }
    let missed = rows.iter().filter(|r| !r.met()).count();
    let _ = writeln!(
        out,
        "<p>{} rows; {} goals missed (shaded).</p>\n<table>\n<tr>{}</tr>",
        rows.len(),
        missed,
        HEADER
            .iter()
            .map(|h| format!("<th>{h}</th>"))
            .collect::<String>()
    );
    for r in rows {
        let cells: String = fields(r)
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let class = if matches!(i, 2 | 3 | 5 | 6) {
                    " class=\"num\""
                } else {
                    ""
                };
                format!("<td{class}>{}</td>", html_escape(f))
            })
            .collect();
        let class = if r.met() { "" } else { " class=\"missed\"" };
        let _ = writeln!(out, "<tr{class}>{cells}</tr>");
    }
    out.push_str("</table>\n");
    for (id, file) in plots {
        let _ = writeln!(
            out,
            "<h2 id=\"{0}\">{0}</h2>\n<img src=\"{1}\" alt=\"{0} plot\">",
            html_escape(id),
            html_escape(file)
        );
    }
    out.push_str("</body></html>\n");
    out
}

/// Writes `latest.csv`, `latest.md`, one SVG plot per benchmark and `index.html` (the
/// table and every plot) into `dir`.
///
/// # Errors
/// Any I/O error creating the directory or writing a file, or a plotting failure.
pub fn write_all(dir: &Path, rows: &[Row], preamble: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("latest.csv"), csv(rows))?;
    std::fs::write(dir.join("latest.md"), markdown(rows, preamble))?;
    let mut ids: Vec<&str> = rows.iter().map(|r| r.id).collect();
    ids.dedup();
    let mut plots = Vec::new();
    for id in ids {
        let mine: Vec<Row> = rows.iter().filter(|r| r.id == id).cloned().collect();
        let file = format!("{}.svg", id.to_lowercase());
        std::fs::write(dir.join(&file), svg(&mine, id)?)?;
        plots.push((id.to_string(), file));
    }
    std::fs::write(dir.join("index.html"), html(rows, preamble, &plots))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(peer: &'static str, floe: f64, peer_ns: f64, goal: Goal) -> Row {
        Row {
            id: "B6",
            case: "alloc+drop".into(),
            n: 1000,
            floe_ns: floe,
            peer,
            peer_ns,
            goal,
        }
    }

    #[test]
    fn csv_has_the_protocol_columns_and_computed_ratio() {
        let text = csv(&[
            row("bumpalo", 3.0, 2.0, Goal::AtMost(1.5)),
            row("Box", 3.0, 6.0, Goal::Report),
        ]);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("id,case,n,floe_ns,peer,peer_ns,ratio,goal,met")
        );
        assert_eq!(
            lines.next(),
            Some("B6,alloc+drop,1000,3.00,bumpalo,2.00,1.500,<= 1.5x bumpalo,true")
        );
        assert_eq!(
            lines.next(),
            Some("B6,alloc+drop,1000,3.00,Box,6.00,0.500,report,true")
        );
    }

    #[test]
    fn goals_are_judged_on_the_ratio_or_floe_alone() {
        assert!(!row("bumpalo", 4.0, 2.0, Goal::AtMost(1.5)).met());
        assert!(row("bumpalo", 2.9, 2.0, Goal::AtMost(1.5)).met());
        assert!(row("freeze", 19.0, 1.0, Goal::FloeAtMostNs(20.0)).met());
        assert!(!row("freeze", 21.0, 100.0, Goal::FloeAtMostNs(20.0)).met());
    }

    /// Rows like the real report's: several sizes, peers whose names need escaping,
    /// values spanning decades, and a one-size benchmark.
    fn report_rows() -> Vec<Row> {
        let mut rows = Vec::new();
        for (i, n) in [1_000u64, 100_000, 1_000_000].into_iter().enumerate() {
            let scale = 10f64.powi(i as i32);
            rows.push(Row {
                id: "B7",
                case: "lookup<&>".into(),
                n,
                floe_ns: 2.0 * scale,
                peer: "RwLock<HashMap>",
                peer_ns: 3.0 * scale,
                goal: Goal::AtMost(1.2),
            });
            rows.push(Row {
                id: "B7",
                case: "lookup<&>".into(),
                n,
                floe_ns: 2.0 * scale,
                peer: "Arc<[T]>",
                peer_ns: 1.0,
                goal: Goal::FloeAtMostNs(50.0),
            });
        }
        rows.push(row("mpsc", 5.0, 1.0, Goal::AtMost(2.0)));
        rows.push(row("Box", 5.0, 500.0, Goal::Report));
        rows
    }

    #[test]
    fn every_svg_written_parses_as_xml_and_the_page_links_each() {
        let dir = std::env::temp_dir().join(format!("floe-bench-report-{}", std::process::id()));
        write_all(&dir, &report_rows(), "# Floe benchmarks\n\nA <test> & run.").unwrap();
        let written: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "svg"))
            .collect();
        assert_eq!(written.len(), 2);
        for file in &written {
            let text = std::fs::read_to_string(file).unwrap();
            let doc = roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{} is not XML: {e}", file.display()));
            assert_eq!(doc.root_element().tag_name().name(), "svg");
            // The labels survive, escaped.
            assert!(text.contains("RwLock&lt;HashMap&gt;") || file.ends_with("b6.svg"));
        }
        let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(page.contains("<img src=\"b7.svg\"") && page.contains("<img src=\"b6.svg\""));
        assert!(page.contains("RwLock&lt;HashMap&gt;"));
        assert!(page.contains("A &lt;test&gt; &amp; run."));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_series_per_contender_and_one_per_goal() {
        let s = case_series(&report_rows()[..6]);
        let labels: Vec<&str> = s.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "floe",
                "RwLock<HashMap>",
                "goal <= 1.2x RwLock<HashMap>",
                "Arc<[T]>",
                "goal <= 50 ns/object",
            ]
        );
        assert!(s.iter().all(|s| s.points.len() == 3));
        assert!(spans_decades(2.0, 2000.0) && !spans_decades(2.0, 19.0));
    }

    #[test]
    fn csv_quotes_fields_with_commas() {
        let mut r = row("Box", 1.0, 1.0, Goal::Report);
        r.case = "a,b".into();
        assert!(csv(&[r]).contains("\"a,b\""));
    }
}
