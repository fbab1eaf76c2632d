----------------------------- MODULE Countdown ------------------------------
(***************************************************************************)
(* A counter that counts down from 3 and stops at 0: Next is disabled in   *)
(* the state n = 0, which is a deadlock when deadlocks are checked.        *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE n

Init == n = 3

Next == /\ n > 0
        /\ n' = n - 1

Spec == Init /\ [][Next]_n
=============================================================================
