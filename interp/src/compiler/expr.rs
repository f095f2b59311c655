//! Expressions, assignment and deletion targets, calls and comprehensions.

use floe_core::Str;
use rustpython_parser::ast::{self, Constant, Expr};

use super::{Compiler, Const, Instr};

/// Which parts of a slice are present, as `GetSlice`/`SetSlice`/`DeleteSlice` count them.
fn slice_mask(s: &ast::ExprSlice) -> u8 {
    u8::from(s.lower.is_some()) | u8::from(s.upper.is_some()) << 1 | u8::from(s.step.is_some()) << 2
}

/// A constant of the program text as the compiler keeps it.
fn constant(c: &Constant) -> Option<Const> {
    Some(match c {
        Constant::None => Const::None,
        Constant::Ellipsis => Const::Ellipsis,
        Constant::Bool(b) => Const::Bool(*b),
        Constant::Str(s) => Const::Str(Str::from(s.as_str())),
        Constant::Int(i) => match i64::try_from(i) {
            Ok(v) => Const::Int(v),
            Err(_) => Const::BigInt(i.clone()),
        },
        Constant::Float(f) => Const::Float(*f),
        Constant::Bytes(b) => Const::Bytes(b.clone()),
        Constant::Tuple(items) => Const::Tuple(items.iter().map(constant).collect::<Option<_>>()?),
        _ => return None,
    })
}

/// `-k` for a numeric literal `k`, folded as CPython folds it (`-1` is one constant, not
/// a negation run every time).
fn negated(k: &Expr) -> Option<Const> {
    let Expr::Constant(c) = k else {
        return None;
    };
    Some(match &c.value {
        Constant::Int(i) => {
            let n = -i.clone();
            i64::try_from(&n).map_or(Const::BigInt(n), Const::Int)
        }
        Constant::Float(f) => Const::Float(-f),
        _ => return None,
    })
}

impl<'a> Compiler<'a> {
    /// Compiles `test` for a branch (CPython's `compiler_jump_if`): the returned jumps,
    /// to be patched to the branch's target, are taken when the test's truth is `when`;
    /// otherwise execution falls through. `and`, `or` and `not` become jumps rather than
    /// values (no value is kept to be tested again), and a comparison ends in one fused
    /// compare-and-jump. The test's operands are evaluated, and their truth asked, once
    /// each and in order, exactly as for the value of the expression.
    pub(super) fn jumps_if(&mut self, test: &'a Expr, when: bool) -> Vec<usize> {
        match test {
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => self.jumps_if(&u.operand, !when),
            Expr::BoolOp(b) => {
                let (last, init) = b
                    .values
                    .split_last()
                    .expect("a boolean operation has operands");
                // `and` is decided by the first false operand, `or` by the first true one.
                let decides = matches!(b.op, ast::BoolOp::Or);
                let mut taken = Vec::new();
                let mut fall = Vec::new();
                for v in init {
                    let jumps = self.jumps_if(v, decides);
                    if decides == when {
                        taken.extend(jumps);
                    } else {
                        fall.extend(jumps);
                    }
                }
                taken.extend(self.jumps_if(last, when));
                self.patch_all(fall);
                taken
            }
            _ => {
                self.expr(test);
                vec![self.emit(if when {
                    Instr::PopJumpIfTrue(0)
                } else {
                    Instr::PopJumpIfFalse(0)
                })]
            }
        }
    }

