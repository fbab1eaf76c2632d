//! Prints the AST back as TLA+, fully parenthesised: every operator
//! application that is an operand of another is wrapped in parentheses, so
//! the output shows how the parser grouped the input. Parentheses of the
//! input ([`ExprKind::Paren`]) are not printed as such; the printer decides
//! where parentheses go. Bullet lists are printed as bullet lists, one item
//! per line, aligned on their bullet's column.
//!
//! The output parses back to the same tree (up to spans and parentheses),
//! so printing is idempotent: print, parse, print gives the same text. The
//! parser's tests use that to check the parser over whole corpora.
//!
//! ```
//! use parser::span::Files;
//! let mut files = Files::new();
//! let id = files.add("e", None, "a - b * c - d");
//! let e = parser::parse::parse_expr(&files, id).unwrap();
//! assert_eq!(parser::print::expr(&e), "(a - (b * c)) - d");
//! ```

use crate::ast::*;

/// Prints every module of a file, in order.
pub fn modules(ms: &[Module]) -> String {
    let mut p = Printer::default();
    for (k, m) in ms.iter().enumerate() {
        if k > 0 {
            p.newline(0);
        }
        p.module(m);
    }
    p.out.push('\n');
    p.out
}

/// Prints one module.
pub fn module(m: &Module) -> String {
    modules(std::slice::from_ref(m))
}

/// Prints one expression (without outer parentheses).
pub fn expr(e: &Expr) -> String {
    let mut p = Printer::default();
    p.expr(e, Slot::Closed);
    p.out
}

/// Prints one unit (a definition, declaration, theorem ...).
pub fn unit(u: &Unit) -> String {
    let mut p = Printer::default();
    p.unit(u);
    p.out
}

/// How much of the surrounding text delimits an expression.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Closed on the right by a bracket, a comma, a keyword such as `THEN`
    /// or the end of a definition: nothing needs parentheses.
    Closed,
    /// Like `Closed`, but `[]` may follow (a CASE arm): a nested CASE
    /// needs parentheses.
    Arm,
    /// The operand of an operator: anything but an atom needs
    /// parentheses.
    Operand,
}

#[derive(Default)]
struct Printer {
    out: String,
    /// Characters since the last newline.
    col: usize,
}

impl Printer {
    fn w(&mut self, s: &str) {
        match s.rfind('\n') {
            Some(k) => self.col = s[k + 1..].chars().count(),
            None => self.col += s.chars().count(),
        }
        self.out.push_str(s);
    }

    fn newline(&mut self, indent: usize) {
        // No trailing spaces on the line we end.
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        self.out.push('\n');
        self.out.push_str(&" ".repeat(indent));
        self.col = indent;
    }

    fn sep<T>(&mut self, items: &[T], sep: &str, mut f: impl FnMut(&mut Self, &T)) {
        for (k, x) in items.iter().enumerate() {
            if k > 0 {
                self.w(sep);
            }
            f(self, x);
        }
    }

    // ---- modules and units ------------------------------------------------

    fn module(&mut self, m: &Module) {
        crate::limits::with_stack(|| self.module_in(m))
    }

    fn module_in(&mut self, m: &Module) {
        let indent = self.col;
        self.w(&format!("---- MODULE {} ----", m.name.name));
        if !m.extends.is_empty() {
            self.newline(indent);
            self.w("EXTENDS ");
            self.sep(&m.extends, ", ", |p, n| p.w(&n.name));
        }
        for u in &m.units {
            self.newline(indent);
            self.unit(u);
        }
        self.newline(indent);
        self.w("====");
    }

