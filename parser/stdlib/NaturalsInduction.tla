-------------------------- MODULE NaturalsInduction -------------------------
(***************************************************************************)
(* tlatrace's rendition of the TLAPS library module NaturalsInduction,     *)
(* written for tlatrace.  Its public names (theorems and operators, with   *)
(* their arities and LOCAL-ness) are those of the original, and the file   *)
(* is checked against SANY.  Proofs are omitted.                           *)
(*                                                                         *)
(* Induction over the natural numbers, and functions over Nat defined by   *)
(* recursion.                                                              *)
(***************************************************************************)
EXTENDS Integers

\* Ordinary induction.
THEOREM NatInduction ==
  ASSUME NEW P(_),
         P(0),
         \A k \in Nat : P(k) => P(k + 1)
  PROVE  \A k \in Nat : P(k)

\* If P holds for m and is inherited downwards, it holds for 0.
THEOREM DownwardNatInduction ==
  ASSUME NEW P(_), NEW m \in Nat,
         P(m),
         \A k \in 1..m : P(k) => P(k - 1)
  PROVE  P(0)

\* Course-of-values induction: P(k) may be derived from P(j) for all j < k.
THEOREM GeneralNatInduction ==
  ASSUME NEW P(_),
         \A k \in Nat : (\A j \in 0..(k - 1) : P(j)) => P(k)
  PROVE  \A k \in Nat : P(k)

\* The least-number principle.
THEOREM SmallestNatural ==
  ASSUME NEW P(_), NEW n \in Nat, P(n)
  PROVE  \E m \in Nat : P(m) /\ \A j \in 0..(m - 1) : ~P(j)

\* A function on Nat defined by  f[n] == Def(f, n)  is well-defined when
\* Def(f, n) depends only on the values of f below n.
THEOREM RecursiveFcnOfNat ==
  ASSUME NEW Def(_, _),
         ASSUME NEW n \in Nat, NEW g, NEW h,
                \A j \in 0..(n - 1) : g[j] = h[j]
         PROVE  Def(g, n) = Def(h, n)
  PROVE  LET f[n \in Nat] == Def(f, n)
         IN  f = [n \in Nat |-> Def(f, n)]
-----------------------------------------------------------------------------

\* f is the function defined by primitive recursion from f0 and Def, in
\* the form a recursive function definition takes ...
NatInductiveDefHypothesis(f, f0, Def(_, _)) ==
  f = CHOOSE g : g = [k \in Nat |-> IF k = 0 THEN f0 ELSE Def(g[k - 1], k)]

\* ... and the equation it satisfies.
NatInductiveDefConclusion(f, f0, Def(_, _)) ==
  f = [k \in Nat |-> IF k = 0 THEN f0 ELSE Def(f[k - 1], k)]

THEOREM NatInductiveDef ==
  ASSUME NEW Def(_, _), NEW f, NEW f0,
         NatInductiveDefHypothesis(f, f0, Def)
  PROVE  NatInductiveDefConclusion(f, f0, Def)

\* The type of a recursively defined function over Nat.
THEOREM RecursiveFcnOfNatType ==
  ASSUME NEW f, NEW S, NEW Def(_, _),
         f = [n \in Nat |-> Def(f, n)],
         ASSUME NEW n \in Nat, NEW g,
                \A j \in 0..(n - 1) : g[j] \in S
         PROVE  Def(g, n) \in S
  PROVE  f \in [Nat -> S]

THEOREM NatInductiveDefType ==
  ASSUME NEW Def(_, _), NEW S, NEW f, NEW f0 \in S,
         NatInductiveDefConclusion(f, f0, Def),
         f0 \in S,
         \A v \in S, k \in Nat \ {0} : Def(v, k) \in S
  PROVE  f \in [Nat -> S]

\* Functions satisfying the same recursive equation are equal.
THEOREM RecursiveFcnOfNatUnique ==
  ASSUME NEW Def(_, _), NEW f, NEW g,
         f = [n \in Nat |-> Def(f, n)],
         g = [n \in Nat |-> Def(g, n)],
         ASSUME NEW n \in Nat, NEW ff, NEW gg,
                \A j \in 0..(n - 1) : ff[j] = gg[j]
         PROVE  Def(ff, n) = Def(gg, n)
  PROVE  f = g

THEOREM NatInductiveUnique ==
  ASSUME NEW Def(_, _), NEW f, NEW g, NEW f0,
         NatInductiveDefConclusion(f, f0, Def),
         NatInductiveDefConclusion(g, f0, Def)
  PROVE  f = g
-----------------------------------------------------------------------------

\* The same for functions on an interval m..n of naturals, starting from
\* the value c at m.
FiniteNatInductiveDefHypothesis(f, c, Def(_, _), m, n) ==
  f = CHOOSE g : g = [k \in m..n |-> IF k = m THEN c ELSE Def(g[k - 1], k)]

FiniteNatInductiveDefConclusion(f, c, Def(_, _), m, n) ==
  f = [k \in m..n |-> IF k = m THEN c ELSE Def(f[k - 1], k)]

THEOREM FiniteNatInductiveDef ==
  ASSUME NEW Def(_, _), NEW f, NEW c, NEW m \in Nat, NEW n \in Nat,
         FiniteNatInductiveDefHypothesis(f, c, Def, m, n)
  PROVE  FiniteNatInductiveDefConclusion(f, c, Def, m, n)

THEOREM FiniteNatInductiveDefType ==
  ASSUME NEW S, NEW Def(_, _), NEW f, NEW c \in S, NEW m \in Nat, NEW n \in Nat,
         FiniteNatInductiveDefConclusion(f, c, Def, m, n),
         \A v \in S, k \in (m + 1)..n : Def(v, k) \in S
  PROVE  f \in [m..n -> S]

THEOREM FiniteNatInductiveUnique ==
  ASSUME NEW Def(_, _), NEW f, NEW g, NEW c, NEW m \in Nat, NEW n \in Nat,
         FiniteNatInductiveDefConclusion(f, c, Def, m, n),
         FiniteNatInductiveDefConclusion(g, c, Def, m, n)
  PROVE  f = g

=============================================================================
