---------------------------- MODULE MCPaxosDueling ----------------------------
(***************************************************************************)
(* Dueling proposers (seed 000, "Dueling Proposers Liveness Bug"): Paxos   *)
(* TinyModel (3 acceptors, 2 values, ballots 0..1) where every proposer    *)
(* is weakly fair in starting its ballot (Phase1a(b) for every b: a higher *)
(* ballot keeps preempting a lower one) and every acceptor is weakly fair, *)
(* but no distinguished leader is required to carry its ballot through     *)
(* phase 2.  Liveness == <>(V!chosen # {}) is violated: TLC finds a        *)
(* behaviour where every acceptor has promised the highest ballot, whose   *)
(* proposer never sends its phase 2a message, and stutters there forever.  *)
(* MCPaxosDuelingOneLeader.tla adds the leader's fairness: it then holds.  *)
(***************************************************************************)
EXTENDS Paxos, TLC

CONSTANTS a1, a2, a3   \* acceptors (model values)
CONSTANTS v1, v2       \* values (model values)

MCAcceptor == {a1, a2, a3}
MCValue    == {v1, v2}
MCQuorum   == {{a1, a2}, {a1, a3}, {a2, a3}}
MCBallot   == 0..1

AcceptorsFair ==
  \A a \in Acceptor : WF_vars(Phase1b(a)) /\ WF_vars(Phase2b(a))

DuelingSpec ==
  /\ Spec
  /\ \A b \in Ballot : WF_vars(Phase1a(b))
  /\ AcceptorsFair

\* The proposer of the highest ballot, fair in both phases.
LeaderBallot == CHOOSE b \in Ballot : \A c \in Ballot : b >= c

OneLeaderSpec ==
  /\ Spec
  /\ WF_vars(Phase1a(LeaderBallot))
  /\ \A v \in Value : WF_vars(Phase2a(LeaderBallot, v))
  /\ AcceptorsFair

Liveness == <>(V!chosen # {})
=============================================================================