    fn unit(&mut self, u: &Unit) {
        match &u.kind {
            UnitKind::Variables(vs) => {
                self.w("VARIABLES ");
                self.sep(vs, ", ", |p, v| p.w(&v.name));
            }
            UnitKind::Constants(cs) => {
                self.w("CONSTANTS ");
                self.sep(cs, ", ", |p, d| p.op_decl(d));
            }
            UnitKind::Recursive(ds) => {
                self.w("RECURSIVE ");
                self.sep(ds, ", ", |p, d| p.op_decl(d));
            }
            UnitKind::OpDef(d) => {
                if d.local {
                    self.w("LOCAL ");
                }
                self.op_lhs(&d.name, &d.params, d.fixity);
                self.w(" == ");
                self.expr(&d.body, Slot::Closed);
            }
            UnitKind::FunDef(d) => {
                if d.local {
                    self.w("LOCAL ");
                }
                self.w(&d.name.name);
                self.w("[");
                self.bounds(&d.bounds);
                self.w("] == ");
                self.expr(&d.body, Slot::Closed);
            }
            UnitKind::Instance(i) => self.instance(i),
            UnitKind::ModuleDef(d) => {
                if d.local {
                    self.w("LOCAL ");
                }
                self.op_lhs(&d.name, &d.params, Fixity::Normal);
                self.w(" == ");
                let mut i = d.instance.clone();
                i.local = false;
                self.instance(&i);
            }
            UnitKind::Assume(a) => {
                self.w("ASSUME ");
                if let Some(n) = &a.name {
                    self.w(&n.name);
                    self.w(" == ");
                }
                self.expr(&a.expr, Slot::Closed);
            }
            UnitKind::Theorem(t) => {
                self.w(&t.keyword);
                self.w(" ");
                if let Some(n) = &t.name {
                    self.w(&n.name);
                    self.w(" == ");
                }
                self.expr(&t.body, Slot::Closed);
                if let Some(pf) = &t.proof {
                    self.newline(2);
                    self.proof(pf, 2);
                }
            }
            UnitKind::UseHide(uh) => self.use_hide(uh),
            UnitKind::Module(m) => self.module(m),
            UnitKind::Separator => self.w("----"),
        }
    }

    /// A declared operator: `c`, `F(_, _)`, `_ + _`, `-. _`, `_ ^+`.
    fn op_decl(&mut self, d: &OpDecl) {
        let n = spelling(&d.name.name);
        if is_word(n) {
            self.w(n);
            if d.arity > 0 {
                self.w("(");
                self.w(&vec!["_"; d.arity].join(", "));
                self.w(")");
            }
        } else if d.arity == 2 {
            self.w(&format!("_ {n} _"));
        } else if is_postfix_symbol(n) {
            self.w(&format!("_ {n}"));
        } else {
            self.w(&format!("{n} _"));
        }
    }

    fn op_lhs(&mut self, name: &Ident, params: &[OpDecl], fixity: Fixity) {
        match fixity {
            Fixity::Infix if params.len() == 2 => {
                self.op_decl(&params[0]);
                self.w(&format!(" {} ", spelling(&name.name)));
                self.op_decl(&params[1]);
            }
            Fixity::Prefix if params.len() == 1 => {
                self.w(&format!("{} ", name.name));
                self.op_decl(&params[0]);
            }
            Fixity::Postfix if params.len() == 1 => {
                self.op_decl(&params[0]);
                self.w(&format!(" {}", name.name));
            }
            _ => {
                self.w(&name.name);
                if !params.is_empty() {
                    self.w("(");
                    self.sep(params, ", ", |p, d| p.op_decl(d));
                    self.w(")");
                }
            }
        }
    }

    fn instance(&mut self, i: &Instance) {
        if i.local {
            self.w("LOCAL ");
        }
        self.w("INSTANCE ");
        self.w(&i.module.name);
        if !i.subst.is_empty() {
            self.w(" WITH ");
            self.sep(&i.subst, ", ", |p, (n, e)| {
                p.w(spelling(&n.name));
                p.w(" <- ");
                p.expr(e, Slot::Closed);
            });
        }
    }

