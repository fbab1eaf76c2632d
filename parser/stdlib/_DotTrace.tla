------------------------------ MODULE _DotTrace -----------------------------
(***************************************************************************)
(* tlatrace's rendition of the module _DotTrace shipped inside TLC's       *)
(* tla2tools.jar, written for tlatrace.  Its public and LOCAL names are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* A post-condition that saves a counter-example as a GraphViz graph.      *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE TLCExt
LOCAL INSTANCE GraphViz
LOCAL INSTANCE IOUtils
LOCAL INSTANCE Sequences
LOCAL INSTANCE Functions

LOCAL _DotTraceFile == "CounterExample.Dot"

\* The options for writing plain text, replacing an existing file.
LOCAL TextFile ==
  [format |-> "TXT", charset |-> "UTF-8",
   openOptions |-> <<"WRITE", "CREATE", "TRUNCATE_EXISTING">>]

LOCAL _DotTrace ==
  CounterExample.state # {} =>
    LET \* edges <<from, to, action>> between the states of the example
        Edges == {<<a[1], a[3], a[2]>> : a \in CounterExample.action}
        Graph == [node |-> CounterExample.state, edge |-> Edges]
        \* a node (a pair <<index, state>>) is labelled with the values of
        \* its state's variables, one per line
        NodeLabel(v) ==
          FoldFunctionOnSet(LAMBDA x, y : ToString(x) \o "\n" \o y, "",
                            v[2], DOMAIN v[2])
        EdgeLabel(e) == e[3].name
    IN  /\ Serialize(DotDiGraph(Graph, NodeLabel, EdgeLabel),
                     _DotTraceFile, TextFile).exitValue = 0
        /\ PrintT("CounterExample written: " \o _DotTraceFile)

=============================================================================
