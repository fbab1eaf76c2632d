--------------------------- MODULE MCOutsideDomain --------------------------
(***************************************************************************)
(* Evaluation error case: Next applies the sequence succ to n + 1, which   *)
(* is outside its domain 1..3 once n = 3.                                  *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE n

succ == <<2, 3, 4>>

Init == n = 1

Next == n' = succ[n + 1]

Spec == Init /\ [][Next]_n
=============================================================================
