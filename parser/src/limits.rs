//! Input limits of the front end: how deep the recursive parts of the input
//! (expressions, proofs, nested modules, `.cfg` values, chains of EXTENDS
//! and INSTANCE) may nest, and the stack growth that lets the recursive
//! passes (parser, printer, name checker, loader) reach those depths on any
//! thread, whatever its stack size.
//!
//! Past a limit the input is refused with a diagnostic whose code starts
//! with [`CODE_PREFIX`] (see [`is_limit`]), pointing at the token where the
//! limit was hit. Such an input is not a wrong spec but one tlatrace will
//! not read: the command line reports it as an input error (exit 2), as it
//! does an unreadable file, not as a spec error (exit 1).

use crate::diag::Diag;

/// The deepest nesting of expressions (parentheses, brackets, braces,
/// tuples, IF/CASE/LET, quantifiers, prefix operators, one level per
/// operator of a chain such as `a + b + c`), of proof steps and of modules
/// inside modules that the parser accepts.
pub const MAX_NESTING: u32 = 10_000;

/// The longest chain of modules that EXTEND or INSTANCE one another that
/// the loader follows (`A` extends `B` extends `C` ... ).
pub const MAX_MODULE_CHAIN: u32 = 1_000;

/// Stack that must remain before a recursive step; below it, the step runs
/// on a fresh segment. Large enough for the deepest stack a pass uses
/// between two of its [`with_stack`] calls, in the debug build.
const RED_ZONE: usize = 256 * 1024;

/// Size of each fresh stack segment.
const SEGMENT: usize = 4 * 1024 * 1024;

/// The code prefix of every limit diagnostic.
pub const CODE_PREFIX: &str = "limit::";

/// The diagnostic code of nesting past [`MAX_NESTING`] in a `.tla` file.
pub const CODE_NESTING: &str = "limit::nesting";

/// The diagnostic code of a module chain longer than [`MAX_MODULE_CHAIN`].
pub const CODE_MODULE_CHAIN: &str = "limit::module-chain";

/// The diagnostic code of a `.cfg` value nested past [`MAX_NESTING`].
pub const CODE_CFG_NESTING: &str = "limit::cfg-nesting";

/// Runs `f`, first switching to a fresh stack segment (on the heap) when
/// less than a red zone of stack is left. Every recursive pass of the front
/// end calls it once per level, so that depth is bounded by the input
/// limits above, not by the thread's stack.
pub fn with_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(RED_ZONE, SEGMENT, f)
}

/// Whether `d` reports input past one of the limits of this module.
pub fn is_limit(d: &Diag) -> bool {
    d.code
        .as_deref()
        .is_some_and(|c| c.starts_with(CODE_PREFIX))
}

/// `n` with a comma every three digits (`10,000`), for messages.
pub(crate) fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
