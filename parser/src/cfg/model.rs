//! The model a `.cfg` file describes ([`ModelConfig`]): constants and their
//! values or replacements, the behaviour spec, the properties to check, and
//! the options; with the span of every entry. Serialisable, with spans as
//! `"start..end"`.

use crate::span::{FileId, Span};
use serde::{Serialize, Serializer};

/// A name written in the file (an operator, constant, module or definition
/// name), with where it was written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Name {
    /// The name as written; instance-qualified names keep their `!`
    /// (`Inst!Op`), operator symbols are spelled as written (`++`, `\o`).
    pub name: String,
    /// The span of the name (all of `Inst!Op` for qualified names).
    #[serde(serialize_with = "ser_span")]
    pub span: Span,
}

/// The kinds of value a `.cfg` file may give a constant.
///
/// TLC accepts no other values: no tuples, records, ranges or expressions;
/// those must be defined in a module and bound with `<-`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum CfgValueKind {
    /// An integer: decimal, optionally with a leading `-` written right
    /// before the digits, or TLA+'s `\b101`, `\o17`, `\h1F` forms. 64-bit;
    /// larger literals are a [`CfgError::IntOutOfRange`].
    Int(i64),
    /// A string, with TLA+ escapes decoded.
    Str(String),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// A model value: any other identifier (`p1`, `None`).
    ModelValue(String),
    /// A finite set `{v1, v2, ...}` (possibly empty, possibly nested), in
    /// the order written; duplicates are kept as written.
    Set(Vec<CfgValue>),
}

/// A value with its span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CfgValue {
    /// What the value is.
    #[serde(flatten)]
    pub kind: CfgValueKind,
    /// Where it was written (all of `{...}` for sets, `-` included for
    /// negative numbers, quotes included for strings).
    #[serde(serialize_with = "ser_span")]
    pub span: Span,
}

/// One entry of a CONSTANT(S) section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ConstantBinding {
    /// `X = value`: the constant (or operator) `X` is the given value.
    ///
    /// TLC also accepts two rarer forms, kept here: `F(1, "a") = value`
    /// (the constant operator `F` has `value` at those arguments; `args`
    /// non-empty) and `X = [Mod] value` (the binding applies to the
    /// constant `X` of module `Mod` only; `module` is `Some`).
    Value {
        /// The constant, possibly instance-qualified (`Inst!X`).
        name: Name,
        /// Arguments of `F(a, b) = v`; empty for a plain `X = v`.
        args: Vec<CfgValue>,
        /// `Mod` of `X = [Mod] v`.
        module: Option<Name>,
        /// The value.
        value: CfgValue,
    },
    /// `Op <- Def` or `Op <- [Mod] Def`: the operator `Op` (of module
    /// `Mod`, if given) is replaced by the definition `Def`.
    Replace {
        /// The replaced operator: an identifier, instance-qualified name or
        /// operator symbol (`++`).
        name: Name,
        /// `Mod` of `Op <- [Mod] Def`.
        module: Option<Name>,
        /// The replacing definition (TLC also allows a symbol: `Plus <- +`).
        by: Name,
    },
}

/// A parsed `.cfg` file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelConfig {
    /// The file it was read from.
    #[serde(serialize_with = "ser_file")]
    pub file: FileId,
    /// Every CONSTANT/CONSTANTS entry, in file order across all sections.
    pub constants: Vec<ConstantBinding>,
    /// `INIT name`.
    pub init: Option<Name>,
    /// `NEXT name`.
    pub next: Option<Name>,
    /// `SPECIFICATION name` (never together with `init`/`next`).
    pub specification: Option<Name>,
    /// INVARIANT/INVARIANTS names, accumulated across sections.
    pub invariants: Vec<Name>,
    /// PROPERTY/PROPERTIES names, accumulated across sections.
    pub properties: Vec<Name>,
    /// CONSTRAINT/CONSTRAINTS names, accumulated across sections.
    pub constraints: Vec<Name>,
    /// ACTION_CONSTRAINT/ACTION_CONSTRAINTS names, accumulated.
    pub action_constraints: Vec<Name>,
    /// `SYMMETRY name`.
    pub symmetry: Option<Name>,
    /// `VIEW name`.
    pub view: Option<Name>,
    /// `ALIAS name`.
    pub alias: Option<Name>,
    /// POSTCONDITION/POSTCONDITIONS names, accumulated. TLC took a single
    /// name from 2020 and a list, like INVARIANTS, since April 2026.
    pub postconditions: Vec<Name>,
    /// `CHECK_DEADLOCK TRUE|FALSE`, with the span of the `TRUE`/`FALSE`.
    /// Absent means TLC's default: deadlock is checked.
    #[serde(serialize_with = "ser_deadlock")]
    pub check_deadlock: Option<(bool, Span)>,
}

// Serialization helpers (spans as "start..end" to keep JSON compact).

pub(super) fn ser_span<S: Serializer>(span: &Span, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&format_args!("{}..{}", span.start, span.end))
}

pub(super) fn ser_file<S: Serializer>(file: &FileId, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u32(file.0)
}

pub(super) fn ser_deadlock<S: Serializer>(
    v: &Option<(bool, Span)>,
    s: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Deadlock {
        value: bool,
        #[serde(serialize_with = "ser_span")]
        span: Span,
    }
    v.map(|(value, span)| Deadlock { value, span }).serialize(s)
}
