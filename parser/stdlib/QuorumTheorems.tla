---------------------------- MODULE QuorumTheorems --------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module QuorumTheorems,     *)
(* written for tlatrace.  Its public names (theorems, with their arities   *)
(* and LOCAL-ness) are those of the original, and the file is checked      *)
(* against SANY.  Proofs are omitted.                                      *)
(***************************************************************************)
EXTENDS Quorum, Integers, FiniteSets

\* Any two quorums share an element of S.
THEOREM QuorumsIntersect ==
  ASSUME NEW S, NEW QS \in QuorumSystem(S), NEW Q1 \in QS, NEW Q2 \in QS
  PROVE  \E s \in S : s \in Q1 /\ s \in Q2

\* A subset of S containing a quorum is a quorum.
THEOREM QuorumSuperset ==
  ASSUME NEW S, NEW QS \in QuorumSystem(S),
         NEW Q1 \in QS, NEW Q2 \in SUBSET S,
         Q1 \subseteq Q2
  PROVE  Q2 \in QS

\* The strict majorities of a finite non-empty set form a quorum system.
THEOREM MajoritiesQuorumSystem ==
  ASSUME NEW S, IsFiniteSet(S), S # {}
  PROVE  {Q \in SUBSET S : Cardinality(Q) * 2 > Cardinality(S)}
           \in QuorumSystem(S)

=============================================================================
