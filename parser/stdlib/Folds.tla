-------------------------------- MODULE Folds -------------------------------
(***************************************************************************)
(* tlatrace's rendition of the CommunityModules module Folds, written for  *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* The general fold over a set on which FoldSet (FiniteSetsExt),           *)
(* FoldFunction (Functions) and the sequence folds (SequencesExt) rest.    *)
(***************************************************************************)

(***************************************************************************)
(* Folds op over the values f(x) of the elements x of the finite set S,    *)
(* starting from base.  choose(T) picks the element of the non-empty set T *)
(* that is handled next:                                                   *)
(*                                                                         *)
(*   MapThenFoldSet(op, base, f, choose, {})  =  base                      *)
(*   MapThenFoldSet(op, base, f, choose, S)                                *)
(*      =  op(f(x), MapThenFoldSet(op, base, f, choose, S \ {x}))          *)
(*         where x = choose(S), for S # {}.                                *)
(*                                                                         *)
(* Unless op is associative and commutative, the result depends on the     *)
(* order that choose imposes.                                              *)
(***************************************************************************)
MapThenFoldSet(op(_, _), base, f(_), choose(_), S) ==
  LET RECURSIVE Fold(_)
      Fold(T) == IF T = {} THEN base
                 ELSE LET x == choose(T)
                      IN  op(f(x), Fold(T \ {x}))
  IN  Fold(S)

=============================================================================
