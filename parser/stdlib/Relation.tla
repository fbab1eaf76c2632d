------------------------------- MODULE Relation -----------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module Relation, written   *)
(* for tlatrace.  Its public operators (names, arities, LOCAL-ness) are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* A relation over a set S is a Boolean function R on S \X S: R[x, y]      *)
(* says that x is related to y.  Each property P(R, S) comes with a        *)
(* variant PUnder(op, S) for the relation given by a binary operator op.   *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

\* The relation on S given by the operator op.
LOCAL AsRelation(op(_, _), S) == [p \in S \X S |-> op(p[1], p[2])]

\* Every element is related to itself.
IsReflexive(R, S) == \A x \in S : R[x, x]
IsReflexiveUnder(op(_, _), S) == IsReflexive(AsRelation(op, S), S)

\* No element is related to itself.
IsIrreflexive(R, S) == \A x \in S : ~R[x, x]
IsIrreflexiveUnder(op(_, _), S) == IsIrreflexive(AsRelation(op, S), S)

\* x related to y implies y related to x.
IsSymmetric(R, S) == \A x, y \in S : R[x, y] <=> R[y, x]
IsSymmetricUnder(op(_, _), S) == IsSymmetric(AsRelation(op, S), S)

\* x and y related both ways implies x = y.
IsAntiSymmetric(R, S) == \A x, y \in S : (R[x, y] /\ R[y, x]) => (x = y)
IsAntiSymmetricUnder(op(_, _), S) == IsAntiSymmetric(AsRelation(op, S), S)

\* No two elements (equal or not) are related both ways.
IsAsymmetric(R, S) == \A x, y \in S : ~R[x, y] \/ ~R[y, x]
IsAsymmetricUnder(op(_, _), S) == IsAsymmetric(AsRelation(op, S), S)

\* x related to y and y related to z implies x related to z.
IsTransitive(R, S) ==
  \A x, y, z \in S : (R[x, y] /\ R[y, z]) => R[x, z]
IsTransitiveUnder(op(_, _), S) == IsTransitive(AsRelation(op, S), S)

\* A strict partial order: irreflexive, antisymmetric and transitive.
IsStrictlyPartiallyOrdered(R, S) ==
  IsIrreflexive(R, S) /\ IsAntiSymmetric(R, S) /\ IsTransitive(R, S)
IsStrictlyPartiallyOrderedUnder(op(_, _), S) ==
  IsStrictlyPartiallyOrdered(AsRelation(op, S), S)

\* A partial order: reflexive, antisymmetric and transitive.
IsPartiallyOrdered(R, S) ==
  IsReflexive(R, S) /\ IsAntiSymmetric(R, S) /\ IsTransitive(R, S)
IsPartiallyOrderedUnder(op(_, _), S) ==
  IsPartiallyOrdered(AsRelation(op, S), S)

\* A strict total order: a strict partial order in which any two distinct
\* elements are related one way or the other.
IsStrictlyTotallyOrdered(R, S) ==
  /\ IsStrictlyPartiallyOrdered(R, S)
  /\ \A x, y \in S : x = y \/ R[x, y] \/ R[y, x]
IsStrictlyTotallyOrderedUnder(op(_, _), S) ==
  IsStrictlyTotallyOrdered(AsRelation(op, S), S)

\* A total order: a partial order in which any two elements are related.
IsTotallyOrdered(R, S) ==
  /\ IsPartiallyOrdered(R, S)
  /\ \A x, y \in S : R[x, y] \/ R[y, x]
IsTotallyOrderedUnder(op(_, _), S) ==
  IsTotallyOrdered(AsRelation(op, S), S)
-----------------------------------------------------------------------------

\* The transitive closure of R over the finite set S: x is related to y iff
\* there is a chain x R z1 R ... R zk R y (k >= 0) with all zi in S.
\* (Warshall's algorithm: Via(N) allows the inner elements to come from N.)
TransitiveClosure(R, S) ==
  LET RECURSIVE Via(_)
      Via(N) ==
        IF N = {} THEN [x, y \in S |-> R[x, y]]
        ELSE LET z == CHOOSE w \in N : TRUE
                 C == Via(N \ {z})
             IN  [x, y \in S |-> C[x, y] \/ (C[x, z] /\ C[z, y])]
  IN  Via(S)

\* The reflexive and transitive closure of R over S.
ReflexiveTransitiveClosure(R, S) ==
  LET C == TransitiveClosure(R, S)
  IN  [x, y \in S |-> (x = y) \/ C[x, y]]

\* Any element of S is reachable from any other one.
IsConnected(R, S) ==
  LET C == ReflexiveTransitiveClosure(R, S)
  IN  \A x, y \in S : C[x, y]

=============================================================================
