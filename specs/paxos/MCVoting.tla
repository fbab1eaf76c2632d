------------------------------ MODULE MCVoting ------------------------------
(***************************************************************************)
(* TLC model of Voting (Lamport's SmallModel): 3 acceptors, 2 values,      *)
(* ballots 0..2, majority quorums.  Checks Inv and that Voting implements  *)
(* Consensus (C!Spec).                                                     *)
(***************************************************************************)
EXTENDS Voting, TLC

CONSTANTS a1, a2, a3   \* acceptors (model values)
CONSTANTS v1, v2       \* values (model values)

MCAcceptor == {a1, a2, a3}
MCValue    == {v1, v2}
MCQuorum   == {{a1, a2}, {a1, a3}, {a2, a3}}

\* Overrides the definition Ballot == Nat of module Voting.
MCBallot == 0..2

\* The config file cannot name C!Spec directly.
CSpec == C!Spec
=============================================================================
