-------------------------------- MODULE Option ------------------------------
(***************************************************************************)
(* tlatrace's rendition of the module Option (from the Apalache model      *)
(* checker), written for tlatrace.  Its public operators (names, arities,  *)
(* LOCAL-ness) are those of the original, and the file is checked against  *)
(* SANY.                                                                   *)
(*                                                                         *)
(* Option values built from variants: Some(v) or None.                     *)
(***************************************************************************)
EXTENDS Apalache, Variants

\* The option holding __x.
Some(__x) == Variant("Some", __x)

\* The empty option.
None == Variant("None", UNIT)

IsSome(__o) == VariantTag(__o) = "Some"

IsNone(__o) == VariantTag(__o) = "None"

\* __caseSome(v) if __o = Some(v), __caseNone(UNIT) if __o = None.
OptionCase(__o, __caseSome(_), __caseNone(_)) ==
  IF IsSome(__o) THEN __caseSome(VariantGetUnsafe("Some", __o))
                 ELSE __caseNone(UNIT)

\* Some(__f(v)) if __o = Some(v), None otherwise.
OptionMap(__f(_), __o) ==
  OptionCase(__o, LAMBDA __v : Some(__f(__v)), LAMBDA __u : None)

\* __f(v) if __o = Some(v), None otherwise.
OptionFlatMap(__f(_), __o) ==
  OptionCase(__o, LAMBDA __v : __f(__v), LAMBDA __u : None)

\* v if __o = Some(v), __default otherwise.
OptionGetOrElse(__o, __default) ==
  OptionCase(__o, LAMBDA __v : __v, LAMBDA __u : __default)

\* <<v>> if __o = Some(v), << >> otherwise.
OptionToSeq(__o) ==
  OptionCase(__o, LAMBDA __v : <<__v>>, LAMBDA __u : << >>)

\* {v} if __o = Some(v), {} otherwise.
OptionToSet(__o) ==
  OptionCase(__o, LAMBDA __v : {__v}, LAMBDA __u : {})

\* None if __s is empty, otherwise Some(x) for some element x of __s.
OptionGuess(__s) ==
  ApaFoldSet(LAMBDA __acc, __e : IF IsSome(__acc) THEN __acc ELSE Some(__e),
             None, __s)

\* Some(__f[v]) if __o = Some(v), None otherwise.
OptionFunApp(__f, __o) == OptionMap(LAMBDA __v : __f[__v], __o)

\* The function on DOMAIN __f \cup __undefined that maps the elements of
\* __undefined to None and every other x to Some(__f[x]).
OptionPartialFun(__f, __undefined) ==
  [__x \in DOMAIN __f \cup __undefined |->
     IF __x \in __undefined THEN None ELSE Some(__f[__x])]

=============================================================================
