//! Pictures of the heap from Python (RFC-0007): `draw()` from the `floe` module, and the
//! storyboard of `floe run FILE --draw DIR [--draw-steps]`.

use std::path::{Path, PathBuf};

use floe_core::{Kind, State, Value};
use floe_draw::{Format, Options as DrawOptions, Snapshot};

use crate::interp::{Args, Interp};
use crate::Res;

/// Where `floe run --draw DIR` writes its pictures.
#[derive(Clone, Debug)]
pub struct Pictures {
    /// The directory the numbered pictures go to (made if missing).
    pub dir: PathBuf,
    /// Their format.
    pub format: Format,
    /// Also draw after every region operation (capture, merge, dissolve, close, freeze,
    /// hand-off), not only at each `draw()` call.
    pub steps: bool,
}

/// A run's storyboard: the settings and how many pictures it has written.
pub(crate) struct Storyboard {
    settings: Pictures,
    written: usize,
}

impl Storyboard {
    pub(crate) fn new(settings: Pictures) -> Storyboard {
        Storyboard {
            settings,
            written: 0,
        }
    }
}

/// Is this variable data to draw (not a class, function, module or built-in)?
fn is_data(name: &str, v: &Value) -> bool {
    if name.starts_with("__") {
        return false;
    }
    match v.as_obj() {
        None => true,
        Some(o) => match o.kind() {
            Kind::Class | Kind::Function => false,
            Kind::Native => matches!(
                o.type_name().as_str(),
                "Cown" | "frozenlist" | "frozendict" | "int"
            ),
            Kind::Instance => o.type_name() != "module",
            _ => true,
        },
    }
}

impl Interp {
    /// The default roots: the calling frame's variables, then the module's globals.
    fn variables(&self) -> Vec<(String, Value)> {
        let mut out: Vec<(String, Value)> = Vec::new();
        if let Some(f) = self.frames.last().filter(|f| f.code.is_some()) {
            for (k, v) in f.variables() {
                out.push((k.to_string(), v));
            }
        }
        for (k, v) in self.globals.items() {
            if let Value::Str(k) = k {
                if !out.iter().any(|(n, _)| n == &*k) {
                    out.push((k.to_string(), v));
                }
            }
        }
        out.retain(|(n, v)| is_data(n, v));
        out
    }

    /// A name for a value passed to `draw`: a variable bound to it, else `#i`.
    fn name_of(&self, i: usize, v: &Value, vars: &[(String, Value)]) -> String {
        vars.iter()
            .find(|(_, x)| x.is(v))
            .map_or_else(|| format!("#{i}"), |(n, _)| n.clone())
    }

    /// A snapshot of what `roots` reach (by default, the variables). The roots are moved
    /// in, so that the snapshot does not count them as references (it does not count its
    /// roots' own handles).
    fn snapshot(&self, roots: Option<Vec<Value>>, title: Option<String>) -> Snapshot {
        let vars = self.variables();
        let (names, values): (Vec<String>, Vec<Value>) = match roots {
            Some(vs) => {
                let names = vs
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.name_of(i, v, &vars))
                    .collect();
                drop(vars);
                (names, vs)
            }
            None => vars.into_iter().unzip(),
        };
        let roots: Vec<(&str, Value)> = names.iter().map(String::as_str).zip(values).collect();
        let options = DrawOptions {
            title,
            describe: Some(crate::behaviours::describe_cown),
            ..DrawOptions::default()
        };
        Snapshot::take(&roots, &options)
    }

    fn render(&mut self, snap: &Snapshot, format: Format) -> Res<String> {
        snap.render(format)
            .map_err(|e| self.exc("RuntimeError", e.to_string()))
    }

    fn write_picture(&mut self, path: &Path, text: &str) -> Res<()> {
        let made = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => std::fs::create_dir_all(d),
            _ => Ok(()),
        };
        made.and_then(|()| std::fs::write(path, text)).map_err(|e| {
            self.exc(
                "OSError",
                format!("cannot write the picture {}: {e}", path.display()),
            )
        })
    }

    /// Writes the next numbered picture of the storyboard, if `floe run --draw` asked for
    /// one: `NNN-what.ext`.
    fn storyboard(&mut self, snap: &Snapshot, what: &str) -> Res<()> {
        let Some(board) = &mut self.pictures else {
            return Ok(());
        };
        board.written += 1;
        let slug: String = what
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .take(6)
            .collect::<Vec<_>>()
            .join("-");
        let (format, dir) = (board.settings.format, board.settings.dir.clone());
        let name = format!("{:03}-{}.{}", board.written, slug, format.extension());
        let text = self.render(snap, format)?;
        self.write_picture(&dir.join(name), &text)
    }

    /// After a region operation: a picture, when `floe run --draw DIR --draw-steps`.
    /// `true` when `floe run --draw DIR --draw-steps` asked for a picture after every
    /// region operation.
    pub(crate) fn drawing_steps(&self) -> bool {
        self.pictures.as_ref().is_some_and(|b| b.settings.steps)
    }

    pub(crate) fn draw_step(&mut self, what: &str) -> Res<()> {
        if !self.drawing_steps() {
            return Ok(());
        }
        let snap = self.snapshot(None, Some(format!("after {what}")));
        self.storyboard(&snap, what)
    }
}

/// Would storing `value` into `holder` capture it (semantics §2): a local object stored
/// into a region member.
pub(crate) fn is_capture(holder: &Value, value: &Value) -> bool {
    let in_region = |v: &Value| {
        v.as_obj()
            .is_some_and(|o| matches!(o.state(), State::InRegion(_)))
    };
    in_region(holder) && value.as_obj().is_some_and(|o| o.state() == State::Local)
}

/// `draw(*roots, path=None, format=None, title=None)`: a picture of what the roots reach
/// (by default the calling frame's variables and the module's globals). With a path, it
/// is written there (format from `format` or the extension, else SVG) and `None` returned;
/// without, the picture's text is returned (Mermaid unless `format` says otherwise).
/// Under `floe run --draw DIR` each call also writes the next numbered picture.
pub(crate) fn draw(me: &mut Interp, a: Args) -> Res<Value> {
    let (mut path, mut format, mut title) = (None, None, None);
    for (k, v) in &a.kw {
        match (k.as_str(), v) {
            (_, Value::None) => {}
            ("path", v) => path = Some(PathBuf::from(me.str_arg(v)?)),
            ("format", v) => {
                let name = me.str_arg(v)?;
                format = Some(Format::named(&name).ok_or_else(|| {
                    me.exc(
                        "ValueError",
                        format!("unknown picture format '{name}': use 'svg', 'dot' or 'mermaid'"),
                    )
                })?);
            }
            ("title", v) => title = Some(me.str_arg(v)?),
            (other, _) => {
                return Err(me.exc(
                    "TypeError",
                    format!("draw() got an unexpected keyword argument '{other}'"),
                ))
            }
        }
    }
    let roots = (!a.pos.is_empty()).then_some(a.pos);
    let snap = me.snapshot(roots, title.clone());
    me.storyboard(&snap, title.as_deref().unwrap_or("draw"))?;
    match path {
        Some(p) => {
            let format = format
                .or_else(|| Format::of_path(&p))
                .unwrap_or(Format::Svg);
            let text = me.render(&snap, format)?;
            me.write_picture(&p, &text)?;
            Ok(Value::None)
        }
        None => {
            let text = me.render(&snap, format.unwrap_or(Format::Mermaid))?;
            Ok(Value::str(&text))
        }
    }
}
