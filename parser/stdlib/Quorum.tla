-------------------------------- MODULE Quorum ------------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module Quorum, written for *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(***************************************************************************)

\* The quorum systems over S: non-empty sets of subsets of S ("quorums")
\* any two of which intersect, and which contain every superset (within S)
\* of each of their quorums.  E.g., the strict majorities of a finite
\* non-empty set.
QuorumSystem(S) ==
  {QS \in SUBSET SUBSET S :
     /\ QS # {}
     /\ \A Q1, Q2 \in QS : Q1 \cap Q2 # {}
     /\ \A Q \in QS : \A R \in SUBSET S : Q \subseteq R => R \in QS}

=============================================================================
