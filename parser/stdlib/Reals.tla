------------------------------- MODULE Reals --------------------------------
(***************************************************************************)
(* tlatrace's rendition of the standard module Reals, written for          *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* tlatrace, like TLC, does not compute with non-integral real numbers;    *)
(* these definitions document the meaning of the operators.               *)
(***************************************************************************)
EXTENDS Integers

(* Built in: implemented natively by tlatrace. *)
\* The real numbers: an ordered field containing the integers in which
\* every non-empty set with an upper bound has a least upper bound.
Real ==
  CHOOSE R :
    /\ Int \subseteq R
    /\ \A x, y \in R : /\ x + y \in R
                       /\ x - y \in R
                       /\ x * y \in R
    /\ \A T \in SUBSET R :
          (T # {} /\ \E u \in R : \A t \in T : t \leq u)
            => \E lub \in R :
                 /\ \A t \in T : t \leq lub
                 /\ \A u \in R : (\A t \in T : t \leq u) => lub \leq u

(* Built in: implemented natively by tlatrace. *)
\* Division: the real number q with q * b = a (for b # 0).
a / b == CHOOSE q \in Real : q * b = a

(* Built in: implemented natively by tlatrace. *)
\* A value greater than every real number that is not itself a real.
Infinity == CHOOSE inf : /\ inf \notin Real
                         /\ \A r \in Real : r < inf

=============================================================================
