--------------------------- MODULE _TLCTracePlain ---------------------------
(***************************************************************************)
(* tlatrace's rendition of the module _TLCTracePlain shipped inside TLC's  *)
(* tla2tools.jar, written for tlatrace.  Its public and LOCAL names are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* A post-condition that saves a counter-example's states as a TLA+        *)
(* module defining Trace.                                                  *)
(***************************************************************************)
LOCAL INSTANCE IOUtils
LOCAL INSTANCE TLC
LOCAL INSTANCE TLCExt
LOCAL INSTANCE Sequences
LOCAL INSTANCE SequencesExt

LOCAL _TLCTraceFile == "CounterExample.tlc"

\* The text of a module that defines Trace as the sequence of states.
LOCAL _TLCTraceModule ==
  LET name == ReplaceFirstSubSeq("", ".tla", _TLCTraceFile)
  IN  "---- MODULE " \o name \o " ----\n"
        \o "LOCAL INSTANCE TLC\n\n"
        \o "Trace == \n\t" \o ToString(ToTrace(CounterExample))
        \o "\n\n===="

LOCAL _TLCTrace ==
  CounterExample.state # {} =>
    /\ Serialize(_TLCTraceModule, _TLCTraceFile,
                 [format |-> "TXT", charset |-> "UTF-8",
                  openOptions |-> <<"WRITE", "CREATE", "TRUNCATE_EXISTING">>]
       ).exitValue = 0
    /\ PrintT("CounterExample written: " \o _TLCTraceFile)

=============================================================================
