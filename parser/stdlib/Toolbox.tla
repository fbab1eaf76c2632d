------------------------------- MODULE Toolbox ------------------------------
(***************************************************************************)
(* tlatrace's rendition of TLC's standard module Toolbox (used by trace    *)
(* exploration), written for tlatrace.  Its public operators (names,       *)
(* arities, LOCAL-ness) are those of the original, and the file is         *)
(* checked against SANY.                                                   *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE TLC
-----------------------------------------------------------------------------

(* Built in: implemented natively by tlatrace. *)
\* The error trace being explored: a function from 1..n to its states.
_TETrace == CHOOSE tr \in [(Nat \ {0}) -> STRING] : TRUE

LOCAL _TETraceLength == Cardinality(DOMAIN _TETrace)

\* The position in the trace of the state being looked at: the current
\* level, clamped to 1 .. length of the trace.
_TEPosition ==
  LET lvl == TLCGet("level")
  IN  IF lvl >= _TETraceLength THEN _TETraceLength
      ELSE IF lvl = 0 THEN 1
      ELSE lvl

=============================================================================
