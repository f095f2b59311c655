//! Parsing (with `rustpython-parser`), the subset check, and scope analysis.
//!
//! A script is parsed once into a [`Module`]: its statements, and one [`Code`] per function,
//! lambda, class body and comprehension, found by the span of source it was defined by. Each code
//! knows how every name it uses resolves (semantics §7: Python's rules — local, captured
//! in a cell for an inner function, free from an enclosing function, or global), so the
//! evaluator never guesses.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use rustpython_parser::ast::{self, Expr, Ranged, Stmt};
use rustpython_parser::Parse;

use floe_core::Str;

/// A script's text and where its lines start.
#[derive(Debug)]
pub struct Source {
    /// The file name shown in tracebacks.
    pub name: String,
    /// The text.
    pub text: String,
    line_starts: Vec<usize>,
}

impl Source {
    /// Wraps a script's text.
    pub fn new(name: &str, text: &str) -> Arc<Source> {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Arc::new(Source {
            name: name.to_string(),
            text: text.to_string(),
            line_starts,
        })
    }

    /// The 1-based line and column of a byte offset.
    pub fn location(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line.max(1) - 1];
        let col = self.text[start..offset.min(self.text.len())]
            .chars()
            .count()
            + 1;
        (line.max(1), col)
    }

    /// The text of 1-based line `line`, without its newline.
    pub fn line(&self, line: usize) -> &str {
        let start = self
            .line_starts
            .get(line - 1)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e.saturating_sub(1));
        self.text[start..end.max(start)].trim_end_matches('\r')
    }
}

/// A script that could not be run: a syntax error or syntax outside floe's subset.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong.
    pub message: String,
    /// The offending line's text.
    pub text: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  File \"{}\", line {}", self.file, self.line)?;
        writeln!(f, "    {}", self.text.trim())?;
        write!(
            f,
            "SyntaxError: {} ({}:{}:{})",
            self.message, self.file, self.line, self.col
        )
    }
}

/// How a name resolves inside one code object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameKind {
    /// A variable of this frame.
    Local,
    /// A variable of this frame that an inner function captures: it lives in a cell.
    Cell,
    /// A variable of an enclosing function, reached through this function's closure.
    Free,
    /// Declared `global`: the module's namespace.
    Global,
}

/// The parameters of a function or lambda.
#[derive(Debug, Default)]
pub(crate) struct Params {
    /// Positional parameters (positional-only first), in order.
    pub positional: Vec<Str>,
    /// How many of `positional` are positional-only.
    pub posonly: usize,
    /// `*args`.
    pub vararg: Option<Str>,
    /// Keyword-only parameters.
    pub kwonly: Vec<Str>,
    /// `**kwargs`.
    pub kwarg: Option<Str>,
}

/// What a code object runs.
#[derive(Debug)]
pub(crate) enum CodeBody {
    /// A `def` or a class body.
    Block(Vec<Stmt>),
    /// A lambda's expression.
    Lambda(Expr),
    /// A list, set or dict comprehension or a generator expression: a scope of its own
    /// (as in Python 3), whose one parameter `.0` is the outermost iterable, evaluated
    /// by the enclosing code.
    Comprehension(Expr),
}

/// One function, lambda or class body, ready to run.
#[derive(Debug)]
pub(crate) struct Code {
    /// The function's (or class's) name.
    pub name: Str,
    /// Its qualified name, as CPython's `__qualname__`: `C.m`, `f.<locals>.g`.
    pub qualname: Str,
    /// Its parameters (none for a class body).
    pub params: Params,
    /// What it runs.
    pub body: CodeBody,
    /// How each name it uses resolves; a name absent here is global (or a builtin).
    pub names: HashMap<Str, NameKind, foldhash::fast::FixedState>,
    /// Names declared `nonlocal` or used free: what its closure must provide.
    pub frees: Vec<String>,
    /// The global names it (or a function defined inside it) reads or writes: what a
    /// frozen function's snapshot holds (semantics §4).
    pub globals: Vec<String>,
    /// A class body (its names resolve to the class namespace).
    pub is_class: bool,
    /// A generator function or generator expression: a call makes a generator that runs
    /// the body as it is iterated (RFC-0008 §4).
    pub is_generator: bool,
    /// The compiled form, made on first run (RFC-0008 §1).
    pub compiled: std::sync::OnceLock<Arc<crate::compiler::CodeObject>>,
}

impl Code {
    /// How `name` resolves in this code.
    pub(crate) fn kind(&self, name: &str) -> Option<NameKind> {
        self.names.get(name).copied()
    }
}

/// A parsed script: top-level statements and the code of every definition in it.
#[derive(Debug)]
pub struct Module {
    /// The script's source.
    pub source: Arc<Source>,
    pub(crate) body: Vec<Stmt>,
    pub(crate) codes: HashMap<Span, Arc<Code>>,
}

/// Where a definition is in the source: its first byte and the byte after it (a lambda
/// can start where the generator expression around it starts, but ends before it).
pub(crate) type Span = (usize, usize);

