//! The `with` statement's two calls (RFC-0008 §2): entering a context manager, and
//! offering its `__exit__` the exception that left the block.

use floe_core::Value;

use crate::interp::{Args, Interp};
use crate::Res;

impl Interp {
    /// `WithEnter`: `manager` → `exit result`. `__exit__` is pushed before `__enter__`
    /// runs (a Python `__enter__` gets a frame on top and its result lands above it).
    pub(super) fn with_enter(&mut self) -> Res<()> {
        let manager = self.pop_top();
        let enter = self.context_method(&manager, "__enter__", "")?;
        let exit = self.context_method(&manager, "__exit__", " (missed __exit__ method)")?;
        self.push_result(exit);
        self.call_here(enter, Args::default())
    }

    /// `WithExit`: `exit exc` → `exc result`, the result of `exit(type(exc), exc, None)`.
    /// The exception is being handled while `__exit__` runs (a bare `raise` there
    /// re-raises it), so the call runs to its end here rather than in a frame on top.
    pub(super) fn with_exit(&mut self) -> Res<()> {
        let exc = self.pop_top();
        let exit = self.pop_top();
        let args = Args::of(vec![self.type_of(&exc), exc.clone(), Value::None]);
        self.push_result(exc.clone());
        self.handling.push(exc);
        let result = self.call(&exit, args);
        self.handling.pop();
        self.push_result(result?);
        Ok(())
    }

    /// The manager's method `name`, bound, if its class defines one (special methods
    /// are looked up on the type, as in Python); a `TypeError` otherwise.
    fn context_method(&mut self, manager: &Value, name: &str, missing: &str) -> Res<Value> {
        let Some(method) = self.special(manager, name) else {
            let ty = manager.type_name();
            return Err(self.exc(
                "TypeError",
                format!("'{ty}' object does not support the context manager protocol{missing}"),
            ));
        };
        // The class's function, bound (an instance attribute of the same name is not
        // it); a static or class method through the usual lookup.
        match &method {
            Value::Obj(f) if f.kind() == floe_core::Kind::Function => {
                Ok(self.bind_method(manager, method))
            }
            _ => self.getattr(manager, name),
        }
    }
}