    fn use_hide(&mut self, uh: &UseHide) {
        self.w(&uh.keyword);
        if uh.only {
            self.w(" ONLY");
        }
        let mut first = true;
        for f in &uh.facts {
            self.w(if first { " " } else { ", " });
            first = false;
            self.expr(f, Slot::Closed);
        }
        for m in &uh.modules {
            self.w(if first { " " } else { ", " });
            first = false;
            self.w("MODULE ");
            self.w(&m.name);
        }
        if !uh.defs.is_empty() {
            self.w(" DEF ");
            self.sep(&uh.defs, ", ", |p, d| p.expr(d, Slot::Closed));
        }
    }

    // ---- proofs -------------------------------------------------------------

    fn proof(&mut self, pf: &Proof, indent: usize) {
        crate::limits::with_stack(|| self.proof_in(pf, indent))
    }

    fn proof_in(&mut self, pf: &Proof, indent: usize) {
        match pf {
            Proof::Obvious => self.w("OBVIOUS"),
            Proof::Omitted => self.w("OMITTED"),
            Proof::By(uh) => self.use_hide(uh),
            Proof::Steps(steps) => {
                for (k, s) in steps.iter().enumerate() {
                    if k > 0 {
                        self.newline(indent);
                    }
                    self.step(s, indent);
                }
            }
        }
    }

    fn step(&mut self, s: &Step, indent: usize) {
        self.w(&s.label);
        self.w(". ");
        match &s.body {
            StepBody::Qed => self.w("QED"),
            StepBody::Assert(e) => {
                // A CASE expression would read as a CASE step.
                let slot = if matches!(e.kind, ExprKind::Case(..)) {
                    Slot::Operand
                } else {
                    Slot::Closed
                };
                self.expr(e, slot);
            }
            StepBody::Suffices(e) => {
                self.w("SUFFICES ");
                self.expr(e, Slot::Closed);
            }
            StepBody::Case(e) => {
                self.w("CASE ");
                self.expr(e, Slot::Closed);
            }
            StepBody::Pick(bs, e) => {
                self.w("PICK ");
                self.bounds(bs);
                self.w(" : ");
                self.expr(e, Slot::Closed);
            }
            StepBody::Have(e) => {
                self.w("HAVE ");
                self.expr(e, Slot::Closed);
            }
            StepBody::Take(bs) => {
                self.w("TAKE ");
                self.bounds(bs);
            }
            StepBody::Witness(es) => {
                self.w("WITNESS ");
                self.sep(es, ", ", |p, e| p.expr(e, Slot::Closed));
            }
            StepBody::Define(us) => {
                self.w("DEFINE ");
                self.sep(us, " ", |p, u| p.unit(u));
            }
            StepBody::UseHide(uh) => self.use_hide(uh),
            StepBody::Instance(i) => self.instance(i),
        }
        if let Some(pf) = &s.proof {
            self.newline(indent + 2);
            self.proof(pf, indent + 2);
        }
    }

    // ---- expressions --------------------------------------------------------

    fn bounds(&mut self, bs: &[Bound]) {
        self.sep(bs, ", ", |p, b| p.bound(b, Slot::Closed));
    }

    fn bound(&mut self, b: &Bound, set_slot: Slot) {
        if b.tuple {
            self.w("<<");
            self.sep(&b.names, ", ", |p, n| p.w(&n.name));
            self.w(">>");
        } else {
            self.sep(&b.names, ", ", |p, n| p.w(&n.name));
        }
        if let Some(s) = &b.set {
            self.w(" \\in ");
            self.expr(s, set_slot);
        }
    }

    fn args(&mut self, args: &[Expr]) {
        if !args.is_empty() {
            self.w("(");
            self.sep(args, ", ", |p, a| p.expr(a, Slot::Closed));
            self.w(")");
        }
    }

    fn expr(&mut self, e: &Expr, slot: Slot) {
        crate::limits::with_stack(|| self.expr_in(e, slot))
    }

