------------------------------ MODULE _TLCTrace -----------------------------
(***************************************************************************)
(* tlatrace's rendition of the module _TLCTrace shipped inside TLC's       *)
(* tla2tools.jar, written for tlatrace.  Its public and LOCAL names are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* Post-conditions that save a counter-example as a binary trace file.     *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE TLCExt
LOCAL INSTANCE Sequences

(* Built in: implemented natively by tlatrace. *)
\* Writes the trace val to the file; equals TRUE.
LOCAL _TLCTraceSerialize(val, absoluteFilename) == TRUE

LOCAL _TLCTraceFile == "CounterExample.tlc"

\* Saves the counter-example, if there is one, without a message.
LOCAL _TLCTraceSilent ==
  CounterExample.state # {} =>
    _TLCTraceSerialize(ToTrace(CounterExample), _TLCTraceFile)

\* Saves the counter-example, if there is one, and says so.
LOCAL _TLCTrace ==
  CounterExample.state # {} =>
    /\ _TLCTraceSerialize(ToTrace(CounterExample), _TLCTraceFile)
    /\ PrintT("CounterExample written: " \o _TLCTraceFile)

=============================================================================
