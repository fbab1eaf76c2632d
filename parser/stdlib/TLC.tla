-------------------------------- MODULE TLC ---------------------------------
(***************************************************************************)
(* tlatrace's rendition of TLC's standard module TLC, written for          *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* The operators are evaluated natively by tlatrace.  Those with side      *)
(* effects (printing, the TLCGet/TLCSet registers, randomness) cannot be   *)
(* described in TLA+; their bodies give the value they evaluate to.        *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets
-----------------------------------------------------------------------------

(* Built in: implemented natively by tlatrace. *)
\* Equals val; evaluating it prints out and val.
Print(out, val) == val

(* Built in: implemented natively by tlatrace. *)
\* Equals TRUE; evaluating it prints out.
PrintT(out) == TRUE

(* Built in: implemented natively by tlatrace. *)
\* Equals TRUE when val is TRUE; otherwise evaluation stops with an error
\* that reports out.
Assert(val, out) == IF val = TRUE THEN TRUE ELSE CHOOSE anything : TRUE

(* Built in: implemented natively by tlatrace. *)
\* The current wall-clock time, in seconds, as a natural number.
JavaTime == CHOOSE t : t \in Nat

(***************************************************************************)
(* TLCGet(i) and TLCSet(i, v) read and write a list of registers kept by   *)
(* the model checker (per worker).  TLCGet also accepts names of run-time  *)
(* statistics such as "level", "diameter", "distinct", "queue",            *)
(* "duration", "stats", "config", "spec" and "action".                     *)
(***************************************************************************)

(* Built in: implemented natively by tlatrace. *)
TLCGet(i) == CHOOSE v : TRUE

(* Built in: implemented natively by tlatrace. *)
\* Equals TRUE; sets register i to v as a side effect.
TLCSet(i, v) == TRUE
-----------------------------------------------------------------------------

\* The function with the single-element domain {d} that maps d to e.
d :> e == [x \in {d} |-> e]

\* Function merge: defined on the union of both domains, preferring f.
f @@ g == [x \in (DOMAIN f) \cup (DOMAIN g) |->
             IF x \notin DOMAIN f THEN g[x] ELSE f[x]]

\* The set of all bijections from S to itself.
Permutations(S) ==
  {p \in [S -> S] : \A y \in S : \E x \in S : p[x] = y}
-----------------------------------------------------------------------------

(* Built in: implemented natively by tlatrace. *)
\* The sequence s rearranged so that, for all positions i < j of the
\* result, either Op(r[i], r[j]) holds or r[i] = r[j].
SortSeq(s, Op(_, _)) ==
  LET n       == Len(s)
      Arrange == CHOOSE p \in Permutations(1..n) :
                   \A i, j \in 1..n :
                      i < j => \/ s[p[i]] = s[p[j]]
                               \/ Op(s[p[i]], s[p[j]])
  IN  [k \in 1..n |-> s[Arrange[k]]]

(* Built in: implemented natively by tlatrace. *)
\* A pseudo-randomly chosen element of S.
RandomElement(s) == CHOOSE x \in s : TRUE

(* Built in: implemented natively by tlatrace. *)
\* A special value such that  v \in Any  is TRUE for every value v.
Any == CHOOSE anyValue : TRUE

(* Built in: implemented natively by tlatrace. *)
\* The string that is the TLA+ representation of the value v.
ToString(v) == CHOOSE str \in STRING : TRUE

(* Built in: implemented natively by tlatrace. *)
\* Equals v, but forces v to be evaluated completely right away.
TLCEval(v) == v

=============================================================================
