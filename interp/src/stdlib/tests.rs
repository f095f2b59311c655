//! Unit tests of the standard library's pieces that scripts cannot see alone.

use super::random::Generator;
