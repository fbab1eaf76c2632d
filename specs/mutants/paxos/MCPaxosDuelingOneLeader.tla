------------------------ MODULE MCPaxosDuelingOneLeader ------------------------
(***************************************************************************)
(* MCPaxosDueling with weak fairness for one leader, the proposer of the   *)
(* highest ballot, in both phases: a value is eventually chosen.           *)
(***************************************************************************)
EXTENDS MCPaxosDueling
=============================================================================
