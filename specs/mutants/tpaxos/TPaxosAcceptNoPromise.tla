------------------------ MODULE TPaxosAcceptNoPromise -----------------------
(***************************************************************************)
(* MUTANT of TPaxosWithVotes (module of ../../tpaxos, reused by EXTENDS,   *)
(* with TPaxos under it): Accept(p, b, v) loses its guard                  *)
(* state[p][p].maxBal <= b, so p may vote in ballot b after promising a    *)
(* higher one.  AcceptNoPromise is Accept without that conjunct; NextV and *)
(* SpecV are rebuilt around it (NextVNoPromise, SpecVNoPromise).           *)
(*                                                                         *)
(* With 2 participants the mutation is invisible: the only quorum is       *)
(* {p1, p2}, and the next conjunct (state[p][q].maxBal = b for all q of a  *)
(* quorum) already implies state[p][p].maxBal = b, so TPaxos (2,2,2) gives *)
(* its usual 27,809 / 7,991 / 20 and no error.  With 3 participants a      *)
(* quorum {q, r} may leave p out, and p can vote in ballot b after         *)
(* preparing a higher ballot of its own (ballots 1..4: p has ballots 1 and *)
(* 4), which breaks the refinement of Voting (V!VoteFor needs              *)
(* maxBal[p] \leq b).                                                      *)
(***************************************************************************)
EXTENDS TPaxosWithVotes

AcceptNoPromise(p, b, v) ==
  /\ b \in Bals(p)
  \* MUTATION: the conjunct state[p][p].maxBal <= b is removed.
  /\ state[p][p].maxVBal # b
  /\ \E Q \in Quorum :
       \A q \in Q : state[p][q].maxBal = b
  /\ \/ \A q \in Participant : state[p][q].maxVBal = -1
     \/ \E q \in Participant :
          /\ state[p][q].maxVVal = v
          /\ \A r \in Participant : state[p][q].maxVBal >= state[p][r].maxVBal
  /\ state' = [state EXCEPT ![p][p].maxVBal = b,
                            ![p][p].maxVVal = v]
  /\ Send([from |-> p, to |-> Participant, state |-> state'[p]])

AcceptVNoPromise(p, b, v) ==
  /\ AcceptNoPromise(p, b, v)
  /\ votes' = [votes EXCEPT ![p] = @ \cup {<<b, v>>}]

NextVNoPromise == \E p \in Participant :
                    \/ OnMessageV(p)
                    \/ \E b \in Ballot :
                         \/ PrepareV(p, b)
                         \/ \E v \in Value : AcceptVNoPromise(p, b, v)

SpecVNoPromise == InitV /\ [][NextVNoPromise]_varsV
=============================================================================