/// The span of a node.
pub(crate) fn span_of(node: &impl Ranged) -> Span {
    (usize::from(node.start()), usize::from(node.end()))
}

impl Module {
    /// The code defined by the source at `span`.
    pub(crate) fn code_at(&self, span: Span) -> Arc<Code> {
        Arc::clone(&self.codes[&span])
    }
}

/// Parses `text` and checks it stays inside floe's subset.
///
/// # Errors
/// A [`SyntaxError`] with the location of the first problem.
pub fn parse(name: &str, text: &str) -> Result<Module, SyntaxError> {
    let source = Source::new(name, text);
    let body = ast::Suite::parse(text, name).map_err(|e| {
        let offset = usize::from(e.offset);
        let message = match &e.error {
            rustpython_parser::ParseErrorType::Eof => "unexpected end of file".to_string(),
            other => format!("invalid syntax: {other}"),
        };
        error_at(&source, offset, message)
    })?;
    check_context(&source, &body, false, false)?;
    let mut analysis = Analysis {
        source: Arc::clone(&source),
        codes: HashMap::new(),
        bodies: HashMap::new(),
        depth: 0,
    };
    let mut top = ScopeBuilder {
        at_module: true,
        ..ScopeBuilder::default()
    };
    if let Err(e) = analysis.block(&body, &mut top) {
        if analysis.depth > MAX_DEPTH {
            // Dropping a tree this deep recurses as deep again: leak it (the run ends).
            std::mem::forget(body);
            std::mem::forget(top);
        }
        return Err(e);
    }
    // Each scope's code keeps its own part of the tree, without the bodies of the scopes
    // inside it, so that memory stays linear in the depth of nesting.
    let mut bodies = TakeBodies::default();
    let body = take_bodies(body, &mut bodies);
    analysis.bodies = bodies.0;
    // Top-level names are globals: nothing to resolve, but inner scopes need the
    // resolution pass.
    let children = std::mem::take(&mut top.children);
    let mut visible = Visible::default();
    for child in children {
        analysis.resolve(child, &mut visible, "");
    }
    Ok(Module {
        source,
        body,
        codes: analysis.codes,
    })
}

