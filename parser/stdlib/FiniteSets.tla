----------------------------- MODULE FiniteSets ----------------------------
(***************************************************************************)
(* tlatrace's rendition of the standard module FiniteSets, written for     *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* Both operators are evaluated natively by tlatrace.                      *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences

(* Built in: implemented natively by tlatrace. *)
\* S is finite iff some list 1..n -> S of finite length covers all of S.
IsFiniteSet(S) ==
  \E n \in Nat : \E list \in [1..n -> S] :
     \A x \in S : \E k \in 1..n : list[k] = x

(* Built in: implemented natively by tlatrace. *)
\* The number of elements of a finite set S: the n for which 1..n can be
\* put into one-to-one correspondence with S.
Cardinality(S) ==
  CHOOSE n \in Nat :
    \E list \in [1..n -> S] :
       /\ \A x \in S : \E k \in 1..n : list[k] = x
       /\ \A j, k \in 1..n : list[j] = list[k] => j = k

=============================================================================
