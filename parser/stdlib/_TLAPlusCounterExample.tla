----------------------- MODULE _TLAPlusCounterExample -----------------------
(***************************************************************************)
(* tlatrace's rendition of the module _TLAPlusCounterExample shipped       *)
(* inside TLC's tla2tools.jar, written for tlatrace.  Its public and LOCAL *)
(* names are those of the original, and the file is checked against SANY. *)
(*                                                                         *)
(* A post-condition that saves a counter-example as a TLA+ module.         *)
(***************************************************************************)
LOCAL INSTANCE IOUtils
LOCAL INSTANCE TLC
LOCAL INSTANCE TLCExt
LOCAL INSTANCE Sequences
LOCAL INSTANCE SequencesExt

LOCAL _TLAPlusCounterExampleFile == "CounterExample.tla"

\* The text of a module that defines CounterExample as the value found.
LOCAL _TLAPlusCounterExampleModule ==
  LET name == ReplaceFirstSubSeq("", ".tla", _TLAPlusCounterExampleFile)
  IN  "---- MODULE " \o name \o " ----\n"
        \o "LOCAL INSTANCE TLC\n\n"
        \o "CounterExample == \n\t" \o ToString(CounterExample)
        \o "\n\n===="

LOCAL _TLAPlusCounterExample ==
  CounterExample.state # {} =>
    /\ Serialize(_TLAPlusCounterExampleModule, _TLAPlusCounterExampleFile,
                 [format |-> "TXT", charset |-> "UTF-8",
                  openOptions |-> <<"WRITE", "CREATE", "TRUNCATE_EXISTING">>]
       ).exitValue = 0
    /\ PrintT("CounterExample written: " \o _TLAPlusCounterExampleFile)

=============================================================================
