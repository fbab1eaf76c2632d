-------------------------------- MODULE ShiViz ------------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module ShiViz, written for *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* Helps render an error trace of a PlusCal algorithm (with a variable pc  *)
(* mapping processes to labels) in the ShiViz log visualiser.  Toolbox is  *)
(* instantiated non-LOCALly, as in the original, so _TETrace and           *)
(* _TEPosition are visible to users of this module.                        *)
(***************************************************************************)
LOCAL INSTANCE Integers
LOCAL INSTANCE Json
LOCAL INSTANCE TLC
INSTANCE Toolbox
-----------------------------------------------------------------------------

\* FnHost[i]: the process whose pc changed between states i-1 and i of the
\* trace ("--" for the first state; unchanged if no pc changed).
LOCAL FnHost ==
  LET host[i \in DOMAIN _TETrace] ==
        IF i = 1 THEN "--"
        ELSE LET before == _TETrace[i - 1].pc
                 after  == _TETrace[i].pc
             IN  IF before = after THEN host[i - 1]
                 ELSE CHOOSE p \in DOMAIN before : before[p] # after[p]
  IN  TLCEval(host)

\* The process that took the step leading to the current trace position.
Host == FnHost[_TEPosition]
-----------------------------------------------------------------------------

\* The vector-clock increment of state n: 1 for the process that moved.
LOCAL clock(n) ==
  [p \in DOMAIN _TETrace[n].pc |-> IF n # 1 /\ p = FnHost[n] THEN 1 ELSE 0]

\* Pointwise sum of two clocks.
LOCAL sum(F, G) == [d \in DOMAIN F |-> F[d] + G[d]]

\* FnClock[i]: the vector clock after state i of the trace.
LOCAL FnClock ==
  LET vc[i \in DOMAIN _TETrace] ==
        IF i = 1 THEN clock(1) ELSE sum(TLCEval(vc[i - 1]), clock(i))
  IN  TLCEval(vc)

\* The vector clock at the current trace position, as a JSON object.
Clock == ToJsonObject(FnClock[_TEPosition])

=============================================================================
