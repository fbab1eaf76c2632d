------------------------------ MODULE RealTime ------------------------------
(***************************************************************************)
(* tlatrace's rendition of the standard module RealTime (Specifying        *)
(* Systems, chapter 9), written for tlatrace.  Its public names (names,    *)
(* arities, LOCAL-ness) are those of the original, and the file is checked *)
(* against SANY.                                                           *)
(***************************************************************************)
EXTENDS Reals
VARIABLE now   \* the current time, a real number

\* Action <<A>>_v must happen within E time units of becoming (and staying)
\* continuously enabled, and cannot happen until it has been so for D.
RTBound(A, v, D, E) ==
  LET \* timer t measures how long <<A>>_v has been continuously enabled
      Step(t) == t' = IF <<A>>_v \/ ~(ENABLED <<A>>_v)'
                        THEN 0
                        ELSE t + (now' - now)
      Clock(t)  == (t = 0) /\ [][Step(t)]_<<t, v, now>>
      Upper(t)  == [](t \leq E)
      Lower(t)  == [][A => t \geq D]_v
  IN  \EE t : Clock(t) /\ Upper(t) /\ Lower(t)
-----------------------------------------------------------------------------

\* now is a real number that only increases, without bound, and changes
\* only while v stays unchanged.
RTnow(v) ==
  LET Tick == /\ now' \in {r \in Real : r > now}
              /\ UNCHANGED v
  IN  /\ now \in Real
      /\ [][Tick]_now
      /\ \A r \in Real : WF_now(Tick /\ (now' > r))

=============================================================================
