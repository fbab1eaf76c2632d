------------------------------- MODULE GraphViz -----------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module GraphViz, written   *)
(* for tlatrace.  Its public operators (names, arities, LOCAL-ness) are    *)
(* those of the original, and the file is checked against SANY.           *)
(***************************************************************************)

(* Built in: implemented natively by tlatrace. *)
\* The text, in GraphViz's DOT language, of the directed graph G (a record
\* [node |-> ..., edge |-> ...]) whose nodes v are labelled VL(v) and whose
\* edges e are labelled EL(e).
DotDiGraph(G, VL(_), EL(_)) == CHOOSE dot \in STRING : TRUE

=============================================================================
