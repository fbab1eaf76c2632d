--------------------------- MODULE UndirectedGraphs -------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module UndirectedGraphs,   *)
(* written for tlatrace.  Its public operators (names, arities,            *)
(* LOCAL-ness) are those of the original, and the file is checked against  *)
(* SANY.                                                                   *)
(*                                                                         *)
(* An undirected graph is a record [node |-> N, edge |-> E] whose edges    *)
(* are sets {a, b} of nodes ({a} for a loop at a).                         *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE SequencesExt
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE Folds
LOCAL INSTANCE Functions

\* G is an undirected graph.
IsUndirectedGraph(G) ==
  /\ G = [node |-> G.node, edge |-> G.edge]
  /\ \A e \in G.edge : \E a, b \in G.node : e = {a, b}

\* G is an undirected graph without loops.
IsLoopFreeUndirectedGraph(G) ==
  /\ G = [node |-> G.node, edge |-> G.edge]
  /\ \A e \in G.edge : \E a, b \in G.node : a # b /\ e = {a, b}

\* The undirected graphs whose nodes and edges are among those of G.
UndirectedSubgraph(G) ==
  {H \in [node : SUBSET G.node, edge : SUBSET G.edge] : IsUndirectedGraph(H)}
-----------------------------------------------------------------------------

\* The paths of G: non-empty sequences of nodes, each one linked to the
\* next by an edge.
Path(G) ==
  {p \in Seq(G.node) :
     /\ p # << >>
     /\ \A i \in 1..(Len(p) - 1) : {p[i], p[i + 1]} \in G.edge}

(* Built in: implemented natively by tlatrace. *)
\* The paths of G that visit no node twice.
SimplePath(G) == {p \in Path(G) : IsInjective(p)}

(* Built in: implemented natively by tlatrace. *)
\* Some path of G leads from m to n.
AreConnectedIn(m, n, G) == \E p \in Path(G) : p[1] = m /\ p[Len(p)] = n
-----------------------------------------------------------------------------

(* Built in: implemented natively by tlatrace. *)
\* The connected components of G: the maximal non-empty sets S of nodes
\* such that any two nodes of S are linked by a path whose nodes are all in
\* S.
ConnectedComponents(G) ==
  LET Linked(S) ==
        /\ S # {}
        /\ \A m, n \in S :
              \E p \in Seq(S) : /\ p # << >>
                                /\ p[1] = m
                                /\ p[Len(p)] = n
                                /\ \A i \in 1..(Len(p) - 1) :
                                      {p[i], p[i + 1]} \in G.edge
  IN  {S \in SUBSET G.node :
         Linked(S) /\ \A T \in SUBSET G.node : (S \subseteq T /\ Linked(T)) => T = S}

\* G consists of one connected component holding all its nodes.
IsStronglyConnected(G) == ConnectedComponents(G) = {G.node}
-----------------------------------------------------------------------------

\* All undirected graphs with node set S.
UndirectedGraphs(S) ==
  [node : {S}, edge : SUBSET {{a, b} : a, b \in S}]

=============================================================================
