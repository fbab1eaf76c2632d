----------------------------- MODULE VectorClocks ---------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module VectorClocks,       *)
(* written for tlatrace.  Its public operators (names, arities,            *)
(* LOCAL-ness) are those of the original, and the file is checked against  *)
(* SANY.                                                                   *)
(***************************************************************************)
EXTENDS Naturals, Sequences, Functions

\* Neither clock is ahead of the other on all nodes.
LOCAL concurrent(v1, v2) ==
  \E i, j \in DOMAIN v1 : i # j /\ v1[i] < v2[i] /\ v1[j] > v2[j]

\* v1 is nowhere ahead of v2 and somewhere behind it.
LOCAL happenedBefore(v1, v2) ==
  /\ \A i \in DOMAIN v1 : v1[i] <= v2[i]
  /\ \E i \in DOMAIN v1 : v1[i] < v2[i]

\* No entry of the sequence log is causally before an earlier entry: each
\* earlier entry happened before or is concurrent with each later one,
\* comparing the vector clocks clock(entry) after extending both to the
\* union of their domains (missing nodes count as 0).
IsCausalOrder(log, clock(_)) ==
  \A i \in 1..Len(log) : \A j \in 1..(i - 1) :
    LET Nodes == DOMAIN clock(log[i]) \cup DOMAIN clock(log[j])
        Full(c) == [d \in Nodes |-> IF d \in DOMAIN c THEN c[d] ELSE 0]
        later   == Full(clock(log[i]))
        earlier == Full(clock(log[j]))
    IN  happenedBefore(earlier, later) \/ concurrent(earlier, later)

(* Built in: implemented natively by tlatrace. *)
\* The entries of log rearranged into a causal order, using the vector
\* clock clock(entry), the node node(entry) of the entry, and the nodes
\* domain(vc) of a clock vc.
CausalOrder(log, clock(_), node(_), domain(_)) ==
  CHOOSE sorted \in {f \in [1..Len(log) -> Range(log)] : Range(f) = Range(log)} :
    IsCausalOrder(sorted, clock)

=============================================================================
