------------------------ MODULE DifferentialEquations -----------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module                     *)
(* DifferentialEquations (after Specifying Systems, section 11.1.2),       *)
(* written for tlatrace.  Its public operators (names, arities,            *)
(* LOCAL-ness) are those of the original, and the file is checked against  *)
(* SANY.                                                                   *)
(***************************************************************************)
LOCAL INSTANCE Reals
LOCAL INSTANCE Sequences

LOCAL Positive == {r \in Real : r > 0}

\* The open interval from lo to hi.
LOCAL Between(lo, hi) == {x \in Real : lo < x /\ x < hi}

\* The open interval of radius eps around x.
LOCAL Around(x, eps) == Between(x - eps, x + eps)

\* The real-valued function df is the derivative of the real function f.
LOCAL IsDerivativeOf(df, f) ==
  /\ df \in [DOMAIN f -> Real]
  /\ \A x \in DOMAIN f :
       \A eps \in Positive : \E delta \in Positive :
          \A y \in Around(x, delta) \ {x} :
             (f[y] - f[x]) / (y - x) \in Around(df[x], eps)

\* dnf is the n-th derivative of f.
LOCAL IsNthDerivativeOf(n, dnf, f) ==
  LET RECURSIVE Nth(_, _)
      Nth(k, g) == IF k = 0 THEN g = f
                   ELSE \E h \in [DOMAIN f -> Real] :
                           IsDerivativeOf(g, h) /\ Nth(k - 1, h)
  IN  Nth(n, dnf)

(***************************************************************************)
(* Let n = Len(InitVals).  Integrate(D, a, b, InitVals) is the tuple of    *)
(* the values at b of f, f', ..., f^(n-1), where f is the solution of the  *)
(* ordinary differential equation                                          *)
(*    D[<<x, f[x], f'[x], ..., f^(n)[x]>>] = 0                             *)
(* on an open interval containing a and b, whose values f[a], f'[a], ...,  *)
(* f^(n-1)[a] are the elements of InitVals.                                *)
(***************************************************************************)
Integrate(D, a, b, InitVals) ==
  LET n == Len(InitVals)
      \* Sol[i] is the i-th derivative of the solution, for i \in 0..n.
      Sol ==
        CHOOSE g :
          \E eps \in Positive :
            LET Dom == Between(a - eps, b + eps)
            IN  /\ g \in [0..n -> [Dom -> Real]]
                /\ \A i \in 1..n : /\ IsNthDerivativeOf(i, g[i], g[0])
                                   /\ g[i - 1][a] = InitVals[i]
                /\ \A x \in Dom :
                      D[<<x>> \o [i \in 1..(n + 1) |-> g[i - 1][x]]] = 0
  IN  [i \in 1..n |-> Sol[i - 1][b]]

=============================================================================