    fn expr_in(&mut self, e: &Expr, slot: Slot) {
        if let ExprKind::Paren(inner) = &e.kind {
            return self.expr(inner, slot);
        }
        let parens = match slot {
            Slot::Operand => !is_atom(e),
            Slot::Arm => matches!(e.kind, ExprKind::Case(..)),
            Slot::Closed => false,
        };
        if parens {
            self.w("(");
        }
        self.expr_inner(e);
        if parens {
            self.w(")");
        }
    }

    fn expr_inner(&mut self, e: &Expr) {
        use Slot::*;
        match &e.kind {
            ExprKind::Apply(n, args) => {
                self.w(spelling(&n.name));
                self.args(args);
            }
            ExprKind::Qualified(path) => {
                for (k, el) in path.iter().enumerate() {
                    if k > 0 {
                        self.w("!");
                    }
                    match el {
                        PathElem::Name(n, args) => {
                            self.w(&n.name);
                            self.args(args);
                        }
                        PathElem::Selector(s, args) => {
                            if s == "()" {
                                self.args(args);
                            } else {
                                self.w(s);
                            }
                        }
                    }
                }
            }
            ExprKind::Num(n) | ExprKind::Decimal(n) => self.w(n),
            ExprKind::Str(s) => self.w(&quote(s)),
            ExprKind::At => self.w("@"),
            ExprKind::StepRef(s) => self.w(s),
            ExprKind::Infix(op, a, b) => {
                self.expr(a, Operand);
                self.w(&format!(" {} ", spelling(&op.name)));
                self.expr(b, Operand);
            }
            ExprKind::Prefix(op, a) => {
                let name = if op.name == "-." { "-" } else { &op.name };
                self.w(name);
                if is_word(name) {
                    self.w(" ");
                }
                self.expr(a, Operand);
            }
            ExprKind::Postfix(op, a) => {
                self.expr(a, Operand);
                self.w(&op.name);
            }
            ExprKind::Junction(and, items) => {
                let bullet = if *and { "/\\ " } else { "\\/ " };
                let col = self.col;
                for (k, it) in items.iter().enumerate() {
                    if k > 0 {
                        self.newline(col);
                    }
                    self.w(bullet);
                    self.expr(it, Closed);
                }
            }
            ExprKind::If(c, a, b) => {
                self.w("IF ");
                self.expr(c, Closed);
                self.w(" THEN ");
                self.expr(a, Closed);
                self.w(" ELSE ");
                self.expr(b, Closed);
            }
            ExprKind::Case(arms, other) => {
                self.w("CASE ");
                self.sep(arms, " [] ", |p, arm| {
                    p.expr(&arm.guard, Arm);
                    p.w(" -> ");
                    p.expr(&arm.value, Arm);
                });
                if let Some(o) = other {
                    if !arms.is_empty() {
                        self.w(" [] ");
                    }
                    self.w("OTHER -> ");
                    self.expr(o, Arm);
                }
            }
            ExprKind::Let(defs, body) => {
                self.w("LET ");
                self.sep(defs, " ", |p, u| p.unit(u));
                self.w(" IN ");
                self.expr(body, Closed);
            }
            ExprKind::Quant(q, bs, body) => {
                self.w(match q {
                    Quant::Forall => "\\A ",
                    Quant::Exists => "\\E ",
                });
                self.bounds(bs);
                self.w(" : ");
                self.expr(body, Closed);
            }
            ExprKind::TemporalQuant(q, names, body) => {
                self.w(match q {
                    Quant::Forall => "\\AA ",
                    Quant::Exists => "\\EE ",
                });
                self.sep(names, ", ", |p, n| p.w(&n.name));
                self.w(" : ");
                self.expr(body, Closed);
            }
            ExprKind::Choose(b, body) => {
                self.w("CHOOSE ");
                self.bound(b, Closed);
                self.w(" : ");
                self.expr(body, Closed);
            }
            ExprKind::SetEnum(items) => {
                self.w("{");
                self.sep(items, ", ", |p, x| p.expr(x, Closed));
                self.w("}");
            }
            ExprKind::SetFilter(b, body) => {
                // `{x \in S : P}` is told from `{e : x \in S}` by reading
                // `x \in S` as an expression first: the set must be an
                // operand so that it does not swallow more.
                self.w("{");
                self.bound(b, Operand);
                self.w(" : ");
                self.expr(body, Closed);
                self.w("}");
            }
            ExprKind::SetMap(body, bs) => {
                self.w("{");
                self.expr(body, Operand);
                self.w(" : ");
                self.bounds(bs);
                self.w("}");
            }
            ExprKind::FnCons(bs, body) => {
                self.w("[");
                self.bounds(bs);
                self.w(" |-> ");
                self.expr(body, Closed);
                self.w("]");
            }
            ExprKind::FnSet(a, b) => {
                self.w("[");
                self.expr(a, Closed);
                self.w(" -> ");
                self.expr(b, Closed);
                self.w("]");
            }
            ExprKind::FnApp(f, args) => {
                self.expr(f, Operand);
                self.w("[");
                self.sep(args, ", ", |p, a| p.expr(a, Closed));
                self.w("]");
            }
            ExprKind::Record(fields) | ExprKind::RecordSet(fields) => {
                let sep = if matches!(e.kind, ExprKind::Record(_)) {
                    " |-> "
                } else {
                    " : "
                };
                self.w("[");
                self.sep(fields, ", ", |p, (n, v)| {
                    p.w(&n.name);
                    p.w(sep);
                    p.expr(v, Closed);
                });
                self.w("]");
            }
            ExprKind::Dot(a, f) => {
                self.expr(a, Operand);
                self.w(".");
                self.w(&f.name);
            }
            ExprKind::Tuple(items) => {
                self.w("<<");
                self.sep(items, ", ", |p, x| p.expr(x, Closed));
                self.w(">>");
            }
            ExprKind::Times(items) => self.sep(items, " \\X ", |p, x| p.expr(x, Operand)),
            ExprKind::Except(f, ups) => {
                self.w("[");
                self.expr(f, Closed);
                self.w(" EXCEPT ");
                self.sep(ups, ", ", |p, (keys, v)| {
                    p.w("!");
                    for k in keys {
                        match k {
                            ExceptKey::Field(n) => {
                                p.w(".");
                                p.w(&n.name);
                            }
                            ExceptKey::Index(ix) => {
                                p.w("[");
                                p.sep(ix, ", ", |p, x| p.expr(x, Closed));
                                p.w("]");
                            }
                        }
                    }
                    p.w(" = ");
                    p.expr(v, Closed);
                });
                self.w("]");
            }
            ExprKind::BoxAction(a, v) => {
                self.w("[");
                self.expr(a, Closed);
                self.w("]_");
                self.subscript(v);
            }
            ExprKind::AngleAction(a, v) => {
                self.w("<<");
                self.expr(a, Closed);
                self.w(">>_");
                self.subscript(v);
            }
            ExprKind::Fairness(strong, v, a) => {
                self.w(if *strong { "SF_" } else { "WF_" });
                self.subscript(v);
                self.w("(");
                self.expr(a, Closed);
                self.w(")");
            }
            ExprKind::Lambda(names, body) => {
                self.w("LAMBDA ");
                self.sep(names, ", ", |p, n| p.w(&n.name));
                self.w(" : ");
                self.expr(body, Closed);
            }
            ExprKind::Label(n, params, body) => {
                self.w(&n.name);
                if !params.is_empty() {
                    self.w("(");
                    self.sep(params, ", ", |p, x| p.w(&x.name));
                    self.w(")");
                }
                self.w(" :: ");
                self.expr(body, Closed);
            }
            ExprKind::AssumeProve(items, goal) => {
                self.w("ASSUME ");
                self.sep(items, ", ", |p, it| match it {
                    AssumeItem::New { level, decl, set } => {
                        p.w("NEW ");
                        if !level.is_empty() {
                            p.w(level);
                            p.w(" ");
                        }
                        p.op_decl(decl);
                        if let Some(s) = set {
                            p.w(" \\in ");
                            p.expr(s, Closed);
                        }
                    }
                    AssumeItem::Def(u) => p.unit(u),
                    AssumeItem::Fact(f) => p.expr(f, Closed),
                });
                self.w(" PROVE ");
                self.expr(goal, Closed);
            }
            ExprKind::Paren(inner) => self.expr(inner, Slot::Closed),
        }
    }

