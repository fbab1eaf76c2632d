----------------------------- MODULE Consensus ------------------------------
(***************************************************************************)
(* The consensus problem (TPaxos paper, section 1.2): `chosen' is the set  *)
(* of chosen values.  Safety: nontriviality (only proposed values can be   *)
(* chosen) and consistency (at most one value is chosen).                  *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANT Value      \* the set of values that can be proposed

VARIABLE chosen     \* the set of values that have been chosen

Init == chosen = {}

(***************************************************************************)
(* A value can be chosen only if no value has been chosen yet.             *)
(***************************************************************************)
Next ==
  /\ chosen = {}
  /\ \E v \in Value : chosen' = {v}

Spec == Init /\ [][Next]_chosen
-----------------------------------------------------------------------------
(***************************************************************************)
(* Reconstructed: OCR rendered \subseteq as "C" and \leq as "<".           *)
(***************************************************************************)
Inv ==
  /\ chosen \subseteq Value
  /\ IsFiniteSet(chosen)
  /\ Cardinality(chosen) \leq 1

THEOREM Spec => []Inv

(***************************************************************************)
(* Liveness: some value is eventually chosen.  It holds only under         *)
(* fairness assumptions, which this spec does not make.                    *)
(***************************************************************************)
Liveness == <>(chosen # {})
=============================================================================
