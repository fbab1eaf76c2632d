--------------------------- MODULE DyadicRationals --------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module DyadicRationals,    *)
(* written for tlatrace.  Its public operators (names, arities,            *)
(* LOCAL-ness) are those of the original, and the file is checked against  *)
(* SANY.                                                                   *)
(*                                                                         *)
(* Dyadic rationals num / den, where den is a power of two, represented as *)
(* records [num |-> ..., den |-> ...] kept in lowest terms.                *)
(***************************************************************************)
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSetsExt
LOCAL INSTANCE TLC

\* The greatest common divisor of two integers that are not both 0.
LOCAL Gcd(n, m) ==
  LET Abs(x) == IF x < 0 THEN -x ELSE x
  IN  Max({d \in 1..(Abs(n) + Abs(m)) : n % d = 0 /\ m % d = 0})

LOCAL Frac(num, den) == [num |-> num, den |-> den]

\* p in lowest terms.
LOCAL Normalize(p) ==
  LET g == Gcd(p.num, p.den)
  IN  Frac(p.num \div g, p.den \div g)
-----------------------------------------------------------------------------

\* The denominator of r is a power of two.
IsDyadicRational(r) == \E k \in 0..r.den : 2^k = r.den

Zero == Frac(0, 1)

One == Frac(1, 1)

\* The sum of the dyadic rationals p and q.  (The larger denominator is a
\* common multiple of both, as both are powers of two.)
Add(p, q) ==
  IF p = Zero THEN q
  ELSE LET den == IF p.den >= q.den THEN p.den ELSE q.den
       IN  Normalize(Frac(p.num * (den \div p.den) + q.num * (den \div q.den),
                          den))

\* p divided by two.
Half(p) == Normalize(Frac(p.num, 2 * p.den))

\* p as a string: "0", "1" or "num/den".
PrettyPrint(p) ==
  CASE p = Zero -> "0"
    [] p = One  -> "1"
    [] OTHER    -> ToString(p.num) \o "/" \o ToString(p.den)

=============================================================================
