------------------------------ MODULE Functions -----------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module Functions, written  *)
(* for tlatrace.  Its public operators (names, arities, LOCAL-ness) are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* Restriction, range, inverse, injections, surjections, bijections and    *)
(* folds over the values of a function.                                    *)
(***************************************************************************)
EXTENDS Integers, Folds

\* The function f with its domain cut down to S (S should be a subset of
\* DOMAIN f).
Restrict(f, S) == [x \in S |-> f[x]]

\* f restricted to the arguments x that satisfy Test(x).
RestrictDomain(f, Test(_)) == Restrict(f, {x \in DOMAIN f : Test(x)})

\* f restricted to the arguments x whose value f[x] satisfies Test.
RestrictValues(f, Test(_)) == Restrict(f, {x \in DOMAIN f : Test(f[x])})

\* narrow agrees with wide on DOMAIN narrow, which is part of DOMAIN wide.
IsRestriction(narrow, wide) ==
  /\ DOMAIN narrow \subseteq DOMAIN wide
  /\ \A x \in DOMAIN narrow : narrow[x] = wide[x]

\* The set of values of f.  (The image of a set S under f is
\* Range(Restrict(f, S)).)
Range(f) == {f[x] : x \in DOMAIN f}

\* Combines f and g argument by argument: the value at e is T(f[e], g[e]),
\* for e in DOMAIN f (which should be a subset of DOMAIN g).
Pointwise(f, g, T(_, _)) == [e \in DOMAIN f |-> T(f[e], g[e])]

\* An inverse of f from T back to S: every y \in T that is a value of f is
\* mapped to some x \in S with f[x] = y; any other y \in T is mapped to an
\* arbitrary element of S.
Inverse(f, S, T) ==
  [y \in T |-> CHOOSE x \in S : (y \notin Range(f)) \/ (f[x] = y)]

\* The inverse of f on its range.
AntiFunction(f) == Inverse(f, DOMAIN f, Range(f))

\* f maps distinct arguments to distinct values.
IsInjective(f) == \A x, y \in DOMAIN f : (x # y) => (f[x] # f[y])

\* All injective functions from S to T.
Injection(S, T) == {f \in [S -> T] : IsInjective(f)}

\* All functions from S onto T.
Surjection(S, T) == {f \in [S -> T] : \A y \in T : \E x \in S : f[x] = y}

\* All one-to-one correspondences between S and T.
Bijection(S, T) == Injection(S, T) \cap Surjection(S, T)

ExistsInjection(S, T)  == Injection(S, T) # {}
ExistsSurjection(S, T) == Surjection(S, T) # {}
ExistsBijection(S, T)  == Bijection(S, T) # {}
-----------------------------------------------------------------------------

\* Folds op over the values fun[i] for i in the finite set indices (a
\* subset of DOMAIN fun), starting from base, in an unspecified order.
\* op should therefore be associative and commutative.
FoldFunctionOnSet(op(_, _), base, fun, indices) ==
  MapThenFoldSet(op, base, LAMBDA i : fun[i],
                 LAMBDA D : CHOOSE i \in D : TRUE, indices)

\* Folds op over all the values of fun.
FoldFunction(op(_, _), base, fun) ==
  FoldFunctionOnSet(op, base, fun, DOMAIN fun)

\* The sum of the numbers fun[i] for i in indices.
SumFunctionOnSet(fun, indices) == FoldFunctionOnSet(+, 0, fun, indices)

\* The sum of all values of fun.
SumFunction(fun) == SumFunctionOnSet(fun, DOMAIN fun)

=============================================================================
