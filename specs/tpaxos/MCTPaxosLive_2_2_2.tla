------------------------ MODULE MCTPaxosLive_2_2_2 ------------------------
(***************************************************************************)
(* TLC model of TPaxos's liveness (section 5.2.2, Table 3):                *)
(* (participants, values, ballots) = (2, 2, 2): Participant = {p1, p2},    *)
(* 2 values, ballots 0..1 (Nat overridden), no symmetry (TLC does not      *)
(* check liveness soundly under symmetry).  LSpec is Spec with the         *)
(* fairness of TPaxos.tla: some participant owning the largest ballot      *)
(* keeps preparing and accepting in it and a quorum keeps receiving.       *)
(***************************************************************************)
EXTENDS TPaxos, TLC

CONSTANTS p1, p2                \* participants (model values)
CONSTANTS v1, v2    \* values (model values)

MCParticipant == {p1, p2}
MCValue == {v1, v2}
MCNat == 0..1
=============================================================================
