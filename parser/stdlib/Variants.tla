------------------------------- MODULE Variants -----------------------------
(***************************************************************************)
(* tlatrace's rendition of the module Variants (from the Apalache model    *)
(* checker), written for tlatrace.  Its public operators (names, arities,  *)
(* LOCAL-ness) are those of the original, and the file is checked against  *)
(* SANY.                                                                   *)
(*                                                                         *)
(* Variants (tagged unions): a value tagged "Tag" is represented, untyped, *)
(* as the one-field function [t \in {"Tag"} |-> value].                    *)
(***************************************************************************)

\* The value of the unit type (for tags that carry no value).
UNIT == "U_OF_UNIT"

\* __value tagged with the string __tagName.
Variant(__tagName, __value) == [__t \in {__tagName} |-> __value]

\* The values carried by the elements of __S that are tagged __tagName.
VariantFilter(__tagName, __S) ==
  {__v[__tagName] : __v \in {__w \in __S : __tagName \in DOMAIN __w}}

\* The tag of a variant.
VariantTag(__variant) == CHOOSE __tag \in DOMAIN __variant : TRUE

\* The value carried by __variant if its tag is __tagName, otherwise
\* __defaultValue.
VariantGetOrElse(__tagName, __variant, __defaultValue) ==
  IF __tagName \in DOMAIN __variant THEN __variant[__tagName]
                                     ELSE __defaultValue

\* The value carried by __variant, which should be tagged __tagName.
VariantGetUnsafe(__tagName, __variant) == __variant[__tagName]

=============================================================================
