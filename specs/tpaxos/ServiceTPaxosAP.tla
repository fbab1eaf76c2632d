------------------------- MODULE ServiceTPaxosAP -------------------------
(***************************************************************************)
(* The model the TPaxos service of services/ is checked against:          *)
(* participants p1, p2, p3, values v1, v2, ballots 1..9 (three per        *)
(* participant).  For trace checking (tlatrace check), not for TLC: the   *)
(* state space is far too large to explore.                               *)
(***************************************************************************)
EXTENDS TPaxosAP, TLC

CONSTANTS p1, p2, p3            \* participants (model values)
CONSTANTS v1, v2                \* values (model values)

MCParticipant == {p1, p2, p3}
MCValue == {v1, v2}
MCNat == 1..9
=============================================================================
