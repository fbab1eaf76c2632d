-------------------------------- MODULE TLAPS -------------------------------
(***************************************************************************)
(* tlatrace's rendition of the module TLAPS of the TLA+ Proof System       *)
(* (tlapm), written for tlatrace.  Its public names (names, arities,       *)
(* LOCAL-ness) are those of the original, and the file is checked against  *)
(* SANY.                                                                   *)
(*                                                                         *)
(* Apart from two theorems, the module defines "pragmas": operators that   *)
(* mean TRUE (or FALSE) and that, cited in a BY clause, tell the prover    *)
(* which back-end to use for the step.  An argument X is a timeout in      *)
(* seconds; the argument of IsaM/IsaMT is an Isabelle tactic (a string).   *)
(* tlatrace does not run proofs and only needs the names.                  *)
(***************************************************************************)

\* SMT solvers: the default one, and specific ones.
SimpleArithmetic == TRUE
SMT == TRUE
SMTT(X) == TRUE
CVC3 == TRUE
CVC3T(X) == TRUE
CVC4 == TRUE
CVC4T(X) == TRUE
Yices == TRUE
YicesT(X) == TRUE
veriT == TRUE
veriTT(X) == TRUE
Zipper == TRUE
ZipperT(X) == TRUE
Z3 == TRUE
Z3T(X) == TRUE

\* The first-order prover SPASS.
Spass == TRUE
SpassT(X) == TRUE

\* The propositional temporal logic decision procedure (LS4).
LS4 == TRUE
LS4T(X) == TRUE
PTL == TRUE

\* The tableau prover Zenon.
Zenon == TRUE
ZenonT(X) == TRUE

\* Isabelle/TLA+: default tactic, with timeout, with a given tactic.
Isa == TRUE
IsaT(X) == TRUE
IsaM(X) == TRUE
IsaMT(X, Y) == TRUE

\* Isabelle with set extensionality (see the theorem below).
IsaWithSetExtensionality == TRUE

\* Two sets with the same elements are equal.
THEOREM SetExtensionality ==
  \A S, T : (\A x : (x \in S) <=> (x \in T)) => (S = T)

\* There is no set of all sets.
THEOREM NoSetContainsEverything == \A S : \E x : ~(x \in S)
-----------------------------------------------------------------------------

\* Zenon with longer timeouts (20, 40, 80 and 160 seconds).
SlowZenon == TRUE
SlowerZenon == TRUE
VerySlowZenon == TRUE
SlowestZenon == TRUE

\* Isabelle's "auto" tactic, with increasing timeouts.
Auto == TRUE
SlowAuto == TRUE
SlowerAuto == TRUE
SlowestAuto == TRUE

\* Isabelle's "force" tactic, with increasing timeouts.
Force == TRUE
SlowForce == TRUE
SlowerForce == TRUE
SlowestForce == TRUE

\* Obsolete Isabelle pragmas, kept for old proofs.
SimplifyAndSolve == TRUE
SlowSimplifyAndSolve == TRUE
SlowerSimplifyAndSolve == TRUE
SlowestSimplifyAndSolve == TRUE

\* Isabelle's "clarsimp" tactic, with increasing timeouts.
Simplification == TRUE
SlowSimplification == TRUE
SlowerSimplification == TRUE
SlowestSimplification == TRUE

\* Isabelle's "blast" tactic, with increasing timeouts, and "auto, blast".
Blast == TRUE
SlowBlast == TRUE
SlowerBlast == TRUE
SlowestBlast == TRUE
AutoBlast == TRUE

\* Try all back-ends (all SMT solvers, all Isabelle tactics) in turn.
AllProvers == TRUE
AllProversT(X) == TRUE
AllSMT == TRUE
AllSMTT(X) == TRUE
AllIsa == TRUE
AllIsaT(X) == TRUE
-----------------------------------------------------------------------------

\* Pre-processing steps for the temporal and ENABLED reasoning.
ExpandENABLED == TRUE
ExpandCdot == TRUE
AutoUSE == TRUE
Lambdify == TRUE
ENABLEDaxioms == TRUE
LevelComparison == TRUE
EnabledWrapper(Op(_)) == FALSE
CdotWrapper(Op(_)) == FALSE

\* Steps that hold trivially.
Trivial == TRUE

=============================================================================
