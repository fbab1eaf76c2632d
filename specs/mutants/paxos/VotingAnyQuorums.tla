-------------------------- MODULE VotingAnyQuorums --------------------------
(***************************************************************************)
(* MUTANT of ../../paxos/Voting.tla (a copy of it, module renamed): the    *)
(* quorum assumption no longer requires that any two quorums intersect.    *)
(* Seed 002: "The Voting algorithm [...] do[es] not satisfy consensus      *)
(* without that assumption."  Everything else is unchanged; the instance   *)
(* C == INSTANCE Consensus is found in ../../paxos (run with               *)
(* `--lib ../../paxos`, or TLC's -DTLA-Library=../../paxos).               *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS Value,     \* The set of values that can be chosen.
          Acceptor,  \* The set of acceptors.
          Quorum     \* The set of quorums.

\* MUTATION: the second conjunct (any two quorums intersect) is dropped.
ASSUME QuorumAssumption == \A Q \in Quorum : Q \subseteq Acceptor

THEOREM QuorumNonEmpty == \A Q \in Quorum : Q # {}

(***************************************************************************)
(* Ballot numbers are the natural numbers; -1 stands for "no ballot".      *)
(***************************************************************************)
Ballot == Nat

-----------------------------------------------------------------------------
VARIABLES votes,   \* votes[a] is the set of votes cast by acceptor a: a vote
                   \* is a <<ballot, value>> pair.
          maxBal   \* maxBal[a] is the ballot number such that a will never
                   \* again vote in a lower-numbered ballot.

TypeOK == /\ votes \in [Acceptor -> SUBSET (Ballot \X Value)]
          /\ maxBal \in [Acceptor -> Ballot \cup {-1}]

VotedFor(a, b, v) == <<b, v>> \in votes[a]

(***************************************************************************)
(* Value v is chosen in ballot b iff every acceptor of some quorum voted   *)
(* for v in ballot b.  This is the refinement of the variable `chosen' of  *)
(* module Consensus.                                                       *)
(***************************************************************************)
ChosenAt(b, v) == \E Q \in Quorum : \A a \in Q : VotedFor(a, b, v)

chosen == {v \in Value : \E b \in Ballot : ChosenAt(b, v)}

DidNotVoteAt(a, b) == \A v \in Value : ~ VotedFor(a, b, v)

CannotVoteAt(a, b) == /\ maxBal[a] > b
                      /\ DidNotVoteAt(a, b)

NoneOtherChoosableAt(b, v) ==
   \E Q \in Quorum :
     \A a \in Q : VotedFor(a, b, v) \/ CannotVoteAt(a, b)

SafeAt(b, v) == \A c \in 0..(b-1) : NoneOtherChoosableAt(c, v)

(***************************************************************************)
(* ShowsSafeAt(Q, b, v) is true when the state of the acceptors of quorum  *)
(* Q shows that v is safe at ballot b.                                     *)
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
(* Acceptor a promises not to vote in any ballot numbered less than b.     *)
(***************************************************************************)
IncreaseMaxBal(a, b) ==
  /\ b > maxBal[a]
  /\ maxBal' = [maxBal EXCEPT ![a] = b]
  /\ UNCHANGED votes

(***************************************************************************)
(* Acceptor a votes for v in ballot b.                                     *)
(***************************************************************************)
VoteFor(a, b, v) ==
    /\ maxBal[a] \leq b
    /\ \A vt \in votes[a] : vt[1] # b
    /\ \A c \in Acceptor \ {a} :
         \A vt \in votes[c] : (vt[1] = b) => (vt[2] = v)
    /\ \E Q \in Quorum : ShowsSafeAt(Q, b, v)
    /\ votes' = [votes EXCEPT ![a] = @ \cup {<<b, v>>}]
    /\ maxBal' = [maxBal EXCEPT ![a] = b]

Next == \E a \in Acceptor, b \in Ballot :
            \/ IncreaseMaxBal(a, b)
            \/ \E v \in Value : VoteFor(a, b, v)

Spec == Init /\ [][Next]_<<votes, maxBal>>
-----------------------------------------------------------------------------
(***************************************************************************)
(* The inductive invariant.                                                *)
(***************************************************************************)
VotesSafe == \A a \in Acceptor, b \in Ballot, v \in Value :
                 VotedFor(a, b, v) => SafeAt(b, v)

OneValuePerBallot ==
    \A a1, a2 \in Acceptor, b \in Ballot, v1, v2 \in Value :
       VotedFor(a1, b, v1) /\ VotedFor(a2, b, v2) => (v1 = v2)

Inv == TypeOK /\ VotesSafe /\ OneValuePerBallot

THEOREM AllSafeAtZero == \A v \in Value : SafeAt(0, v)

THEOREM ChoosableThm ==
          \A b \in Ballot, v \in Value :
             ChosenAt(b, v) => NoneOtherChoosableAt(b, v)

THEOREM OneVote == TypeOK /\ OneValuePerBallot =>
                    \A a \in Acceptor, b \in Ballot, v, w \in Value :
                        VotedFor(a, b, v) /\ VotedFor(a, b, w) => (v = w)

THEOREM VotesSafeImpliesConsistency ==
          TypeOK /\ VotesSafe /\ OneValuePerBallot =>
             \/ chosen = {}
             \/ \E v \in Value : chosen = {v}

THEOREM ShowsSafety ==
          TypeOK /\ VotesSafe /\ OneValuePerBallot =>
             \A Q \in Quorum, b \in Ballot, v \in Value :
               ShowsSafeAt(Q, b, v) => SafeAt(b, v)

THEOREM Invariance == Spec => []Inv
-----------------------------------------------------------------------------
(***************************************************************************)
(* Voting implements Consensus under the refinement mapping that maps the  *)
(* variable chosen of Consensus to the expression chosen defined above     *)
(* (the substitutions Value <- Value, chosen <- chosen are implicit).      *)
(***************************************************************************)
C == INSTANCE Consensus

THEOREM Implementation == Spec => C!Spec
=============================================================================
