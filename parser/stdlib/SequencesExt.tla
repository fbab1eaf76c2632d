---------------------------- MODULE SequencesExt ----------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module SequencesExt,       *)
(* written for tlatrace.  Its public operators (names, arities,            *)
(* LOCAL-ness) are those of the original, and the file is checked against  *)
(* SANY.                                                                   *)
(*                                                                         *)
(* Like the original, the module EXTENDS the modules it builds on, so      *)
(* their operators are visible to its users as well.                       *)
(***************************************************************************)
EXTENDS Sequences, Naturals, FiniteSets, FiniteSetsExt, Folds, Functions,
        Bags, TLC
-----------------------------------------------------------------------------

\* The set of elements of the sequence s.
ToSet(s) == {s[i] : i \in DOMAIN s}

\* The bag (multiset) of the elements of s: each x is counted as often as
\* it occurs in s.
ToBag(s) == [x \in ToSet(s) |-> Cardinality({i \in DOMAIN s : s[i] = x})]

\* Some sequence that lists every element of the finite set S exactly once.
SetToSeq(S) == CHOOSE f \in [1..Cardinality(S) -> S] : IsInjective(f)

\* All sequences that list every element of the finite set S exactly once.
SetToSeqs(S) == {f \in [1..Cardinality(S) -> S] : IsInjective(f)}

\* The elements of S listed once each, sorted according to op (see SortSeq).
SetToSortSeq(S, op(_, _)) == SortSeq(SetToSeq(S), op)

\* All sequences of distinct elements of S (of every length up to
\* Cardinality(S), including << >>).
SetToAllKPermutations(S) == UNION {SetToSeqs(T) : T \in SUBSET S}

\* The sequences of length n over set:  set \X set \X ... \X set.
TupleOf(set, n) == [1..n -> set]

\* The sequences over set of length at most n (including << >>).
SeqOf(set, n) == UNION {[1..len -> set] : len \in 0..n}

\* Another name for SeqOf: the bounded analogue of Seq(S).
BoundedSeq(S, n) == SeqOf(S, n)
-----------------------------------------------------------------------------

\* e occurs in s.
Contains(s, e) == \E i \in 1..Len(s) : s[i] = e

\* op(s[i], s[j]) holds for all positions i < j of s.
IsSorted(s, op(_, _)) ==
  \A i \in 1..Len(s) : \A j \in (i + 1)..Len(s) : op(s[i], s[j])

\* The elements of s in the opposite order.
Reverse(s) == [i \in 1..Len(s) |-> s[Len(s) + 1 - i]]

