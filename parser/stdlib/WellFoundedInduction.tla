------------------------ MODULE WellFoundedInduction ------------------------
(***************************************************************************)
(* tlatrace's rendition of the TLAPS library module WellFoundedInduction,  *)
(* written for tlatrace.  Its public names (theorems and operators, with   *)
(* their arities and LOCAL-ness) are those of the original, and the file   *)
(* is checked against SANY.  Proofs are omitted.                           *)
(*                                                                         *)
(* A relation R is a set of pairs; <<x, y>> \in R reads "x is below y".   *)
(***************************************************************************)
EXTENDS NaturalsInduction

\* R is transitive on S.
IsTransitivelyClosedOn(R, S) ==
  \A x, y, z \in S : (<<x, y>> \in R /\ <<y, z>> \in R) => <<x, z>> \in R

\* R is well-founded on S: no infinite descending chain in S.
IsWellFoundedOn(R, S) ==
  ~\E chain \in [Nat -> S] : \A k \in Nat : <<chain[k + 1], chain[k]>> \in R

LEMMA EmptyIsWellFounded == \A S : IsWellFoundedOn({}, S)

LEMMA IsWellFoundedOnSubset ==
  ASSUME NEW R, NEW S, NEW T \in SUBSET S,
         IsWellFoundedOn(R, S)
  PROVE  IsWellFoundedOn(R, T)

LEMMA IsWellFoundedOnSubrelation ==
  ASSUME NEW S, NEW R, NEW RR,
         RR \cap (S \X S) \subseteq R,
         IsWellFoundedOn(R, S)
  PROVE  IsWellFoundedOn(RR, S)

\* The elements of S below x.
SetLessThan(x, R, S) == {y \in S : <<y, x>> \in R}

\* Every non-empty subset of a well-founded set has a minimal element ...
THEOREM WFMin ==
  ASSUME NEW R, NEW S,
         IsWellFoundedOn(R, S),
         NEW T, T \subseteq S, T # {}
  PROVE  \E x \in T : \A y \in T : <<y, x>> \notin R

\* ... and this characterizes well-foundedness.
THEOREM MinWF ==
  ASSUME NEW R, NEW S,
         \A T \in SUBSET S :
            T # {} => \E x \in T : \A y \in T : <<y, x>> \notin R
  PROVE  IsWellFoundedOn(R, S)

LEMMA WellFoundedIsIrreflexive ==
  ASSUME NEW R, NEW S, NEW x \in S,
         IsWellFoundedOn(R, S)
  PROVE  <<x, x>> \notin R

LEMMA WellFoundedIsAsymmetric ==
  ASSUME NEW R, NEW S, NEW x \in S, NEW y \in S,
         IsWellFoundedOn(R, S),
         <<x, y>> \in R,
         <<y, x>> \in R
  PROVE  FALSE

LEMMA WFSetLessThanIrreflexive ==
  ASSUME NEW R, NEW S, NEW x \in S,
         IsWellFoundedOn(R, S)
  PROVE  x \notin SetLessThan(x, R, S)

LEMMA SetLessTransitive ==
  ASSUME NEW R, NEW S, NEW x \in S, NEW y \in SetLessThan(x, R, S),
         IsTransitivelyClosedOn(R, S)
  PROVE  SetLessThan(y, R, S) \subseteq SetLessThan(x, R, S)
-----------------------------------------------------------------------------

\* Well-founded induction.
THEOREM WFInduction ==
  ASSUME NEW P(_), NEW R, NEW S,
         IsWellFoundedOn(R, S),
         \A x \in S : (\A y \in SetLessThan(x, R, S) : P(y)) => P(x)
  PROVE  \A x \in S : P(x)

\* Def(g, x) depends only on the values of g below x.
WFDefOn(R, S, Def(_, _)) ==
  \A g, h :
    \A x \in S :
      (\A y \in SetLessThan(x, R, S) : g[y] = h[y]) => Def(g, x) = Def(h, x)

\* f is what the recursive definition  f[x \in S] == Def(f, x)  denotes ...
OpDefinesFcn(f, S, Def(_, _)) ==
  f = CHOOSE g : g = [x \in S |-> Def(g, x)]

\* ... f satisfies its equation ...
WFInductiveDefines(f, S, Def(_, _)) == f = [x \in S |-> Def(f, x)]

\* ... and the equation has at most one solution.
WFInductiveUnique(S, Def(_, _)) ==
  \A g, h : (WFInductiveDefines(g, S, Def) /\ WFInductiveDefines(h, S, Def))
              => g = h

THEOREM WFDefOnUnique ==
  ASSUME NEW Def(_, _), NEW R, NEW S,
         IsWellFoundedOn(R, S),
         WFDefOn(R, S, Def)
  PROVE  WFInductiveUnique(S, Def)

LEMMA WFInductiveDefLemma ==
  ASSUME NEW Def(_, _), NEW R, NEW S, NEW f,
         IsWellFoundedOn(R, S),
         IsTransitivelyClosedOn(R, S),
         WFDefOn(R, S, Def),
         OpDefinesFcn(f, S, Def)
  PROVE  WFInductiveDefines(f, S, Def)

\* The transitive closure of R restricted to S: the pairs of S \X S that
\* belong to every transitive relation on S containing R \cap S \X S.
TransitiveClosureOn(R, S) ==
  {pair \in S \X S :
     \A U \in SUBSET (S \X S) :
        (R \cap (S \X S) \subseteq U /\ IsTransitivelyClosedOn(U, S))
          => pair \in U}

LEMMA TransitiveClosureThm ==
  \A R, S :
    /\ R \cap (S \X S) \subseteq TransitiveClosureOn(R, S)
    /\ IsTransitivelyClosedOn(TransitiveClosureOn(R, S), S)

LEMMA TransitiveClosureMinimal ==
  ASSUME NEW R, NEW S, NEW U \in SUBSET (S \X S),
         R \cap (S \X S) \subseteq U,
         IsTransitivelyClosedOn(U, S)
  PROVE  TransitiveClosureOn(R, S) \subseteq U

LEMMA TCTCTC ==
  ASSUME NEW R, NEW S, NEW i \in S, NEW j \in S, NEW k \in S,
         <<i, j>> \in TransitiveClosureOn(R, S),
         <<j, k>> \in TransitiveClosureOn(R, S)
  PROVE  <<i, k>> \in TransitiveClosureOn(R, S)

LEMMA TCRTC ==
  ASSUME NEW R, NEW S, NEW i \in S, NEW j \in S, NEW k \in S,
         <<i, j>> \in TransitiveClosureOn(R, S),
         <<j, k>> \in R
  PROVE  <<i, k>> \in TransitiveClosureOn(R, S)

LEMMA RTCTC ==
  ASSUME NEW R, NEW S, NEW i \in S, NEW j \in S, NEW k \in S,
         <<i, j>> \in R,
         <<j, k>> \in TransitiveClosureOn(R, S)
  PROVE  <<i, k>> \in TransitiveClosureOn(R, S)

LEMMA TransitiveClosureChopLast ==
  ASSUME NEW R, NEW S, NEW i \in S, NEW k \in S,
         <<i, k>> \in TransitiveClosureOn(R, S)
  PROVE  \E j \in S : /\ <<j, k>> \in R
                      /\ (i = j) \/ (<<i, j>> \in TransitiveClosureOn(R, S))

THEOREM TransitiveClosureWF ==
  ASSUME NEW R, NEW S,
         IsWellFoundedOn(R, S)
  PROVE  IsWellFoundedOn(TransitiveClosureOn(R, S), S)

\* Recursive definitions along a well-founded relation are sound.
THEOREM WFInductiveDef ==
  ASSUME NEW Def(_, _), NEW R, NEW S, NEW f,
         IsWellFoundedOn(R, S),
         WFDefOn(R, S, Def),
         OpDefinesFcn(f, S, Def)
  PROVE  WFInductiveDefines(f, S, Def)

THEOREM WFInductiveDefType ==
  ASSUME NEW Def(_, _), NEW f, NEW R, NEW S, NEW T,
         T # {},
         IsWellFoundedOn(R, S),
         WFDefOn(R, S, Def),
         WFInductiveDefines(f, S, Def),
         \A g \in [S -> T], s \in S : Def(g, s) \in T
  PROVE  f \in [S -> T]
-----------------------------------------------------------------------------

\* The relation on S given by the infix operator \prec.
OpToRel(_\prec_, S) == {pair \in S \X S : pair[1] \prec pair[2]}

THEOREM NatLessThanWellFounded == IsWellFoundedOn(OpToRel(<, Nat), Nat)

\* The inverse image of R under f, on S.
PreImage(f(_), S, R) == {pair \in S \X S : <<f(pair[1]), f(pair[2])>> \in R}

THEOREM PreImageWellFounded ==
  ASSUME NEW S, NEW T, NEW R, NEW f(_),
         \A s \in S : f(s) \in T,
         IsWellFoundedOn(R, T)
  PROVE  IsWellFoundedOn(PreImage(f, S, R), S)

\* The lexicographic order on pairs (first components by R1, then second
\* components by R2).
LexPairOrdering(R1, R2, S1, S2) ==
  {pp \in (S1 \X S2) \X (S1 \X S2) :
     LET a == pp[1]
         b == pp[2]
     IN  \/ <<a[1], b[1]>> \in R1
         \/ a[1] = b[1] /\ <<a[2], b[2]>> \in R2}

THEOREM WFLexPairOrdering ==
  ASSUME NEW R1, NEW R2, NEW S1, NEW S2,
         IsWellFoundedOn(R1, S1),
         IsWellFoundedOn(R2, S2)
  PROVE  IsWellFoundedOn(LexPairOrdering(R1, R2, S1, S2), S1 \X S2)

\* The lexicographic order on n-tuples of elements of S.
LexProductOrdering(R, S, n) ==
  {pp \in [1..n -> S] \X [1..n -> S] :
     \E j \in 1..n : /\ \A i \in 1..(j - 1) : pp[1][i] = pp[2][i]
                     /\ <<pp[1][j], pp[2][j]>> \in R}

THEOREM WFLexProductOrdering ==
  ASSUME NEW R, NEW S, NEW n \in Nat,
         IsWellFoundedOn(R, S)
  PROVE  IsWellFoundedOn(LexProductOrdering(R, S, n), [1..n -> S])

=============================================================================
