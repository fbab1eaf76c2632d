------------------------------ MODULE Naturals ------------------------------
(***************************************************************************)
(* tlatrace's rendition of the standard module Naturals, written for       *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* Numerals (0, 1, 2, ...) are primitive in TLA+.  The operators below are *)
(* evaluated natively by tlatrace; the bodies describe their meaning as    *)
(* precisely as TLA+ permits, starting from the successor function that    *)
(* takes each numeral to the next one.                                     *)
(***************************************************************************)

\* A structure (N, zero, next) satisfying the Peano axioms.
LOCAL IsPeanoStructure(N, zero, next) ==
  /\ zero \in N
  /\ next \in [N -> N \ {zero}]
  /\ \A m, n \in N : next[m] = next[n] => m = n
  /\ \A T \in SUBSET N :
        (zero \in T /\ \A n \in T : next[n] \in T) => N \subseteq T

\* The successor function on the natural numbers, the one taking every
\* numeral to the numeral that follows it.
LOCAL Succ == CHOOSE next : /\ IsPeanoStructure(DOMAIN next, 0, next)
                            /\ next[0] = 1

(* Built in: implemented natively by tlatrace. *)
Nat == DOMAIN Succ

\* The predecessor of a non-zero natural number.
LOCAL Pred(n) == CHOOSE m \in Nat : Succ[m] = n

(* Built in: implemented natively by tlatrace. *)
a + b ==
  \* add b to a by applying the successor function b times
  LET AddTo[k \in Nat] == IF k = 0 THEN a ELSE Succ[AddTo[Pred(k)]]
  IN  AddTo[b]

(* Built in: implemented natively by tlatrace. *)
a - b == CHOOSE d : b + d = a

(* Built in: implemented natively by tlatrace. *)
a * b ==
  LET Times[k \in Nat] == IF k = 0 THEN 0 ELSE Times[k - 1] + a
  IN  Times[b]

(* Built in: implemented natively by tlatrace. *)
a ^ b ==
  LET Power[k \in Nat] == IF k = 0 THEN 1 ELSE Power[k - 1] * a
  IN  Power[b]

(* Built in: implemented natively by tlatrace. *)
a < b == (a # b) /\ \E d \in Nat : a + d = b

(* Built in: implemented natively by tlatrace. *)
a > b == b < a

(* Built in: implemented natively by tlatrace. *)
a \leq b == (a < b) \/ (a = b)

(* Built in: implemented natively by tlatrace. *)
a \geq b == b \leq a

(***************************************************************************)
(* Division.  For b > 0, a \div b is the quotient and a % b the remainder  *)
(* of dividing a by b, so that  a = b * (a \div b) + (a % b)  with the     *)
(* remainder in 0 .. b-1.  (With the Integers module the same holds for    *)
(* every integer a: the quotient is rounded towards minus infinity.)       *)
(***************************************************************************)

(* Built in: implemented natively by tlatrace. *)
a % b == CHOOSE r : /\ \E k \in Nat : k < b /\ r = k
                    /\ \E q : a = b * q + r

(* Built in: implemented natively by tlatrace. *)
a \div b == CHOOSE q : a = b * q + (a % b)

(***************************************************************************)
(* The interval a .. b is the set of numbers i with a =< i =< b.  (Over    *)
(* the integers when the Integers module is used.)                         *)
(***************************************************************************)

(* Built in: implemented natively by tlatrace. *)
a .. b == {i \in Nat : (a \leq i) /\ (i \leq b)}

=============================================================================
