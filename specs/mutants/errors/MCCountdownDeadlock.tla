------------------------- MODULE MCCountdownDeadlock ------------------------
(***************************************************************************)
(* Deadlock case: Countdown reaches n = 0, where Next is disabled.  The    *)
(* config asks for deadlock checking, so the model checker must stop with  *)
(* a deadlock and the trace n = 3, 2, 1, 0.                                *)
(***************************************************************************)
EXTENDS Countdown
=============================================================================
