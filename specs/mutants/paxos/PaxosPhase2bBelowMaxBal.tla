---------------------- MODULE PaxosPhase2bBelowMaxBal -----------------------
(***************************************************************************)
(* MUTANT of Paxos (module Paxos of ../../paxos, reused by EXTENDS): in    *)
(* Phase2b an acceptor also votes in the ballot just below the one it has  *)
(* promised, breaking its promise: the guard m.bal \geq maxBal[a] becomes  *)
(* m.bal + 1 \geq maxBal[a].  Next and Spec are rebuilt around the mutated *)
(* action (NextLow, SpecLow); TypeOK, Inv and V are those of Paxos.        *)
(***************************************************************************)
EXTENDS Paxos

Phase2bLow(a) ==
  \E m \in msgs :
    /\ m.type = "2a"
    /\ m.bal + 1 \geq maxBal[a]          \* MUTATION: was m.bal \geq maxBal[a]
    /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
    /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
    /\ maxVal' = [maxVal EXCEPT ![a] = m.val]
    /\ Send([type |-> "2b", acc |-> a,
             bal |-> m.bal, val |-> m.val])

NextLow == \/ \E b \in Ballot : \/ Phase1a(b)
                                \/ \E v \in Value : Phase2a(b, v)
           \/ \E a \in Acceptor : Phase1b(a) \/ Phase2bLow(a)

SpecLow == Init /\ [][NextLow]_vars
=============================================================================
