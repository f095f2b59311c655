//! Strings: immutable, one allocation, one word wide, with their hash computed once; and
//! the process-wide interner that lets every thread agree on the identity of a name.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::LazyLock;

use dashmap::DashMap;
use triomphe::ThinArc;

/// An immutable string, shareable between threads: a thin pointer (one word) to one
/// allocation holding the count, the hash and the bytes.
///
/// The hash ([`Str::hash_code`]) is computed once, when the string is made, so a `str` key
/// costs no rehashing in a dict. Equal strings are equal whether or not they are the same
/// allocation; [`Str::intern`] returns the same allocation for equal names on every
/// thread, so identity comparisons ([`Str::ptr_eq`]) can stand in for `==` on names.
///
/// # Examples
/// ```
/// use floe_core::Str;
/// let a = Str::from("spam");
/// assert_eq!(&*a, "spam");
/// assert_eq!(a, Str::from(String::from("spam")));
/// assert_eq!(a.hash_code(), Str::from("spam").hash_code());
/// assert!(Str::ptr_eq(&Str::intern("spam"), &Str::intern("spam")));
/// assert_eq!(std::mem::size_of::<Str>(), 8);
/// ```
#[derive(Clone)]
pub struct Str(ThinArc<u64, u8>);

/// The hash of a string's text: foldhash at the fixed seed that [`crate::Key`] uses for
/// every key, so a string hashes alike in every thread and run.
pub(crate) fn text_hash(s: &str) -> u64 {
    let mut h = crate::value::hasher();
    s.hash(&mut h);
    h.finish()
}

impl Str {
    /// Makes a string (one allocation), computing its hash.
    pub fn new(s: &str) -> Str {
        Str(ThinArc::from_header_and_slice(text_hash(s), s.as_bytes()))
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        // SAFETY: the only constructor, `Str::new`, copies the bytes of a `&str`, which are
        // UTF-8, and a `ThinArc`'s slice is never written after construction.
        unsafe { std::str::from_utf8_unchecked(&self.0.slice) }
    }

    /// The hash computed when the string was made (the one [`crate::Key`] uses).
    #[inline]
    pub fn hash_code(&self) -> u64 {
        self.0.header.header
    }

    /// `true` if both are the same allocation (always the case for equal interned
    /// strings).
    #[inline]
    pub fn ptr_eq(a: &Str, b: &Str) -> bool {
        std::ptr::eq(&*a.0, &*b.0)
    }

    /// The one interned string equal to `s`, shared by every thread. Interned strings live
    /// as long as the process (like CPython's interned identifiers); intern names, not data.
    pub fn intern(s: &str) -> Str {
        if let Some(found) = Str::find_interned(s) {
            return found;
        }
        INTERNED.entry(Str::new(s)).or_default().key().clone()
    }

    /// The interned string equal to `s`, if one was made; interns nothing (for names
    /// that may be data: a lookup by a name nobody interned cannot be one by pointer).
    ///
    /// # Examples
    /// ```
    /// use floe_core::Str;
    /// let spam = Str::intern("spam");
    /// assert!(Str::ptr_eq(&Str::find_interned("spam").unwrap(), &spam));
    /// assert!(Str::find_interned("never interned 8d1f").is_none());
    /// ```
    pub fn find_interned(s: &str) -> Option<Str> {
        INTERNED.get(s).map(|found| found.key().clone())
    }
}

/// The interned strings ([`Str::intern`]).
static INTERNED: LazyLock<DashMap<Str, (), foldhash::fast::FixedState>> =
    LazyLock::new(DashMap::default);

impl Deref for Str {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self
    }
}

impl PartialEq for Str {
    #[inline]
    fn eq(&self, other: &Str) -> bool {
        Str::ptr_eq(self, other) || (self.hash_code() == other.hash_code() && **self == **other)
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

/// As `str`'s own `Hash` (so maps keyed by `Str` can be probed with a `&str`); the cached
/// [`Str::hash_code`] is what [`crate::Key`] uses.
impl Hash for Str {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str::new(s)
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str::new(&s)
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Str {
        Str::new(s)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}
