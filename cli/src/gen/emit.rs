//! Writing the Rust module: enums of model values, structs for records,
//! tagged enums for unions of records, the state, the actions with their
//! parameters, the values inside variables a node logs (`At`), and a
//! `Log` that writes events through the `tlalog` library.

use super::infer::Ty;
use evaluator::value::{Domain, ModelValue, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// What the module is generated from.
pub struct Spec {
    /// The comment lines of the header (how it was generated).
    pub header: Vec<String>,
    /// State variables and their types.
    pub vars: Vec<(String, Ty)>,
    /// Actions of `Next`: name, parameters and their types.
    pub actions: Vec<(String, Vec<(String, Ty)>)>,
    /// For each action (in the order of `actions`), the variables bound
    /// inside it by `\E` and their types: optional fields of the action.
    pub inner: Vec<Vec<(String, Ty)>>,
    /// Constants to emit as functions: name, value, type.
    pub consts: Vec<(String, Value, Ty)>,
    /// Names of sets of model values (constants of the spec), and of
    /// single model values.
    pub set_names: Vec<(BTreeSet<ModelValue>, String)>,
    /// Names of record types (definitions of the spec whose value is a set
    /// of records: `Message`).
    pub record_names: Vec<(Ty, String)>,
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// `maxVBal` -> `max_v_bal`, a valid Rust field name.
pub fn snake(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() {
                if prev_lower {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
                prev_lower = false;
            } else {
                out.push(c);
                prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            }
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let mut out = out.trim_matches('_').to_string();
    if out.is_empty() {
        out.push('x');
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'x');
    }
    if KEYWORDS.contains(&out.as_str()) {
        if matches!(out.as_str(), "self" | "Self" | "super" | "crate") {
            out.push('_');
        } else {
            out.insert_str(0, "r#");
        }
    }
    out
}

/// `maxBal` -> `MaxBal`, `1a` -> `T1a`, a valid Rust type or variant name.
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if up {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            up = false;
        } else {
            up = true;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    if out == "Self" {
        out.push('_');
    }
    out
}

fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

/// The Rust field names of the variables bound inside an action, distinct
/// from its parameters' (`names`): the snake-case name, or, when that is
/// taken (`Q` and `q` in one action), the TLA+ name itself if it is a
/// valid identifier, or a numbered one.
fn inner_ids(inner: &[(String, Ty)], names: &mut Names) -> Vec<String> {
    let mut ids: Vec<Option<String>> = vec![None; inner.len()];
    // Names already in snake case first: they keep their spelling.
    for (i, (n, _)) in inner.iter().enumerate() {
        if snake(n) == *n && !names.0.contains(n) {
            ids[i] = Some(names.fresh(n));
        }
    }
    for (i, (n, _)) in inner.iter().enumerate() {
        if ids[i].is_some() {
            continue;
        }
        let s = snake(n);
        let plain = n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && n.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && !KEYWORDS.contains(&n.as_str());
        ids[i] = Some(if !names.0.contains(&s) {
            names.fresh(&s)
        } else if plain && !names.0.contains(n) {
            names.fresh(n)
        } else {
            names.fresh(&s)
        });
    }
    ids.into_iter().flatten().collect()
}

/// Distinct names in one namespace.
#[derive(Default)]
struct Names(BTreeSet<String>);

impl Names {
    fn fresh(&mut self, base: &str) -> String {
        let mut name = base.to_string();
        let mut i = 2;
        while self.0.contains(&name) {
            name = format!("{base}{i}");
            i += 1;
        }
        self.0.insert(name.clone());
        name
    }
}

struct EnumDef {
    name: String,
    values: Vec<ModelValue>,
    variants: Vec<String>,
}

/// Generates the module.
pub struct Emitter<'s> {
    spec: &'s Spec,
    names: Names,
    enums: Vec<EnumDef>,
    enum_of: BTreeMap<BTreeSet<ModelValue>, usize>,
    records: Vec<(Ty, String)>,
    /// The `...Fields` structs emitted: record type name -> struct name.
    fields: BTreeMap<String, String>,
    items: String,
}

impl<'s> Emitter<'s> {
    /// An emitter for `spec`.
    pub fn new(spec: &'s Spec) -> Emitter<'s> {
        let mut names = Names::default();
        for reserved in [
            "SpecState",
            "Action",
            "At",
            "VARIABLES",
            "Log",
            "Set",
            "Map",
            "TraceWriter",
            "VectorClock",
            "EventBuilder",
            "Serialize",
            "BTreeMap",
            "BTreeSet",
            "String",
            "Vec",
            "Option",
            "Some",
            "None",
            "Result",
        ] {
            names.0.insert(reserved.to_string());
        }
        Emitter {
            spec,
            names,
            enums: vec![],
            enum_of: BTreeMap::new(),
            records: vec![],
            fields: BTreeMap::new(),
            items: String::new(),
        }
    }

    fn enum_for(&mut self, set: &BTreeSet<ModelValue>) -> String {
        if let Some(&i) = self.enum_of.get(set) {
            return self.enums[i].name.clone();
        }
        // Name it after the constants it is made of: `Acceptor`, or
        // `ValueOrNone` for `Value \cup {None}`.
        let mut left: BTreeSet<ModelValue> = set.clone();
        let mut parts = vec![];
        let mut named: Vec<&(BTreeSet<ModelValue>, String)> = self.spec.set_names.iter().collect();
        named.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        for (s, n) in named {
            if !s.is_empty() && s.is_subset(&left) {
                left.retain(|m| !s.contains(m));
                parts.push(camel(n));
            }
        }
        for m in &left {
            parts.push(camel(m.name()));
        }
        let name = self.names.fresh(&parts.join("Or"));
        let mut variants = Names::default();
        let values: Vec<ModelValue> = set.iter().copied().collect();
        let vs = values
            .iter()
            .map(|m| variants.fresh(&camel(m.name())))
            .collect();
        self.enums.push(EnumDef {
            name: name.clone(),
            values,
            variants: vs,
        });
        self.enum_of.insert(set.clone(), self.enums.len() - 1);
        name
    }

    fn record_name(&mut self, t: &Ty, hint: &str) -> (String, bool) {
        if let Some((_, n)) = self.records.iter().find(|(x, _)| x == t) {
            return (n.clone(), false);
        }
        let base = self
            .spec
            .record_names
            .iter()
            .find(|(x, _)| x == t)
            .map(|(_, n)| camel(n))
            .unwrap_or_else(|| camel(hint));
        let name = self.names.fresh(&base);
        self.records.push((t.clone(), name.clone()));
        (name, true)
    }

    /// The Rust type for values of `t`; `hint` names records without a
    /// definition of their own.
    fn rust_ty(&mut self, t: &Ty, hint: &str) -> Result<String, String> {
        Ok(match t {
            Ty::Unknown => {
                return Err(format!(
                    "the type of `{hint}` is not known (an empty set or function in every value the model shows): give it in the type invariant"
                ))
            }
            Ty::Bool => "bool".into(),
            Ty::Int => "i64".into(),
            Ty::Str(_) => "String".into(),
            Ty::Models(ms) => self.enum_for(ms),
            Ty::Set(x) => format!("Set<BTreeSet<{}>>", self.rust_ty(x, &format!("{hint}Elem"))?),
            Ty::Seq(x) => format!("Vec<{}>", self.rust_ty(x, &format!("{hint}Elem"))?),
            Ty::Tuple(xs) => {
                let mut parts = vec![];
                for (i, x) in xs.iter().enumerate() {
                    parts.push(self.rust_ty(x, &format!("{hint}{}", i + 1))?);
                }
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Ty::Fn(k, v) => {
                let kt = self.rust_ty(k, &format!("{hint}Key"))?;
                let vt = self.rust_ty(v, &format!("{hint}Value"))?;
                if matches!(**k, Ty::Models(_) | Ty::Int | Ty::Str(_)) {
                    format!("BTreeMap<{kt}, {vt}>")
                } else {
                    format!("Map<BTreeMap<{kt}, {vt}>>")
                }
            }
            Ty::Record(fields) => {
                let (name, new) = self.record_name(t, hint);
                if new {
                    let (body, _) =
                        self.struct_fields(&name, fields, |id, rt| format!("    pub {id}: {rt},"))?;
                    let _ = writeln!(
                        self.items,
                        "/// Records `{}`.\n#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]\npub struct {name} {{\n{body}}}\n",
                        Ty::to_string(t).replace('`', "'")
                    );
                }
                name
            }
            Ty::Tagged(tag, variants) => {
                let (name, new) = self.record_name(t, hint);
                if new {
                    let mut body = String::new();
                    let mut vnames = Names::default();
                    for (tv, fields) in variants {
                        let vname = vnames.fresh(&camel(tv));
                        let _ = writeln!(body, "    #[serde(rename = {})]", rust_str(tv));
                        let mut fs = String::new();
                        let mut fnames = Names::default();
                        for (f, ft) in fields {
                            if f == tag {
                                continue;
                            }
                            let rt = self.rust_ty(ft, &format!("{name}{vname}{}", camel(f)))?;
                            let id = fnames.fresh(&snake(f));
                            if id != *f {
                                let _ = writeln!(fs, "        #[serde(rename = {})]", rust_str(f));
                            }
                            let _ = writeln!(fs, "        {id}: {rt},");
                        }
                        if fs.is_empty() {
                            let _ = writeln!(body, "    {vname} {{}},");
                        } else {
                            let _ = writeln!(body, "    {vname} {{\n{fs}    }},");
                        }
                    }
                    let _ = writeln!(
                        self.items,
                        "/// Records told apart by their field `{tag}`.\n#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]\n#[serde(tag = {})]\npub enum {name} {{\n{body}}}\n",
                        rust_str(tag)
                    );
                }
                name
            }
        })
    }

    /// The field lines of struct `name` for the record fields `fields`
    /// (each written by `line` from its Rust name and type, after a serde
    /// rename when the Rust name differs), and the Rust names.
    fn struct_fields(
        &mut self,
        name: &str,
        fields: &BTreeMap<String, Ty>,
        line: impl Fn(&str, &str) -> String,
    ) -> Result<(String, Vec<String>), String> {
        let mut body = String::new();
        let mut ids = vec![];
        let mut fnames = Names::default();
        for (f, ft) in fields {
            let rt = self.rust_ty(ft, &format!("{name}{}", camel(f)))?;
            let id = fnames.fresh(&snake(f));
            if id != *f {
                let _ = writeln!(body, "    #[serde(rename = {})]", rust_str(f));
            }
            let _ = writeln!(body, "{}", line(&id, &rt));
            ids.push(id);
        }
        Ok((body, ids))
    }

    /// The Rust type for the logged value of a variable bound inside an
    /// action: for a record, a struct of its fields, each optional (a node
    /// logs the fields it knows; the checker compares only those), else the
    /// type of the value.
    fn inner_ty(&mut self, t: &Ty, hint: &str) -> Result<String, String> {
        let Ty::Record(fields) = t else {
            return self.rust_ty(t, hint);
        };
        let name = self.rust_ty(t, hint)?;
        if let Some(f) = self.fields.get(&name) {
            return Ok(f.clone());
        }
        let fname = self.names.fresh(&format!("{name}Fields"));
        self.fields.insert(name.clone(), fname.clone());
        let (body, ids) = self.struct_fields(&name, fields, |id, rt| {
            format!("    #[serde(skip_serializing_if = \"Option::is_none\")]\n    pub {id}: Option<{rt}>,")
        })?;
        let conv: Vec<String> = ids.iter().map(|id| format!("{id}: Some(x.{id})")).collect();
        let _ = writeln!(
            self.items,
            "/// Some fields of a `{name}`: the value of a variable bound inside an\n/// action as far as a node knows it (the fields left out are not logged,\n/// and the checker does not compare them).\n#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]\npub struct {fname} {{\n{body}}}\n\nimpl From<{name}> for {fname} {{\n    fn from(x: {name}) -> {fname} {{\n        {fname} {{ {} }}\n    }}\n}}\n",
            conv.join(", ")
        );
        Ok(fname)
    }

    /// A Rust expression for the value `v` of type `t`.
    fn literal(&mut self, v: &Value, t: &Ty, hint: &str) -> Result<String, String> {
        let bad = || format!("cannot write {v} as a Rust value of type {t}");
        Ok(match (t, v) {
            (Ty::Bool, Value::Bool(b)) => b.to_string(),
            (Ty::Int, Value::Int(i)) => format!("{i}i64"),
            (Ty::Str(_), Value::Str(s)) => format!("String::from({})", rust_str(s.as_str())),
            (Ty::Models(ms), Value::Model(m)) => {
                let e = self.enum_for(ms);
                let i = self.enum_of[ms];
                let pos = self.enums[i]
                    .values
                    .iter()
                    .position(|x| x == m)
                    .ok_or_else(bad)?;
                format!("{e}::{}", self.enums[i].variants[pos])
            }
            (Ty::Set(x), Value::Set(s)) => {
                let mut items = vec![];
                for e in &s.0 {
                    items.push(self.literal(e, x, hint)?);
                }
                format!("Set(BTreeSet::from([{}]))", items.join(", "))
            }
            (Ty::Seq(x), Value::Fn(f)) if matches!(f.domain, Domain::Seq(_)) => {
                let mut items = vec![];
                for e in &f.values {
                    items.push(self.literal(e, x, hint)?);
                }
                format!("vec![{}]", items.join(", "))
            }
            (Ty::Tuple(xs), Value::Fn(f)) if f.values.len() == xs.len() => {
                let mut items = vec![];
                for (e, x) in f.values.iter().zip(xs) {
                    items.push(self.literal(e, x, hint)?);
                }
                format!("({},)", items.join(", "))
            }
            (Ty::Fn(k, x), Value::Fn(f)) => {
                let mut items = vec![];
                for (key, e) in f.iter() {
                    items.push(format!(
                        "({}, {})",
                        self.literal(&key, k, hint)?,
                        self.literal(e, x, hint)?
                    ));
                }
                let m = format!("BTreeMap::from([{}])", items.join(", "));
                if matches!(**k, Ty::Models(_) | Ty::Int | Ty::Str(_)) {
                    m
                } else {
                    format!("Map({m})")
                }
            }
            (Ty::Record(fields), Value::Fn(f)) => {
                let name = self.rust_ty(t, hint)?;
                let mut items = vec![];
                let mut fnames = Names::default();
                for (fname, ft) in fields {
                    let x = f.get(&Value::str(fname)).ok_or_else(bad)?;
                    items.push(format!(
                        "{}: {}",
                        fnames.fresh(&snake(fname)),
                        self.literal(x, ft, hint)?
                    ));
                }
                format!("{name} {{ {} }}", items.join(", "))
            }
            _ => return Err(bad()),
        })
    }

    /// The whole module.
    pub fn module(mut self) -> Result<String, String> {
        let spec = self.spec;
        // Types of the variables, the actions and the constants first (they
        // define the enums and records).
        let mut var_tys = vec![];
        for (v, t) in &spec.vars {
            var_tys.push(self.rust_ty(t, v)?);
        }
        let mut action_tys = vec![];
        for (a, params) in &spec.actions {
            let mut ps = vec![];
            for (p, t) in params {
                ps.push(self.rust_ty(t, &format!("{a}{}", camel(p)))?);
            }
            action_tys.push(ps);
        }
        let mut inner_tys = vec![];
        for ((a, _), inner) in spec.actions.iter().zip(&spec.inner) {
            let mut ts = vec![];
            for (n, t) in inner {
                ts.push(self.inner_ty(t, &format!("{a}{}", camel(n)))?);
            }
            inner_tys.push(ts);
        }
        let mut consts = vec![];
        for (c, v, t) in &spec.consts {
            let rt = self.rust_ty(t, c)?;
            let lit = self.literal(v, t, c)?;
            consts.push((c, rt, lit));
        }

        let mut out = String::new();
        for h in &spec.header {
            let _ = writeln!(out, "//! {h}");
        }
        out.push_str(
            "\n#![allow(dead_code, non_snake_case, clippy::all)]\n\nuse serde::Serialize;\nuse std::collections::{BTreeMap, BTreeSet};\nuse std::io;\n#[allow(unused_imports)]\nuse tlalog::{EventBuilder, Map, Set, TraceWriter, VectorClock};\n\n",
        );
        self.emit_enums(&mut out);
        out.push_str(&self.items);

        // The state.
        out.push_str("/// A whole state of the spec.\n#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]\npub struct SpecState {\n");
        let mut fnames = Names::default();
        let mut var_ids = vec![];
        for ((v, _), rt) in spec.vars.iter().zip(&var_tys) {
            let id = fnames.fresh(&snake(v));
            if id != *v {
                let _ = writeln!(out, "    #[serde(rename = {})]", rust_str(v));
            }
            let _ = writeln!(out, "    pub {id}: {rt},");
            var_ids.push(id);
        }
        let _ = writeln!(
            out,
            "}}\n\n/// The spec's variables.\npub const VARIABLES: [&str; {}] = [{}];",
            spec.vars.len(),
            spec.vars
                .iter()
                .map(|(v, _)| rust_str(v))
                .collect::<Vec<_>>()
                .join(", ")
        );
        out.push_str("\nimpl SpecState {\n    /// Adds every variable's whole value to an event.\n    pub fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w> {\n        ev");
        for ((v, _), id) in spec.vars.iter().zip(&var_ids) {
            let _ = write!(out, "\n            .state({}, &self.{id})", rust_str(v));
        }
        out.push_str("\n    }\n}\n\n");

        // Actions: their parameters, then, optional, the variables bound
        // inside them.
        out.push_str("/// A step of the spec: an action of `Next` with its parameters, and the\n/// values of variables bound inside it by `\\E` (`None`: not logged; the\n/// checker finds them).\n#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\npub enum Action {\n");
        let mut anames = Names::default();
        let mut action_ids = vec![];
        for (((a, params), ptys), (inner, itys)) in spec
            .actions
            .iter()
            .zip(&action_tys)
            .zip(spec.inner.iter().zip(&inner_tys))
        {
            let id = anames.fresh(&camel(a));
            let mut pn = Names::default();
            let pids: Vec<String> = params.iter().map(|(p, _)| pn.fresh(&snake(p))).collect();
            let iids = inner_ids(inner, &mut pn);
            let mut doc = format!(
                "    /// `{a}({})`",
                params
                    .iter()
                    .map(|(p, _)| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if !inner.is_empty() {
                let names: Vec<String> = inner.iter().map(|(n, _)| format!("`{n}`")).collect();
                let _ = write!(doc, "; bound inside it: {}", names.join(", "));
            }
            let _ = writeln!(out, "{doc}.");
            let mut fields: Vec<String> = pids
                .iter()
                .zip(ptys)
                .map(|(p, t)| format!("{p}: {t}"))
                .collect();
            fields.extend(
                iids.iter()
                    .zip(itys)
                    .map(|(p, t)| format!("{p}: Option<{t}>")),
            );
            if fields.is_empty() {
                let _ = writeln!(out, "    {id},");
            } else {
                let _ = writeln!(out, "    {id} {{ {} }},", fields.join(", "));
            }
            action_ids.push((id, pids, iids));
        }
        out.push_str("}\n\nimpl Action {\n    /// The action's name in the spec.\n    pub fn name(&self) -> &'static str {\n        match self {\n");
        for ((a, _), (id, pids, iids)) in spec.actions.iter().zip(&action_ids) {
            let pat = if pids.is_empty() && iids.is_empty() {
                String::new()
            } else {
                " { .. }".into()
            };
            let _ = writeln!(out, "            Action::{id}{pat} => {},", rust_str(a));
        }
        out.push_str("        }\n    }\n\n    /// Adds the action and its parameters to an event.\n    pub fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w> {\n        match self {\n");
        for (((a, params), inner), (id, pids, iids)) in
            spec.actions.iter().zip(&spec.inner).zip(&action_ids)
        {
            let mut chain = format!("ev.action({})", rust_str(a));
            for ((p, _), pid) in params.iter().zip(pids) {
                let _ = write!(chain, ".param({}, {pid})", rust_str(p));
            }
            let all: Vec<&String> = pids.iter().chain(iids).collect();
            let pat = if all.is_empty() {
                String::new()
            } else {
                format!(
                    " {{ {} }}",
                    all.iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            if iids.is_empty() {
                let _ = writeln!(out, "            Action::{id}{pat} => {chain},");
            } else {
                let _ = writeln!(out, "            Action::{id}{pat} => {{");
                let _ = writeln!(out, "                let mut ev = {chain};");
                for ((n, _), iid) in inner.iter().zip(iids) {
                    let _ = writeln!(
                        out,
                        "                if let Some(x) = {iid} {{\n                    ev = ev.param({}, x);\n                }}",
                        rust_str(n)
                    );
                }
                let _ = writeln!(out, "                ev\n            }}");
            }
        }
        out.push_str("        }\n    }\n}\n\n");

        // Values inside function-valued variables.
        out.push_str("/// A value a node logs inside a variable: the variable's entry at the\n/// given keys (`maxBal[a1]`), or a whole variable.\n#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\npub enum At {\n");
        let mut at_arms = String::new();
        let mut at_names = Names::default();
        for ((v, t), rt) in spec.vars.iter().zip(&var_tys) {
            let whole = at_names.fresh(&format!("{}Whole", camel(v)));
            let _ = writeln!(out, "    /// The whole value of `{v}`.\n    {whole}({rt}),");
            let _ = writeln!(
                at_arms,
                "            At::{whole}(x) => ev.state({}, x),",
                rust_str(v)
            );
            // Keys down through nested functions.
            let mut keys = vec![];
            let mut cur = t;
            let mut hint = v.clone();
            while let Ty::Fn(k, x) = cur {
                if !matches!(**k, Ty::Models(_) | Ty::Int | Ty::Str(_)) {
                    break;
                }
                keys.push(self.rust_ty(k, &format!("{hint}Key"))?);
                hint.push_str("Value");
                cur = x;
            }
            if !keys.is_empty() {
                let leaf = self.rust_ty(cur, &hint)?;
                let id = at_names.fresh(&camel(v));
                let path: String = keys.iter().map(|k| format!("{k}, ")).collect();
                let _ = writeln!(
                    out,
                    "    /// `{v}{}`.\n    {id}({path}{leaf}),",
                    "[_]".repeat(keys.len())
                );
                if keys.len() >= 2 {
                    // The entry at the first key (a node's whole row).
                    let Ty::Fn(_, row) = t else { unreachable!() };
                    let row_ty = self.rust_ty(row, &format!("{v}Value"))?;
                    let rid = at_names.fresh(&format!("{}Row", camel(v)));
                    let _ = writeln!(out, "    /// `{v}[_]`.\n    {rid}({}, {row_ty}),", keys[0]);
                    let _ = writeln!(
                        at_arms,
                        "            At::{rid}(k0, x) => ev.at({}, &(k0,), x),",
                        rust_str(v)
                    );
                }
                let ks: Vec<String> = (0..keys.len()).map(|i| format!("k{i}")).collect();
                let _ = writeln!(
                    at_arms,
                    "            At::{id}({}, x) => ev.at({}, &({},), x),",
                    ks.join(", "),
                    rust_str(v),
                    ks.join(", ")
                );
            }
        }
        out.push_str("}\n\nimpl At {\n    /// Adds the value to an event.\n    pub fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w> {\n        match self {\n");
        out.push_str(&at_arms);
        out.push_str("        }\n    }\n}\n\n");
        // Enums may have been added by the `At` keys: none can be new, the
        // keys' types were seen with the variables.

        // Constants.
        for (c, rt, lit) in &consts {
            let _ = writeln!(
                out,
                "/// The value of `{c}` in the model.\npub fn {}() -> {rt} {{\n    {lit}\n}}\n",
                snake(c)
            );
        }

        out.push_str(LOG);
        Ok(out)
    }

    fn emit_enums(&self, out: &mut String) {
        for e in &self.enums {
            let names: Vec<&str> = e.values.iter().map(|m| m.name()).collect();
            let _ = writeln!(
                out,
                "/// The model values {{{}}}.\n#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]\npub enum {} {{",
                names.join(", "),
                e.name
            );
            for (m, v) in e.values.iter().zip(&e.variants) {
                let _ = writeln!(
                    out,
                    "    #[serde(rename = {})]\n    {v},",
                    rust_str(m.name())
                );
            }
            let _ = writeln!(out, "}}\n\nimpl {} {{", e.name);
            let all: Vec<String> = e
                .variants
                .iter()
                .map(|v| format!("{}::{v}", e.name))
                .collect();
            let _ = writeln!(
                out,
                "    /// Every value, in the model's order.\n    pub const ALL: [{}; {}] = [{}];\n",
                e.name,
                all.len(),
                all.join(", ")
            );
            let _ = writeln!(out, "    /// The model value's name.\n    pub fn name(self) -> &'static str {{\n        match self {{");
            for (m, v) in e.values.iter().zip(&e.variants) {
                let _ = writeln!(
                    out,
                    "            {}::{v} => {},",
                    e.name,
                    rust_str(m.name())
                );
            }
            let _ = writeln!(out, "        }}\n    }}\n}}\n");
            let _ = writeln!(
                out,
                "impl std::fmt::Display for {} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        f.write_str(self.name())\n    }}\n}}\n",
                e.name
            );
        }
        // Conversions from an enum into every larger one.
        for small in &self.enums {
            let sset: BTreeSet<ModelValue> = small.values.iter().copied().collect();
            for big in &self.enums {
                let bset: BTreeSet<ModelValue> = big.values.iter().copied().collect();
                if small.name == big.name || !sset.is_subset(&bset) {
                    continue;
                }
                let _ = writeln!(
                    out,
                    "impl From<{}> for {} {{\n    fn from(x: {}) -> {} {{\n        match x {{",
                    small.name, big.name, small.name, big.name
                );
                for (m, v) in small.values.iter().zip(&small.variants) {
                    let pos = big.values.iter().position(|x| x == m).unwrap_or(0);
                    let _ = writeln!(
                        out,
                        "            {}::{v} => {}::{},",
                        small.name, big.name, big.variants[pos]
                    );
                }
                let _ = writeln!(out, "        }}\n    }}\n}}\n");
            }
        }
    }
}

const LOG: &str = r#"/// Writes a node's events through a `tlalog::TraceWriter`.
#[derive(Clone)]
pub struct Log {
    writer: TraceWriter,
    node: String,
}

impl Log {
    /// A log for `node` writing to `writer`.
    pub fn new(writer: TraceWriter, node: impl Into<String>) -> Log {
        Log {
            writer,
            node: node.into(),
        }
    }

    /// The node's name.
    pub fn node(&self) -> &str {
        &self.node
    }

    /// The writer.
    pub fn writer(&self) -> &TraceWriter {
        &self.writer
    }

    /// An event that is not a step of the spec: the node's initial values
    /// (the first event of its log), or values it observed (after a
    /// restart: they must be those of its last step). Every variable is
    /// logged as unchanged, so that the checker does not take the event
    /// for a step of some node that the logs do not show.
    pub fn state(&self, clock: &VectorClock, at: &[At]) -> io::Result<()> {
        let mut ev = self.writer.event().node(&self.node).clock(clock);
        for a in at {
            ev = a.write(ev);
        }
        for v in VARIABLES {
            ev = ev.unchanged(v);
        }
        ev.emit()
    }

    /// A step of `action`, with the values the node knows after it.
    pub fn step(&self, action: &Action, clock: &VectorClock, at: &[At]) -> io::Result<()> {
        let mut ev = action.write(self.writer.event().node(&self.node).clock(clock));
        for a in at {
            ev = a.write(ev);
        }
        ev.emit()
    }

    /// A whole state (for a single log of the whole system), after
    /// `action` when given.
    pub fn full(&self, action: Option<&Action>, state: &SpecState) -> io::Result<()> {
        let mut ev = self.writer.event().node(&self.node);
        if let Some(a) = action {
            ev = a.write(ev);
        }
        state.write(ev).emit()
    }
}
"#;