    /// The subscript of `[A]_v`, `<<A>>_v`, `WF_v(A)`: a name or a tuple as
    /// is, anything else in parentheses.
    fn subscript(&mut self, v: &Expr) {
        let mut v = v;
        while let ExprKind::Paren(inner) = &v.kind {
            v = inner;
        }
        let bare = match &v.kind {
            ExprKind::Apply(_, args) => args.is_empty(),
            ExprKind::Qualified(path) => path.iter().all(|el| match el {
                PathElem::Name(_, args) => args.is_empty(),
                PathElem::Selector(..) => false,
            }),
            ExprKind::Tuple(_) => true,
            _ => false,
        };
        if bare {
            self.expr(v, Slot::Closed);
        } else {
            self.w("(");
            self.expr(v, Slot::Closed);
            self.w(")");
        }
    }
}

/// Whether `e` prints as one unit that never needs parentheses as an
/// operand (a name, a literal, a bracketed form).
fn is_atom(mut e: &Expr) -> bool {
    while let ExprKind::Paren(inner) = &e.kind {
        e = inner;
    }
    match &e.kind {
        ExprKind::Paren(_) => false,
        ExprKind::Apply(..)
        | ExprKind::Qualified(_)
        | ExprKind::Num(_)
        | ExprKind::Decimal(_)
        | ExprKind::Str(_)
        | ExprKind::At
        | ExprKind::StepRef(_)
        | ExprKind::SetEnum(_)
        | ExprKind::SetFilter(..)
        | ExprKind::SetMap(..)
        | ExprKind::FnCons(..)
        | ExprKind::FnSet(..)
        | ExprKind::FnApp(..)
        | ExprKind::Record(_)
        | ExprKind::RecordSet(_)
        | ExprKind::Dot(..)
        | ExprKind::Tuple(_)
        | ExprKind::Except(..)
        | ExprKind::BoxAction(..)
        | ExprKind::AngleAction(..)
        | ExprKind::Fairness(..) => true,
        ExprKind::Infix(..)
        | ExprKind::Prefix(..)
        | ExprKind::Postfix(..)
        | ExprKind::Junction(..)
        | ExprKind::If(..)
        | ExprKind::Case(..)
        | ExprKind::Let(..)
        | ExprKind::Quant(..)
        | ExprKind::TemporalQuant(..)
        | ExprKind::Choose(..)
        | ExprKind::Times(_)
        | ExprKind::Lambda(..)
        | ExprKind::Label(..)
        | ExprKind::AssumeProve(..) => false,
    }
}

/// Whether a name is written with letters (`Op`, `SUBSET`) rather than
/// symbols (`+`, `\cup` is a symbol too).
fn is_word(n: &str) -> bool {
    n.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_postfix_symbol(n: &str) -> bool {
    matches!(n, "^+" | "^*" | "^#" | "'")
}

/// The spelling SANY knows everywhere for an operator name (it does not
/// accept `(+)` as the target of an INSTANCE substitution).
fn spelling(n: &str) -> &str {
    match n {
        "(+)" => "\\oplus",
        "(-)" => "\\ominus",
        "(.)" => "\\odot",
        "(/)" => "\\oslash",
        "(\\X)" => "\\otimes",
        _ => n,
    }
}

/// A TLA+ string literal for `s`.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{c}' => out.push_str("\\f"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
