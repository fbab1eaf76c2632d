-------------------------- MODULE TPaxosWithVotes ---------------------------
(***************************************************************************)
(* TPaxos refines Voting (TPaxos paper, section 4.1).  TPaxos forgets the  *)
(* votes a participant has cast (state[p][p] only keeps the last one), so  *)
(* the history variable votes records them: Accept(p, b, v) adds <<b, v>>  *)
(* to votes[p], and OnMessage(q) adds q's new vote when it changes         *)
(* state[q][q].maxVBal.  Voting's maxBal[p] is implemented by              *)
(* state[p][p].maxBal.                                                     *)
(***************************************************************************)
EXTENDS TPaxos

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

(***************************************************************************)
(* Reconstructed: OCR rendered @ as "Q" in the EXCEPT clauses below.       *)
(***************************************************************************)
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

V == INSTANCE Voting WITH Acceptor <- Participant,
                          votes <- votes, maxBal <- maxBal

THEOREM SpecV => V!Spec
=============================================================================
