---------------------------- MODULE EagerVoting -----------------------------
(***************************************************************************)
(* EagerVoting (TPaxos paper, section 4.2.1): the voting algorithm that    *)
(* TPaxosAP refines.  It differs from Voting in one place only: when       *)
(* acceptor a votes for <<b, v>> in VoteFor(a, b, v), it may set maxBal[a] *)
(* to any ballot c \geq b, not only to b.  A VoteFor step of EagerVoting   *)
(* is thus a VoteFor step of Voting followed by IncreaseMaxBal(a, c).      *)
(***************************************************************************)
(***************************************************************************)
(* Reconstructed: the OCR reads "EXTENDS Sets", which is no standard       *)
(* module; the spec needs Integers (for -1, .., \geq) and FiniteSets, as   *)
(* Voting does.                                                            *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS Value, Acceptor, Quorum

ASSUME QuorumAssumption == /\ \A Q \in Quorum : Q \subseteq Acceptor
                           /\ \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}

Ballot == Nat

VARIABLES votes, maxBal

TypeOK == /\ votes \in [Acceptor -> SUBSET (Ballot \X Value)]
          /\ maxBal \in [Acceptor -> Ballot \cup {-1}]
-----------------------------------------------------------------------------
VotedFor(a, b, v) == <<b, v>> \in votes[a]

DidNotVoteAt(a, b) == \A v \in Value : ~ VotedFor(a, b, v)

(***************************************************************************)
(* Reconstructed: "maxBal[a] = b" of the OCR is \geq, as in Voting.        *)
(***************************************************************************)
ShowsSafeAt(Q, b, v) ==
  /\ \A a \in Q : maxBal[a] \geq b
  /\ \E c \in -1..(b-1) :
      /\ (c # -1) => \E a \in Q : VotedFor(a, c, v)
      /\ \A d \in (c+1)..(b-1), a \in Q : DidNotVoteAt(a, d)
-----------------------------------------------------------------------------
Init == /\ votes  = [a \in Acceptor |-> {}]
        /\ maxBal = [a \in Acceptor |-> -1]

IncreaseMaxBal(a, b) ==
  /\ maxBal[a] < b
  /\ maxBal' = [maxBal EXCEPT ![a] = b]     \* promise
  /\ UNCHANGED votes

(***************************************************************************)
(* The only difference from Voting: maxBal[a] becomes some c \geq b, not b *)
(* itself.  Reconstructed: OCR rendered \leq as "<" in the first conjunct  *)
(* and lost the comparison "c \geq b" ("ANc=b").                           *)
(***************************************************************************)
VoteFor(a, b, v) ==
  /\ maxBal[a] \leq b                                  \* keeps the promise
  /\ \A vt \in votes[a] : vt[1] # b
  /\ \A c \in Acceptor \ {a} :
       \A vt \in votes[c] : (vt[1] = b) => (vt[2] = v)
  /\ \E Q \in Quorum : ShowsSafeAt(Q, b, v)            \* <<b, v>> is safe
  /\ votes' = [votes EXCEPT ![a] = votes[a] \cup {<<b, v>>}]   \* vote
  /\ \E c \in Ballot :
       /\ c \geq b
       /\ maxBal' = [maxBal EXCEPT ![a] = c]           \* promise

Next ==
  \E a \in Acceptor, b \in Ballot :
    \/ IncreaseMaxBal(a, b)
    \/ \E v \in Value : VoteFor(a, b, v)

Spec == Init /\ [][Next]_<<votes, maxBal>>
=============================================================================
