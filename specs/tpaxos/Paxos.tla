------------------------------- MODULE Paxos --------------------------------
(***************************************************************************)
(* Paxos as given in the TPaxos paper (section 1.4): Lamport's Paxos       *)
(* consensus algorithm, with the variable maxVal renamed maxVVal to match  *)
(* maxVBal.  Messages are kept in the set msgs and never removed.          *)
(***************************************************************************)
EXTENDS Integers

CONSTANTS Value,     \* the set of values that can be proposed
          Acceptor,  \* the set of acceptors
          Quorum     \* the set of quorums

ASSUME QuorumAssumption == /\ \A Q \in Quorum : Q \subseteq Acceptor
                           /\ \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}

Ballot == Nat

None == CHOOSE v : v \notin Value    \* a value that is not in Value

Message ==      [type : {"1a"}, bal : Ballot]
           \cup [type : {"1b"}, acc : Acceptor, bal : Ballot,
                 mbal : Ballot \cup {-1}, mval : Value \cup {None}]
           \cup [type : {"2a"}, bal : Ballot, val : Value]
           \cup [type : {"2b"}, acc : Acceptor, bal : Ballot, val : Value]
-----------------------------------------------------------------------------
VARIABLES maxBal,   \* maxBal[a]: the largest ballot a has seen
          maxVBal,  \* <<maxVBal[a], maxVVal[a]>>: the vote with the largest
          maxVVal,  \* ballot cast by a, <<-1, None>> if a has not voted
          msgs      \* the set of messages that have been sent

vars == <<maxBal, maxVBal, maxVVal, msgs>>

(***************************************************************************)
(* Reconstructed: OCR rendered \in and |-> as stray symbols.               *)
(***************************************************************************)
TypeOK == /\ maxBal  \in [Acceptor -> Ballot \cup {-1}]
          /\ maxVBal \in [Acceptor -> Ballot \cup {-1}]
          /\ maxVVal \in [Acceptor -> Value \cup {None}]
          /\ msgs \subseteq Message

Init == /\ maxBal  = [a \in Acceptor |-> -1]
        /\ maxVBal = [a \in Acceptor |-> -1]
        /\ maxVVal = [a \in Acceptor |-> None]
        /\ msgs = {}

Send(m) == msgs' = msgs \cup {m}
-----------------------------------------------------------------------------
(***************************************************************************)
(* The leader of ballot b sends a "1a" (Prepare) message.                  *)
(***************************************************************************)
Phase1a(b) == /\ Send([type |-> "1a", bal |-> b])
              /\ UNCHANGED <<maxBal, maxVBal, maxVVal>>

(***************************************************************************)
(* On a "1a" message of ballot b > maxBal[a], acceptor a sets maxBal[a] to *)
(* b and answers with its last vote <<maxVBal[a], maxVVal[a]>>.            *)
(***************************************************************************)
Phase1b(a) ==
  /\ \E m \in msgs :
       /\ m.type = "1a"
       /\ m.bal > maxBal[a]
       /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
       /\ Send([type |-> "1b", acc |-> a, bal |-> m.bal,
                mbal |-> maxVBal[a], mval |-> maxVVal[a]])
  /\ UNCHANGED <<maxVBal, maxVVal>>

(***************************************************************************)
(* The leader of ballot b asks to vote for v in ballot b: (i) no "2a"      *)
(* message of ballot b was sent; (ii) a quorum answered the Prepare of     *)
(* ballot b and v is safe at b.  Reconstructed: OCR rendered the two       *)
(* \geq of Q1bv and of the maximality test as "=".                         *)
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
  /\ UNCHANGED <<maxBal, maxVBal, maxVVal>>

(***************************************************************************)
(* On a "2a" message m with m.bal \geq maxBal[a], acceptor a votes for     *)
(* <<m.bal, m.val>>.  Reconstructed: "m.bal = maxBal[a]" of the OCR is     *)
(* \geq, as in Lamport's Paxos (OCR renders \geq as "=").                  *)
(***************************************************************************)
Phase2b(a) ==
  \E m \in msgs :
    /\ m.type = "2a"
    /\ m.bal \geq maxBal[a]
    /\ maxBal'  = [maxBal EXCEPT ![a] = m.bal]
    /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
    /\ maxVVal' = [maxVVal EXCEPT ![a] = m.val]
    /\ Send([type |-> "2b", acc |-> a,
             bal |-> m.bal, val |-> m.val])

Next == \/ \E b \in Ballot : \/ Phase1a(b)
                             \/ \E v \in Value : Phase2a(b, v)
        \/ \E a \in Acceptor : Phase1b(a) \/ Phase2b(a)

Spec == Init /\ [][Next]_vars
=============================================================================
