------------------------------ MODULE Sequences -----------------------------
(***************************************************************************)
(* tlatrace's rendition of the standard module Sequences, written for      *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* A sequence of length n is a function with domain 1..n; tuples are       *)
(* sequences.  tlatrace evaluates these operators natively (they also      *)
(* apply to strings, which are sequences of characters); the definitions   *)
(* below give their meaning.                                               *)
(***************************************************************************)
LOCAL INSTANCE Naturals   \* used here, but not re-exported

(* Built in: implemented natively by tlatrace. *)
\* All finite sequences whose elements are in S.
Seq(S) == UNION {[1..n -> S] : n \in Nat}

(* Built in: implemented natively by tlatrace. *)
\* The number of elements of sequence s.
Len(s) == CHOOSE n \in Nat : DOMAIN s = 1..n

(* Built in: implemented natively by tlatrace. *)
\* Concatenation: the elements of s followed by those of t.
s \o t ==
  LET n == Len(s)
  IN  [k \in 1..(n + Len(t)) |-> IF k > n THEN t[k - n] ELSE s[k]]

(* Built in: implemented natively by tlatrace. *)
\* The sequence s extended by the one element e at its end.
Append(s, e) == s \o <<e>>

(* Built in: implemented natively by tlatrace. *)
\* The first element of a non-empty sequence.
Head(s) == s[1]

(* Built in: implemented natively by tlatrace. *)
\* The sequence s without its first element; s must not be empty.
Tail(s) == CASE s # << >> -> [k \in 1..(Len(s) - 1) |-> s[k + 1]]

(* Built in: implemented natively by tlatrace. *)
\* The elements of s from position m up to position n (empty if n < m).
SubSeq(s, m, n) == [k \in 1..(n - m + 1) |-> s[m + k - 1]]

(* Built in: implemented natively by tlatrace. *)
\* The elements of s that satisfy Test, in their original order.
SelectSeq(s, Test(_)) ==
  LET \* Kept[n] is the selection made from the first n elements of s.
      Kept[n \in 0..Len(s)] ==
        IF n = 0 THEN << >>
        ELSE LET prev == Kept[n - 1]
             IN  IF Test(s[n]) THEN Append(prev, s[n]) ELSE prev
  IN  Kept[Len(s)]

=============================================================================
