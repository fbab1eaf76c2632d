---------------------------- MODULE MCChooseNone ----------------------------
(***************************************************************************)
(* Evaluation error case: Next picks the next value of n with a CHOOSE     *)
(* that has no satisfying value once n = 2 (no k in 0..2 exceeds 2).       *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE n

Init == n = 0

Next == n' = CHOOSE k \in 0..2 : k > n

Spec == Init /\ [][Next]_n
=============================================================================
