//! Each `GenError` variant, from the input its documentation names, with
//! its spans on the right text and its diagnostic code.

mod common;

use codegen::{rust, GenError};
use common::{fixtures, temp_spec, LoadedModel};
use parser::diag::IntoDiagnostic;

const CFG: &str = "INIT Init\nNEXT Next\n";

/// The error of generating for a spec with `body`, with `options`, and
/// the loaded model (for its spans).
fn error(body: &str, options: &rust::Options) -> (GenError, LoadedModel) {
    let (_dir, spec) = temp_spec(body, CFG);
    let m = LoadedModel::load(&spec);
    let e = m.generate(options).expect_err("generation fails");
    (e, m)
}

fn code(e: &GenError) -> String {
    e.to_diagnostic().code.unwrap_or_default()
}

#[test]
fn a_type_invariant_or_const_the_spec_does_not_define() {
    let m = LoadedModel::load(&fixtures().join("Relay.tla"));
    for (options, option) in [
        (
            rust::Options {
                type_invariant: Some("Nope".into()),
                ..Default::default()
            },
            "--type-invariant",
        ),
        (
            rust::Options {
                consts: vec!["Nope".into()],
                ..Default::default()
            },
            "--const",
        ),
    ] {
        let e = m.generate(&options).expect_err("fails");
        assert!(
            matches!(&e, GenError::UnknownDefinition { option: o, name } if *o == option && name == "Nope"),
            "{e:?}"
        );
        assert_eq!(code(&e), "gen::unknown-definition");
    }
}

#[test]
fn initial_states_that_cannot_be_computed() {
    let (e, _) = error(
        "EXTENDS Integers\nVARIABLE x\nInit == x = 1 \\div 0\nNext == x' = x",
        &Default::default(),
    );
    assert!(matches!(e, GenError::Eval(_)), "{e:?}");
}

#[test]
fn a_model_without_initial_states() {
    let (e, m) = error(
        "VARIABLE x\nInit == x = 0 /\\ x = 1\nNext == x' = x",
        &Default::default(),
    );
    let GenError::NoInitialState { init } = e else {
        panic!("{e:?}")
    };
    // The model file's `INIT Init`.
    assert_eq!(m.slice(init), "Init");
    assert_eq!(code(&e), "gen::no-initial-state");
}

#[test]
fn a_type_invariant_set_without_one_type() {
    let (e, m) = error(
        "VARIABLE x\nTypeOK == x \\in {1, \"a\"}\nInit == x = 1\nNext == x' = x",
        &Default::default(),
    );
    let GenError::InvariantSet {
        ref invariant,
        ref var,
        conjunct,
        ..
    } = e
    else {
        panic!("{e:?}")
    };
    assert_eq!((invariant.as_str(), var.as_str()), ("TypeOK", "x"));
    assert_eq!(m.slice(conjunct), "x \\in {1, \"a\"}");
    assert_eq!(code(&e), "gen::invariant-set");
}

#[test]
fn an_initial_value_without_one_type() {
    let (e, m) = error(
        "VARIABLE x\nInit == x = {[a |-> 1], [b |-> 2]}\nNext == x' = x",
        &Default::default(),
    );
    let GenError::StateValue {
        ref var,
        decl,
        ref reason,
    } = e
    else {
        panic!("{e:?}")
    };
    assert_eq!(var, "x");
    assert_eq!(m.slice(decl.expect("declared")), "x");
    assert!(reason.contains("records with different fields"), "{reason}");
    assert_eq!(code(&e), "gen::state-value");
}

#[test]
fn a_variable_no_value_types() {
    let (e, m) = error(
        "VARIABLE x\nInit == x = {}\nNext == x' = x",
        &Default::default(),
    );
    let GenError::UnknownVarType {
        ref var,
        decl,
        ref invariant,
    } = e
    else {
        panic!("{e:?}")
    };
    assert_eq!((var.as_str(), invariant), ("x", &None));
    assert_eq!(m.slice(decl.expect("declared")), "x");
    let d = e.to_diagnostic();
    assert!(
        d.notes[0].contains("name one with --type-invariant"),
        "{d:?}"
    );
}

#[test]
fn a_parameter_no_set_or_step_types() {
    let (e, m) = error(
        "VARIABLE s, x\nInit == s = {} /\\ x = 0\nTake(n) == x' = n /\\ s' = s\nNext == \\E n \\in s : Take(n)",
        &Default::default(),
    );
    let GenError::UnknownParamType {
        ref action,
        ref param,
        span,
    } = e
    else {
        panic!("{e:?}")
    };
    assert_eq!((action.as_str(), param.as_str()), ("Take", "n"));
    assert_eq!(m.slice(span), "Take(n)");
    assert_eq!(code(&e), "gen::unknown-parameter-type");
}

#[test]
fn a_const_rust_cannot_write() {
    let (e, m) = error(
        "VARIABLE x\nEmpty == {}\nInit == x = 0\nNext == x' = x",
        &rust::Options {
            consts: vec!["Empty".into()],
            ..Default::default()
        },
    );
    let GenError::Const {
        ref name,
        def,
        ref reason,
    } = e
    else {
        panic!("{e:?}")
    };
    assert_eq!(name, "Empty");
    assert_eq!(m.slice(def.expect("defined")), "Empty");
    assert!(reason.contains("not known"), "{reason}");
    assert_eq!(code(&e), "gen::const");
}
