//! Golden pictures of the teaching examples (RFC-0007): each example under `examples/`
//! draws its key moment with `draw()`; run with a storyboard directory, its pictures'
//! DOT and Mermaid text must equal `tests/pictures/<example>.dot` and `.mmd`, and its SVG
//! must parse as XML with one region cluster per region the DOT text has. A storyboard with
//! `steps` has one picture per region operation, in order.
//!
//! `FLOE_BLESS_PICTURES=1 cargo test -p floe-tests --test pictures` rewrites the golden
//! files (review the diff before committing).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use floe_draw::Format;
use floe_interp::{run_drawing, Options, Pictures, SharedBuf};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    v
}

/// Runs `script` with a storyboard in `format`; returns each picture (name, text).
fn pictures(script: &Path, format: Format, steps: bool) -> Vec<(String, String)> {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "floe-pictures-{}-{run}-{}-{}",
        std::process::id(),
        script.file_stem().unwrap().to_string_lossy(),
        format.extension()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let text = std::fs::read_to_string(script).expect("script");
    let name = script.display().to_string();
    let settings = Pictures {
        dir: dir.clone(),
        format,
        steps,
    };
    let out = Arc::new(Mutex::new(SharedBuf::default()));
    std::thread::Builder::new()
        .stack_size(floe_interp::STACK_SIZE)
        .spawn(move || run_drawing(&name, &text, Options::default(), out, Some(settings)))
        .expect("spawn")
        .join()
        .expect("no panic")
        .expect("the example runs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the example drew a picture")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let pics = files
        .iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(f).expect("picture"))
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    pics
}

#[test]
fn every_example_draws_golden_dot_and_mermaid() {
    let bless = std::env::var_os("FLOE_BLESS_PICTURES").is_some();
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pictures");
    let mut failures = Vec::new();
    for script in examples() {
        for format in [Format::Dot, Format::Mermaid] {
            let pics = pictures(&script, format, false);
            assert!(!pics.is_empty(), "{} draws nothing", script.display());
            let text: String = pics.iter().map(|(n, t)| format!("=== {n}\n{t}")).collect();
            let stem = script.file_stem().unwrap().to_string_lossy().into_owned();
            let golden = golden_dir.join(format!("{stem}.{}", format.extension()));
            if bless {
                std::fs::create_dir_all(&golden_dir).unwrap();
                std::fs::write(&golden, &text).unwrap();
            } else if std::fs::read_to_string(&golden).ok().as_deref() != Some(text.as_str()) {
                failures.push(format!("{} differs:\n{text}", golden.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_example_svg_is_xml_with_one_cluster_per_region() {
    for script in examples() {
        let svgs = pictures(&script, Format::Svg, false);
        let dots = pictures(&script, Format::Dot, false);
        assert_eq!(svgs.len(), dots.len());
        for ((name, svg), (_, dot)) in svgs.iter().zip(&dots) {
            let doc = roxmltree::Document::parse(svg)
                .unwrap_or_else(|e| panic!("{name} is not XML: {e}"));
            let clusters = doc
                .descendants()
                .filter(|n| n.attribute("class") == Some("cluster region"))
                .count();
            let regions = dot.matches("subgraph cluster_r").count();
            assert_eq!(clusters, regions, "{name}: one cluster per region");
        }
    }
}

#[test]
fn draw_steps_writes_a_picture_after_every_region_operation() {
    let script = std::env::temp_dir().join(format!("floe-steps-{}.py", std::process::id()));
    std::fs::write(
        &script,
        "from floe import Region, Cown, merge, dissolve, close, freeze, draw\n\
         outer = Region('outer')\n\
         inner = Region('inner')\n\
         outer.child = inner\n\
         inner.items = [1, 2]\n\
         kept = inner.items\n\
         kept.append([4])\n\
         kept.count([5])\n\
         merge(inner, outer)\n\
         close(outer)\n\
         loose = Region('loose')\n\
         dissolve(loose)\n\
         frozen = freeze([3])\n\
         draw(title='the end')\n\
         del inner\n\
         del kept\n\
         c = Cown(Region('moved'))\n",
    )
    .unwrap();
    let names: Vec<String> = pictures(&script, Format::Mermaid, true)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    std::fs::remove_file(&script).unwrap();
    assert_eq!(
        names,
        [
            "001-capture.mmd",
            "002-capture.mmd", // kept.append([4]) moves a local list in; count() does not
            "003-merge.mmd",
            "004-close.mmd",
            "005-dissolve.mmd",
            "006-freeze.mmd",
            "007-the-end.mmd",
            "008-hand-off.mmd",
        ]
    );
}
