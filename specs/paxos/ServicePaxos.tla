--------------------------- MODULE ServicePaxos ---------------------------
(***************************************************************************)
(* The model the Paxos service of services/ is checked against: 3         *)
(* acceptors, 2 values, ballots 0..7 (two proposers use the even and the  *)
(* odd ballots, four tries each), majority quorums.  Too large to explore *)
(* exhaustively; it is for trace checking (tlatrace check), where only    *)
(* the states of the logged run are visited.                              *)
(***************************************************************************)
EXTENDS Paxos, TLC

CONSTANTS a1, a2, a3   \* acceptors (model values)
CONSTANTS v1, v2       \* values (model values)

MCAcceptor == {a1, a2, a3}
MCValue    == {v1, v2}
MCQuorum   == {{a1, a2}, {a1, a3}, {a2, a3}}
MCBallot   == 0..7
=============================================================================
