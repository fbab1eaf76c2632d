------------------- MODULE MCTPaxosAcceptNoPromise_3_2_4 --------------------
(***************************************************************************)
(* MUTANT model: TPaxosAcceptNoPromise (TPaxos whose Accept may break the  *)
(* proposer's own promise), (participants, values, ballots) = (3, 2, 4):   *)
(* Participant = {p1, p2, p3}, 2 values, ballots 1..4, symmetry on the     *)
(* values only.  Checks Consistency and V!Spec (TPaxos refines Voting);    *)
(* V!Spec is violated.                                                     *)
(***************************************************************************)
EXTENDS TPaxosAcceptNoPromise, TLC

CONSTANTS p1, p2, p3            \* participants (model values)
CONSTANTS v1, v2                \* values (model values)

MCParticipant == {p1, p2, p3}
MCValue == {v1, v2}
MCNat == 1..4

\* Symmetry set: permutations of the values.
MCSymmetry == Permutations(MCValue)

\* The config file cannot name V!Spec directly.
VSpec == V!Spec
=============================================================================
