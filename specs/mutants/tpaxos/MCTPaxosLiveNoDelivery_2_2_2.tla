------------------- MODULE MCTPaxosLiveNoDelivery_2_2_2 -------------------
(***************************************************************************)
(* TPaxos (2,2,2) with fairness only on the leader's Prepare and Accept in *)
(* the largest ballot, none on message delivery (OnMessage): the leader's  *)
(* messages may never be received, so Liveness is violated.               *)
(***************************************************************************)
EXTENDS TPaxos, TLC

CONSTANTS p1, p2                \* participants (model values)
CONSTANTS v1, v2                \* values (model values)

MCParticipant == {p1, p2}
MCValue == {v1, v2}
MCNat == 0..1

LeaderOnly ==
  \E p \in Participant :
    /\ MaxBallot \in Bals(p)
    /\ WF_vars(Prepare(p, MaxBallot))
    /\ \A v \in Value : WF_vars(Accept(p, MaxBallot, v))

LSpecLeaderOnly == Spec /\ LeaderOnly
=============================================================================
