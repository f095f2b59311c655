//! The `floe` command: `floe run FILE [--policy NAME=VALUE ...] [--draw DIR [--draw-steps]]`,
//! a REPL, `--version`.

use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use floe_interp::{Interp, Options, Pictures, STACK_SIZE};

/// Scripts allocate many small objects on every worker; mimalloc serves them from
/// per-thread free lists (RFC-0001 §4, measured by B6 and B11).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Run Python-syntax experiments on Floe's region and freeze runtime.
#[derive(Parser)]
#[command(name = "floe", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A policy of the run, NAME=VALUE (repeatable): freeze_aliases=raise|allow,
    /// classes=explicit|yes, implicit_freezing=off|on.
    #[arg(long = "policy", global = true, value_name = "NAME=VALUE")]
    policies: Vec<String>,
    /// Worker threads for behaviours (default: FLOE_WORKERS, else the number of cores).
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    workers: Option<u16>,
}

#[derive(Subcommand)]
enum Command {
    /// Run a script.
    Run {
        /// The script.
        file: std::path::PathBuf,
        /// Write a numbered picture of the heap into DIR at every `draw()` call
        /// (RFC-0007).
        #[arg(long, value_name = "DIR")]
        draw: Option<std::path::PathBuf>,
        /// With --draw: also draw after every region operation (capture, merge,
        /// dissolve, close, freeze, hand-off).
        #[arg(long, requires = "draw")]
        draw_steps: bool,
        /// With --draw: the pictures' format, svg (default), dot or mermaid.
        #[arg(long, requires = "draw", value_name = "FORMAT", value_parser = parse_format)]
        draw_format: Option<floe_draw::Format>,
    },
}

fn parse_format(s: &str) -> Result<floe_draw::Format, String> {
    floe_draw::Format::named(s).ok_or_else(|| format!("unknown format '{s}' (svg, dot, mermaid)"))
}

fn options(policies: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    for p in policies {
        o.set_policy(p)?;
    }
    Ok(o)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.workers {
        let _ = floe_cowns::set_workers(n.into()); // the pool starts later, at first use
    }
    let opts = match options(&cli.policies) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("floe: {e}");
            return ExitCode::from(2);
        }
    };
    let code = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || match cli.command {
            Some(Command::Run {
                file,
                draw,
                draw_steps,
                draw_format,
            }) => {
                let pictures = draw.map(|dir| Pictures {
                    dir,
                    format: draw_format.unwrap_or(floe_draw::Format::Svg),
                    steps: draw_steps,
                });
                run(&file, opts, pictures)
            }
            None => repl(opts),
        })
        .expect("spawn the interpreter thread")
        .join()
        .unwrap_or(70);
    ExitCode::from(code)
}

fn run(file: &std::path::Path, opts: Options, pictures: Option<Pictures>) -> u8 {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("floe: cannot read {}: {e}", file.display());
            return 2;
        }
    };
    let name = file.display().to_string();
    let out: floe_interp::Out = Arc::new(std::sync::Mutex::new(std::io::stdout()));
    match floe_interp::run_drawing(&name, &text, opts, out, pictures) {
        Ok(()) => 0,
        Err((msg, status)) => {
            // `sys.exit(n)` ends the run with nothing to say.
            if !msg.is_empty() {
                eprintln!("{msg}");
            }
            status as u8
        }
    }
}

fn repl(opts: Options) -> u8 {
    use rustyline::error::ReadlineError;
    println!(
        "floe {} — Python syntax on Floe's regions and deep freezing. Ctrl-D exits.",
        env!("CARGO_PKG_VERSION")
    );
    let mut rl = match rustyline::DefaultEditor::new() {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("floe: cannot start the line editor: {e}");
            return 1;
        }
    };
    let history = std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".floe_history"));
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    let mut interp = Interp::new(Arc::new(std::sync::Mutex::new(std::io::stdout())), opts);
    let mut chunk = String::new();
    loop {
        let prompt = if chunk.is_empty() { ">>> " } else { "... " };
        match rl.readline(prompt) {
            Ok(line) => {
                let _ = rl.add_history_entry(line.as_str());
                chunk.push_str(&line);
                chunk.push('\n');
                let continues = line.trim_end().ends_with(':')
                    || (!chunk.starts_with(line.as_str()) && !line.trim().is_empty());
                if continues {
                    continue;
                }
                match floe_interp::parse("<stdin>", &chunk) {
                    Ok(module) => {
                        let run = floe_interp::catch_panics(|| {
                            Ok(interp.run_interactive(Arc::new(module)))
                        });
                        match run {
                            Ok(Ok(())) => {}
                            Ok(Err(tb)) => eprintln!("{tb}"),
                            Err((panic, _)) => {
                                // The interpreter's state is unknown after a panic: start afresh.
                                eprintln!("{panic}\nfloe: the interpreter was restarted");
                                interp = Interp::new(
                                    Arc::new(std::sync::Mutex::new(std::io::stdout())),
                                    opts,
                                );
                            }
                        }
                        chunk.clear();
                    }
                    Err(e) if e.message.contains("unexpected end of file") => {}
                    Err(e) => {
                        eprintln!("{e}");
                        chunk.clear();
                    }
                }
            }
            Err(ReadlineError::Interrupted) => {
                println!("KeyboardInterrupt");
                chunk.clear();
            }
            Err(_) => break,
        }
    }
    if let Some(h) = &history {
        let _ = rl.save_history(h);
    }
    0
}
