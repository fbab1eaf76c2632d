//! Operators of the standard modules implemented natively, as TLC does:
//! Naturals, Integers, Sequences, FiniteSets, TLC. Other operators of the
//! bundled modules are evaluated from their TLA+ definitions.
//!
//! The table is here (which operators are native, and what the lowerer and
//! the evaluator need to know of each); their implementation on values is
//! in `apply`.

mod apply;

pub use apply::{agrees, apply};

/// A native operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// `a + b`.
    Plus,
    /// `a - b`.
    Minus,
    /// `a * b`.
    Times,
    /// `a ^ b`.
    Pow,
    /// `a < b`.
    Lt,
    /// `a > b`.
    Gt,
    /// `a <= b`.
    Le,
    /// `a >= b`.
    Ge,
    /// `a .. b`.
    Range,
    /// `a \div b`.
    Div,
    /// `a % b`.
    Mod,
    /// `Nat`.
    Nat,
    /// `-a`.
    Neg,
    /// `Int`.
    Int,
    /// `Seq(S)`.
    Seq,
    /// `Len(s)`.
    Len,
    /// `s \o t`.
    Concat,
    /// `Append(s, e)`.
    Append,
    /// `Head(s)`.
    Head,
    /// `Tail(s)`.
    Tail,
    /// `SubSeq(s, m, n)`.
    SubSeq,
    /// `SelectSeq(s, Test)`.
    SelectSeq,
    /// `IsFiniteSet(S)`.
    IsFiniteSet,
    /// `Cardinality(S)`.
    Cardinality,
    /// `Print(out, val)`.
    Print,
    /// `PrintT(out)`.
    PrintT,
    /// `Assert(val, out)`.
    Assert,
    /// `JavaTime`.
    JavaTime,
    /// `TLCGet(i)`.
    TLCGet,
    /// `TLCSet(i, v)`.
    TLCSet,
    /// `d :> e`.
    SingleFn,
    /// `f @@ g`.
    MergeFn,
    /// `Permutations(S)`.
    Permutations,
    /// `SortSeq(s, Op)`.
    SortSeq,
    /// `RandomElement(S)`.
    RandomElement,
    /// `Any`.
    Any,
    /// `ToString(v)`.
    ToString,
    /// `TLCEval(v)`.
    TLCEval,
    /// `S \cup T` passed as an operator.
    Cup,
    /// `S \cap T` passed as an operator.
    Cap,
    /// `S \ T` passed as an operator.
    SetMinus,
    /// `a = b` passed as an operator.
    Eq,
    /// `a /\ b` passed as an operator.
    And,
    /// `a \/ b` passed as an operator.
    Or,
    /// Not an operator of any module: `Agrees(v, x)`, built by the trace
    /// checker to restrict a variable bound inside an action to the value
    /// `v` a log gives it (see [`agrees`]).
    Agrees,
}

/// The native implementation of `name` defined in module `module`, if any.
pub fn native(module: &str, name: &str) -> Option<Builtin> {
    use Builtin::*;
    Some(match (module, name) {
        ("Naturals" | "Integers", "+") => Plus,
        ("Naturals" | "Integers", "-") => Minus,
        ("Naturals" | "Integers", "*") => Times,
        ("Naturals" | "Integers", "^") => Pow,
        ("Naturals" | "Integers", "<") => Lt,
        ("Naturals" | "Integers", ">") => Gt,
        ("Naturals" | "Integers", "<=") => Le,
        ("Naturals" | "Integers", ">=") => Ge,
        ("Naturals" | "Integers", "..") => Range,
        ("Naturals" | "Integers", "\\div") => Div,
        ("Naturals" | "Integers", "%") => Mod,
        ("Naturals" | "Integers", "Nat") => Nat,
        ("Integers", "-.") => Neg,
        ("Integers", "Int") => Int,
        ("Sequences", "Seq") => Seq,
        ("Sequences", "Len") => Len,
        ("Sequences", "\\o") => Concat,
        ("Sequences", "Append") => Append,
        ("Sequences", "Head") => Head,
        ("Sequences", "Tail") => Tail,
        ("Sequences", "SubSeq") => SubSeq,
        ("Sequences", "SelectSeq") => SelectSeq,
        ("FiniteSets", "IsFiniteSet") => IsFiniteSet,
        ("FiniteSets", "Cardinality") => Cardinality,
        ("TLC", "Print") => Print,
        ("TLC", "PrintT") => PrintT,
        ("TLC", "Assert") => Assert,
        ("TLC", "JavaTime") => JavaTime,
        ("TLC", "TLCGet") => TLCGet,
        ("TLC", "TLCSet") => TLCSet,
        ("TLC", ":>") => SingleFn,
        ("TLC", "@@") => MergeFn,
        ("TLC", "Permutations") => Permutations,
        ("TLC", "SortSeq") => SortSeq,
        ("TLC", "RandomElement") => RandomElement,
        ("TLC", "Any") => Any,
        ("TLC", "ToString") => ToString,
        ("TLC", "TLCEval") => TLCEval,
        _ => return None,
    })
}

/// Built-in operators that can be passed by their symbol to a higher-order
/// operator (`ReduceSet(\cap, ...)`).
pub fn operator_symbol(name: &str) -> Option<Builtin> {
    use Builtin::*;
    Some(match name {
        "\\cup" => Cup,
        "\\cap" => Cap,
        "\\" => SetMinus,
        "=" => Eq,
        "/\\" => And,
        "\\/" => Or,
        _ => return None,
    })
}

impl Builtin {
    /// Whether the operator always gives the same value for the same
    /// arguments (so constant definitions using it can be computed once).
    pub fn is_pure(self) -> bool {
        !matches!(
            self,
            Builtin::JavaTime | Builtin::TLCGet | Builtin::TLCSet | Builtin::RandomElement
        )
    }

    /// The arity of the operator expected as argument `k`, or 0 for a value
    /// argument.
    pub fn oparg_arity(self, k: usize) -> usize {
        match (self, k) {
            (Builtin::SelectSeq, 1) => 1,
            (Builtin::SortSeq, 1) => 2,
            _ => 0,
        }
    }

    /// Whether the operator takes an operator argument (evaluated by the
    /// evaluator, not by [`apply`]).
    pub fn higher_order(self) -> bool {
        matches!(self, Builtin::SelectSeq | Builtin::SortSeq)
    }
}
