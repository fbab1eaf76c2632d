---------------------------- MODULE MCPaxosTiny -----------------------------
(***************************************************************************)
(* TLC model of Paxos, TinyModel: as SmallModel but with only two ballots. *)
(* Checks Inv and that Paxos implements Voting (V!Spec).                   *)
(***************************************************************************)
EXTENDS Paxos, TLC

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
