----------------------------- MODULE _JsonTrace -----------------------------
(***************************************************************************)
(* tlatrace's rendition of the module _JsonTrace shipped inside TLC's      *)
(* tla2tools.jar, written for tlatrace.  Its public and LOCAL names are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* A post-condition that saves a counter-example as JSON.                  *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE TLCExt
LOCAL INSTANCE Json
LOCAL INSTANCE Sequences

LOCAL _JsonTraceFile == "CounterExample.json"

LOCAL _JsonTrace ==
  CounterExample.state # {} =>
    /\ JsonSerialize(_JsonTraceFile, CounterExample)
    /\ PrintT("CounterExample written: " \o _JsonTraceFile)

=============================================================================