/// The placement rules CPython checks when compiling: `return` inside a function,
/// `break`/`continue` inside a loop, `nonlocal` inside a function.
fn check_context(
    source: &Source,
    stmts: &[Stmt],
    in_func: bool,
    in_loop: bool,
) -> Result<(), SyntaxError> {
    for st in stmts {
        let fail = |msg: &str| Err(error_at(source, usize::from(st.start()), msg.to_string()));
        match st {
            Stmt::Return(_) if !in_func => return fail("'return' outside function"),
            Stmt::Break(_) if !in_loop => return fail("'break' outside loop"),
            Stmt::Continue(_) if !in_loop => return fail("'continue' not properly in loop"),
            Stmt::Nonlocal(_) if !in_func => {
                return fail("nonlocal declaration not allowed at module level")
            }
            Stmt::FunctionDef(f) => check_context(source, &f.body, true, false)?,
            Stmt::ClassDef(c) => check_context(source, &c.body, false, false)?,
            Stmt::For(f) => {
                check_context(source, &f.body, in_func, true)?;
                check_context(source, &f.orelse, in_func, in_loop)?;
            }
            Stmt::While(w) => {
                check_context(source, &w.body, in_func, true)?;
                check_context(source, &w.orelse, in_func, in_loop)?;
            }
            Stmt::If(i) => {
                check_context(source, &i.body, in_func, in_loop)?;
                check_context(source, &i.orelse, in_func, in_loop)?;
            }
            Stmt::With(w) => check_context(source, &w.body, in_func, in_loop)?,
            Stmt::Try(t) => {
                for block in [&t.body, &t.orelse, &t.finalbody] {
                    check_context(source, block, in_func, in_loop)?;
                }
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    check_context(source, &h.body, in_func, in_loop)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

pub(crate) fn error_at(source: &Source, offset: usize, message: String) -> SyntaxError {
    let (line, col) = source.location(offset);
    SyntaxError {
        file: source.name.clone(),
        line,
        col,
        message,
        text: source.line(line).to_string(),
    }
}

/// The names one scope binds and uses, gathered before resolution.
#[derive(Default)]
struct ScopeBuilder {
    bound: HashSet<String>,
    used: HashSet<String>,
    globals: HashSet<String>,
    nonlocals: HashSet<String>,
    is_class: bool,
    /// A function or lambda (where `yield` may appear).
    is_function: bool,
    /// A comprehension's scope: an assignment expression in it binds in the enclosing
    /// scope (PEP 572), collected in `walrus`.
    is_comprehension: bool,
    walrus: HashSet<String>,
    /// Inside the module's code, comprehensions included (where `walrus` names are
    /// globals).
    at_module: bool,
    /// A comprehension inside a class body (where PEP 572 forbids `:=`).
    at_class: bool,
    /// The scope yields: a generator.
    yields: bool,
    /// Inner scopes, with what they need to build their [`Code`].
    children: Vec<Pending>,
}

/// An inner scope waiting for resolution (its body is taken from the tree afterwards, by
/// [`take_bodies`]).
struct Pending {
    scope: ScopeBuilder,
    name: Str,
    params: Params,
    span: Span,
    /// The names it and its inner scopes need from enclosing functions, found once, when
    /// the scope is complete (so resolving a scope never walks its inner scopes again).
    needs: HashSet<String>,
}

impl Pending {
    fn new(scope: ScopeBuilder, name: Str, params: Params, span: Span) -> Pending {
        let s = &scope;
        let mut needs: HashSet<String> = s
            .children
            .iter()
            .flat_map(|c| c.needs.iter())
            .cloned()
            .collect();
        needs.extend(s.used.iter().cloned());
        needs.extend(s.nonlocals.iter().cloned());
        needs.retain(|n| {
            let local = s.bound.contains(n) && !s.nonlocals.contains(n) && !s.globals.contains(n);
            (!local || s.is_class) && !s.globals.contains(n)
        });
        Pending {
            scope,
            name,
            params,
            span,
            needs,
        }
    }
}

struct Analysis {
    source: Arc<Source>,
    codes: HashMap<Span, Arc<Code>>,
    /// The body of each scope, by span, until its code is made.
    bodies: HashMap<Span, CodeBody>,
    /// How deep the walk is in expressions and statements.
    depth: usize,
}

/// The deepest nesting of expressions and statements a script may have, nested
/// functions, lambdas, classes and comprehensions included: the analysis and the
/// compiler recurse on the syntax tree, and past this a script such as `1+1+...+1` with a
/// million terms would overflow the thread's stack. (CPython refuses far less deep input:
/// `RecursionError` during compilation.)
const MAX_DEPTH: usize = 5_000;

fn unsupported(what: &str) -> String {
    format!("{what} is not supported by floe")
}

impl Analysis {
    fn err<T>(&self, node: &impl Ranged, message: String) -> Result<T, SyntaxError> {
        Err(error_at(&self.source, usize::from(node.start()), message))
    }

    fn block(&mut self, stmts: &[Stmt], s: &mut ScopeBuilder) -> Result<(), SyntaxError> {
        stmts.iter().try_for_each(|st| self.stmt(st, s))
    }

    fn params(
        &mut self,
        args: &ast::Arguments,
        s: &mut ScopeBuilder,
    ) -> Result<Params, SyntaxError> {
        let mut p = Params {
            posonly: args.posonlyargs.len(),
            ..Params::default()
        };
        for a in args.posonlyargs.iter().chain(&args.args) {
            p.positional.push(Str::from(a.def.arg.as_str()));
        }
        for a in &args.kwonlyargs {
            p.kwonly.push(Str::from(a.def.arg.as_str()));
        }
        p.vararg = args.vararg.as_ref().map(|a| Str::from(a.arg.as_str()));
        p.kwarg = args.kwarg.as_ref().map(|a| Str::from(a.arg.as_str()));
        let all = p
            .positional
            .iter()
            .chain(&p.kwonly)
            .chain(&p.vararg)
            .chain(&p.kwarg);
        s.bound.extend(all.map(|n| n.to_string()));
        Ok(p)
    }

    /// Defaults are evaluated in the enclosing scope.
    fn defaults(
        &mut self,
        args: &ast::Arguments,
        outer: &mut ScopeBuilder,
    ) -> Result<(), SyntaxError> {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs);
        for a in all {
            if let Some(d) = &a.default {
                self.expr(d, outer)?;
            }
        }
        Ok(())
    }

    fn stmt(&mut self, st: &Stmt, s: &mut ScopeBuilder) -> Result<(), SyntaxError> {
        self.nested(st, |me| me.stmt_at_depth(st, s))
    }

    /// Runs one step of the walk one level deeper, or refuses input nested past
    /// [`MAX_DEPTH`] before the recursion can overflow the stack. On a refusal the depth
    /// stays where it failed.
    fn nested(
        &mut self,
        node: &impl Ranged,
        step: impl FnOnce(&mut Self) -> Result<(), SyntaxError>,
    ) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err(
                node,
                format!("too many nested expressions and statements (more than {MAX_DEPTH})"),
            );
        }
        step(self)?;
        self.depth -= 1;
        Ok(())
    }

    fn stmt_at_depth(&mut self, st: &Stmt, s: &mut ScopeBuilder) -> Result<(), SyntaxError> {
        match st {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(d, s)?;
                }
                self.defaults(&f.args, s)?;
                s.bound.insert(f.name.to_string());
                let mut inner = ScopeBuilder {
                    is_function: true,
                    ..ScopeBuilder::default()
                };
                let params = self.params(&f.args, &mut inner)?;
                self.block(&f.body, &mut inner)?;
                let name = Str::from(f.name.as_str());
                s.children
                    .push(Pending::new(inner, name, params, span_of(f)));
            }
            Stmt::ClassDef(c) => {
                for e in c.bases.iter().chain(&c.decorator_list) {
                    self.expr(e, s)?;
                }
                if let Some(k) = c.keywords.first() {
                    return self.err(k, unsupported("a class keyword argument (metaclass=...)"));
                }
                s.bound.insert(c.name.to_string());
                let mut inner = ScopeBuilder {
                    is_class: true,
                    ..ScopeBuilder::default()
                };
                self.block(&c.body, &mut inner)?;
                let name = Str::from(c.name.as_str());
                s.children
                    .push(Pending::new(inner, name, Params::default(), span_of(c)));
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v, s)?;
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.target(t, s)?;
                }
            }
            Stmt::Assign(a) => {
                self.expr(&a.value, s)?;
                for t in &a.targets {
                    self.target(t, s)?;
                }
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.value, s)?;
                self.target(&a.target, s)?;
                self.expr(&a.target, s)?;
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v, s)?;
                }
                self.target(&a.target, s)?;
            }
            Stmt::For(f) => {
                self.expr(&f.iter, s)?;
                self.target(&f.target, s)?;
                self.block(&f.body, s)?;
                self.block(&f.orelse, s)?;
            }
            Stmt::While(w) => {
                self.expr(&w.test, s)?;
                self.block(&w.body, s)?;
                self.block(&w.orelse, s)?;
            }
            Stmt::If(i) => {
                self.expr(&i.test, s)?;
                self.block(&i.body, s)?;
                self.block(&i.orelse, s)?;
            }
            Stmt::Raise(r) => {
                for e in r.exc.iter().chain(&r.cause) {
                    self.expr(e, s)?;
                }
            }
            Stmt::Try(t) => {
                self.block(&t.body, s)?;
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty, s)?;
                    }
                    if let Some(n) = &h.name {
                        s.bound.insert(n.to_string());
                    }
                    self.block(&h.body, s)?;
                }
                self.block(&t.orelse, s)?;
                self.block(&t.finalbody, s)?;
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr, s)?;
                    if let Some(t) = &item.optional_vars {
                        self.target(t, s)?;
                    }
                }
                self.block(&w.body, s)?;
            }
            Stmt::Assert(a) => {
                self.expr(&a.test, s)?;
                if let Some(m) = &a.msg {
                    self.expr(m, s)?;
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let name = a.asname.as_ref().unwrap_or(&a.name).to_string();
                    s.bound
                        .insert(name.split('.').next().unwrap_or(&name).to_string());
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    s.bound
                        .insert(a.asname.as_ref().unwrap_or(&a.name).to_string());
                }
            }
            Stmt::Global(g) => s.globals.extend(g.names.iter().map(|n| n.to_string())),
            Stmt::Nonlocal(n) => {
                if s.is_class {
                    return self.err(st, unsupported("nonlocal in a class body"));
                }
                s.nonlocals.extend(n.names.iter().map(|n| n.to_string()));
            }
            Stmt::Expr(e) => self.expr(&e.value, s)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::AsyncFunctionDef(_) => return self.err(st, unsupported("`async def`")),
            Stmt::AsyncFor(_) => return self.err(st, unsupported("`async for`")),
            Stmt::AsyncWith(_) => return self.err(st, unsupported("`async with`")),
            Stmt::Match(_) => return self.err(st, unsupported("the `match` statement")),
            Stmt::TryStar(_) => return self.err(st, unsupported("`except*`")),
            Stmt::TypeAlias(_) => return self.err(st, unsupported("the `type` statement")),
        }
        Ok(())
    }

    /// An assignment target: binds names; attribute and subscript targets use names.
    fn target(&mut self, t: &Expr, s: &mut ScopeBuilder) -> Result<(), SyntaxError> {
        match t {
            Expr::Name(n) => {
                s.bound.insert(n.id.to_string());
                Ok(())
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                elts.iter().try_for_each(|e| self.target(e, s))
            }
            Expr::Starred(st) => self.target(&st.value, s),
            Expr::Attribute(a) => self.expr(&a.value, s),
            Expr::Subscript(sub) => {
                self.expr(&sub.value, s)?;
                self.expr(&sub.slice, s)
            }
            other => self.err(other, "cannot assign to this expression".to_string()),
        }
    }

    /// A comprehension: its outermost iterable is evaluated in `s`, everything else in a
    /// scope of its own whose parameter `.0` holds that iterable.
    fn comprehension(
        &mut self,
        node: &Expr,
        name: &str,
        generators: &[ast::Comprehension],
        parts: &[&Expr],
        s: &mut ScopeBuilder,
    ) -> Result<(), SyntaxError> {
        let Some(first) = generators.first() else {
            return self.err(node, "a comprehension needs a `for`".to_string());
        };
        self.expr(&first.iter, s)?;
        let mut inner = ScopeBuilder {
            is_comprehension: true,
            at_module: s.at_module,
            at_class: s.is_class || s.at_class,
            yields: matches!(node, Expr::GeneratorExp(_)),
            ..ScopeBuilder::default()
        };
        inner.bound.insert(".0".to_string());
        for (i, g) in generators.iter().enumerate() {
            if g.is_async {
                return self.err(&g.iter, unsupported("`async` comprehension"));
            }
            if i > 0 {
                self.expr(&g.iter, &mut inner)?;
            }
            self.target(&g.target, &mut inner)?;
            for c in &g.ifs {
                self.expr(c, &mut inner)?;
            }
        }
        for part in parts {
            self.expr(part, &mut inner)?;
        }
        // `(y := f(x))` in a comprehension binds `y` where the comprehension is (PEP 572:
        // not in a class body, and never an iteration variable).
        if !inner.walrus.is_empty() && inner.at_class {
            let message =
                "assignment expression within a comprehension cannot be used in a class body";
            return self.err(node, message.to_string());
        }
        if let Some(n) = inner.walrus.iter().find(|n| inner.bound.contains(*n)) {
            let message = format!(
                "assignment expression cannot rebind comprehension iteration variable '{n}'"
            );
            return self.err(node, message);
        }
        for n in inner.walrus.clone() {
            if s.is_comprehension {
                s.walrus.insert(n.clone());
            } else {
                s.bound.insert(n.clone());
            }
            if inner.at_module {
                inner.globals.insert(n);
            } else {
                inner.nonlocals.insert(n);
            }
        }
        let params = Params {
            positional: vec![Str::from(".0")],
            ..Params::default()
        };
        s.children
            .push(Pending::new(inner, Str::from(name), params, span_of(node)));
        Ok(())
    }

    fn expr(&mut self, e: &Expr, s: &mut ScopeBuilder) -> Result<(), SyntaxError> {
        self.nested(e, |me| me.expr_at_depth(e, s))
    }

    fn expr_at_depth(&mut self, e: &Expr, s: &mut ScopeBuilder) -> Result<(), SyntaxError> {
        match e {
            Expr::BoolOp(b) => b.values.iter().try_for_each(|v| self.expr(v, s))?,
            Expr::NamedExpr(n) => {
                self.expr(&n.value, s)?;
                match &*n.target {
                    Expr::Name(name) if s.is_comprehension => {
                        s.walrus.insert(name.id.to_string());
                    }
                    target => self.target(target, s)?,
                }
            }
            Expr::BinOp(b) => {
                self.expr(&b.left, s)?;
                self.expr(&b.right, s)?;
            }
            Expr::UnaryOp(u) => self.expr(&u.operand, s)?,
            Expr::Lambda(l) => {
                self.defaults(&l.args, s)?;
                let mut inner = ScopeBuilder {
                    is_function: true,
                    ..ScopeBuilder::default()
                };
                let params = self.params(&l.args, &mut inner)?;
                self.expr(&l.body, &mut inner)?;
                let name = Str::from("<lambda>");
                s.children
                    .push(Pending::new(inner, name, params, span_of(l)));
            }
            Expr::IfExp(i) => {
                self.expr(&i.test, s)?;
                self.expr(&i.body, s)?;
                self.expr(&i.orelse, s)?;
            }
            Expr::Dict(d) => {
                for k in d.keys.iter().flatten() {
                    self.expr(k, s)?;
                }
                d.values.iter().try_for_each(|v| self.expr(v, s))?;
            }
            Expr::Set(x) => x.elts.iter().try_for_each(|v| self.expr(v, s))?,
            Expr::ListComp(c) => {
                self.comprehension(e, "<listcomp>", &c.generators, &[&c.elt], s)?
            }
            Expr::SetComp(c) => self.comprehension(e, "<setcomp>", &c.generators, &[&c.elt], s)?,
            Expr::GeneratorExp(c) => {
                self.comprehension(e, "<genexpr>", &c.generators, &[&c.elt], s)?
            }
            Expr::DictComp(c) => {
                self.comprehension(e, "<dictcomp>", &c.generators, &[&c.key, &c.value], s)?
            }
            Expr::Compare(c) => {
                self.expr(&c.left, s)?;
                c.comparators.iter().try_for_each(|v| self.expr(v, s))?;
            }
            Expr::Call(c) => {
                self.expr(&c.func, s)?;
                c.args.iter().try_for_each(|v| self.expr(v, s))?;
                c.keywords.iter().try_for_each(|k| self.expr(&k.value, s))?;
                // Zero-argument super() reads the method's first argument and class.
                if matches!(&*c.func, Expr::Name(n) if n.id.as_str() == "super") {
                    s.used.insert("__class__".to_string());
                }
            }
            Expr::FormattedValue(f) => {
                self.expr(&f.value, s)?;
                if let Some(spec) = &f.format_spec {
                    self.expr(spec, s)?;
                }
            }
            Expr::JoinedStr(j) => j.values.iter().try_for_each(|v| self.expr(v, s))?,
            Expr::Constant(c) if matches!(c.value, ast::Constant::Complex { .. }) => {
                return self.err(e, unsupported("a complex number"))
            }
            Expr::Constant(_) => {}
            Expr::Attribute(a) => self.expr(&a.value, s)?,
            Expr::Subscript(sub) => {
                self.expr(&sub.value, s)?;
                self.expr(&sub.slice, s)?;
            }
            Expr::Starred(st) => self.expr(&st.value, s)?,
            Expr::Name(n) => {
                s.used.insert(n.id.to_string());
            }
            Expr::List(l) => l.elts.iter().try_for_each(|v| self.expr(v, s))?,
            Expr::Tuple(t) => t.elts.iter().try_for_each(|v| self.expr(v, s))?,
            Expr::Slice(sl) => {
                for part in [&sl.lower, &sl.upper, &sl.step].into_iter().flatten() {
                    self.expr(part, s)?;
                }
            }
            Expr::Await(_) => return self.err(e, unsupported("`await`")),
            Expr::Yield(ast::ExprYield { value: Some(v), .. })
            | Expr::YieldFrom(ast::ExprYieldFrom { value: v, .. }) => {
                self.yields(e, s)?;
                self.expr(v, s)?;
            }
            Expr::Yield(_) => self.yields(e, s)?,
        }
        Ok(())
    }

    /// Marks `s` a generator, if `yield` may be there (as CPython's compiler checks).
    fn yields(&mut self, e: &Expr, s: &mut ScopeBuilder) -> Result<(), SyntaxError> {
        if s.is_comprehension {
            return self.err(e, "'yield' inside a comprehension".to_string());
        }
        if !s.is_function {
            return self.err(e, "'yield' outside function".to_string());
        }
        s.yields = true;
        Ok(())
    }

    /// Resolves an inner scope given the variables of the enclosing functions, records
    /// its code, and resolves its own inner scopes. `prefix` is what the scope's qualified
    /// name starts with (`""` at the top, `"C."` in class `C`, `"f.<locals>."` in `f`).
    fn resolve(&mut self, p: Pending, enclosing: &mut Visible, prefix: &str) {
        let Pending {
            mut scope,
            name,
            params,
            span,
            needs: _,
        } = p;
        let children = std::mem::take(&mut scope.children);
        // What the inner scopes need from outside themselves.
        let child_needs: HashSet<String> = children
            .iter()
            .flat_map(|c| c.needs.iter())
            .cloned()
            .collect();
        let mut names = HashMap::default();
        let mut frees = Vec::new();
        let locals: HashSet<String> = scope
            .bound
            .iter()
            .filter(|n| !scope.globals.contains(*n) && !scope.nonlocals.contains(*n))
            .cloned()
            .collect();
        for g in &scope.globals {
            names.insert(Str::from(g.as_str()), NameKind::Global);
        }
        for l in &locals {
            let captured = !scope.is_class && child_needs.contains(l);
            names.insert(
                Str::from(l.as_str()),
                if captured {
                    NameKind::Cell
                } else {
                    NameKind::Local
                },
            );
        }
        let wanted = scope
            .used
            .iter()
            .chain(&scope.nonlocals)
            .chain(&child_needs)
            .filter(|n| !locals.contains(*n) || (scope.is_class && child_needs.contains(*n)))
            .filter(|n| !scope.globals.contains(*n));
        let mut wanted: Vec<&String> = wanted.collect();
        wanted.sort();
        wanted.dedup();
        for n in wanted {
            if enclosing.contains(n) || n == "__class__" {
                if !(scope.is_class && locals.contains(n)) {
                    names.insert(Str::from(n.as_str()), NameKind::Free);
                }
                frees.push(n.clone());
            }
        }
        let mut globals: Vec<String> = scope
            .used
            .iter()
            .chain(&child_needs)
            .chain(&scope.globals)
            .filter(|n| matches!(names.get(n.as_str()), None | Some(NameKind::Global)))
            .cloned()
            .collect();
        globals.sort();
        globals.dedup();
        // Inner functions see this function's variables (a class body's are not seen).
        let seen: Vec<String> = if scope.is_class {
            vec!["__class__".to_string()]
        } else {
            locals.into_iter().collect()
        };
        let qualname = format!("{prefix}{name}");
        // CPython 3.11: a class's members are `C.m`; a function's inner definitions
        // `f.<locals>.g`; a comprehension's `f.<locals>.<listcomp>.<lambda>`.
        let inner = if scope.is_class || scope.is_comprehension {
            format!("{qualname}.")
        } else {
            format!("{qualname}.<locals>.")
        };
        enclosing.enter(&seen);
        for c in children {
            // A definition bound by a `global` statement is named at the top, as CPython
            // names it.
            let prefix = if scope.globals.contains(&*c.name) {
                ""
            } else {
                &inner
            };
            self.resolve(c, enclosing, prefix);
        }
        enclosing.leave(seen);
        let body = self
            .bodies
            .remove(&span)
            .expect("every scope's body is taken from the tree");
        let code = Code {
            name,
            qualname: Str::from(qualname.as_str()),
            params,
            body,
            names,
            frees,
            globals,
            is_class: scope.is_class,
            is_generator: scope.yields,
            compiled: std::sync::OnceLock::new(),
        };
        self.codes.insert(span, Arc::new(code));
    }
}

