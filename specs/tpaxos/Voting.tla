------------------------------- MODULE Voting -------------------------------
(***************************************************************************)
(* Lamport's Voting algorithm as given in the TPaxos paper (section 1.5).  *)
(* It abstracts Paxos: acceptor a promises not to vote below maxBal[a]     *)
(* (IncreaseMaxBal, the analogue of Phase1a/Phase1b) and votes for v in    *)
(* ballot b (VoteFor, the analogue of Phase2a/Phase2b) only if             *)
(* OneValuePerBallot and SafeAt(b, v) are kept.  TPaxos refines it (see    *)
(* module TPaxosWithVotes).                                                *)
(*                                                                         *)
(* Reconstructed: the paper EXTENDS Integers, FiniteSets, TLAPS; TLAPS is  *)
(* the proof-system module, not shipped with TLC and unused here since no  *)
(* proof is given, so it is left out.                                      *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS Value, Acceptor, Quorum

ASSUME QuorumAssumption == /\ \A Q \in Quorum : Q \subseteq Acceptor
                           /\ \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}

Ballot == Nat

VARIABLES votes,   \* votes[a]: the set of <<ballot, value>> votes cast by a
          maxBal   \* maxBal[a]: a will not vote in any ballot below maxBal[a]

TypeOK == /\ votes \in [Acceptor -> SUBSET (Ballot \X Value)]
          /\ maxBal \in [Acceptor -> Ballot \cup {-1}]

VotedFor(a, b, v) == <<b, v>> \in votes[a]

DidNotVoteAt(a, b) == \A v \in Value : ~ VotedFor(a, b, v)

(***************************************************************************)
(* Reconstructed: the OCR shows "maxBal[a] = b" in the first conjunct; the *)
(* comparison is \geq as in Lamport's Voting (OCR renders \geq as "=").    *)
(***************************************************************************)
ShowsSafeAt(Q, b, v) ==
  /\ \A a \in Q : maxBal[a] \geq b
  /\ \E c \in -1..(b-1) :
      /\ (c # -1) => \E a \in Q : VotedFor(a, c, v)
      /\ \A d \in (c+1)..(b-1), a \in Q : DidNotVoteAt(a, d)
-----------------------------------------------------------------------------
Init == /\ votes  = [a \in Acceptor |-> {}]
        /\ maxBal = [a \in Acceptor |-> -1]

(***************************************************************************)
(* a promises not to vote in any ballot below b.                           *)
(***************************************************************************)
IncreaseMaxBal(a, b) ==
  /\ b > maxBal[a]
  /\ maxBal' = [maxBal EXCEPT ![a] = b]
  /\ UNCHANGED votes

(***************************************************************************)
(* a votes for v in ballot b.  Reconstructed: "maxBal[a] < b" of the OCR   *)
(* is \leq (a may vote in the ballot it has promised).                     *)
(***************************************************************************)
VoteFor(a, b, v) ==
  /\ maxBal[a] \leq b                                 \* keeps the promise
  /\ \A vt \in votes[a] : vt[1] # b
  /\ \A c \in Acceptor \ {a} :
       \A vt \in votes[c] : (vt[1] = b) => (vt[2] = v)
  /\ \E Q \in Quorum : ShowsSafeAt(Q, b, v)           \* ensures SafeAt(b, v)
  /\ votes' = [votes EXCEPT ![a] = votes[a] \cup {<<b, v>>}]
  /\ maxBal' = [maxBal EXCEPT ![a] = b]               \* promise

Next == \E a \in Acceptor, b \in Ballot :
          \/ IncreaseMaxBal(a, b)
          \/ \E v \in Value : VoteFor(a, b, v)

Spec == Init /\ [][Next]_<<votes, maxBal>>
-----------------------------------------------------------------------------
CannotVoteAt(a, b) == /\ maxBal[a] > b
                      /\ DidNotVoteAt(a, b)

NoneOtherChoosableAt(b, v) ==
  \E Q \in Quorum :
    \A a \in Q : VotedFor(a, b, v) \/ CannotVoteAt(a, b)

(***************************************************************************)
(* The two invariants behind the correctness of Paxos: SafeAt and          *)
(* OneValuePerBallot together imply Consistency.                           *)
(***************************************************************************)
SafeAt(b, v) == \A c \in 0..(b-1) : NoneOtherChoosableAt(c, v)

OneValuePerBallot ==
  \A a1, a2 \in Acceptor, b \in Ballot, v1, v2 \in Value :
    VotedFor(a1, b, v1) /\ VotedFor(a2, b, v2) => (v1 = v2)
=============================================================================
