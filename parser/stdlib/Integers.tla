------------------------------ MODULE Integers ------------------------------
(***************************************************************************)
(* tlatrace's rendition of the standard module Integers, written for       *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* Everything from Naturals is re-exported; tlatrace evaluates the         *)
(* arithmetic natively and extends it to negative numbers.                 *)
(***************************************************************************)
EXTENDS Naturals

(* Built in: implemented natively by tlatrace. *)
\* The integers: the naturals together with their negations.
Int == Nat \cup {0 - n : n \in Nat}

(* Built in: implemented natively by tlatrace. *)
\* Unary minus, written  -a  in specifications.
-. a == 0 - a

=============================================================================
