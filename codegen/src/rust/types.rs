//! Rust types for the spec's types, and the items that define them: an
//! enum per set of model values (with conversions into larger ones), a
//! struct per kind of record, a tagged enum for records told apart by a
//! string field, a struct of optional fields for a record a node logs in
//! part; and Rust expressions for values (the `--const` functions).

use super::names::{camel, rust_str, snake, Names};
use crate::describe::SpecTypes;
use crate::infer::Ty;
use evaluator::value::{Domain, ModelValue, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// An enum of model values.
struct EnumDef {
    name: String,
    values: Vec<ModelValue>,
    variants: Vec<String>,
}

/// Generates the module: the names taken so far, and the items that
/// define the types met so far.
pub(super) struct Emitter<'s> {
    pub(super) spec: &'s SpecTypes,
    names: Names,
    enums: Vec<EnumDef>,
    enum_of: BTreeMap<BTreeSet<ModelValue>, usize>,
    records: Vec<(Ty, String)>,
    /// The `...Fields` structs emitted: record type name -> struct name.
    fields: BTreeMap<String, String>,
    /// The record structs and enums, in the order they were met.
    pub(super) items: String,
}

impl<'s> Emitter<'s> {
    /// An emitter for `spec`.
    pub(super) fn new(spec: &'s SpecTypes) -> Emitter<'s> {
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
            "EventPart",
            "SpecAction",
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
    pub(super) fn rust_ty(&mut self, t: &Ty, hint: &str) -> Result<String, String> {
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
    pub(super) fn inner_ty(&mut self, t: &Ty, hint: &str) -> Result<String, String> {
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
    pub(super) fn literal(&mut self, v: &Value, t: &Ty, hint: &str) -> Result<String, String> {
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
    pub(super) fn emit_enums(&self, out: &mut String) {
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
