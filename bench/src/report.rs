//! The results table: printed, and written as Markdown, CSV and SVG under
//! `bench/results/`. The CSV columns are fixed by the protocol:
//! `id,case,n,floe_ns,peer,peer_ns,ratio,goal,met`.

use std::fmt::Write as _;
use std::path::Path;

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

/// A line chart of ns/object against n (log scale) for one benchmark: one line for Floe
/// and one per peer.
pub fn svg(rows: &[Row], title: &str) -> String {
    let mut series: Vec<(&str, Vec<(u64, f64)>)> = Vec::new();
    let mut push =
        |name: &'static str, n: u64, y: f64| match series.iter_mut().find(|(s, _)| *s == name) {
            Some((_, pts)) if !pts.iter().any(|(x, _)| *x == n) => pts.push((n, y)),
            Some(_) => {}
            None => series.push((name, vec![(n, y)])),
        };
    for r in rows {
        push("floe", r.n, r.floe_ns);
        push(r.peer, r.n, r.peer_ns);
    }
    let (w, h, m) = (640.0, 400.0, 60.0);
    let xs: Vec<f64> = rows.iter().map(|r| (r.n as f64).log10()).collect();
    let (x0, x1) = (
        xs.iter().cloned().fold(f64::MAX, f64::min),
        xs.iter().cloned().fold(f64::MIN, f64::max),
    );
    let ymax = series
        .iter()
        .flat_map(|(_, p)| p.iter().map(|(_, y)| *y))
        .fold(0.0, f64::max)
        * 1.1;
    let px = |n: u64| m + ((n as f64).log10() - x0) / (x1 - x0).max(1e-9) * (w - 2.0 * m);
    let py = |y: f64| h - m - y / ymax.max(1e-9) * (h - 2.0 * m);
    let colours = ["#1b6ac9", "#d1495b", "#2e8b57", "#8a5cf6", "#e69f00"];
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{m}\" y=\"24\" font-size=\"15\">{title}</text>\n\
         <line x1=\"{m}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"black\"/>\n\
         <line x1=\"{m}\" y1=\"{m}\" x2=\"{m}\" y2=\"{b}\" stroke=\"black\"/>\n\
         <text x=\"{r}\" y=\"{lb}\" text-anchor=\"end\">n (log scale)</text>\n\
         <text x=\"8\" y=\"{m}\">ns/object</text>\n\
         <text x=\"8\" y=\"{yt}\">{ymax:.0}</text>\n",
        b = h - m,
        r = w - m,
        lb = h - m + 32.0,
        yt = m + 14.0,
    );
    for (i, (name, pts)) in series.iter().enumerate() {
        let c = colours[i % colours.len()];
        let path: Vec<String> = pts
            .iter()
            .map(|(n, y)| format!("{:.1},{:.1}", px(*n), py(*y)))
            .collect();
        let _ = writeln!(
            out,
            "<polyline fill=\"none\" stroke=\"{c}\" stroke-width=\"2\" points=\"{}\"/>",
            path.join(" ")
        );
        for (n, y) in pts {
            let _ = writeln!(
                out,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{c}\"/>",
                px(*n),
                py(*y)
            );
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{n}</text>",
                px(*n),
                h - m + 16.0
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"{c}\">{name}</text>",
            w - m - 90.0,
            m + 16.0 * i as f64
        );
    }
    out.push_str("</svg>\n");
    out
}

/// Writes `latest.csv`, `latest.md` and one SVG per benchmark into `dir`.
///
/// # Errors
/// Any I/O error creating the directory or writing a file.
pub fn write_all(dir: &Path, rows: &[Row], preamble: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("latest.csv"), csv(rows))?;
    std::fs::write(dir.join("latest.md"), markdown(rows, preamble))?;
    let mut ids: Vec<&str> = rows.iter().map(|r| r.id).collect();
    ids.dedup();
    for id in ids {
        let mine: Vec<Row> = rows.iter().filter(|r| r.id == id).cloned().collect();
        if mine
            .iter()
            .map(|r| r.n)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            > 1
        {
            let file = format!("{}.svg", id.to_lowercase());
            std::fs::write(dir.join(file), svg(&mine, &format!("{id}: ns/object by n")))?;
        }
    }
    Ok(())
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

    #[test]
    fn csv_quotes_fields_with_commas() {
        let mut r = row("Box", 1.0, 1.0, Goal::Report);
        r.case = "a,b".into();
        assert!(csv(&[r]).contains("\"a,b\""));
    }
}
