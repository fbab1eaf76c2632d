----------------------------- MODULE Consensus ------------------------------
(***************************************************************************)
(* The specification of consensus: a set `chosen' of values that starts    *)
(* empty and, once, may receive a single value from the set Value.  The    *)
(* Voting algorithm (module Voting) refines this spec, and the Paxos       *)
(* consensus algorithm (module Paxos) refines Voting.                      *)
(*                                                                         *)
(* Reconstructed: seed 002 (Lamport's commentary on Paxos) does not        *)
(* contain this module; it is written after the Consensus module of seed   *)
(* 004, section 1.2 (Init, Next, Spec, Inv, Liveness), with the invariant  *)
(* split into TypeOK and Inv as the Paxos commentary uses them.            *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANT Value      \* The set of all values that can be chosen.

VARIABLE chosen     \* The set of all values that have been chosen.

(***************************************************************************)
(* The type-correctness invariant.                                         *)
(***************************************************************************)
TypeOK == /\ chosen \subseteq Value
          /\ IsFiniteSet(chosen)

Init == chosen = {}

(***************************************************************************)
(* A value can be chosen only if none has been chosen yet.                 *)
(***************************************************************************)
Next == /\ chosen = {}
        /\ \E v \in Value : chosen' = {v}

Spec == Init /\ [][Next]_chosen

(***************************************************************************)
(* Safety: at most one value is ever chosen.                               *)
(***************************************************************************)
Inv == /\ TypeOK
       /\ Cardinality(chosen) \leq 1

THEOREM Invariance == Spec => []Inv

(***************************************************************************)
(* Liveness: with weak fairness on Next, some value is eventually chosen   *)
(* (provided Value is not empty).                                          *)
(***************************************************************************)
LiveSpec == Spec /\ WF_chosen(Next)

Liveness == <>(chosen # {})

THEOREM LivenessTheorem == (Value # {}) /\ LiveSpec => Liveness
=============================================================================
