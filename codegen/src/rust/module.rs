//! The whole module: the header, the enums and records, then the spec's
//! state, its actions and the values inside its variables, each with its
//! `tlalog::EventPart` impl, the `--const` functions, and the `Log` alias
//! of `tlalog::SpecLog`. Everything not specific to the spec lives in
//! `tlalog`.

use super::names::{camel, inner_ids, rust_str, snake, Names};
use super::types::Emitter;
use crate::error::GenError;
use crate::infer::Ty;
use std::fmt::Write as _;

/// What the module starts with, after its header.
const PRELUDE: &str = "
#![allow(dead_code, non_snake_case, clippy::all)]

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
#[allow(unused_imports)]
use tlalog::{EventBuilder, EventPart, Map, Set, SpecAction};

";

/// What the module ends with.
const LOG: &str = "/// Writes a node's events with these types: `Log::new(writer, node)`, then
/// `state`, `step` and `full` (see `tlalog::SpecLog`).
pub type Log = tlalog::SpecLog<Action>;
";

/// The Rust names of an action's variant, its parameters and the
/// variables bound inside it.
struct ActionIds {
    variant: String,
    params: Vec<String>,
    inner: Vec<String>,
}

impl ActionIds {
    /// `Action::Name`, `Action::Name { .. }` or `Action::Name { a, b }`.
    fn pattern(&self, bind: bool) -> String {
        let all: Vec<&str> = self
            .params
            .iter()
            .chain(&self.inner)
            .map(String::as_str)
            .collect();
        if all.is_empty() {
            format!("Action::{}", self.variant)
        } else if bind {
            format!("Action::{} {{ {} }}", self.variant, all.join(", "))
        } else {
            format!("Action::{} {{ .. }}", self.variant)
        }
    }
}

