//! The instructions a hot loop seldom runs — deletions, slices, set and dict displays,
//! keyword-argument building, f-strings, starred unpacking, function and class
//! definitions, exception handlers, imports — run here, out of the dispatch loop: the
//! loop's own stack frame and registers are then those of the instructions that run
//! most (RFC-0008 §3).

use floe_core::{Dict, List, Set, Tuple, Value};

use crate::compiler::Instr;
use crate::errors::{Exc, Flow};
use crate::interp::{Args, Interp};
use crate::Res;

impl Interp {
    /// Runs `instr`, one of the instructions the dispatch loop sends here (none of them
    /// jumps or changes the running frame; an exception leaves as the `Err`).
    #[inline(never)]
    pub(super) fn run_rare(&mut self, instr: Instr) -> Res<()> {
        match instr {
            Instr::DupTwo => {
                let stack = &mut top!(self).stack;
                let n = stack.len();
                let (a, b) = (stack[n - 2].clone(), stack[n - 1].clone());
                stack.push(a);
                stack.push(b);
            }
            Instr::Rot3 => {
                let stack = &mut top!(self).stack;
                let v = stack.pop().expect("a value");
                let n = stack.len();
                stack.insert(n - 2, v);
            }
            Instr::Delete(var) => {
                if !self.delete_var(var) {
                    let name = self.var_name(var);
                    return Err(self.exc("NameError", format!("name '{name}' is not defined")));
                }
            }
            Instr::Forget(var) => {
                self.delete_var(var);
            }
            Instr::DeleteAttr(n) => {
                let obj = pop!(self);
                let name = top!(self).bc.names[n as usize].clone();
                self.delattr(&obj, &name)?;
            }
            Instr::DeleteItem => {
                let index = pop!(self);
                let obj = pop!(self);
                self.delitem(&obj, &index)?;
            }
            Instr::GetSlice(mask) => {
                let (lo, hi, step) = self.slice_parts(mask)?;
                let obj = pop!(self);
                let v = self.get_slice(&obj, lo, hi, step)?;
                push!(self, v);
            }
            Instr::SetSlice(mask) => {
                let (lo, hi, step) = self.slice_parts(mask)?;
                let obj = pop!(self);
                let value = pop!(self);
                self.set_slice(&obj, lo, hi, step, value)?;
            }
            Instr::DeleteSlice(mask) => {
                let (lo, hi, step) = self.slice_parts(mask)?;
                let obj = pop!(self);
                self.del_slice(&obj, lo, hi, step)?;
            }
            Instr::BuildSet(n) => {
                let items = self.pop_n(n as usize);
                // A comprehension's set (n = 0) starts with CPython's eight slots.
                let set = Set::with_capacity(items.len().max(8));
                for v in items {
                    self.set_add(&set, v)?;
                }
                push!(self, set.into());
            }
            Instr::BuildDict(n) => {
                let items = self.pop_n(2 * n as usize);
                let dict = Dict::new();
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    self.dict_set(&dict, k, v)?;
                }
                push!(self, dict.into());
            }
            Instr::ListExtend => {
                let it = pop!(self);
                let items = self.collect(&it)?;
                let list = top!(self).stack.last().expect("the list").clone();
                let l = List::try_from(list.as_obj().expect("a list").clone()).expect("a list");
                let len = l.len();
                l.splice(len, len, items)
                    .map_err(|e| self.core_exc(e, &[&list, &it]))?;
            }
            Instr::ListToTuple => {
                let list = pop!(self);
                let items = self.collect(&list)?;
                push!(self, Tuple::new(items).into());
            }
            Instr::ListToSet => {
                let list = pop!(self);
                let set = Set::new([]).expect("an empty set");
                for v in self.collect(&list)? {
                    self.set_add(&set, v)?;
                }
                push!(self, set.into());
            }
            Instr::KwSet | Instr::KwUpdate => {
                let pairs = if instr == Instr::KwSet {
                    let v = pop!(self);
                    let k = pop!(self);
                    vec![(k, v)]
                } else {
                    let m = pop!(self);
                    self.mapping_items(&m)?
                };
                let dict = top!(self).stack.last().expect("the dict").clone();
                let d = Dict::try_from(dict.as_obj().expect("a dict").clone()).expect("a dict");
                for (k, v) in pairs {
                    if matches!(d.get(&k), Ok(Some(_))) {
                        let name = self.str_of(&k)?;
                        return Err(self.exc(
                            "TypeError",
                            format!("got multiple values for keyword argument '{name}'"),
                        ));
                    }
                    d.set(k.clone(), v).map_err(|e| self.core_exc(e, &[&k]))?;
                }
            }
            Instr::DictUpdate => {
                let m = pop!(self);
                let dict = top!(self).stack.last().expect("the dict").clone();
                let d = Dict::try_from(dict.as_obj().expect("a dict").clone()).expect("a dict");
                for (k, v) in self.mapping_items(&m)? {
                    self.dict_set(&d, k, v)?;
                }
            }
            Instr::JoinStr(n) => {
                let parts = self.pop_n(n as usize);
                let mut out = String::new();
                for p in &parts {
                    match p {
                        Value::Str(s) => out.push_str(s),
                        other => out.push_str(&self.str_of(other)?),
                    }
                }
                push!(self, Value::str(&out));
            }
            Instr::Format(flags) => {
                let spec = if flags & 4 != 0 {
                    let s = pop!(self);
                    self.str_of(&s)?
                } else {
                    String::new()
                };
                let v = pop!(self);
                let v = match flags & 3 {
                    1 => Value::str(&self.str_of(&v)?),
                    2 => Value::str(&self.repr(&v)?),
                    _ => v,
                };
                let s = self.format_value(&v, &spec)?;
                push!(self, Value::str(&s));
            }
            Instr::UnpackStar(before, after) => {
                let v = pop!(self);
                let mut items = self.collect(&v)?;
                let (before, after) = (before as usize, after as usize);
                if items.len() < before + after {
                    return Err(self.unpack_error(before + after, items.len()));
                }
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(before);
                let stack = &mut top!(self).stack;
                stack.extend(tail.into_iter().rev());
                stack.push(List::new(middle).into());
                stack.extend(items.into_iter().rev());
            }
            Instr::SuperZero => {
                let this = pop!(self);
                let class = pop!(self);
                let sup = pop!(self);
                let v = if crate::runtime::is_builtin(&sup, "super") {
                    self.new_super(class, this)?
                } else {
                    self.call(&sup, Args::default())?
                };
                push!(self, v);
            }
            Instr::MakeFunction(code) => {
                let kwdefaults = pop!(self);
                let defaults = pop!(self);
                let f = self.make_function(code, defaults, kwdefaults)?;
                push!(self, f);
            }
            Instr::MakeClass(code, nbases) => {
                let bases = self.pop_n(nbases as usize);
                let c = self.make_class(code, bases)?;
                push!(self, c);
            }
            Instr::GetYieldFromIter => {
                let v = pop!(self);
                let it = self.iter_value(&v)?;
                push!(self, it);
            }
            Instr::Fail(kind) => {
                let flow = match kind {
                    0 => {
                        let value = self.new_exception("AssertionError", vec![]);
                        Flow::Exc(Box::new(Exc {
                            value,
                            tb: Vec::new(),
                        }))
                    }
                    1 => {
                        let msg = pop!(self);
                        let value = self.new_exception("AssertionError", vec![msg]);
                        Flow::Exc(Box::new(Exc {
                            value,
                            tb: Vec::new(),
                        }))
                    }
                    _ => {
                        let msg = pop!(self);
                        let text = self.str_of(&msg)?;
                        self.exc("SyntaxError", text)
                    }
                };
                return Err(flow);
            }
            Instr::MatchExc => {
                let cls = pop!(self);
                let exc = pop!(self);
                let m = self.handler_matches(&exc, &cls)?;
                push!(self, Value::Bool(m));
            }
            Instr::BeginHandler => {
                let v = top!(self)
                    .caught
                    .last()
                    .expect("the caught exception")
                    .0
                    .value
                    .clone();
                self.handling.push(v);
            }
            Instr::EndHandler => {
                self.handling.pop();
                top!(self).caught.pop();
            }
            Instr::ExitHandler(handling) => {
                let frame = top!(self);
                let (mut new, new_at) = frame
                    .caught
                    .pop()
                    .expect("the exception raised in the handler");
                let (old, old_at) = frame.caught.pop().expect("the exception handled");
                // A re-raise keeps the traceback it had, and where it was raised here.
                frame.raised_at = Some(new_at);
                if new.value.is(&old.value) && new.tb.is_empty() {
                    new.tb = old.tb;
                    frame.raised_at = Some(old_at);
                }
                if handling {
                    self.handling.pop();
                }
                return Err(Flow::Exc(Box::new(new)));
            }
            Instr::Reraise => {
                let frame = top!(self);
                frame.stack.pop();
                let (exc, at) = frame.caught.pop().expect("a caught exception");
                frame.raised_at = Some(at);
                return Err(Flow::Exc(Box::new(exc)));
            }
            Instr::PopCaught => {
                top!(self).caught.pop();
            }
            Instr::Import(n) => {
                let name = top!(self).bc.names[n as usize].clone();
                let m = self.import(&name, false)?;
                push!(self, m);
            }
            Instr::ImportTop(n) => {
                let name = top!(self).bc.names[n as usize].clone();
                let m = self.import(&name, true)?;
                push!(self, m);
            }
            Instr::ImportFrom(n) => {
                let module = top!(self).stack.last().expect("the module").clone();
                let name = top!(self).bc.names[n as usize].clone();
                let v = self.import_from(&module, &name)?;
                push!(self, v);
            }
            Instr::ImportStar => {
                let module = pop!(self);
                self.import_star(&module)?;
            }
            Instr::Echo => {
                let v = pop!(self);
                if !matches!(v, Value::None) {
                    let text = self.repr(&v)?;
                    self.write_out(&format!("{text}\n"));
                }
            }
            other => unreachable!("{other:?} runs in the dispatch loop"),
        }
        Ok(())
    }
}
