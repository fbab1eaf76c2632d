-------------------------- MODULE MCTPaxosAP_2_2_3 --------------------------
(***************************************************************************)
(* TLC model of TPaxosAP,                                                  *)
(* (participants, values, ballots) = (2, 2, 3): Participant = {p1, p2},    *)
(* 2 values, ballots 1..3, symmetry on participants and on values.         *)
(* Checks the invariant Consistency.                                       *)
(*                                                                         *)
(* Ballot == Nat is bounded by overriding Nat with 1..B in the config      *)
(* (the override applies in every module).                                 *)
(* None is a model value.  PIndex (a CHOOSE) is evaluated by TLC to        *)
(* one fixed function, which the symmetry does not permute.                *)
(*                                                                         *)
(* Large model: not run by default (see specs/README.md).                  *)
(***************************************************************************)
EXTENDS TPaxosAP, TLC

CONSTANTS p1, p2                \* participants (model values)
CONSTANTS v1, v2                \* values (model values)

MCParticipant == {p1, p2}
MCValue == {v1, v2}
MCNat == 1..3

\* Symmetry set: permutations of participants and of values.
MCSymmetry == Permutations(MCParticipant) \cup Permutations(MCValue)
=============================================================================