impl Emitter<'_> {
    /// The whole module.
    pub(super) fn module(mut self, header: &[String]) -> Result<String, GenError> {
        let spec = self.spec;
        let unwritable = |item: String| move |reason| GenError::Unwritable { item, reason };
        // Types of the variables, the actions and the constants first (they
        // define the enums and records).
        let mut var_tys = vec![];
        for (v, t) in &spec.vars {
            var_tys.push(
                self.rust_ty(t, v)
                    .map_err(unwritable(format!("the variable `{v}`")))?,
            );
        }
        let mut action_tys = vec![];
        for (a, params) in &spec.actions {
            let mut ps = vec![];
            for (p, t) in params {
                ps.push(
                    self.rust_ty(t, &format!("{a}{}", camel(p)))
                        .map_err(unwritable(format!("the parameter `{p}` of `{a}`")))?,
                );
            }
            action_tys.push(ps);
        }
        let mut inner_tys = vec![];
        for ((a, _), inner) in spec.actions.iter().zip(&spec.inner) {
            let mut ts = vec![];
            for (n, t) in inner {
                ts.push(
                    self.inner_ty(t, &format!("{a}{}", camel(n)))
                        .map_err(unwritable(format!("`{n}` bound inside `{a}`")))?,
                );
            }
            inner_tys.push(ts);
        }
        let mut consts = vec![];
        for c in &spec.consts {
            let err = |reason| GenError::Const {
                name: c.name.clone(),
                def: c.def,
                reason,
            };
            let rt = self.rust_ty(&c.ty, &c.name).map_err(err)?;
            let lit = self.literal(&c.value, &c.ty, &c.name).map_err(err)?;
            consts.push((&c.name, rt, lit));
        }

        let mut out = String::new();
        for h in header {
            let line = format!("//! {h}");
            let _ = writeln!(out, "{}", line.trim_end());
        }
        out.push_str(PRELUDE);
        self.emit_enums(&mut out);
        out.push_str(&self.items);
        self.state(&mut out, &var_tys);
        let ids = self.actions(&mut out, &action_tys, &inner_tys);
        self.action_impls(&mut out, &ids);
        self.at(&mut out, &var_tys)
            .map_err(unwritable("the values inside the variables".into()))?;
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

    /// `SpecState`: every variable, and how it is logged whole.
    fn state(&self, out: &mut String, var_tys: &[String]) {
        let spec = self.spec;
        out.push_str("/// A whole state of the spec.\n#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]\npub struct SpecState {\n");
        let mut fnames = Names::default();
        let mut var_ids = vec![];
        for ((v, _), rt) in spec.vars.iter().zip(var_tys) {
            let id = fnames.fresh(&snake(v));
            if id != *v {
                let _ = writeln!(out, "    #[serde(rename = {})]", rust_str(v));
            }
            let _ = writeln!(out, "    pub {id}: {rt},");
            var_ids.push(id);
        }
        out.push_str("}\n\nimpl EventPart for SpecState {\n    /// Adds every variable's whole value to an event.\n    fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w> {\n        ev");
        for ((v, _), id) in spec.vars.iter().zip(&var_ids) {
            let _ = write!(out, "\n            .state({}, &self.{id})", rust_str(v));
        }
        out.push_str("\n    }\n}\n\n");
    }

    /// The `Action` enum: a variant per action, with its parameters, then,
    /// optional, the variables bound inside it.
    fn actions(
        &self,
        out: &mut String,
        action_tys: &[Vec<String>],
        inner_tys: &[Vec<String>],
    ) -> Vec<ActionIds> {
        let spec = self.spec;
        out.push_str("/// A step of the spec: an action of `Next` with its parameters, and the\n/// values of variables bound inside it by `\\E` (`None`: not logged; the\n/// checker finds them).\n#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\npub enum Action {\n");
        let mut anames = Names::default();
        let mut ids = vec![];
        for (((a, params), ptys), (inner, itys)) in spec
            .actions
            .iter()
            .zip(action_tys)
            .zip(spec.inner.iter().zip(inner_tys))
        {
            let variant = anames.fresh(&camel(a));
            let mut pn = Names::default();
            let pids: Vec<String> = params.iter().map(|(p, _)| pn.fresh(&snake(p))).collect();
            let iids = inner_ids(inner, &mut pn);
            let pnames: Vec<&str> = params.iter().map(|(p, _)| p.as_str()).collect();
            let mut doc = format!("    /// `{a}({})`", pnames.join(", "));
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
                let _ = writeln!(out, "    {variant},");
            } else {
                let _ = writeln!(out, "    {variant} {{ {} }},", fields.join(", "));
            }
            ids.push(ActionIds {
                variant,
                params: pids,
                inner: iids,
            });
        }
        out.push_str("}\n\n");
        ids
    }

    /// `SpecAction` (the variables, the action's name) and `EventPart`
    /// (the action and its parameters in an event) for `Action`.
    fn action_impls(&self, out: &mut String, ids: &[ActionIds]) {
        let spec = self.spec;
        let vars: Vec<String> = spec.vars.iter().map(|(v, _)| rust_str(v)).collect();
        let _ = writeln!(
            out,
            "impl SpecAction for Action {{\n    const VARIABLES: &'static [&'static str] = &[{}];\n    type At = At;\n    type State = SpecState;\n\n    fn name(&self) -> &'static str {{\n        match self {{",
            vars.join(", ")
        );
        for ((a, _), id) in spec.actions.iter().zip(ids) {
            let _ = writeln!(out, "            {} => {},", id.pattern(false), rust_str(a));
        }
        out.push_str("        }\n    }\n}\n\nimpl EventPart for Action {\n    /// Adds the action and its parameters to an event.\n    fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w> {\n        match self {\n");
        for (((a, params), inner), id) in spec.actions.iter().zip(&spec.inner).zip(ids) {
            let mut chain = format!("ev.action({})", rust_str(a));
            for ((p, _), pid) in params.iter().zip(&id.params) {
                let _ = write!(chain, ".param({}, {pid})", rust_str(p));
            }
            let pat = id.pattern(true);
            if id.inner.is_empty() {
                let _ = writeln!(out, "            {pat} => {chain},");
            } else {
                let _ = writeln!(out, "            {pat} => {{");
                let _ = writeln!(out, "                let mut ev = {chain};");
                for ((n, _), iid) in inner.iter().zip(&id.inner) {
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
    }

    /// The `At` enum: each variable whole, and, for function-valued ones,
    /// the entry at given keys (and a node's whole row of a function of
    /// functions).
    fn at(&mut self, out: &mut String, var_tys: &[String]) -> Result<(), String> {
        let spec = self.spec;
        out.push_str("/// A value a node logs inside a variable: the variable's entry at the\n/// given keys (`maxBal[a1]`), or a whole variable.\n#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\npub enum At {\n");
        let mut arms = String::new();
        let mut names = Names::default();
        for ((v, t), rt) in spec.vars.iter().zip(var_tys) {
            let whole = names.fresh(&format!("{}Whole", camel(v)));
            let _ = writeln!(out, "    /// The whole value of `{v}`.\n    {whole}({rt}),");
            let _ = writeln!(
                arms,
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
            if keys.is_empty() {
                continue;
            }
            let leaf = self.rust_ty(cur, &hint)?;
            let id = names.fresh(&camel(v));
            let path: String = keys.iter().map(|k| format!("{k}, ")).collect();
            let _ = writeln!(
                out,
                "    /// `{v}{}`.\n    {id}({path}{leaf}),",
                "[_]".repeat(keys.len())
            );
            if let (true, Ty::Fn(_, row)) = (keys.len() >= 2, t) {
                // The entry at the first key (a node's whole row).
                let row_ty = self.rust_ty(row, &format!("{v}Value"))?;
                let rid = names.fresh(&format!("{}Row", camel(v)));
                let _ = writeln!(out, "    /// `{v}[_]`.\n    {rid}({}, {row_ty}),", keys[0]);
                let _ = writeln!(
                    arms,
                    "            At::{rid}(k0, x) => ev.at({}, &(k0,), x),",
                    rust_str(v)
                );
            }
            let ks: Vec<String> = (0..keys.len()).map(|i| format!("k{i}")).collect();
            let _ = writeln!(
                arms,
                "            At::{id}({}, x) => ev.at({}, &({},), x),",
                ks.join(", "),
                rust_str(v),
                ks.join(", ")
            );
        }
        out.push_str("}\n\nimpl EventPart for At {\n    /// Adds the value to an event.\n    fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w> {\n        match self {\n");
        out.push_str(&arms);
        out.push_str("        }\n    }\n}\n\n");
        Ok(())
    }
}
