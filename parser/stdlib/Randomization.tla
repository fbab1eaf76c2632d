---------------------------- MODULE Randomization ---------------------------
(***************************************************************************)
(* tlatrace's rendition of TLC's standard module Randomization, written    *)
(* for tlatrace.  Its public operators (names, arities, LOCAL-ness) are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* Pseudo-random choice of subsets, mainly for checking inductive          *)
(* invariants from random initial states.  The choices are made natively   *)
(* by tlatrace; as formulas, the operators denote some fixed choice.       *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE FiniteSets

(* Built in: implemented natively by tlatrace. *)
\* A pseudo-randomly chosen subset of S with k elements.
RandomSubset(k, S) == CHOOSE T \in SUBSET S : Cardinality(T) = k

(* Built in: implemented natively by tlatrace. *)
\* A set of at most k pseudo-randomly chosen subsets of S, each of which
\* contains each element of S with probability n / Cardinality(S).
RandomSetOfSubsets(k, n, S) ==
  CHOOSE SS \in SUBSET SUBSET S : Cardinality(SS) \leq k

\* The sizes of five sets produced by RandomSetOfSubsets(k, n, S); use it
\* to find out how large those sets typically are.
TestRandomSetOfSubsets(k, n, S) ==
  [run \in 1..5 |-> Cardinality(RandomSetOfSubsets(k, n, S))]

=============================================================================
