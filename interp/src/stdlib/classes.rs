//! Classes a standard-library module defines in Rust (`functools.partial`, …): ordinary
//! (not built-in) classes whose special methods are built-in functions, which the
//! interpreter calls with the instance first. Each is made once per process and frozen
//! (immortal, like the built-in types), so every interpreter and behaviour shares it.

use std::sync::OnceLock;

use floe_core::{freeze_component, Class, Frozen};

use crate::runtime::{builtin, types, BuiltinFn};

/// The class kept in `cell`, made on first use: named `name`, deriving from the
/// built-in class `base`, with the built-in functions `methods` as attributes.
pub(super) fn native_class(
    cell: &'static OnceLock<Frozen>,
    name: &str,
    base: &str,
    methods: &[(&'static str, BuiltinFn)],
) -> Class {
    let frozen = cell.get_or_init(|| {
        let c = Class::new(name, &[types().class(base)]);
        for &(n, f) in methods {
            c.set_attr(n, builtin(n, f))
                .expect("a new class accepts attributes");
        }
        freeze_component(std::slice::from_ref(c.as_obj())).expect("a new class freezes");
        Frozen::try_from(c.into_obj())
            .expect("frozen")
            .into_immortal()
    });
    Class::try_from(frozen.get().clone()).expect("a class")
}
