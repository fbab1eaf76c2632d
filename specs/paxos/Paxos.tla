------------------------------- MODULE Paxos --------------------------------
(***************************************************************************)
(* A high-level specification of the Paxos consensus algorithm.  It        *)
(* refines the spec in module Voting.  Acceptors communicate by sending    *)
(* messages; there is conceptually a separate leader for each ballot       *)
(* number ("leader" is a role: a real leader process plays the leader      *)
(* role of infinitely many ballots).                                       *)
(*                                                                         *)
(* This is the Paxos consensus algorithm, the crucial component of the     *)
(* Paxos (MultiPaxos) algorithm that implements a state machine with a     *)
(* sequence of instances of consensus.                                     *)
(***************************************************************************)
EXTENDS Integers

(***************************************************************************)
(* The constants and the assumption about them are the same as in Voting.  *)
(* The second conjunct (any two quorums intersect) is not needed for Paxos *)
(* to implement Voting; Voting does not satisfy consensus without it.      *)
(***************************************************************************)
CONSTANTS Value, Acceptor, Quorum

ASSUME QuorumAssumption == /\ \A Q \in Quorum : Q \subseteq Acceptor
                           /\ \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}

Ballot == Nat

(***************************************************************************)
(* An unspecified value that is not a ballot number.                       *)
(***************************************************************************)
None == CHOOSE v : v \notin Ballot

(***************************************************************************)
(* The set of all possible messages.  [type : {"1a"}, bal : Ballot] is the *)
(* set of all records [type |-> "1a", bal |-> b] with b \in Ballot.        *)
(*                                                                         *)
(* Reconstructed: seed 002 lost the body of Message; it is rebuilt from    *)
(* the Message definition of seed 004 (section 1.4.1) and the records      *)
(* sent by the actions below.                                              *)
(***************************************************************************)
Message ==      [type : {"1a"}, bal : Ballot]
           \cup [type : {"1b"}, acc : Acceptor, bal : Ballot,
                 mbal : Ballot \cup {-1}, mval : Value \cup {None}]
           \cup [type : {"2a"}, bal : Ballot, val : Value]
           \cup [type : {"2b"}, acc : Acceptor, bal : Ballot, val : Value]
-----------------------------------------------------------------------------
(***************************************************************************)
(* Reconstructed: the variable declarations and their comments were        *)
(* mangled in seed 002 ("maxVBal, mmaxVBal, ..."); rebuilt from the        *)
(* surviving comments and from seed 004 (which renames maxVal maxVVal).    *)
(***************************************************************************)
VARIABLES maxBal,  \* Same as the variable of that name in Voting.
          maxVBal, \* <<maxVBal[a], maxVal[a]>> is the vote with the largest
          maxVal,  \* ballot number cast by a; it equals <<-1, None>> if a
                   \* has not cast any vote.
          msgs     \* The set of all messages that have been sent.

(***************************************************************************)
(* Messages are added to msgs when they are sent and never removed: a      *)
(* message is broadcast by adding one copy to msgs, receiving it twice is  *)
(* possible, and a lost message is one that is never received.             *)
(***************************************************************************)
vars == <<maxBal, maxVBal, maxVal, msgs>>

(***************************************************************************)
(* Reconstructed: TypeOK and Init are not in seed 002; written after seed  *)
(* 004, section 1.4.1, with maxVVal renamed maxVal.                        *)
(***************************************************************************)
TypeOK == /\ maxBal  \in [Acceptor -> Ballot \cup {-1}]
          /\ maxVBal \in [Acceptor -> Ballot \cup {-1}]
          /\ maxVal  \in [Acceptor -> Value \cup {None}]
          /\ msgs \subseteq Message

Init == /\ maxBal  = [a \in Acceptor |-> -1]
        /\ maxVBal = [a \in Acceptor |-> -1]
        /\ maxVal  = [a \in Acceptor |-> None]
        /\ msgs = {}

Send(m) == msgs' = msgs \cup {m}
-----------------------------------------------------------------------------
(***************************************************************************)
(* The ballot b leader sends to all acceptors a phase 1a message that      *)
(* begins ballot b.  Sending it a second time is a stuttering step.        *)
(***************************************************************************)
Phase1a(b) == /\ Send([type |-> "1a", bal |-> b])
              /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

(***************************************************************************)
(* Upon receipt of a ballot b phase 1a message, acceptor a with            *)
(* b > maxBal[a] sets maxBal[a] to b and replies with its last vote.  This *)
(* implements IncreaseMaxBal(a, b) of Voting.                              *)
(***************************************************************************)
Phase1b(a) ==
  /\ \E m \in msgs :
        /\ m.type = "1a"
        /\ m.bal > maxBal[a]
        /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
        /\ Send([type |-> "1b", acc |-> a, bal |-> m.bal,
                 mbal |-> maxVBal[a], mval |-> maxVal[a]])
  /\ UNCHANGED <<maxVBal, maxVal>>

