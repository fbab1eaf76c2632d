------------------------------- MODULE BagsExt ------------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module BagsExt, written    *)
(* for tlatrace.  Its public operators (names, arities, LOCAL-ness) are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* More operators on bags, represented as in the standard module Bags:     *)
(* B[x] is the number of copies of x in B.                                 *)
(***************************************************************************)
LOCAL INSTANCE Bags
LOCAL INSTANCE Integers
LOCAL INSTANCE Folds

\* B with one more copy of x.
BagAdd(B, x) ==
  [e \in DOMAIN B \cup {x} |-> IF e = x THEN CopiesIn(x, B) + 1 ELSE B[e]]

\* B with one copy of x fewer (B itself if x is not in B).
BagRemove(B, x) ==
  IF CopiesIn(x, B) > 1 THEN [B EXCEPT ![x] = B[x] - 1]
                        ELSE [e \in DOMAIN B \ {x} |-> B[e]]

\* B without any copy of x.
BagRemoveAll(B, x) == [e \in DOMAIN B \ {x} |-> B[e]]

(***************************************************************************)
(* Folds op over f(x) for every copy of every element x of the bag B,      *)
(* starting from base.  choose(D) picks which of the remaining elements D  *)
(* is handled next; all copies of an element are handled together:        *)
(*   op(f(x), op(f(x), ... op(f(y), ... base)...))                         *)
(* where x = choose(DOMAIN B) occurs B[x] times, and so on.                *)
(***************************************************************************)
MapThenFoldBag(op(_, _), base, f(_), choose(_), B) ==
  LET RECURSIVE Fold(_)
      Fold(D) ==
        IF D = {} THEN base
        ELSE LET x    == choose(D)
                 rest == Fold(D \ {x})
                 RECURSIVE Copies(_)
                 Copies(k) == IF k = 0 THEN rest ELSE op(f(x), Copies(k - 1))
             IN  Copies(B[x])
  IN  Fold(DOMAIN B)

\* Folds op over all copies of all elements of B, starting with base.
FoldBag(op(_, _), base, B) ==
  MapThenFoldBag(op, base, LAMBDA x : x, LAMBDA D : CHOOSE x \in D : TRUE, B)

\* The sum of the elements of B, counted with their multiplicity.
SumBag(B) == FoldBag(+, 0, B)

\* The product of the elements of B, counted with their multiplicity.
ProductBag(B) == FoldBag(LAMBDA a, b : a * b, 1, B)

=============================================================================
