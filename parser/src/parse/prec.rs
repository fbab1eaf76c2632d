//! The TLA+ operator table as SANY has it: precedence ranges and
//! associativity of infix, prefix and postfix operators, and SANY's rule
//! for when two operators conflict (the expression then needs parentheses).

use super::{Input, PErr};
use crate::lex::Tok;
use nom::Err::Failure;

/// The precedence range and associativity of an operator, as in SANY's
/// operator table (which differs from Specifying Systems, table 6, in a few
/// places: SUBSET, UNION and DOMAIN are 10-13, and `=>` is not
/// associative).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Prec {
    /// Low end of the range.
    pub low: u8,
    /// High end of the range.
    pub high: u8,
    /// Left-associative (`a + b + c` is `(a + b) + c`); a non-associative
    /// operator cannot follow itself without parentheses.
    pub left: bool,
}

const fn prec(low: u8, high: u8, left: bool) -> Prec {
    Prec { low, high, left }
}

/// Precedence of an infix operator symbol (canonical spelling), or `None`
/// if `op` is not an infix operator.
pub(crate) fn infix_info(op: &str) -> Option<Prec> {
    Some(match op {
        "=>" => prec(1, 1, false),
        "<=>" | "~>" | "-+->" => prec(2, 2, false),
        "/\\" | "\\/" => prec(3, 3, true),
        "=" | "/=" | "<" | ">" | "<=" | ">=" | "\\in" | "\\notin" | "\\subseteq" | "\\subset"
        | "\\supseteq" | "\\supset" | "\\sqsubseteq" | "\\sqsubset" | "\\sqsupseteq"
        | "\\sqsupset" | "\\prec" | "\\succ" | "\\preceq" | "\\succeq" | "\\ll" | "\\gg"
        | "\\sim" | "\\simeq" | "\\approx" | "\\cong" | "\\asymp" | "\\doteq" | "\\propto"
        | "|-" | "-|" | "|=" | "=|" | "::=" | ":=" => prec(5, 5, false),
        "\\cdot" => prec(5, 14, true),
        "@@" => prec(6, 6, true),
        ":>" | "<:" => prec(7, 7, false),
        "\\" => prec(8, 8, false),
        "\\cap" | "\\cup" => prec(8, 8, true),
        ".." | "..." => prec(9, 9, false),
        "##" | "$" | "$$" | "??" | "\\sqcap" | "\\sqcup" | "\\uplus" => prec(9, 13, true),
        "!!" => prec(9, 13, false),
        "\\wr" => prec(9, 14, false),
        "+" | "++" | "(+)" => prec(10, 10, true),
        "%" => prec(10, 11, false),
        "%%" | "|" | "||" => prec(10, 11, true),
        "\\X" => prec(10, 13, true),
        "-" | "--" | "(-)" => prec(11, 11, true),
        "*" | "**" | "&" | "&&" | "(.)" | "(\\X)" | "\\o" | "\\bigcirc" | "\\bullet" | "\\star" => {
            prec(13, 13, true)
        }
        "/" | "//" | "(/)" | "\\div" => prec(13, 13, false),
        "^" | "^^" => prec(14, 14, false),
        _ => return Option::None,
    })
}

/// Whether `op` is a postfix operator.
pub(crate) fn is_postfix(op: &str) -> bool {
    matches!(op, "^+" | "^*" | "^#")
}

/// Precedence of postfix operators (`'`, `^+`, `^*`, `^#`).
pub(super) const POSTFIX: Prec = prec(15, 15, false);

/// Precedence of prefix `-`.
pub(super) const NEG: Prec = prec(12, 12, false);

/// The name and precedence of a prefix operator, or `None` if `t` is not
/// one.
pub(super) fn prefix_info(t: &Tok) -> Option<(&'static str, Prec)> {
    Some(match t {
        Tok::Sym("~") => ("~", prec(4, 4, false)),
        Tok::Sym("[]") => ("[]", prec(4, 15, false)),
        Tok::Sym("<>") => ("<>", prec(4, 15, false)),
        Tok::Keyword("ENABLED") => ("ENABLED", prec(4, 15, false)),
        Tok::Keyword("UNCHANGED") => ("UNCHANGED", prec(4, 15, false)),
        Tok::Sym("-") => ("-.", NEG),
        Tok::Keyword("SUBSET") => ("SUBSET", prec(10, 13, false)),
        Tok::Keyword("UNION") => ("UNION", prec(10, 13, false)),
        Tok::Keyword("DOMAIN") => ("DOMAIN", prec(10, 13, false)),
        _ => return None,
    })
}

/// The operator an operand is the (right) operand of: the operators that
/// follow the operand are compared with it, as SANY's operator stack does.
#[derive(Clone, Copy)]
pub(crate) struct Left {
    /// The operator (canonical spelling; `-.` for prefix minus).
    pub name: &'static str,
    /// Its precedence.
    pub prec: Prec,
    /// Whether it is a prefix operator.
    pub prefix: bool,
    /// Where it is.
    pub span: crate::span::Span,
}

/// What an operator that follows an operand of `left` does.
pub(super) enum Step {
    /// It applies to the operand (binds tighter than `left`).
    Shift,
    /// `left` applies first; the operator applies to the result.
    Reduce,
    /// The ranges overlap: SANY rejects the expression.
    Conflict,
}

pub(super) fn step(left: &Left, op: &str, p: Prec) -> Step {
    if left.prec.low > p.high || (!left.prefix && left.name == op && left.prec.left) {
        Step::Reduce
    } else if left.prec.high < p.low {
        Step::Shift
    } else {
        Step::Conflict
    }
}

/// The error for operators whose precedence ranges overlap.
pub(super) fn conflict(i: Input<'_>, left: &Left, op: &str) -> nom::Err<PErr> {
    let shown = |n: &str| {
        if n == "-." {
            "-".to_string()
        } else {
            n.to_string()
        }
    };
    let (l, r) = (shown(left.name), shown(op));
    let e = if l == r {
        PErr::message(i, format!("`{r}` is not associative"))
            .label(format!("add parentheses to say which `{r}` applies first"))
            .related(left.span, format!("the first `{l}`"))
    } else if r == "-" && !left.prefix {
        // `a * -b`: prefix `-` (12) after an operator that binds tighter.
        PErr::message(i, format!("`-` right after `{l}` needs parentheses"))
            .label(format!(
                "write `(-...)` here: prefix `-` binds less tightly than `{l}`"
            ))
            .related(left.span, format!("the `{l}`"))
    } else {
        PErr::message(i, format!("precedence conflict between `{l}` and `{r}`"))
            .label("add parentheses to say which applies first")
            .related(left.span, format!("conflicts with this `{l}`"))
            .note(format!(
                "the precedence ranges of `{l}` and `{r}` overlap, so TLA+ requires parentheses"
            ))
    };
    Failure(e)
}
