---------------------------- MODULE FiniteSetsExt ---------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module FiniteSetsExt,      *)
(* written for tlatrace.  Its public operators (names, arities,            *)
(* LOCAL-ness) are those of the original, and the file is checked against  *)
(* SANY.                                                                   *)
(*                                                                         *)
(* Like the original, the module EXTENDS (rather than LOCALly instantiates)*)
(* the modules it builds on, so their operators are visible to its users.  *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, Folds, Functions

\* Folds op over the elements of the finite set S, starting from base, in
\* an unspecified order; e.g. FoldSet(+, 0, 1..4) = 10.
FoldSet(op(_, _), base, set) ==
  MapThenFoldSet(op, base, LAMBDA x : x, LAMBDA T : CHOOSE x \in T : TRUE, set)

\* The sum of the numbers in set.
SumSet(set) == FoldSet(+, 0, set)

\* The product of the numbers in set.
ProductSet(set) == FoldSet(LAMBDA a, b : a * b, 1, set)

\* FoldSet with the arguments in another order (an older name).
ReduceSet(op(_, _), set, acc) == FoldSet(op, acc, set)

\* The sum of op(x) over the elements x of set.
MapThenSumSet(op(_), set) ==
  MapThenFoldSet(+, 0, op, LAMBDA T : CHOOSE x \in T : TRUE, set)

\* The union of a set of sets; the same as UNION S.
FlattenSet(S) == UNION S

\* The elements that belong to exactly one of A and B.
SymDiff(A, B) == (A \cup B) \ (A \cap B)
-----------------------------------------------------------------------------

\* The number of elements of S that satisfy P.
Quantify(S, P(_)) == Cardinality({x \in S : P(x)})
-----------------------------------------------------------------------------

\* The subsets of S with exactly k elements.
kSubset(k, S) == {T \in SUBSET S : Cardinality(T) = k}
-----------------------------------------------------------------------------

\* The largest and the smallest element of a non-empty finite set of
\* numbers.
Max(S) == CHOOSE m \in S : \A x \in S : m >= x
Min(S) == CHOOSE m \in S : \A x \in S : m =< x
-----------------------------------------------------------------------------

\* All sets obtained by picking one element from each set in Sets; e.g.
\* Choices({{1, 2}, {3}}) = {{1, 3}, {2, 3}} and Choices({}) = {{}}.
Choices(Sets) ==
  LET Pickers == {pick \in [Sets -> UNION Sets] : \A T \in Sets : pick[T] \in T}
  IN  {Range(pick) : pick \in Pickers}
-----------------------------------------------------------------------------

\* The one element of S that satisfies P; undefined (an error for an
\* evaluator) when no element or more than one element satisfies P.
ChooseUnique(S, P(_)) ==
  CHOOSE x \in S : P(x) /\ \A y \in S \ {x} : ~P(y)

=============================================================================
