----------------------------- MODULE _TLCTESpec ----------------------------
(***************************************************************************)
(* tlatrace's rendition of the module _TLCTESpec shipped inside TLC's      *)
(* tla2tools.jar, written for tlatrace.  Its public and LOCAL names are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* A post-condition that saves a counter-example as a trace-exploration    *)
(* specification: a module whose behaviours replay the trace.             *)
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

\* The names of the variables of the trace's states.
LOCAL _Vars == UNION {DOMAIN st[2] : st \in CounterExample.state}

\* The conjunct  /\ v' = Trace[idx].v  (prime is "" or "'").
LOCAL _ToConjunt(v, prime, idx) ==
  "/\\ " \o v \o prime \o " = Trace[" \o idx \o "]." \o v \o "\n"

LOCAL _TLCTraceFile == "CounterExample.tlc"

\* One such conjunct per variable.
LOCAL _conjunct(prime, idx) ==
  FoldSet(LAMBDA v, acc : acc \o _ToConjunt(v, prime, idx), "", _Vars)

\* The variables separated by commas.
LOCAL _subVars ==
  FoldSet(LAMBDA v, acc : acc \o (IF acc = "" THEN "" ELSE ", ") \o v, "", _Vars)

\* The text of the module.
LOCAL _TLCTraceModule ==
  LET name == ReplaceFirstSubSeq("", ".tla", _TLCTraceFile)
  IN  "---- MODULE " \o name \o " ----\n"
        \o _extends \o "\n\n"
        \o "LOCAL INSTANCE TLC\n\n"
        \o "Trace == \n\t" \o ToString(ToTrace(CounterExample)) \o "\n\n"
        \o "_init ==\n" \o _conjunct("", "1") \o "\n"
        \o "_next ==\n\\E i,j \\in DOMAIN Trace:\n/\\ i = TLCGet(\"level\")\n/\\ j = i + 1\n"
        \o _conjunct("", "i") \o _conjunct("'", "j")
        \o "\n(* Allow infinite stuttering to prevent deadlock on termination. *)"
        \o "\n_terminating ==\n\tUNCHANGED <<" \o _subVars \o ">>"
        \o "\n\n_spec == \n\t_init /\\ [][_next \\/ _terminating]_<<" \o _subVars
        \o ">>\n" \o "\n===="

LOCAL _TLCTrace ==
  CounterExample.state # {} =>
    /\ Serialize(_TLCTraceModule, _TLCTraceFile,
                 [format |-> "TXT", charset |-> "UTF-8",
                  openOptions |-> <<"WRITE", "CREATE", "TRUNCATE_EXISTING">>]
       ).exitValue = 0
    /\ PrintT("CounterExample written: " \o _TLCTraceFile)

=============================================================================
