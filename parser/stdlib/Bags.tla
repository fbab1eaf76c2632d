-------------------------------- MODULE Bags --------------------------------
(***************************************************************************)
(* tlatrace's rendition of the standard module Bags (as shipped with TLC), *)
(* written for tlatrace.  Its public operators (names, arities,            *)
(* LOCAL-ness) are those of the original, and the file is checked against  *)
(* SANY.                                                                   *)
(*                                                                         *)
(* A bag (multiset) is a function B whose values are positive naturals:    *)
(* e is in B iff e \in DOMAIN B, and then B contains B[e] copies of e.     *)
(***************************************************************************)
EXTENDS TLC
LOCAL INSTANCE Naturals

\* B is a bag.
IsABag(B) == B \in [DOMAIN B -> Nat \ {0}]

\* The set of elements that occur at least once in B.
BagToSet(B) == DOMAIN B

\* The bag holding exactly one copy of each element of S.
SetToBag(S) == [e \in S |-> 1]

\* Membership test for bags.
BagIn(e, B) == e \in DOMAIN B

\* The bag with no elements.
EmptyBag == [e \in {} |-> 1]

\* Bag sum: the copies in B1 plus the copies in B2.
B1 (+) B2 ==
  LET Count(B, e) == IF e \in DOMAIN B THEN B[e] ELSE 0
  IN  [e \in (DOMAIN B1) \cup (DOMAIN B2) |-> Count(B1, e) + Count(B2, e)]

\* Bag difference: every copy of e in B2 cancels one copy of e in B1.
B1 (-) B2 ==
  LET Left(e) == IF e \in DOMAIN B2 THEN B1[e] - B2[e] ELSE B1[e]
  IN  [e \in {d \in DOMAIN B1 : Left(d) > 0} |-> Left(e)]

\* The sum of all values of a Nat-valued function f with finite domain.
LOCAL Total(f) ==
  LET RECURSIVE SumOver(_)
      SumOver(D) == IF D = {} THEN 0
                    ELSE LET x == CHOOSE y \in D : TRUE
                         IN  f[x] + SumOver(D \ {x})
  IN  SumOver(DOMAIN f)

\* The bag sum of all the bags in the set S.
BagUnion(S) ==
  [e \in UNION {DOMAIN B : B \in S} |->
     Total([B \in S |-> IF e \in DOMAIN B THEN B[e] ELSE 0])]

\* Sub-bag ordering: B2 has at least as many copies of every element.
B1 \sqsubseteq B2 ==
  \A e \in DOMAIN B1 : e \in DOMAIN B2 /\ B1[e] \leq B2[e]

\* All the bags contained in B: choose a set D of elements of B and, for
\* each e in D, a number of copies between 1 and B[e].
SubBag(B) ==
  LET Most == IF DOMAIN B = {} THEN 0
              ELSE CHOOSE m \in {B[e] : e \in DOMAIN B} :
                     \A e \in DOMAIN B : B[e] \leq m
  IN  {SB \in UNION {[D -> 1..Most] : D \in SUBSET DOMAIN B} :
         \A e \in DOMAIN SB : SB[e] \leq B[e]}

\* The bag image of B under F: each copy of e in B yields one copy of F(e).
BagOfAll(F(_), B) ==
  [v \in {F(e) : e \in DOMAIN B} |->
     Total([e \in DOMAIN B |-> IF F(e) = v THEN B[e] ELSE 0])]

\* The total number of copies in a finite bag B.
BagCardinality(B) == Total(B)

\* The number of copies of e in B (0 if e is not in B).
CopiesIn(e, B) == IF e \in DOMAIN B THEN B[e] ELSE 0

=============================================================================
