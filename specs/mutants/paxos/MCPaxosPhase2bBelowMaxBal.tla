--------------------- MODULE MCPaxosPhase2bBelowMaxBal ----------------------
(***************************************************************************)
(* MUTANT model: PaxosPhase2bBelowMaxBal (Paxos whose Phase2b accepts a    *)
(* ballot below maxBal[a]) on Paxos's TinyModel: 3 acceptors, 2 values,    *)
(* ballots 0..1, majority quorums.  Checks Inv and V!Spec; both are        *)
(* violated by the first vote below a promise.                             *)
(***************************************************************************)
EXTENDS PaxosPhase2bBelowMaxBal, TLC

CONSTANTS a1, a2, a3   \* acceptors (model values)
CONSTANTS v1, v2       \* values (model values)

MCAcceptor == {a1, a2, a3}
MCValue    == {v1, v2}
MCQuorum   == {{a1, a2}, {a1, a3}, {a2, a3}}

\* Overrides Ballot == Nat, both in Paxos and in its instance V of Voting.
MCBallot == 0..1

\* The config file cannot name V!Spec directly.
VSpec == V!Spec
=============================================================================
