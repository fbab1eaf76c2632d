------------------------------ MODULE TPaxosAP ------------------------------
(***************************************************************************)
(* TPaxosAP ("accept before promise"), the variant of TPaxos proposed in   *)
(* the TPaxos paper (section 3.2).  It differs from TPaxos (module TPaxos) *)
(* only in UpdateState: on a message, participant q first accepts the      *)
(* proposal <<pp.maxVBal, pp.maxVVal>> if it does not break q's current    *)
(* promise state[q][q].maxBal, and only then promises (raises maxBal to    *)
(* pp.maxBal).  Everything else is as in TPaxos.                           *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

(***************************************************************************)
(* Reconstructed: the OCR lists a third constant "Quorum", but Quorum is   *)
(* defined below (majorities of Participant), so it is not declared.       *)
(***************************************************************************)
CONSTANTS Participant,  \* the set of participants (acceptors and proposers)
          Value         \* the set of values that can be proposed

None == CHOOSE b : b \notin Value    \* a value that is not in Value

NP == Cardinality(Participant)       \* the number of participants

(***************************************************************************)
(* Reconstructed: the comparison of the OCR ("* 2 %NP +1") is \geq.        *)
(***************************************************************************)
Quorum == {Q \in SUBSET Participant : Cardinality(Q) * 2 >= NP + 1}

ASSUME QuorumAssumption == /\ \A Q \in Quorum : Q \subseteq Participant
                           /\ \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}

Ballot == Nat

(***************************************************************************)
(* Reconstructed: the ELSE branch reads "7" in the OCR; it is n.           *)
(***************************************************************************)
Max(m, n) == IF m > n THEN m ELSE n

Injective(f) == \A a, b \in DOMAIN f : (a # b) => (f[a] # f[b])

(***************************************************************************)
(* Participants use disjoint sets of ballots: PIndex numbers the           *)
(* participants 1..NP, and participant p uses the ballots b with           *)
(* b % NP = PIndex[p] - 1.                                                 *)
(***************************************************************************)
PIndex == CHOOSE f \in [Participant -> 1 .. NP] : Injective(f)

(***************************************************************************)
(* Reconstructed: the OCR of the set-builder lost "b" before "% NP".       *)
(***************************************************************************)
Bals(p) == {b \in Ballot : b % NP = PIndex[p] - 1}  \* the ballots p may use
-----------------------------------------------------------------------------
State == [maxBal : Ballot \cup {-1},
          maxVBal : Ballot \cup {-1}, maxVVal : Value \cup {None}]

InitState == [maxBal |-> -1, maxVBal |-> -1, maxVVal |-> None]

(***************************************************************************)
(* The single message type: the sender, the set of participants it is      *)
(* (still) addressed to, and the sender's whole view.                      *)
(***************************************************************************)
Message == [from : Participant,
            to : SUBSET Participant, state : [Participant -> State]]
-----------------------------------------------------------------------------
VARIABLES
  state,  \* state[p][q]: the state of q from the view of p
  msgs    \* the set of messages that have been sent

vars == <<state, msgs>>

TypeOK == /\ state \in [Participant -> [Participant -> State]]
          /\ msgs \subseteq Message

Init == /\ state = [p \in Participant |-> [q \in Participant |-> InitState]]
        /\ msgs = {}

Send(m) == msgs' = msgs \cup {m}
-----------------------------------------------------------------------------
(***************************************************************************)
(* p prepares ballot b: it raises its own maxBal to b and sends its view   *)
(* (a Prepare request) to every participant, itself included.              *)
(* Prepare and Accept address their message to Participant (the OCR        *)
(* prints it so); this is the variant that yields the paper's TLC figures  *)
(* (Participant \ {p} yields 223 / 151 / 15 on the (2,2,2) model).         *)
(***************************************************************************)
Prepare(p, b) ==
  /\ b \in Bals(p)
  /\ state[p][p].maxBal < b
  /\ state' = [state EXCEPT ![p][p].maxBal = b]
  /\ Send([from |-> p, to |-> Participant, state |-> state'[p]])

(***************************************************************************)
(* q updates its state from pp, the state of p carried by a message from   *)
(* p (pp = m.state[p]).  It updates its view of p as in TPaxos; then it    *)
(* accepts the proposal <<pp.maxVBal, pp.maxVVal>> if that does not break  *)
(* the promise it had made before the message (state[q][q].maxBal), and    *)
(* finally promises pp.maxBal.  So q may accept <<b, v>> and at the same   *)
(* time raise its maxBal above b.                                          *)
(*                                                                         *)
(* Reconstructed: OCR rendered @ as "Q" and \leq as "<"; with a strict "<" *)
(* q could not accept a proposal of the ballot it has promised, so the     *)
(* acceptance test is state[q][q].maxBal \leq pp.maxVBal.                  *)
(***************************************************************************)
UpdateState(q, p, pp) ==
  state' = [state EXCEPT
             ![q][p].maxBal = Max(@, pp.maxBal),                \* view of p
             ![q][p].maxVBal = Max(@, pp.maxVBal),
             ![q][p].maxVVal = IF state[q][p].maxVBal < pp.maxVBal
                               THEN pp.maxVVal ELSE @,
             ![q][q].maxBal = Max(@, pp.maxBal),                \* promise
             ![q][q].maxVBal = IF state[q][q].maxBal <= pp.maxVBal \* accept
                               THEN pp.maxVBal ELSE @,
             ![q][q].maxVVal = IF state[q][q].maxBal <= pp.maxVBal \* accept
                               THEN pp.maxVVal ELSE @]

(***************************************************************************)
(* q receives a message m from p = m.from and updates its state.  q is     *)
(* removed from the addressees of m, and, if m shows that p's view of q is *)
(* out of date, q answers p with its own view.                             *)
(***************************************************************************)
OnMessage(q) ==
  \E m \in msgs :
    /\ q \in m.to
    /\ LET p == m.from
       IN  UpdateState(q, p, m.state[p])
    /\ LET qm == [from |-> m.from, to |-> m.to \ {q}, state |-> m.state]
           nm == [from |-> q, to |-> {m.from}, state |-> state'[q]] \* reply
       IN  IF \/ m.state[q].maxBal < state'[q][q].maxBal
              \/ m.state[q].maxVBal < state'[q][q].maxVBal
           THEN msgs' = (msgs \ {m}) \cup {qm, nm}
           ELSE msgs' = (msgs \ {m}) \cup {qm}

(***************************************************************************)
(* p proposes v in ballot b (b is a ballot p has prepared).  v is chosen   *)
(* as in Paxos: the proposal of highest ballot in p's view, or any value   *)
(* if p's view shows no proposal at all.                                   *)
(*                                                                         *)
(* Reconstructed: "state[p][p].maxBal < b" of the OCR is \leq (the text    *)
(* names it state[p][p].maxBal \leq b; p has raised its maxBal to b in     *)
(* Prepare(p, b)); "maxVBal = state[p][r].maxVBal" is \geq (the proposal   *)
(* of highest ballot).  "state[p][q].maxBal = b" is kept as printed (the   *)
(* text also says "="); \geq there is sound too and gives the same TLC     *)
(* figures on the (2,2,2) model.                                           *)
(***************************************************************************)
Accept(p, b, v) ==
  /\ b \in Bals(p)
  /\ state[p][p].maxBal <= b                 \* corresponds to the first
                                             \* conjunct of Voting!VoteFor
  /\ state[p][p].maxVBal # b                 \* the second conjunct
  /\ \E Q \in Quorum :                       \* a quorum has answered p's
       \A q \in Q : state[p][q].maxBal = b   \* Prepare(p, b)
  /\ \/ \A q \in Participant : state[p][q].maxVBal = -1      \* free to choose
     \/ \E q \in Participant :               \* the proposal of highest ballot
          /\ state[p][q].maxVVal = v
          /\ \A r \in Participant : state[p][q].maxVBal >= state[p][r].maxVBal
  /\ state' = [state EXCEPT ![p][p].maxVBal = b,
                            ![p][p].maxVVal = v]
  /\ Send([from |-> p, to |-> Participant, state |-> state'[p]])
-----------------------------------------------------------------------------
Next == \E p \in Participant :
          \/ OnMessage(p)
          \/ \E b \in Ballot :
               \/ Prepare(p, b)
               \/ \E v \in Value : Accept(p, b, v)

Spec == Init /\ [][Next]_vars
-----------------------------------------------------------------------------
(***************************************************************************)
(* Consistency.  Reconstructed: the paper checks an invariant named        *)
(* Consistency but its definition did not survive OCR.  Following the      *)
(* IsValueChosen function of the pseudocode (figure 2), participant p      *)
(* knows that v is chosen when its view shows a quorum that all accepted   *)
(* the same proposal <<b, v>>; Consistency says that no two participants   *)
(* ever know different values as chosen.                                   *)
(***************************************************************************)
ChosenAtP(p, b, v) ==
  \E Q \in Quorum : \A q \in Q : /\ state[p][q].maxVBal = b
                                 /\ state[p][q].maxVVal = v

ChosenP(p) == {v \in Value : \E b \in Ballot : ChosenAtP(p, b, v)}

chosen == UNION {ChosenP(p) : p \in Participant}

Consistency == \A v1, v2 \in chosen : v1 = v2

THEOREM Spec => []Consistency
-----------------------------------------------------------------------------
(***************************************************************************)
(* Liveness (section 5.2.2): if some participant p eventually keeps        *)
(* preparing and proposing in the largest ballot MaxBallot, and p belongs  *)
(* to a quorum Q whose members keep receiving messages, a value is         *)
(* eventually chosen.  Reconstructed: MaxBallot is not defined in the OCR; *)
(* it is the largest ballot (meaningful only in a model with finitely      *)
(* many ballots), and WF subscripts are vars.                              *)
(***************************************************************************)
MaxBallot == CHOOSE b \in Ballot : \A c \in Ballot : b >= c

Fairness ==
  \E p \in Participant :
    /\ MaxBallot \in Bals(p)
    /\ WF_vars(Prepare(p, MaxBallot))
    /\ \A v \in Value : WF_vars(Accept(p, MaxBallot, v))
    /\ \E Q \in Quorum :
         /\ p \in Q
         /\ \A q \in Q : WF_vars(OnMessage(q))

LSpec == Spec /\ Fairness

Liveness == <>(chosen # {})
=============================================================================
