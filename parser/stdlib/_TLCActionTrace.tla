--------------------------- MODULE _TLCActionTrace --------------------------
(***************************************************************************)
(* tlatrace's rendition of the module _TLCActionTrace shipped inside TLC's *)
(* tla2tools.jar, written for tlatrace.  Its public and LOCAL names are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* A post-condition that saves the actions of a counter-example as a TLA+  *)
(* module whose action constraint replays them.                            *)
(***************************************************************************)
LOCAL INSTANCE IOUtils
LOCAL INSTANCE TLC
LOCAL INSTANCE TLCExt
LOCAL INSTANCE Sequences
LOCAL INSTANCE SequencesExt
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE FiniteSetsExt

\* The EXTENDS line naming the modules that define the actions taken.
LOCAL _extends ==
  LET Modules == {a[2].location.module : a \in CounterExample.action}
  IN  FoldSet(LAMBDA m, acc : acc \o (IF acc = "" THEN "EXTENDS " ELSE ", ") \o m,
              "", Modules)

\* One disjunct per step:  \/ i = _idx /\ Action(arguments)
LOCAL _next ==
  LET Args(r) ==
        FoldLeft(LAMBDA acc, p : acc \o (IF acc = "" THEN "" ELSE ", ")
                                     \o ToString(r.context[p]),
                 "", r.parameters)
      Call(r) == IF "parameters" \in DOMAIN r
                   THEN r.name \o "(" \o Args(r) \o ")"
                   ELSE r.name
      Disjunct(i, r) ==
        "\\/ " \o ToString(i) \o " = _idx /\\ " \o Call(r) \o "\n"
  IN  FoldSet(LAMBDA a, acc : acc \o Disjunct(a[1][1], a[2]), "",
              CounterExample.action)

LOCAL _TLCTraceFile == "TLCActionTrace.tla"

\* The text of the module.
LOCAL _TLCTraceModule ==
  LET name   == ReplaceFirstSubSeq("", ".tla", _TLCTraceFile)
      length == ToString(Cardinality(CounterExample.action))
  IN  "---- MODULE " \o name \o " ----\n"
        \o _extends \o "\n\n"
        \o "_length == " \o length \o "\n\n"
        \o "_next(_idx) ==\n" \o _next \o "\n"
        \o "_actionConstraint ==\n"
        \o "_next(LET T == INSTANCE TLC IN T!TLCGet(\"level\"))\n"
        \o "\n===="

LOCAL _TLCTrace ==
  CounterExample.action # {} =>
    /\ Serialize(_TLCTraceModule, _TLCTraceFile,
                 [format |-> "TXT", charset |-> "UTF-8",
                  openOptions |-> <<"WRITE", "CREATE", "TRUNCATE_EXISTING">>]
       ).exitValue = 0
    /\ PrintT("CounterExample written: " \o _TLCTraceFile)

=============================================================================