(***************************************************************************)
(* The ballot b leader asks the acceptors to vote for v in ballot b.  The  *)
(* first conjunct allows at most one phase 2a message per ballot; the      *)
(* second, the heart of the algorithm, checks ShowsSafeAt(Q, b, v) of      *)
(* Voting from the phase 1b messages of a quorum Q.                        *)
(***************************************************************************)
Phase2a(b, v) ==
  /\ ~ \E m \in msgs : m.type = "2a" /\ m.bal = b
  /\ \E Q \in Quorum :
        LET Q1b  == {m \in msgs : /\ m.type = "1b"
                                  /\ m.acc \in Q
                                  /\ m.bal = b}
            Q1bv == {m \in Q1b : m.mbal \geq 0}
        IN  /\ \A a \in Q : \E m \in Q1b : m.acc = a
            /\ \/ Q1bv = {}
               \/ \E m \in Q1bv :
                    /\ m.mval = v
                    /\ \A mm \in Q1bv : m.mbal \geq mm.mbal
  /\ Send([type |-> "2a", bal |-> b, val |-> v])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

(***************************************************************************)
(* Acceptor a votes for m.val in ballot m.bal iff m.bal \geq maxBal[a].    *)
(* Reconstructed: seed 002 lost the comparison ("m.bal maxBal[a]"); the    *)
(* formula below it has \geq.                                              *)
(***************************************************************************)
Phase2b(a) ==
  \E m \in msgs :
    /\ m.type = "2a"
    /\ m.bal \geq maxBal[a]
    /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
    /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
    /\ maxVal' = [maxVal EXCEPT ![a] = m.val]
    /\ Send([type |-> "2b", acc |-> a,
             bal |-> m.bal, val |-> m.val])

(***************************************************************************)
(* Reconstructed: the disjunction bullets of Next were mangled to \forall  *)
(* in seed 002; rebuilt after seed 004 (section 1.4.4).                    *)
(***************************************************************************)
Next == \/ \E b \in Ballot : \/ Phase1a(b)
                             \/ \E v \in Value : Phase2a(b, v)
        \/ \E a \in Acceptor : Phase1b(a) \/ Phase2b(a)

Spec == Init /\ [][Next]_vars
-----------------------------------------------------------------------------
(***************************************************************************)
(* votes[a] is the set of <<b, v>> pairs such that a has voted for v in    *)
(* ballot b, i.e. has sent the corresponding phase 2b message.  Paxos      *)
(* implements Voting by implementing Voting's votes with this expression   *)
(* and Voting's maxBal with the variable of the same name.                 *)
(***************************************************************************)
votes ==
  [a \in Acceptor |->
     {<<m.bal, m.val>> : m \in {mm \in msgs : /\ mm.type = "2b"
                                              /\ mm.acc = a }}]

(***************************************************************************)
(* The redundant clause                                                    *)
(*   WITH votes <- votes, maxBal <- maxBal,                                *)
(*        Value <- Value, Acceptor <- Acceptor, Quorum <- Quorum           *)
(* is omitted.                                                             *)
(***************************************************************************)
V == INSTANCE Voting

(***************************************************************************)
(* The inductive invariant; it is defined after the INSTANCE because it    *)
(* uses V!ShowsSafeAt.                                                     *)
(***************************************************************************)
Inv ==
  /\ TypeOK
  /\ \A a \in Acceptor : maxBal[a] \geq maxVBal[a]
  /\ \A a \in Acceptor : IF maxVBal[a] = -1
                           THEN maxVal[a] = None
                           ELSE <<maxVBal[a], maxVal[a]>> \in votes[a]
  /\ \A m \in msgs :
       /\ (m.type = "1b") => /\ maxBal[m.acc] \geq m.bal
                             /\ (m.mbal \geq 0) =>
                                  <<m.mbal, m.mval>> \in votes[m.acc]
       /\ (m.type = "2a") => /\ \E Q \in Quorum :
                                   V!ShowsSafeAt(Q, m.bal, m.val)
                             /\ \A mm \in msgs : /\ mm.type = "2a"
                                                 /\ mm.bal = m.bal
                                                 => mm.val = m.val
       /\ (m.type = "2b") => /\ maxVBal[m.acc] \geq m.bal
                             /\ \E mm \in msgs : /\ mm.type = "2a"
                                                 /\ mm.bal  = m.bal
                                                 /\ mm.val  = m.val

(***************************************************************************)
(* Inv is an invariant of Paxos, and Paxos implements Voting.              *)
(***************************************************************************)
THEOREM Invariance == Spec => []Inv

THEOREM Implementation == Spec => V!Spec

(***************************************************************************)
(* The ASSUME of this module implies the instantiated ASSUME of Voting, so *)
(* the theorem V!Implementation imported from Voting holds here:           *)
(*    V!Implementation == V!Spec => V!C!Spec                               *)
(* Reconstructed: seed 002 writes it as THEOREM V!Implementation == ...,   *)
(* which is not a legal theorem name; it is stated as an unnamed theorem.  *)
(***************************************************************************)
THEOREM V!Spec => V!C!Spec

(***************************************************************************)
(* Together, Implementation and V!Implementation imply that Paxos          *)
(* implements Consensus with chosen implemented by V!chosen.               *)
(***************************************************************************)
THEOREM Spec => V!C!Spec
=============================================================================