    pub(super) fn expr(&mut self, e: &'a Expr) {
        match e {
            Expr::Constant(c) => match constant(&c.value) {
                Some(k) => self.load_const(k),
                None => self.fail("this literal is not supported by floe"),
            },
            Expr::Name(n) => self.load_var(&n.id),
            Expr::BinOp(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
                self.emit(Instr::binary(b.op));
            }
            Expr::UnaryOp(u) => {
                let folded = (u.op == ast::UnaryOp::USub)
                    .then(|| negated(&u.operand))
                    .flatten();
                match folded {
                    Some(k) => self.load_const(k),
                    None => {
                        self.expr(&u.operand);
                        self.emit(Instr::Unary(u.op));
                    }
                }
            }
            Expr::BoolOp(b) => {
                let mut ends = Vec::new();
                let (last, init) = b
                    .values
                    .split_last()
                    .expect("a boolean operation has operands");
                for v in init {
                    self.expr(v);
                    ends.push(self.emit(match b.op {
                        ast::BoolOp::And => Instr::JumpIfFalseOrPop(0),
                        ast::BoolOp::Or => Instr::JumpIfTrueOrPop(0),
                    }));
                }
                self.expr(last);
                for j in ends {
                    self.patch(j);
                }
            }
            Expr::Compare(c) => {
                self.expr(&c.left);
                let n = c.ops.len();
                let mut cleanups = Vec::new();
                for (i, (op, right)) in c.ops.iter().zip(&c.comparators).enumerate() {
                    self.expr(right);
                    if i + 1 < n {
                        self.emit(Instr::Dup);
                        self.emit(Instr::Rot3);
                        self.emit(Instr::Compare(*op));
                        cleanups.push(self.emit(Instr::JumpIfFalseOrPop(0)));
                    } else {
                        self.emit(Instr::Compare(*op));
                    }
                }
                if !cleanups.is_empty() {
                    let to_end = self.emit(Instr::Jump(0));
                    for j in cleanups {
                        self.patch(j);
                    }
                    self.emit(Instr::Rot2);
                    self.emit(Instr::Pop);
                    self.patch(to_end);
                }
            }
            Expr::IfExp(i) => {
                let to_else = self.jumps_if(&i.test, false);
                self.expr(&i.body);
                let to_end = self.emit(Instr::Jump(0));
                self.patch_all(to_else);
                self.expr(&i.orelse);
                self.patch(to_end);
            }
            Expr::List(l) => self.display(&l.elts, Instr::BuildList(0), None),
            Expr::Tuple(t) => self.display(&t.elts, Instr::BuildTuple(0), Some(Instr::ListToTuple)),
            Expr::Set(s) => self.display(&s.elts, Instr::BuildSet(0), Some(Instr::ListToSet)),
            Expr::Dict(d) => {
                if d.keys.iter().all(Option::is_some) {
                    for (k, v) in d.keys.iter().zip(&d.values) {
                        self.expr(k.as_ref().expect("checked above"));
                        self.expr(v);
                    }
                    self.emit(Instr::BuildDict(d.keys.len() as u32));
                } else {
                    self.emit(Instr::BuildDict(0));
                    for (k, v) in d.keys.iter().zip(&d.values) {
                        match k {
                            Some(k) => {
                                self.expr(k);
                                self.expr(v);
                                self.emit(Instr::DictSet);
                            }
                            None => {
                                self.expr(v);
                                self.emit(Instr::DictUpdate);
                            }
                        }
                    }
                }
            }
            Expr::Attribute(a) => {
                self.expr(&a.value);
                let n = self.name(&a.attr);
                self.emit(Instr::LoadAttr(n));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value);
                if let Expr::Slice(sl) = &*s.slice {
                    self.slice_parts(sl);
                    self.emit(Instr::GetSlice(slice_mask(sl)));
                } else {
                    self.expr(&s.slice);
                    self.emit(Instr::GetItem);
                }
            }
            Expr::Call(c) => self.call(c),
            Expr::Lambda(l) => self.function(l, &l.args),
            Expr::JoinedStr(j) => {
                for part in &j.values {
                    match part {
                        Expr::Constant(c) if matches!(c.value, Constant::Str(_)) => self.expr(part),
                        Expr::FormattedValue(_) => self.expr(part),
                        other => {
                            self.expr(other);
                            self.emit(Instr::Format(1));
                        }
                    }
                }
                self.emit(Instr::JoinStr(j.values.len() as u32));
            }
            Expr::FormattedValue(f) => {
                self.expr(&f.value);
                let conversion = match f.conversion {
                    ast::ConversionFlag::Str => 1,
                    ast::ConversionFlag::Repr => 2,
                    _ => 0,
                };
                let spec = match &f.format_spec {
                    Some(spec) => {
                        self.expr(spec);
                        4
                    }
                    None => 0,
                };
                self.emit(Instr::Format(conversion | spec));
            }
            Expr::ListComp(ast::ExprListComp { generators, .. })
            | Expr::SetComp(ast::ExprSetComp { generators, .. })
            | Expr::DictComp(ast::ExprDictComp { generators, .. })
            | Expr::GeneratorExp(ast::ExprGeneratorExp { generators, .. }) => {
                // The outermost iterable is evaluated here; the rest runs in the
                // comprehension's own scope.
                self.expr(&generators[0].iter);
                let code = self.nested(e);
                self.emit(Instr::Comprehension(code));
            }
            Expr::Yield(y) => {
                match &y.value {
                    Some(v) => self.expr(v),
                    None => self.load_const(Const::None),
                }
                self.emit(Instr::Yield);
            }
            Expr::YieldFrom(y) => {
                self.expr(&y.value);
                self.emit(Instr::GetYieldFromIter);
                self.load_const(Const::None);
                let start = self.here();
                let send = self.emit(Instr::Send(0));
                self.emit(Instr::YieldFrom);
                self.emit(Instr::Jump(start));
                self.patch(send);
            }
            Expr::NamedExpr(n) => {
                self.expr(&n.value);
                self.emit(Instr::Dup);
                self.assign(&n.target);
            }
            Expr::Starred(_) => self.fail("can't use starred expression here"),
            Expr::Slice(_) => self.fail("a slice is only allowed in a subscript"),
            _ => self.fail("this expression is not supported by floe"),
        }
    }

    /// A list, tuple or set display: built directly, or through a list when an element is
    /// starred (`*iterable`), then converted by `convert`.
    fn display(&mut self, elts: &'a [Expr], build: Instr, convert: Option<Instr>) {
        if elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
            self.emit(Instr::BuildList(0));
            for e in elts {
                if let Expr::Starred(s) = e {
                    self.expr(&s.value);
                    self.emit(Instr::ListExtend);
                } else {
                    self.expr(e);
                    self.emit(Instr::ListAppend);
                }
            }
            if let Some(c) = convert {
                self.emit(c);
            }
            return;
        }
        for e in elts {
            self.expr(e);
        }
        let n = elts.len() as u32;
        self.emit(match build {
            Instr::BuildList(_) => Instr::BuildList(n),
            Instr::BuildTuple(_) => Instr::BuildTuple(n),
            _ => Instr::BuildSet(n),
        });
    }

    fn slice_parts(&mut self, sl: &'a ast::ExprSlice) {
        for part in [&sl.lower, &sl.upper, &sl.step].into_iter().flatten() {
            self.expr(part);
        }
    }

    /// A comprehension's own code (RFC-0008 §4): its loops, the outermost over `.0`,
    /// building the list, set or dict it returns, or yielding each element.
    pub(super) fn comprehension_body(&mut self, e: &'a Expr) {
        match e {
            Expr::ListComp(c) => {
                self.emit(Instr::BuildList(0));
                self.loops(&c.generators, true, &|me| {
                    me.expr(&c.elt);
                    me.emit(Instr::ListAppend);
                });
            }
            Expr::SetComp(c) => {
                self.emit(Instr::BuildSet(0));
                self.loops(&c.generators, true, &|me| {
                    me.expr(&c.elt);
                    me.emit(Instr::SetAdd);
                });
            }
            Expr::DictComp(c) => {
                self.emit(Instr::BuildDict(0));
                self.loops(&c.generators, true, &|me| {
                    me.expr(&c.key);
                    me.expr(&c.value);
                    me.emit(Instr::DictSet);
                });
            }
            Expr::GeneratorExp(c) => {
                self.loops(&c.generators, true, &|me| {
                    me.expr(&c.elt);
                    me.emit(Instr::Yield);
                    me.emit(Instr::Pop);
                });
                self.load_const(Const::None);
            }
            _ => unreachable!("the analysis makes comprehension code of comprehensions"),
        }
        self.emit(Instr::Return);
    }

    /// A comprehension's loops, with `body` innermost; the outermost iterates `.0` if
    /// `outermost`. The collection being built stays under the loops on the stack.
    fn loops(
        &mut self,
        gens: &'a [ast::Comprehension],
        outermost: bool,
        body: &dyn Fn(&mut Compiler<'a>),
    ) {
        let Some((first, rest)) = gens.split_first() else {
            body(self);
            return;
        };
        if outermost {
            self.load_var(".0");
        } else {
            self.expr(&first.iter);
        }
        self.emit(Instr::GetIter);
        let start = self.here();
        let to_end = self.emit(Instr::ForIter(0));
        self.assign(&first.target);
        for cond in &first.ifs {
            for at in self.jumps_if(cond, false) {
                self.patch_to(at, start);
            }
        }
        self.loops(rest, false, body);
        self.emit(Instr::Jump(start));
        self.patch(to_end);
    }

    fn call(&mut self, c: &'a ast::ExprCall) {
        let simple = !c.args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && c.keywords.iter().all(|k| k.arg.is_some());
        // `super()` with no arguments: the method's class and first argument.
        if let (Expr::Name(n), true, true) = (&*c.func, c.args.is_empty(), c.keywords.is_empty()) {
            if n.id.as_str() == "super" && self.zero_arg_super() {
                return;
            }
        }
        if let (Expr::Attribute(a), true) = (&*c.func, simple) {
            self.expr(&a.value);
            for arg in &c.args {
                self.expr(arg);
            }
            let name = self.name(&a.attr);
            let argc = (c.args.len() + c.keywords.len()) as u32;
            if c.keywords.is_empty() {
                self.emit(Instr::CallMethod(name, argc));
            } else {
                let names = self.keywords(c);
                self.emit(Instr::CallMethodKw(name, argc, names));
            }
            return;
        }
        self.expr(&c.func);
        if simple {
            for arg in &c.args {
                self.expr(arg);
            }
            if c.keywords.is_empty() {
                self.emit(Instr::Call(c.args.len() as u32));
            } else {
                let names = self.keywords(c);
                self.emit(Instr::CallKw(
                    (c.args.len() + c.keywords.len()) as u32,
                    names,
                ));
            }
            return;
        }
        self.emit(Instr::BuildList(0));
        for arg in &c.args {
            if let Expr::Starred(s) = arg {
                self.expr(&s.value);
                self.emit(Instr::ListExtend);
            } else {
                self.expr(arg);
                self.emit(Instr::ListAppend);
            }
        }
        self.emit(Instr::BuildDict(0));
        for k in &c.keywords {
            match &k.arg {
                Some(name) => {
                    self.load_const(Const::Str(Str::from(name.as_str())));
                    self.expr(&k.value);
                    self.emit(Instr::KwSet);
                }
                None => {
                    self.expr(&k.value);
                    self.emit(Instr::KwUpdate);
                }
            }
        }
        self.emit(Instr::CallEx);
    }

    /// Pushes the keyword arguments' values; returns the constant naming them.
    fn keywords(&mut self, c: &'a ast::ExprCall) -> u32 {
        let mut names = Vec::new();
        for k in &c.keywords {
            self.expr(&k.value);
            names.push(Str::from(k.arg.as_ref().expect("simple call").as_str()));
        }
        self.konst(Const::Names(names))
    }

    /// Compiles `super()` as the zero-argument form when this is a method with a first
    /// parameter and a `__class__` cell; otherwise the call is an ordinary one.
    fn zero_arg_super(&mut self) -> bool {
        let Some(code) = self.code else { return false };
        let Some(first) = code.params.positional.first() else {
            return false;
        };
        if !self.cells.contains_key("__class__") {
            return false;
        }
        let first = first.to_string();
        self.load_var("super");
        self.load_var("__class__");
        self.load_var(&first);
        self.emit(Instr::SuperZero);
        true
    }

    // ----- targets -----

    /// Stores the top of the stack into a target.
    pub(super) fn assign(&mut self, target: &'a Expr) {
        match target {
            Expr::Name(n) => self.store_var(&n.id),
            Expr::Attribute(a) => {
                self.expr(&a.value);
                self.emit(Instr::Rot2);
                let n = self.name(&a.attr);
                self.emit(Instr::StoreAttr(n));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value);
                if let Expr::Slice(sl) = &*s.slice {
                    self.slice_parts(sl);
                    self.emit(Instr::SetSlice(slice_mask(sl)));
                } else {
                    self.expr(&s.slice);
                    self.emit(Instr::SetItem);
                }
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                match elts.iter().position(|e| matches!(e, Expr::Starred(_))) {
                    None => {
                        self.emit(Instr::Unpack(elts.len() as u32));
                        for t in elts {
                            self.assign(t);
                        }
                    }
                    Some(s) => {
                        let after = elts.len() - s - 1;
                        self.emit(Instr::UnpackStar(s as u32, after as u32));
                        for t in elts {
                            match t {
                                Expr::Starred(st) => self.assign(&st.value),
                                t => self.assign(t),
                            }
                        }
                    }
                }
            }
            _ => {
                self.emit(Instr::Pop);
                self.fail("cannot assign to this expression");
            }
        }
    }

    pub(super) fn delete(&mut self, target: &'a Expr) {
        match target {
            Expr::Name(n) => {
                let v = self.var(&n.id);
                self.emit(Instr::Delete(v));
            }
            Expr::Attribute(a) => {
                self.expr(&a.value);
                let n = self.name(&a.attr);
                self.emit(Instr::DeleteAttr(n));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value);
                if let Expr::Slice(sl) = &*s.slice {
                    self.slice_parts(sl);
                    self.emit(Instr::DeleteSlice(slice_mask(sl)));
                } else {
                    self.expr(&s.slice);
                    self.emit(Instr::DeleteItem);
                }
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.delete(e);
                }
            }
            _ => self.fail("cannot delete this expression"),
        }
    }
}