/// The variables of the enclosing functions while scopes are resolved: how many of them
/// bind each name, kept up to date on the way in and out (not a set copied per scope,
/// which would cost the square of the depth).
#[derive(Default)]
struct Visible(HashMap<String, usize>);

impl Visible {
    fn contains(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    fn enter(&mut self, names: &[String]) {
        for n in names {
            *self.0.entry(n.clone()).or_default() += 1;
        }
    }

    fn leave(&mut self, names: Vec<String>) {
        for n in names {
            if let std::collections::hash_map::Entry::Occupied(mut e) = self.0.entry(n) {
                *e.get_mut() -= 1;
                if *e.get() == 0 {
                    e.remove();
                }
            }
        }
    }
}

/// The bodies [`take_bodies`] took, by the span of their scope.
#[derive(Default)]
struct TakeBodies(HashMap<Span, CodeBody>);

/// Takes the body of every function, lambda, class and comprehension out of `stmts`,
/// innermost first, so that each body holds only placeholders where the scopes inside it
/// were: what the code around a scope compiles is its decorators, defaults, bases and
/// (for a comprehension) its outermost iterable, never its body.
fn take_bodies(stmts: Vec<Stmt>, bodies: &mut TakeBodies) -> Vec<Stmt> {
    use ast::fold::Fold;
    let result: Result<Vec<Stmt>, std::convert::Infallible> =
        stmts.into_iter().map(|st| bodies.fold_stmt(st)).collect();
    match result {
        Ok(stmts) => stmts,
    }
}

/// An expression that stands where a body was taken.
fn placeholder(range: ast::text_size::TextRange) -> Expr {
    Expr::Constant(ast::ExprConstant {
        range,
        value: ast::Constant::None,
        kind: None,
    })
}

impl ast::fold::Fold<ast::text_size::TextRange> for TakeBodies {
    type TargetU = ast::text_size::TextRange;
    type Error = std::convert::Infallible;
    type UserContext = ();

