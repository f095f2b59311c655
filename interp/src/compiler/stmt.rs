//! Statements: control flow, `try`, `with`, definitions, and the clean-up of early exits.

use rustpython_parser::ast::{self, Expr, Ranged, Stmt};

use super::{Compiler, Const, Exit, Instr, Var};

/// The hidden slot a `return` value waits in while `finally` bodies run (a name no
/// program can spell).
pub(crate) const RETURN_SLOT: &str = ".return";

impl<'a> Compiler<'a> {
    pub(super) fn block(&mut self, stmts: &'a [Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'a Stmt) {
        self.line(usize::from(s.start()));
        match s {
            Stmt::Expr(e) => {
                self.expr(&e.value);
                self.emit(Instr::Pop);
            }
            Stmt::Assign(a) => {
                self.expr(&a.value);
                let (last, rest) = a.targets.split_last().expect("an assignment has a target");
                for t in rest {
                    self.emit(Instr::Dup);
                    self.assign(t);
                }
                self.assign(last);
            }
            Stmt::AugAssign(a) => self.aug_assign(a),
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v);
                    self.assign(&a.target);
                }
                if let (true, Expr::Name(n)) = (self.in_class() && a.simple, &*a.target) {
                    self.record_annotation(n.id.as_str(), &a.annotation);
                }
            }
            Stmt::If(i) => {
                let to_else = self.jumps_if(&i.test, false);
                self.block(&i.body);
                if i.orelse.is_empty() {
                    self.patch_all(to_else);
                } else {
                    let to_end = self.emit(Instr::Jump(0));
                    self.patch_all(to_else);
                    self.block(&i.orelse);
                    self.patch(to_end);
                }
            }
            Stmt::While(w) => {
                let start = self.here();
                let to_else = self.jumps_if(&w.test, false);
                self.loop_rest(start, to_else, false, &w.body, &w.orelse);
            }
            Stmt::For(f) => {
                self.expr(&f.iter);
                self.emit(Instr::GetIter);
                let start = self.here();
                // ForIter drops the finished iteration before it jumps to the `else`.
                let to_else = self.emit(Instr::ForIter(0));
                self.assign(&f.target);
                self.loop_rest(start, vec![to_else], true, &f.body, &f.orelse);
            }
            Stmt::Break(_) => self.break_or_continue(true),
            Stmt::Continue(_) => self.break_or_continue(false),
            Stmt::Pass(_) | Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Return(r) => {
                match &r.value {
                    Some(v) => self.expr(v),
                    None => self.load_const(Const::None),
                }
                if self.exits.is_empty() {
                    self.emit(Instr::Return);
                } else {
                    // The value waits in a hidden slot while the clean-up runs: a
                    // `finally` that leaves by `break` or `continue` abandons the return
                    // without leaving the value on the stack.
                    let slot = self.new_slot(&floe_core::Str::from(RETURN_SLOT));
                    self.emit(Instr::StoreFast(slot));
                    self.unwind_all();
                    self.emit(Instr::LoadFast(slot));
                    self.emit(Instr::Return);
                }
            }
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(d);
                }
                self.function(f, &f.args);
                for _ in &f.decorator_list {
                    self.emit(Instr::Call(1));
                }
                self.store_var(&f.name);
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.expr(d);
                }
                for b in &c.bases {
                    self.expr(b);
                }
                let code = self.nested(c);
                self.emit(Instr::MakeClass(code, c.bases.len() as u32));
                for _ in &c.decorator_list {
                    self.emit(Instr::Call(1));
                }
                self.store_var(&c.name);
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete(t);
                }
            }
            Stmt::Raise(r) => match &r.exc {
                None => {
                    self.emit(Instr::Raise(0));
                }
                Some(e) => {
                    self.expr(e);
                    if let Some(cause) = &r.cause {
                        self.expr(cause);
                        self.emit(Instr::Pop);
                    }
                    self.emit(Instr::Raise(1));
                }
            },
            Stmt::Try(t) => self.try_stmt(t),
            Stmt::With(w) => self.with_items(w, &w.items),
            Stmt::Assert(a) => {
                let ok = self.jumps_if(&a.test, true);
                match &a.msg {
                    Some(m) => {
                        self.expr(m);
                        self.emit(Instr::Fail(1));
                    }
                    None => {
                        self.emit(Instr::Fail(0));
                    }
                }
                self.patch_all(ok);
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let n = self.name(&a.name);
                    match &a.asname {
                        Some(bound) => {
                            self.emit(Instr::Import(n));
                            self.store_var(bound);
                        }
                        None => {
                            self.emit(Instr::ImportTop(n));
                            let top = a.name.split('.').next().unwrap_or(&a.name);
                            self.store_var(top);
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                let level = i.level.map_or(0, |l| l.to_usize());
                let module = i.module.as_ref().map_or("", |n| n.as_str());
                let n = self.name(&format!("{}{module}", ".".repeat(level)));
                self.emit(Instr::Import(n));
                for a in &i.names {
                    if a.name.as_str() == "*" {
                        self.emit(Instr::Dup);
                        self.emit(Instr::ImportStar);
                        continue;
                    }
                    let n = self.name(&a.name);
                    self.emit(Instr::ImportFrom(n));
                    self.store_var(a.asname.as_ref().unwrap_or(&a.name));
                }
                self.emit(Instr::Pop);
            }
            other => {
                let what = match other {
                    Stmt::Match(_) => "the `match` statement",
                    _ => "this statement",
                };
                self.fail(&format!("{what} is not supported by floe"));
            }
        }
    }

    /// A loop's body (back to `start`), its `else` (where the test's jump `to_else`
    /// lands), and its `break`s (after the `else`).
    fn loop_rest(
        &mut self,
        start: u32,
        to_else: Vec<usize>,
        iterates: bool,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) {
        self.exits.push(Exit::Loop {
            start,
            breaks: Vec::new(),
            iterates,
        });
        self.block(body);
        self.emit(Instr::Jump(start));
        let Some(Exit::Loop { breaks, .. }) = self.exits.pop() else {
            unreachable!("the loop's own exit")
        };
        self.patch_all(to_else);
        self.block(orelse);
        for b in breaks {
            self.patch(b);
        }
    }

    /// A function or lambda: its defaults, then the function made from its code.
    pub(super) fn function(&mut self, node: &impl Ranged, args: &'a ast::Arguments) {
        let mut n = 0;
        for a in args.posonlyargs.iter().chain(&args.args) {
            if let Some(d) = &a.default {
                self.expr(d);
                n += 1;
            }
        }
        self.emit(Instr::BuildTuple(n));
        let mut k = 0;
        for a in &args.kwonlyargs {
            if let Some(d) = &a.default {
                self.load_const(Const::Str(floe_core::Str::from(a.def.arg.as_str())));
                self.expr(d);
                k += 1;
            }
        }
        self.emit(Instr::BuildDict(k));
        let code = self.nested(node);
        self.emit(Instr::MakeFunction(code));
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) {
        match &*a.target {
            Expr::Name(n) => {
                self.load_var(&n.id);
                self.expr(&a.value);
                self.emit(Instr::inplace(a.op));
                self.store_var(&n.id);
            }
            Expr::Attribute(at) => {
                self.expr(&at.value);
                self.emit(Instr::Dup);
                let n = self.name(&at.attr);
                self.emit(Instr::LoadAttr(n));
                self.expr(&a.value);
                self.emit(Instr::inplace(a.op));
                self.emit(Instr::StoreAttr(n));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
                self.emit(Instr::DupTwo);
                self.emit(Instr::GetItem);
                self.expr(&a.value);
                self.emit(Instr::inplace(a.op));
                self.emit(Instr::Rot3);
                self.emit(Instr::SetItem);
            }
            _ => self.fail("illegal expression for augmented assignment"),
        }
    }

    // ----- early exits -----

    /// `break` (or `continue`): undo every block between here and the loop.
    fn break_or_continue(&mut self, is_break: bool) {
        let mut undone = Vec::new();
        loop {
            let Some(exit) = self.exits.pop() else {
                unreachable!("the analysis put break/continue inside a loop")
            };
            if let Exit::Loop {
                start,
                mut breaks,
                iterates,
            } = exit
            {
                if is_break {
                    if iterates {
                        self.emit(Instr::PopIter);
                    }
                    breaks.push(self.emit(Instr::Jump(0)));
                } else {
                    self.emit(Instr::Jump(start));
                }
                self.exits.push(Exit::Loop {
                    start,
                    breaks,
                    iterates,
                });
                break;
            }
            // Undone with the exits below it in place (a `finally` body compiled here
            // sees only those).
            self.leave(&exit);
            undone.push(exit);
        }
        while let Some(e) = undone.pop() {
            self.exits.push(e);
        }
    }

    /// `return`: undo every block of the function (the value waits in its slot).
    fn unwind_all(&mut self) {
        let mut undone = Vec::new();
        while let Some(exit) = self.exits.pop() {
            self.leave(&exit);
            undone.push(exit);
        }
        while let Some(e) = undone.pop() {
            self.exits.push(e);
        }
    }

    /// What leaving `exit` early must do (it is already off the exit stack).
    fn leave(&mut self, exit: &Exit<'a>) {
        match exit {
            Exit::Loop { .. } => {} // an iteration dies with its frame on return
            Exit::Except => {
                self.emit(Instr::PopBlock);
            }
            Exit::Finally(body) => {
                self.emit(Instr::PopBlock);
                let body: &'a [Stmt] = body;
                self.block(body);
            }
            Exit::FinallyCaught => {
                self.emit(Instr::PopBlock);
                self.emit(Instr::Pop);
                self.emit(Instr::PopCaught);
            }
            Exit::Handler(name) => {
                self.emit(Instr::PopBlock);
                self.emit(Instr::EndHandler);
                if let Some(v) = name {
                    self.emit(Instr::Forget(*v));
                }
            }
            Exit::With => {
                // `exit(None, None, None)`; its result is ignored.
                self.emit(Instr::PopBlock);
                for _ in 0..3 {
                    self.load_const(Const::None);
                }
                self.emit(Instr::Call(3));
                self.emit(Instr::Pop);
            }
        }
    }

    // ----- with -----

    /// The `with` items from `items` on, then the body: each item is a `try` whose body
    /// is the rest, left normally or early through `__exit__(None, None, None)`, and by an
    /// exception through `WithExit`, which suppresses it if `__exit__` returns true.
    fn with_items(&mut self, w: &'a ast::StmtWith, items: &'a [ast::WithItem]) {
        let Some((item, rest)) = items.split_first() else {
            self.block(&w.body);
            return;
        };
        self.expr(&item.context_expr);
        self.emit(Instr::WithEnter);
        let setup = self.emit(Instr::SetupWith(0));
        self.exits.push(Exit::With);
        match &item.optional_vars {
            Some(target) => self.assign(target),
            None => {
                self.emit(Instr::Pop);
            }
        }
        self.with_items(w, rest);
        let exit = self.exits.pop().expect("the with's own exit");
        // The exit calls belong to the `with` line (for tracebacks), as in CPython.
        self.line(usize::from(w.start()));
        self.leave(&exit);
        let to_end = self.emit(Instr::Jump(0));
        // Reached by an exception (`exit exc` on the stack). An exception `__exit__`
        // raises replaces the caught one (the guard drops it).
        self.patch(setup);
        let guard = self.emit(Instr::SetupExcept(0));
        self.emit(Instr::WithExit);
        let reraise = self.emit(Instr::PopJumpIfFalse(0));
        self.emit(Instr::PopBlock);
        self.emit(Instr::Pop);
        self.emit(Instr::PopCaught);
        let suppressed = self.emit(Instr::Jump(0));
        self.patch(reraise);
        self.reraise_guarded(guard);
        self.patch(to_end);
        self.patch(suppressed);
    }

    /// The end of code run with a caught exception under `guard` (a `finally` body, the
    /// choice of a handler, `__exit__`): leave the guard and re-raise the caught
    /// exception; the guard's handler drops it and lets an exception the code raised go
    /// on instead.
    fn reraise_guarded(&mut self, guard: usize) {
        self.emit(Instr::PopBlock);
        self.emit(Instr::Reraise);
        self.patch(guard);
        self.emit(Instr::Pop);
        self.emit(Instr::ExitHandler(false));
    }

    // ----- try -----

    fn try_stmt(&mut self, t: &'a ast::StmtTry) {
        if t.finalbody.is_empty() {
            self.try_except(t);
            return;
        }
        let setup = self.emit(Instr::SetupExcept(0));
        self.exits.push(Exit::Finally(&t.finalbody));
        if t.handlers.is_empty() {
            self.block(&t.body);
            self.block(&t.orelse);
        } else {
            self.try_except(t);
        }
        self.exits.pop();
        self.emit(Instr::PopBlock);
        self.block(&t.finalbody);
        let to_end = self.emit(Instr::Jump(0));
        // Reached by an exception (pushed): run the body, then re-raise it. An exception
        // the body raises replaces it (the caught one is dropped on the way).
        self.patch(setup);
        let guard = self.emit(Instr::SetupExcept(0));
        self.exits.push(Exit::FinallyCaught);
        self.block(&t.finalbody);
        self.exits.pop();
        self.reraise_guarded(guard);
        self.patch(to_end);
    }

    fn try_except(&mut self, t: &'a ast::StmtTry) {
        let setup = self.emit(Instr::SetupExcept(0));
        self.exits.push(Exit::Except);
        self.block(&t.body);
        self.exits.pop();
        self.emit(Instr::PopBlock);
        self.block(&t.orelse);
        let mut to_end = vec![self.emit(Instr::Jump(0))];
        // The handlers, with the caught exception on the stack. Choosing one runs code
        // (the class expressions, binding the name) under a guard that drops the caught
        // exception if that code raises.
        self.patch(setup);
        let guard = self.emit(Instr::SetupExcept(0));
        for h in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            let mut next = None;
            if let Some(ty) = &h.type_ {
                self.emit(Instr::Dup);
                self.expr(ty);
                self.emit(Instr::MatchExc);
                next = Some(self.emit(Instr::PopJumpIfFalse(0)));
            }
            let name: Option<Var> = h.name.as_ref().map(|n| self.var(n));
            match &h.name {
                Some(n) => self.store_var(n),
                None => {
                    self.emit(Instr::Pop);
                }
            }
            self.emit(Instr::PopBlock);
            self.emit(Instr::BeginHandler);
            let cleanup = self.emit(Instr::SetupExcept(0));
            self.exits.push(Exit::Handler(name));
            self.block(&h.body);
            self.exits.pop();
            self.emit(Instr::PopBlock);
            self.emit(Instr::EndHandler);
            if let Some(v) = name {
                self.emit(Instr::Forget(v));
            }
            to_end.push(self.emit(Instr::Jump(0)));
            // An exception raised in the handler: clean up and let it go on.
            self.patch(cleanup);
            self.emit(Instr::Pop);
            if let Some(v) = name {
                self.emit(Instr::Forget(v));
            }
            self.emit(Instr::ExitHandler(true));
            if let Some(n) = next {
                self.patch(n);
            }
        }
        self.reraise_guarded(guard);
        for j in to_end {
            self.patch(j);
        }
    }
}
