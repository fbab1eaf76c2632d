------------------------- MODULE TPaxosAPWithVotes -------------------------
(***************************************************************************)
(* TPaxosAP refines EagerVoting (TPaxos paper, section 4.2.3).             *)
(*                                                                         *)
(* Reconstructed: the paper does not print this module; it says only that  *)
(* the refinement mapping from TPaxosAP to EagerVoting is the same as the  *)
(* one from TPaxos to Voting.  So it is derived from TPaxosAP exactly as   *)
(* TPaxosWithVotes is derived from TPaxos: the history variable votes      *)
(* records the votes cast in Accept and OnMessage, and EagerVoting's       *)
(* maxBal[p] is implemented by state[p][p].maxBal.  Voting cannot be the   *)
(* target here, since in TPaxosAP a participant may accept <<b, v>> and    *)
(* raise its maxBal above b in the same step.                              *)
(***************************************************************************)
EXTENDS TPaxosAP

VARIABLE votes  \* votes[q]: the set of votes cast by q \in Participant

varsV == <<vars, votes>>
-----------------------------------------------------------------------------
InitV ==
  /\ Init
  /\ votes = [q \in Participant |-> {}]

TypeOKV ==
  /\ votes \in [Participant -> SUBSET (Ballot \X Value)]
  /\ TypeOK
-----------------------------------------------------------------------------
PrepareV(p, b) ==
  /\ Prepare(p, b)
  /\ votes' = votes

AcceptV(p, b, v) ==
  /\ Accept(p, b, v)
  /\ votes' = [votes EXCEPT ![p] = @ \cup {<<b, v>>}]     \* the vote <<b, v>>

OnMessageV(q) ==
  /\ OnMessage(q)
  /\ IF state'[q][q].maxVBal # state[q][q].maxVBal        \* q has voted
     THEN votes' = [votes EXCEPT ![q] = @ \cup
                      {<<state'[q][q].maxVBal, state'[q][q].maxVVal>>}]
     ELSE UNCHANGED votes

NextV == \E p \in Participant :
           \/ OnMessageV(p)
           \/ \E b \in Ballot :
                \/ PrepareV(p, b)
                \/ \E v \in Value : AcceptV(p, b, v)

SpecV == InitV /\ [][NextV]_varsV
-----------------------------------------------------------------------------
(***************************************************************************)
(* The refinement mapping.                                                 *)
(***************************************************************************)
maxBal == [p \in Participant |-> state[p][p].maxBal]

V == INSTANCE EagerVoting WITH Acceptor <- Participant,
                               votes <- votes, maxBal <- maxBal

THEOREM SpecV => V!Spec
=============================================================================