    fn will_map_user(&mut self, _user: &ast::text_size::TextRange) {}

    fn map_user(
        &mut self,
        user: ast::text_size::TextRange,
        _context: (),
    ) -> Result<ast::text_size::TextRange, Self::Error> {
        Ok(user)
    }

    fn fold_stmt(&mut self, node: Stmt) -> Result<Stmt, Self::Error> {
        let mut st = ast::fold::fold_stmt(self, node)?;
        let (span, body) = match &mut st {
            Stmt::FunctionDef(f) => (span_of(f), std::mem::take(&mut f.body)),
            Stmt::ClassDef(c) => (span_of(c), std::mem::take(&mut c.body)),
            _ => return Ok(st),
        };
        self.0.insert(span, CodeBody::Block(body));
        Ok(st)
    }

    fn fold_expr(&mut self, node: Expr) -> Result<Expr, Self::Error> {
        let mut e = ast::fold::fold_expr(self, node)?;
        let (span, range) = (span_of(&e), e.range());
        let body = match &mut e {
            Expr::Lambda(l) => CodeBody::Lambda(std::mem::replace(&mut l.body, placeholder(range))),
            Expr::ListComp(ast::ExprListComp { generators, .. })
            | Expr::SetComp(ast::ExprSetComp { generators, .. })
            | Expr::DictComp(ast::ExprDictComp { generators, .. })
            | Expr::GeneratorExp(ast::ExprGeneratorExp { generators, .. }) => {
                // The outermost iterable stays for the code around it to evaluate, in a
                // comprehension of the same span (of any kind: that code only evaluates
                // the iterable and runs the comprehension's own code).
                let Some(first) = generators.first_mut() else {
                    return Ok(e);
                };
                let outer = ast::Comprehension {
                    range: first.range,
                    target: placeholder(range),
                    iter: std::mem::replace(&mut first.iter, placeholder(range)),
                    ifs: Vec::new(),
                    is_async: false,
                };
                let skeleton = Expr::GeneratorExp(ast::ExprGeneratorExp {
                    range,
                    elt: Box::new(placeholder(range)),
                    generators: vec![outer],
                });
                CodeBody::Comprehension(std::mem::replace(&mut e, skeleton))
            }
            _ => return Ok(e),
        };
        self.0.insert(span, body);
        Ok(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_named<'m>(m: &'m Module, name: &str) -> &'m Code {
        m.codes.values().find(|c| c.name == name).expect("code")
    }

