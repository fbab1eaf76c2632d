------------------------------- MODULE Bitwise ------------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module Bitwise, written    *)
(* for tlatrace.  Its public operators (names, arities, LOCAL-ness) are    *)
(* those of the original, and the file is checked against SANY.           *)
(*                                                                         *)
(* Bitwise operations on natural numbers.  As in the original (where they  *)
(* are RECURSIVE, which makes SANY ignore their LOCAL), the helpers And,   *)
(* Or, Xor and NotR are visible to users of the module.                    *)
(***************************************************************************)
LOCAL INSTANCE Integers

\* Bit number k (counting from 0) of the natural number v.
LOCAL BitOf(v, k) == (v \div 2^k) % 2

\* The bits of x AND y at positions n, n+1, ...: m is halved at every
\* position and the computation stops when it reaches 0.
RECURSIVE And(_, _, _, _)
And(x, y, n, m) ==
  IF m = 0 THEN 0
  ELSE 2^n * (BitOf(x, n) * BitOf(y, n)) + And(x, y, n + 1, m \div 2)

\* Bitwise AND of the naturals x and y.
x & y == And(x, y, 0, IF x >= y THEN x ELSE y)
-----------------------------------------------------------------------------

\* Like And, for OR.
RECURSIVE Or(_, _, _, _)
Or(x, y, n, m) ==
  IF m = 0 THEN 0
  ELSE LET bit == IF BitOf(x, n) + BitOf(y, n) > 0 THEN 1 ELSE 0
       IN  2^n * bit + Or(x, y, n + 1, m \div 2)

\* Bitwise OR of the naturals x and y.
x | y == Or(x, y, 0, IF x >= y THEN x ELSE y)
-----------------------------------------------------------------------------

\* Like And, for exclusive OR.
RECURSIVE Xor(_, _, _, _)
Xor(x, y, n, m) ==
  IF m = 0 THEN 0
  ELSE 2^n * ((BitOf(x, n) + BitOf(y, n)) % 2) + Xor(x, y, n + 1, m \div 2)

\* Bitwise exclusive OR of the naturals x and y (^ is already taken).
x ^^ y == Xor(x, y, 0, IF x >= y THEN x ELSE y)
-----------------------------------------------------------------------------

\* The complemented bits of x at positions n, n+1, ... while m > 0.
RECURSIVE NotR(_, _, _)
NotR(x, n, m) ==
  IF m = 0 THEN 0
  ELSE 2^n * (1 - BitOf(x, n)) + NotR(x, n + 1, m \div 2)

\* Bitwise NOT of the natural a, over the bit positions that a occupies.
Not(a) == NotR(a, 0, a)
-----------------------------------------------------------------------------

\* The natural n shifted right by pos bit positions (zeros come in from
\* the left).
shiftR(n, pos) == n \div 2^pos

=============================================================================
