------------------------------- MODULE Apalache -----------------------------
(***************************************************************************)
(* tlatrace's rendition of the module Apalache (the standard module of the *)
(* Apalache model checker), written for tlatrace.  Its public operators    *)
(* (names, arities, LOCAL-ness) are those of the original, and the file is *)
(* checked against SANY.                                                   *)
(*                                                                         *)
(* Most operators are hints for Apalache's symbolic engine; their TLA+     *)
(* meaning, given here, is what an explicit-state checker uses.  The       *)
(* @type annotations are Apalache's type signatures.                       *)
(***************************************************************************)
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences

\* Marks  x = e  (or x' = e) as the assignment of e to the variable x.
__x := __e == __x = __e

\* For Apalache, a generator of arbitrary data structures of the expected
\* type and of size at most __size; outside Apalache it is just {}.
Gen(__size) == {}

\* Some element of __S, chosen non-deterministically by Apalache; here the
\* deterministic CHOOSE.   @type: Set(a) => a;
Guess(__S) == CHOOSE __e \in __S : TRUE

\* The function given by a set of pairs <<key, value>> (for a key with
\* several values, one of them is chosen).   @type: Set(<<a, b>>) => (a -> b);
SetAsFun(__S) ==
  LET __Keys == {__p[1] : __p \in __S}
  IN  [__k \in __Keys |-> CHOOSE __v \in {__q[2] : __q \in __S} :
                            <<__k, __v>> \in __S]

\* The sequence <<__F(1), ..., __F(__N)>>.   @type: (Int, (Int -> a)) => Seq(a);
MkSeq(__N, __F(_)) == [__i \in 1..__N |-> __F(__i)]

\* The function __fn (on 1..__len, with __len =< __capacity) seen as a
\* sequence.   @type: ((Int -> a), Int, Int) => Seq(a);
FunAsSeq(__fn, __len, __capacity) ==
  SubSeq(MkSeq(__capacity, LAMBDA __i : __fn[__i]), 1, __len)

\* Hint: the existential formula __e may be Skolemized.
Skolem(__e) == __e

\* Hint: the set __S should be expanded explicitly.
Expand(__S) == __S

\* Hint: a constraint Cardinality(S) >= k may be expanded into quantifiers.
ConstCardinality(__cardExpr) == __cardExpr

\* Folds __Op over the elements of the finite set __S, starting from __v:
\* __Op(...__Op(__Op(__v, x1), x2)..., xn) for some enumeration x1..xn.
\* @type: ((a, b) => a, a, Set(b)) => a;
RECURSIVE ApaFoldSet(_, _, _)
ApaFoldSet(__Op(_, _), __v, __S) ==
  IF __S = {} THEN __v
  ELSE LET __x == CHOOSE __y \in __S : TRUE
       IN  ApaFoldSet(__Op, __Op(__v, __x), __S \ {__x})

\* Folds __Op over the sequence from the left, starting from __v.
\* @type: ((a, b) => a, a, Seq(b)) => a;
RECURSIVE ApaFoldSeqLeft(_, _, _)
ApaFoldSeqLeft(__Op(_, _), __v, __seq) ==
  IF __seq = << >> THEN __v
  ELSE ApaFoldSeqLeft(__Op, __Op(__v, Head(__seq)), Tail(__seq))

\* __F applied __N times, to the step numbers 1, ..., __N in turn:
\* __F(...__F(__F(__x, 1), 2)..., __N).   @type: ((a, Int) => a, Int, a) => a;
RECURSIVE Repeat(_, _, _)
Repeat(__F(_, _), __N, __x) ==
  IF __N <= 0 THEN __x ELSE __F(Repeat(__F, __N - 1, __x), __N)

=============================================================================