    #[test]
    fn names_resolve_as_python_resolves_them() {
        let m = parse(
            "t.py",
            "g = 1\ndef outer(a):\n    b = 2\n    def inner():\n        nonlocal b\n        b = a + g\n    return inner\n",
        )
        .unwrap();
        let outer = code_named(&m, "outer");
        assert_eq!(outer.kind("a"), Some(NameKind::Cell));
        assert_eq!(outer.kind("b"), Some(NameKind::Cell));
        assert_eq!(outer.kind("inner"), Some(NameKind::Local));
        assert_eq!(outer.kind("g"), None, "a global");
        let inner = code_named(&m, "inner");
        assert_eq!(inner.kind("a"), Some(NameKind::Free));
        assert_eq!(inner.kind("b"), Some(NameKind::Free));
        assert_eq!(inner.frees, ["a", "b"]);
    }

    #[test]
    fn each_scope_keeps_only_its_own_body() {
        let m = parse(
            "t.py",
            "def outer(a):\n    def inner():\n        return [lambda: a for _ in 'xy']\n    return inner\n",
        )
        .unwrap();
        assert!(matches!(&m.body[..], [Stmt::FunctionDef(f)] if f.body.is_empty()));
        let CodeBody::Block(outer) = &code_named(&m, "outer").body else {
            panic!("a block");
        };
        assert!(matches!(&outer[0], Stmt::FunctionDef(f) if f.body.is_empty()));
        let CodeBody::Block(inner) = &code_named(&m, "inner").body else {
            panic!("a block");
        };
        // The comprehension left its outermost iterable, and only that, to `inner`.
        let Stmt::Return(ast::StmtReturn { value: Some(v), .. }) = &inner[0] else {
            panic!("a return");
        };
        let Expr::GeneratorExp(skeleton) = &**v else {
            panic!("a comprehension");
        };
        assert!(matches!(&*skeleton.elt, Expr::Constant(_)));
        assert!(matches!(&skeleton.generators[0].iter, Expr::Constant(c) if c.value.is_str()));
        let CodeBody::Comprehension(Expr::ListComp(comp)) = &code_named(&m, "<listcomp>").body
        else {
            panic!("the comprehension's own code");
        };
        assert!(matches!(&*comp.elt, Expr::Lambda(l) if matches!(&*l.body, Expr::Constant(_))));
        assert!(matches!(
            &code_named(&m, "<lambda>").body,
            CodeBody::Lambda(Expr::Name(_))
        ));
        assert_eq!(code_named(&m, "<lambda>").frees, ["a"]);
    }

