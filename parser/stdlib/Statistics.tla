------------------------------ MODULE Statistics ----------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module Statistics, written *)
(* for tlatrace.  Its public operators (names, arities, LOCAL-ness) are    *)
(* those of the original, and the file is checked against SANY.           *)
(***************************************************************************)
EXTENDS Naturals

(* Built in: implemented natively by tlatrace. *)
\* Chi-square goodness-of-fit test: TRUE iff the null hypothesis that the
\* observed counts actual follow the distribution given by the expected
\* counts is not rejected at significance level alpha.
ChiSquare(expected, actual, alpha) == CHOOSE accepted \in BOOLEAN : TRUE

=============================================================================
