----------------------- MODULE EagerVotingWithChosen -----------------------
(***************************************************************************)
(* EagerVoting refines Consensus (TPaxos paper, section 4.2.2).  A value v *)
(* is chosen in ballot b when every acceptor of some quorum has voted for  *)
(* v in ballot b; the set chosen of Consensus is implemented by the set of *)
(* values chosen in some ballot.                                           *)
(***************************************************************************)
EXTENDS EagerVoting
-----------------------------------------------------------------------------
ChosenAt(b, v) ==
  \E Q \in Quorum : \A a \in Q : VotedFor(a, b, v)

chosen == {v \in Value : \E b \in Ballot : ChosenAt(b, v)}

(***************************************************************************)
(* Reconstructed: the OCR ends the line with "|chosen| < 1", read as a     *)
(* comment (at most one value is chosen).                                  *)
(***************************************************************************)
Consistency == chosen = {} \/ \E v \in Value : chosen = {v}   \* |chosen| <= 1

(***************************************************************************)
(* Reconstructed: the OCR substitutes "Acceptor <- Acceptor", but module   *)
(* Consensus has no constant Acceptor (only Value); the substitution is    *)
(* Value <- Value.                                                         *)
(***************************************************************************)
C == INSTANCE Consensus WITH chosen <- chosen, Value <- Value

THEOREM Refinement == Spec => C!Spec
=============================================================================
