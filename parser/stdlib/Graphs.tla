-------------------------------- MODULE Graphs ------------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module Graphs, written for *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* A directed graph is a record [node |-> N, edge |-> E] with E a set of   *)
(* pairs <<m, n>> of nodes (an edge from m to n).  Like the original, the  *)
(* module EXTENDS the modules it uses, which makes their names visible.    *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, SequencesExt, Relation

\* G is a directed graph: exactly the fields node and edge, with edges
\* between nodes.
IsDirectedGraph(G) ==
  /\ G = [node |-> G.node, edge |-> G.edge]
  /\ G.edge \subseteq G.node \X G.node

\* The directed graphs whose nodes and edges are among those of G.
DirectedSubgraph(G) ==
  {H \in [node : SUBSET G.node, edge : SUBSET (G.node \X G.node)] :
      IsDirectedGraph(H) /\ H.edge \subseteq G.edge}

\* G with all edges reversed.
Transpose(G) == [node |-> G.node, edge |-> {<<e[2], e[1]>> : e \in G.edge}]
-----------------------------------------------------------------------------

\* G is a directed graph whose edge relation is symmetric.  (Module
\* UndirectedGraphs represents undirected graphs differently.)
IsUndirectedGraph(G) ==
  /\ IsDirectedGraph(G)
  /\ \A e \in G.edge : <<e[2], e[1]>> \in G.edge

\* The undirected subgraphs of G.
UndirectedSubgraph(G) == {H \in DirectedSubgraph(G) : IsUndirectedGraph(H)}
-----------------------------------------------------------------------------

\* The paths of G: non-empty sequences of nodes, each one linked to the
\* next by an edge.
Path(G) ==
  {p \in Seq(G.node) :
     /\ p # << >>
     /\ \A i \in 1..(Len(p) - 1) : <<p[i], p[i + 1]>> \in G.edge}

(* Built in: implemented natively by tlatrace. *)
\* The paths of G that visit no node twice.
SimplePath(G) == {p \in Path(G) : IsInjective(p)}

(* Built in: implemented natively by tlatrace. *)
\* Some path of G leads from m to n.
AreConnectedIn(m, n, G) == \E p \in Path(G) : p[1] = m /\ p[Len(p)] = n

\* Every node of G is connected to every node.
IsStronglyConnected(G) == \A m, n \in G.node : AreConnectedIn(m, n, G)

\* For a finite graph G, the Boolean matrix C with C[m, n] = TRUE iff some
\* path leads from m to n (Warshall's algorithm; Via(N) allows the inner
\* nodes of paths to come from N).
ConnectionsIn(G) ==
  LET RECURSIVE Via(_)
      Via(N) ==
        IF N = {}
          THEN [m, n \in G.node |-> m = n \/ <<m, n>> \in G.edge]
          ELSE LET u == CHOOSE x \in N : TRUE
                   C == Via(N \ {u})
               IN  [m, n \in G.node |-> C[m, n] \/ (C[m, u] /\ C[u, n])]
  IN  Via(G.node)
-----------------------------------------------------------------------------

\* G is a tree with root r, its edges pointing towards the root: r is a
\* node without outgoing edges, every other node has exactly one outgoing
\* edge, and every node is connected to r.
IsTreeWithRoot(G, r) ==
  /\ IsDirectedGraph(G)
  /\ r \in G.node
  /\ \A e \in G.edge : /\ e[1] # r
                       /\ \A f \in G.edge : e[1] = f[1] => e = f
  /\ \A n \in G.node : AreConnectedIn(n, r, G)
-----------------------------------------------------------------------------

\* The graph with the nodes and the edges of both G and H.
GraphUnion(G, H) ==
  [node |-> G.node \cup H.node, edge |-> G.edge \cup H.edge]

\* U and V are disjoint, cover the nodes of G, and every edge of G links
\* a node of U with a node of V.
IsBipartiteWithPartitions(G, U, V) ==
  /\ U \cap V = {}
  /\ G.node \subseteq U \cup V
  /\ \A e \in G.edge : \/ e[1] \in U /\ e[2] \in V
                       \/ e[1] \in V /\ e[2] \in U

\* G has a cycle: a self-loop, or two distinct nodes connected both ways.
HasCycle(G) ==
  \/ \E n \in G.node : <<n, n>> \in G.edge
  \/ LET C == ConnectionsIn(G)
     IN  \E m, n \in G.node : m # n /\ C[m, n] /\ C[n, m]

\* G is a directed acyclic graph.
IsDag(G) == IsDirectedGraph(G) /\ ~HasCycle(G)

\* The nodes reached from n by one edge.
Successors(G, n) == {m \in G.node : <<n, m>> \in G.edge}

\* The nodes reached by one edge from some node in S.
AllSuccessors(G, S) == UNION {Successors(G, n) : n \in S}

\* The nodes from which one edge leads to n.
Predecessors(G, n) == {m \in G.node : <<m, n>> \in G.edge}

\* The nodes from which one edge leads into S.
AllPredecessors(G, S) == UNION {Predecessors(G, n) : n \in S}

\* The edge relation of G as a Boolean function on its nodes.
LOCAL EdgeRel(G) == [p \in G.node \X G.node |-> p \in G.edge]

\* The nodes from which a path of one or more edges leads to n.
Ancestors(G, n) ==
  LET C == TransitiveClosure(EdgeRel(G), G.node)
  IN  {m \in G.node : C[m, n]}

\* The nodes reached from n by a path of one or more edges.
Descendants(G, n) ==
  LET C == TransitiveClosure(EdgeRel(G), G.node)
  IN  {m \in G.node : C[n, m]}

\* The number of edges into n, and out of n.
InDegree(G, n) == Cardinality(Predecessors(G, n))
OutDegree(G, n) == Cardinality(Successors(G, n))

\* The nodes without incoming edges, and those without outgoing edges.
Roots(G) == {n \in G.node : Predecessors(G, n) = {}}
Leaves(G) == {n \in G.node : Successors(G, n) = {}}
-----------------------------------------------------------------------------

\* The graph without nodes and edges.
EmptyGraph == [node |-> {}, edge |-> {}]

\* All directed graphs with node set S.
Graphs(S) == [node : {S}, edge : SUBSET (S \X S)]

=============================================================================