    #[test]
    fn unsupported_syntax_is_named_with_its_location() {
        let err = parse("s.py", "x = 1\nasync def f():\n    pass\n").unwrap_err();
        assert_eq!((err.line, err.col), (2, 1));
        assert!(
            err.message.contains("`async def` is not supported by floe"),
            "{err}"
        );
        let err = parse("s.py", "x = 1\nyield 1\n").unwrap_err();
        assert_eq!(
            (err.line, err.message.as_str()),
            (2, "'yield' outside function")
        );
        let err = parse("s.py", "def g():\n    return [(yield x) for x in y]\n").unwrap_err();
        assert_eq!(err.message, "'yield' inside a comprehension");
        assert!(parse("s.py", "def g():\n    yield 1\n").is_ok());
        let err = parse("s.py", "x = [i := 1 for i in range(3)]\n").unwrap_err();
        assert!(err
            .message
            .contains("cannot rebind comprehension iteration variable 'i'"));
        let err = parse("s.py", "class A:\n    r = [(z := 1) for _ in range(2)]\n").unwrap_err();
        assert!(
            err.message.contains("cannot be used in a class body"),
            "{err}"
        );
        let err = parse("s.py", "if True:\n    break\n").unwrap_err();
        assert_eq!(
            (err.line, err.message.as_str()),
            (2, "'break' outside loop")
        );
        assert!(parse(
            "s.py",
            "while 1:\n    def f():\n        return 1\n    break\n"
        )
        .is_ok());
        let err = parse("s.py", "return 5\n").unwrap_err();
        assert_eq!(err.message, "'return' outside function");
        let err = parse("s.py", "x = (1 +\n").unwrap_err();
        assert!(err.to_string().contains("SyntaxError"), "{err}");
    }

    #[test]
    fn a_with_statement_binds_its_targets_and_keeps_placement_rules() {
        let m = parse(
            "t.py",
            "def h(m):\n    with m() as (p, q), m() as m.x:\n        pass\n",
        )
        .unwrap();
        let h = code_named(&m, "h");
        assert_eq!(h.kind("p"), Some(NameKind::Local));
        assert_eq!(h.kind("q"), Some(NameKind::Local));
        assert!(parse("s.py", "while 1:\n    with a:\n        break\n").is_ok());
        let err = parse("s.py", "with a:\n    break\n").unwrap_err();
        assert_eq!(
            (err.line, err.message.as_str()),
            (2, "'break' outside loop")
        );
        let err = parse("s.py", "with a:\n    return 1\n").unwrap_err();
        assert_eq!(err.message, "'return' outside function");
    }

    #[test]
    fn locations_count_lines_and_characters() {
        let s = Source::new("x", "ab\ncdé\n\nz");
        assert_eq!(s.location(0), (1, 1));
        assert_eq!(s.location(4), (2, 2));
        assert_eq!(s.location(9), (4, 1));
        assert_eq!(s.line(2), "cdé");
        assert_eq!(s.line(3), "");
    }
}
