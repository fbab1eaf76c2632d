---------------------------- MODULE Combinatorics ---------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module Combinatorics,      *)
(* written for tlatrace.  Its public names (names, arities, LOCAL-ness)    *)
(* are those of the original, and the file is checked against SANY.       *)
(***************************************************************************)
EXTENDS Naturals

\* The function n |-> n! on the naturals.
factorial[n \in Nat] == IF n = 0 THEN 1 ELSE n * factorial[n - 1]

\* The binomial coefficient "n choose k", for k \in 0..n.
choose(n, k) == factorial[n] \div (factorial[k] * factorial[n - k])

=============================================================================
