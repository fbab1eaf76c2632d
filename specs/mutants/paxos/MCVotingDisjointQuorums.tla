----------------------- MODULE MCVotingDisjointQuorums ----------------------
(***************************************************************************)
(* MUTANT model: Voting (3 acceptors, 2 values, ballots 0..2, as MCVoting) *)
(* with two quorums that do not intersect, {a1} and {a2, a3}.  Each quorum *)
(* can choose its own value, so chosen can become {v1, v2} and Voting no   *)
(* longer implements Consensus: the property CSpec (C!Spec) is violated.   *)
(* The module VotingAnyQuorums is Voting without the quorum-intersection   *)
(* assumption (TLC would reject these quorums on that ASSUME otherwise).   *)
(***************************************************************************)
EXTENDS VotingAnyQuorums, TLC

CONSTANTS a1, a2, a3   \* acceptors (model values)
CONSTANTS v1, v2       \* values (model values)

MCAcceptor == {a1, a2, a3}
MCValue    == {v1, v2}
MCQuorum   == {{a1}, {a2, a3}}   \* MUTATION: {a1} \cap {a2, a3} = {}

\* Overrides the definition Ballot == Nat of module VotingAnyQuorums.
MCBallot == 0..2

\* The config file cannot name C!Spec directly.
CSpec == C!Spec
=============================================================================
