---------------------------- MODULE FoldsTheorems ---------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module FoldsTheorems,      *)
(* written for tlatrace.  Its public names (theorems, with their arities   *)
(* and LOCAL-ness) are those of the original, and the file is checked      *)
(* against SANY.  Proofs are omitted.                                      *)
(***************************************************************************)
EXTENDS Folds, FiniteSets

\* The recursive equation of MapThenFoldSet, for a finite set S and a
\* choice operator that picks an element of every non-empty subset of S.
THEOREM MapThenFoldSetDef ==
  ASSUME NEW op(_, _), NEW base, NEW f(_), NEW choose(_), NEW S,
         IsFiniteSet(S),
         \A T \in SUBSET S : T # {} => choose(T) \in T
  PROVE  MapThenFoldSet(op, base, f, choose, S) =
           IF S = {} THEN base
           ELSE LET x == choose(S)
                IN  op(f(x), MapThenFoldSet(op, base, f, choose, S \ {x}))

THEOREM MapThenFoldSetEmpty ==
  ASSUME NEW op(_, _), NEW base, NEW f(_), NEW choose(_)
  PROVE  MapThenFoldSet(op, base, f, choose, {}) = base

THEOREM MapThenFoldSetNonempty ==
  ASSUME NEW op(_, _), NEW base, NEW f(_), NEW choose(_), NEW S,
         S # {},
         IsFiniteSet(S),
         \A T \in SUBSET S : T # {} => choose(T) \in T
  PROVE  MapThenFoldSet(op, base, f, choose, S) =
           LET x == choose(S)
           IN  op(f(x), MapThenFoldSet(op, base, f, choose, S \ {x}))

\* Folds over two sets related by a bijection that respects the mapped
\* values and the choice operators are equal.
THEOREM MapThenFoldSetBijection ==
  ASSUME NEW op(_, _), NEW base,
         NEW S, IsFiniteSet(S), NEW fS(_), NEW chS(_),
         \A U \in SUBSET S : U # {} => chS(U) \in U,
         NEW T, IsFiniteSet(T), NEW fT(_), NEW chT(_),
         \A U \in SUBSET T : U # {} => chT(U) \in U,
         NEW bij(_),
         \A s \in S : bij(s) \in T,
         \A t \in T : \E s \in S : bij(s) = t,
         \A s1, s2 \in S : bij(s1) = bij(s2) => s1 = s2,
         \A s \in S : fS(s) = fT(bij(s)),
         \A U \in SUBSET S : U # {} => bij(chS(U)) = chT({bij(s) : s \in U})
  PROVE  MapThenFoldSet(op, base, fS, chS, S) =
           MapThenFoldSet(op, base, fT, chT, T)

\* Only the values of f on S matter.
THEOREM MapThenFoldSetEqual ==
  ASSUME NEW op(_, _), NEW base, NEW choose(_), NEW S, IsFiniteSet(S),
         \A T \in SUBSET S : T # {} => choose(T) \in T,
         NEW f(_), NEW g(_),
         \A s \in S : f(s) = g(s)
  PROVE  MapThenFoldSet(op, base, f, choose, S) =
           MapThenFoldSet(op, base, g, choose, S)

THEOREM MapThenFoldSetType ==
  ASSUME NEW S, IsFiniteSet(S),
         NEW Typ, NEW op(_, _), NEW base \in Typ, NEW f(_), NEW choose(_),
         \A t, u \in Typ : op(t, u) \in Typ,
         \A s \in S : f(s) \in Typ,
         \A T \in SUBSET S : T # {} => choose(T) \in T
  PROVE  MapThenFoldSet(op, base, f, choose, S) \in Typ
-----------------------------------------------------------------------------

(* For an associative and commutative op, the choice does not matter. *)

THEOREM MapThenFoldSetAC ==
  ASSUME NEW Typ, NEW op(_, _), NEW base \in Typ, NEW f(_),
         \A t, u \in Typ : op(t, u) \in Typ,
         \A t, u \in Typ : op(t, u) = op(u, t),
         \A t, u, v \in Typ : op(t, op(u, v)) = op(op(t, u), v),
         NEW S, IsFiniteSet(S), NEW x \in S,
         NEW choose(_),
         \A T \in SUBSET S : T # {} => choose(T) \in T,
         \A s \in S : f(s) \in Typ
  PROVE  MapThenFoldSet(op, base, f, choose, S) =
           op(f(x), MapThenFoldSet(op, base, f, choose, S \ {x}))

THEOREM MapThenFoldSetACAddElement ==
  ASSUME NEW Typ, NEW op(_, _), NEW base \in Typ, NEW f(_),
         \A t, u \in Typ : op(t, u) \in Typ,
         \A t, u \in Typ : op(t, u) = op(u, t),
         \A t, u, v \in Typ : op(t, op(u, v)) = op(op(t, u), v),
         NEW S, IsFiniteSet(S), NEW x, x \notin S,
         NEW choose(_),
         \A T \in SUBSET (S \cup {x}) : T # {} => choose(T) \in T,
         \A s \in S \cup {x} : f(s) \in Typ
  PROVE  MapThenFoldSet(op, base, f, choose, S \cup {x}) =
           op(f(x), MapThenFoldSet(op, base, f, choose, S))

THEOREM MapThenFoldSetDisjointUnion ==
  ASSUME NEW Typ, NEW op(_, _), NEW base \in Typ, NEW f(_),
         \A t, u \in Typ : op(t, u) \in Typ,
         \A t, u \in Typ : op(t, u) = op(u, t),
         \A t, u, v \in Typ : op(t, op(u, v)) = op(op(t, u), v),
         \A t \in Typ : op(base, t) = t,
         NEW S, IsFiniteSet(S),
         NEW T, IsFiniteSet(T),
         S \cap T = {},
         NEW choose(_),
         \A U \in SUBSET (S \cup T) : U # {} => choose(U) \in U,
         \A x \in S \cup T : f(x) \in Typ
  PROVE  MapThenFoldSet(op, base, f, choose, S \cup T) =
           op(MapThenFoldSet(op, base, f, choose, S),
              MapThenFoldSet(op, base, f, choose, T))

=============================================================================