\* s without any occurrence of e.
Remove(s, e) == SelectSeq(s, LAMBDA x : x # e)

\* s with every occurrence of old replaced by new.
ReplaceAll(s, old, new) ==
  [i \in 1..Len(s) |-> IF s[i] = old THEN new ELSE s[i]]
-----------------------------------------------------------------------------

\* The first position i of seq at which Test(seq[i]) holds; 0 if none.
SelectInSeq(seq, Test(_)) ==
  LET hits == {i \in 1..Len(seq) : Test(seq[i])}
  IN  IF hits = {} THEN 0 ELSE Min(hits)

\* SelectInSeq applied to SubSeq(seq, from, to) (positions count from the
\* start of that subsequence).
SelectInSubSeq(seq, from, to, Test(_)) ==
  SelectInSeq(SubSeq(seq, from, to), Test)

\* The last position i of seq at which Test(seq[i]) holds; 0 if none.
SelectLastInSeq(seq, Test(_)) ==
  LET hits == {i \in 1..Len(seq) : Test(seq[i])}
  IN  IF hits = {} THEN 0 ELSE Max(hits)

\* SelectLastInSeq applied to SubSeq(seq, from, to).
SelectLastInSubSeq(seq, from, to, Test(_)) ==
  SelectLastInSeq(SubSeq(seq, from, to), Test)
-----------------------------------------------------------------------------

\* s with e inserted at position i (the elements from i on move one up).
InsertAt(s, i, e) == SubSeq(s, 1, i - 1) \o <<e>> \o SubSeq(s, i, Len(s))

\* s with the element at position i replaced by e.
ReplaceAt(s, i, e) == [s EXCEPT ![i] = e]

\* s without its element at position i.
RemoveAt(s, i) == SubSeq(s, 1, i - 1) \o SubSeq(s, i + 1, Len(s))

\* s without the first occurrence of e (s itself if e does not occur).
RemoveFirst(s, e) ==
  IF Contains(s, e) THEN RemoveAt(s, SelectInSeq(s, LAMBDA x : x = e))
                    ELSE s

\* s without its first element that satisfies Test (s if there is none).
RemoveFirstMatch(s, Test(_)) ==
  LET i == SelectInSeq(s, Test)
  IN  IF i = 0 THEN s ELSE RemoveAt(s, i)
-----------------------------------------------------------------------------

\* The sequence with first element elt followed by the elements of seq.
Cons(elt, seq) == <<elt>> \o seq

\* Append with the arguments swapped: seq followed by elt.
Snoc(elt, seq) == Append(seq, elt)

\* s without its last element.
Front(s) == SubSeq(s, 1, Len(s) - 1)

\* The last element of a non-empty sequence s.
Last(s) == s[Len(s)]
-----------------------------------------------------------------------------

\* s is an initial part of t: t = s \o u for some sequence u.
IsPrefix(s, t) ==
  /\ Len(s) <= Len(t)
  /\ \A i \in 1..Len(s) : s[i] = t[i]

\* s is a prefix of t other than t itself.
IsStrictPrefix(s, t) == IsPrefix(s, t) /\ s # t

\* s is a final part of t: t = u \o s for some sequence u.
IsSuffix(s, t) ==
  /\ Len(s) <= Len(t)
  /\ \A i \in 1..Len(s) : s[i] = t[Len(t) - Len(s) + i]

\* s is a suffix of t other than t itself.
IsStrictSuffix(s, t) == IsSuffix(s, t) /\ s # t
-----------------------------------------------------------------------------

\* All prefixes of s, from << >> to s.
Prefixes(s) == {SubSeq(s, 1, n) : n \in 0..Len(s)}

\* The sequences that are prefixes of every sequence in the set S (empty
\* if S is empty).
CommonPrefixes(S) ==
  {p \in UNION {Prefixes(t) : t \in S} : \A t \in S : IsPrefix(p, t)}

\* The longest of the common prefixes of the sequences in S.
LongestCommonPrefix(S) ==
  CHOOSE p \in CommonPrefixes(S) :
    \A q \in CommonPrefixes(S) : Len(q) <= Len(p)

\* All suffixes of s, from s to << >>.
Suffixes(s) == {SubSeq(s, n + 1, Len(s)) : n \in 0..Len(s)}
-----------------------------------------------------------------------------

\* a modulo b, but in 1..b instead of 0..(b-1) (handy for indexing
\* sequences cyclically).
SeqMod(a, b) == LET r == a % b IN IF r = 0 THEN b ELSE r

\* Folds op over the elements of seq in an unspecified order (see
\* FoldFunction); op should be associative and commutative.
FoldSeq(op(_, _), base, seq) == FoldFunction(op, base, seq)

\* op(...op(op(base, seq[1]), seq[2])..., seq[n]).
FoldLeft(op(_, _), base, seq) ==
  LET RECURSIVE Upto(_)
      Upto(n) == IF n = 0 THEN base ELSE op(Upto(n - 1), seq[n])
  IN  Upto(Len(seq))

\* op(seq[1], op(seq[2], ... op(seq[n], base)...)).
FoldRight(op(_, _), seq, base) ==
  LET RECURSIVE From(_)
      From(n) == IF n > Len(seq) THEN base ELSE op(seq[n], From(n + 1))
  IN  From(1)

\* FoldLeft over the positions 1, 2, ..., Len(seq) of seq.
FoldLeftDomain(op(_, _), base, seq) ==
  FoldLeft(op, base, [i \in DOMAIN seq |-> i])

\* FoldRight over the positions 1, 2, ..., Len(seq) of seq.
FoldRightDomain(op(_, _), seq, base) ==
  FoldRight(op, [i \in DOMAIN seq |-> i], base)
-----------------------------------------------------------------------------

\* The concatenation seqs[1] \o seqs[2] \o ... of a sequence of sequences
\* (seqs itself when it is empty).
FlattenSeq(seqs) ==
  IF Len(seqs) = 0 THEN seqs
  ELSE LET RECURSIVE Upto(_)
           Upto(n) == IF n = 1 THEN seqs[1] ELSE Upto(n - 1) \o seqs[n]
       IN  Upto(Len(seqs))

\* The sequence of pairs <<s[i], t[i]>>, as long as the shorter of s, t.
Zip(s, t) ==
  LET n == IF Len(s) < Len(t) THEN Len(s) ELSE Len(t)
  IN  [i \in 1..n |-> <<s[i], t[i]>>]

\* For s and t of the same non-zero length n, the sequence
\* << <<s[1]>>, <<t[1]>>, ..., <<s[n]>>, <<t[n]>> >>; for two empty
\* sequences it is << <<>>, <<>> >>.  Undefined for different lengths.
Interleave(s, t) ==
  CASE Len(s) = Len(t) /\ Len(s) = 0 -> << <<>>, <<>> >>
    [] Len(s) = Len(t) /\ Len(s) > 0 ->
         [k \in 1..(2 * Len(s)) |->
            IF k % 2 = 1 THEN <<s[(k + 1) \div 2]>> ELSE <<t[k \div 2]>>]

\* The contiguous pieces SubSeq(s, i, j) of s, including << >>.
SubSeqs(s) == {SubSeq(s, i + 1, j) : i, j \in 0..Len(s)}

\* All subsequences of s obtained by deleting any elements (keeping the
\* order of the remaining ones), including << >> and s.
AllSubSeqs(s) ==
  LET Keep(D) == LET pos == SetToSortSeq(D, <)
                 IN  [k \in 1..Len(pos) |-> s[pos[k]]]
  IN  {Keep(D) : D \in SUBSET DOMAIN s}

\* The smallest position at which s occurs as a contiguous piece of t.
IndexFirstSubSeq(s, t) ==
  LET At(i) == SubSeq(t, i, i + Len(s) - 1) = s
  IN  CHOOSE i \in 1..(Len(t) - Len(s) + 1) :
        At(i) /\ \A j \in 1..(i - 1) : ~At(j)

\* t with the piece s that starts at position i replaced by r.
ReplaceSubSeqAt(i, r, s, t) ==
  SubSeq(t, 1, i - 1) \o r \o SubSeq(t, i + Len(s), Len(t))

(* Built in: implemented natively by tlatrace. *)
\* t with its first occurrence of s replaced by r (t if s does not occur).
\* Also applies to strings.
ReplaceFirstSubSeq(r, s, t) ==
  IF s \in SubSeqs(t)
    THEN ReplaceSubSeqAt(IndexFirstSubSeq(s, t), r, s, t)
    ELSE t

(* Built in: implemented natively by tlatrace. *)
\* t with every occurrence of s replaced by r, where occurrences are found
\* from left to right and do not overlap.  If s = t the result is r; if s
\* is empty (and t is not), r is put in front of every element of t.
\* Also applies to strings.
ReplaceAllSubSeqs(r, s, t) ==
  IF s = t THEN r
  ELSE IF Len(s) = 0
    THEN FlattenSeq([k \in 1..Len(t) |-> r \o <<t[k]>>])
  ELSE LET RECURSIVE From(_)
           \* the result for the part of t from position i on
           From(i) ==
             IF i + Len(s) - 1 > Len(t) THEN SubSeq(t, i, Len(t))
             ELSE IF SubSeq(t, i, i + Len(s) - 1) = s
                    THEN r \o From(i + Len(s))
                    ELSE <<t[i]>> \o From(i + 1)
       IN  From(1)

=============================================================================
