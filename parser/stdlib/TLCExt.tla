------------------------------- MODULE TLCExt -------------------------------
(***************************************************************************)
(* tlatrace's rendition of TLC's standard module TLCExt, written for       *)
(* tlatrace.  Its public operators (names, arities, LOCAL-ness) are those  *)
(* of the original, and the file is checked against SANY.                 *)
(*                                                                         *)
(* Most of these operators inspect or steer the model checker itself and   *)
(* are evaluated natively by tlatrace.                                     *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers
LOCAL INSTANCE FiniteSets
-----------------------------------------------------------------------------

\* Logically the same as  a = b ; when the values differ, both are printed.
AssertEq(a, b) ==
  \/ a = b
  \/ /\ PrintT("Assertion failed")
     /\ PrintT(a)
     /\ PrintT(b)
     /\ FALSE

(* Built in: implemented natively by tlatrace. *)
\* Checks the error raised by evaluating exp: if that evaluation fails, its
\* error message must be err (an assertion failure is reported otherwise).
AssertError(err, exp) ==
  LET Failed   == CHOOSE failed \in BOOLEAN : TRUE   \* did exp fail?
      Message  == CHOOSE msg \in STRING : TRUE      \* its error message
  IN  Failed => Assert(Message = err, Message)
-----------------------------------------------------------------------------

(* Built in: implemented natively by tlatrace. *)
\* TLCGet(key) when register key has been set, defaultVal otherwise.
TLCGetOrDefault(key, defaultVal) == CHOOSE v : TRUE

(* Built in: implemented natively by tlatrace. *)
\* Equals the old value of register key (defaultVal if it is unset) and
\* sets the register to Op(old value, val).
TLCGetAndSet(key, Op(_, _), val, defaultVal) ==
  LET old == TLCGetOrDefault(key, defaultVal)
  IN  CHOOSE v \in {old} : TLCSet(key, Op(old, val))
-----------------------------------------------------------------------------

(* Built in: implemented natively by tlatrace. *)
\* The states of the current behaviour, from an initial state up to the
\* current state, as a sequence of records indexed by variable names.
Trace == CHOOSE states : TRUE

(* Built in: implemented natively by tlatrace. *)
\* In a POSTCONDITION: the violation found, as a graph
\*   [state |-> a set of <<index, state>> pairs,
\*    action |-> a set of <<<<i, s>>, action, <<j, t>>>> triples].
\* Both sets are empty when no violation was found.
CounterExample == CHOOSE graph : TRUE

(* Built in: implemented natively by tlatrace. *)
\* The states of counter-example CE as a sequence ordered by their index.
ToTrace(CE) ==
  [i \in 1..Cardinality(CE.state) |-> CHOOSE st : <<i, st>> \in CE.state]
-----------------------------------------------------------------------------

(* Built in: implemented natively by tlatrace. *)
\* A model value whose name is the string str (typed if str is "T_...").
TLCModelValue(str) == CHOOSE mv : ToString(mv) = str

(* Built in: implemented natively by tlatrace. *)
\* Equals TRUE; evaluation of expression is postponed until a successor
\* state has been chosen (in simulation), or skipped.
TLCDefer(expression) == TRUE
-----------------------------------------------------------------------------

\* Does nothing: equals val.  (A hook for debugging the evaluator.)
TLCNoOp(val) == val

(* Built in: implemented natively by tlatrace. *)
\* As an action constraint: lets the user pick successor states
\* interactively whenever exp is FALSE.  Equals TRUE otherwise.
PickSuccessor(exp) == exp \/ CHOOSE answer \in BOOLEAN : TRUE
-----------------------------------------------------------------------------

\* Equals expression; an evaluator may reuse an earlier result obtained for
\* an equal value of closure.
TLCCache(expression, closure) == expression

(* Built in: implemented natively by tlatrace. *)
\* The (32-bit) fingerprint the model checker computes for the value var.
TLCFP(var) == CHOOSE fp \in Int : TRUE
-----------------------------------------------------------------------------

(* Built in: implemented natively by tlatrace. *)
\* The value of the definition whose name is the string definitionName.
TLCEvalDefinition(definitionName) == CHOOSE value : TRUE

=============================================================================
