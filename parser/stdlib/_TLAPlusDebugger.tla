-------------------------- MODULE _TLAPlusDebugger --------------------------
(***************************************************************************)
(* tlatrace's rendition of the module _TLAPlusDebugger shipped inside      *)
(* TLC's tla2tools.jar, written for tlatrace.  Its public and LOCAL names  *)
(* are those of the original, and the file is checked against SANY.       *)
(***************************************************************************)

\* A trivially true invariant that a debugger can redefine on the fly to
\* stop at states of interest.
LOCAL _debuggerInvariant == TRUE

_TLAPlusDebuggerInvariant == _debuggerInvariant

=============================================================================
